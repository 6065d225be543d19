using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Tests.Features.RouteSheets;

/// <summary>The pure builder on plans made in memory (no database): the cases the store-backed tests do not reach.</summary>
public sealed class RouteSheetBuilderTests
{
    private static readonly DateOnly Sunday = new(2026, 11, 29);
    private static readonly GeoPoint StationPoint = new(105.8485, 21.4772);

    private static readonly Station Station = new(1, "Công an thành phố Sông Công", null, null, null, null, "Điểm thu nhận", StationPoint,
        "Phường Thắng Lợi", 3, 5, 45, 60, "song-cong", []);

    private static readonly Site CareCentre = new(10, 1, "Trung tâm Bảo trợ xã hội (minh họa)", SiteKind.CareCentre, new GeoPoint(105.872, 21.455), "05528", true, null);
    private static readonly Site Hamlet = new(11, 1, "Nhà văn hóa Xóm Lát Đá", SiteKind.VillageCulturalHouse, new GeoPoint(105.785, 21.52), "05530", true, null);

    [Fact]
    public void Build_TeamDay_VisitsWithCapturedPeopleSetupAndWhoMustBePresent()
    {
        // A mobile team's Sunday: the care centre in two visits (split over the morning, 25 then 20 residents), then home.
        var requests = new Dictionary<long, VisitRequest>
        {
            [100] = new(100, 1, CareCentre.Id, [new ApplicantGroup(ApplicantCategory.CareCentreResident, 45, null)], 30,
                [new AvailabilityWindow(Sunday, new TimeOnly(8, 0), new TimeOnly(11, 30))], RequiredPresence.Doctor | RequiredPresence.Relative, 4, null, 0.15,
                VisitRequestStatus.Open, "Chủ nhật: có bác sĩ và người thân"),
        };
        var stops = new List<PlanStop>
        {
            Row(0, StopKind.Start, null, null, "07:30", "07:30"),
            Row(1, StopKind.Visit, CareCentre.Id, 100, "07:50", "09:40", served: 25),
            Row(2, StopKind.Visit, CareCentre.Id, 100, "09:40", "11:20", served: 20),
            Row(3, StopKind.End, null, null, "11:45", "11:45"),
        };
        var content = Content(stops);
        var facts = Facts(new SheetResource(PlanResourceKind.Team, 7, "Tổ lưu động 1", null, null, VehicleProfile.Van, 3), requests, []);

        var sheet = RouteSheetBuilder.Build(content, new TripKey(5, PlanResourceKind.Team, 7, Sunday, 1), facts)!;

        // Two visits at one place stay two stops (each has its own capture count); start and end are the station.
        // The second goes on where the first set up: no second set-up.
        Assert.Equal(4, sheet.Stops.Count);
        Assert.Equal([25, 20], sheet.Stops.Where(s => s.Visit is not null).Select(s => s.Visit!.Served));
        Assert.Equal([(30, false), (0, true)], sheet.Stops.Where(s => s.Visit is not null).Select(s => (s.Visit!.SetupMinutes, s.Visit.ContinuesOnSite)));
        Assert.All(sheet.Stops.Where(s => s.Visit is not null), s =>
        {
            Assert.Equal(45, s.Visit!.Applicants);
            Assert.Equal(RequiredPresence.Doctor | RequiredPresence.Relative, s.Visit.Presence);
            Assert.Equal("Trung tâm Bảo trợ xã hội (minh họa)", s.Place.Name);
            Assert.True(s.Place.IsIllustrativePosition);
        });
        Assert.Equal("Điểm thu nhận", sheet.Stops[0].Place.Name);
        Assert.Equal(45, sheet.Totals.Served);
        Assert.Null(sheet.Totals.SeatCapacity);
        Assert.Null(sheet.Totals.Utilisation);
        Assert.Equal(110, sheet.Stops[1].DwellMinutes);
    }

    [Fact]
    public void Build_StopThatCapturesAndRetries_OneStopWithBothCountsByCategoryAndTheWait()
    {
        // Lát Đá in the evening: the team arrives 17:40, sets up 20 min (18:00), people are home from 18:15 (15 min
        // wait); the planner stores the stop as two rows with the same times, 30 first captures and 3 retries.
        var requests = new Dictionary<long, VisitRequest>
        {
            [200] = new(200, 1, Hamlet.Id, [new ApplicantGroup(ApplicantCategory.Age14Plus, 40, null), new ApplicantGroup(ApplicantCategory.Elderly, 20, null)], 20,
                [new AvailabilityWindow(Sunday, new TimeOnly(18, 15), new TimeOnly(20, 30))], RequiredPresence.VillageHead, 3, null, 0.05,
                VisitRequestStatus.Open, null, "Trưởng xóm Lát Đá", "0912000555"),
        };
        var capture = Row(1, StopKind.Visit, Hamlet.Id, 200, "17:40", "20:10", served: 30) with
        {
            ServedByCategory = new CategoryCounts(0, 22, 8, 0, 0), ServiceStart = HandBuiltPlans.Local(Sunday, "18:15"),
        };
        var stops = new List<PlanStop>
        {
            Row(0, StopKind.Start, null, null, "17:00", "17:00"),
            capture,
            capture with { Id = 9, Sequence = 2, ServedCount = 3, IsRepeatVisit = true, ServedByCategory = new CategoryCounts(0, 1, 2, 0, 0) },
            Row(3, StopKind.End, null, null, "20:45", "20:45"),
        };
        var facts = Facts(new SheetResource(PlanResourceKind.Team, 7, "Tổ lưu động 2", null, null, VehicleProfile.Motorbike, 3), requests, []);

        var sheet = RouteSheetBuilder.Build(Content(stops), new TripKey(5, PlanResourceKind.Team, 7, Sunday, 1), facts)!;

        Assert.Equal(3, sheet.Stops.Count);
        var visit = sheet.Stops[1].Visit!;
        Assert.Equal((30, 3), (visit.Served, visit.Repeats));
        Assert.Equal(new CategoryCounts(0, 22, 8, 0, 0), visit.Captured);
        Assert.Equal(new CategoryCounts(0, 1, 2, 0, 0), visit.RepeatCaptured);
        Assert.False(visit.IsRepeatOnly);
        Assert.Equal((20, false, "18:15"), (visit.SetupMinutes, visit.ContinuesOnSite, visit.CaptureStartsText));
        Assert.Equal(15, sheet.Stops[1].WaitMinutes);
        Assert.Equal(("Trưởng xóm Lát Đá", "0912 000 555"), (visit.ContactName, visit.ContactPhoneText));
        Assert.Equal(2, sheet.Stops[1].Rows.Count);
        Assert.Equal((30, 3, 1), (sheet.Totals.Served, sheet.Totals.Repeats, sheet.Totals.Visits));
    }

    [Theory]
    [InlineData("vi", "Về trụ sở giữa hai điểm", "Về trụ sở 11:45 · Rời trụ sở 16:40 (4 giờ 55 phút tại trụ sở)")]
    [InlineData("en", "Back at the station between visits", "Back at the station 11:45 · Leave the station 16:40 (4 h 55 min at the station)")]
    public void Build_TeamBackAtTheStationBetweenVisits_OneStopWithBackAndLeaveTimes(string culture, string label, string line)
    {
        // The planner sends the team back across a long gap: a bedridden man at 10:45, the hamlet at 17:30. Stored:
        // start 10:00, home 10:30-11:15 (capture from 10:45), station 11:45-16:40, hamlet 17:10-18:50 (capture from
        // 17:30, set up again: the kit was packed), back 19:20.
        var requests = new Dictionary<long, VisitRequest>
        {
            [300] = new(300, 1, CareCentre.Id, [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 1, null)], 15, [], RequiredPresence.Relative, 5, null, 0.3,
                VisitRequestStatus.Open, null),
            [301] = new(301, 1, Hamlet.Id, [new ApplicantGroup(ApplicantCategory.Age14Plus, 10, null)], 20, [], RequiredPresence.VillageHead, 3, null, 0.05,
                VisitRequestStatus.Open, null),
        };
        var stops = new List<PlanStop>
        {
            Row(0, StopKind.Start, null, null, "10:00", "10:00"),
            Row(1, StopKind.Visit, CareCentre.Id, 300, "10:30", "11:15", served: 1) with { ServiceStart = HandBuiltPlans.Local(Sunday, "10:45") },
            Row(2, StopKind.CollectionPoint, null, null, "11:45", "16:40"),
            Row(3, StopKind.Visit, Hamlet.Id, 301, "17:10", "18:50", served: 10) with { ServiceStart = HandBuiltPlans.Local(Sunday, "17:30") },
            Row(4, StopKind.End, null, null, "19:20", "19:20"),
        };
        var facts = Facts(new SheetResource(PlanResourceKind.Team, 7, "Tổ lưu động 3", null, null, VehicleProfile.Motorbike, 3), requests, []);

        var sheet = RouteSheetBuilder.Build(Content(stops), new TripKey(5, PlanResourceKind.Team, 7, Sunday, 1), facts)!;

        Assert.Equal(5, sheet.Stops.Count);
        Assert.Equal([false, false, true, false, false], sheet.Stops.Select(s => s.IsStationBreak));
        var station = sheet.Stops[2];
        Assert.Equal(("Điểm thu nhận", "11:45", "16:40"), (station.Place.Name, station.ArrivalText, station.DepartureText));
        var hamlet = sheet.Stops[3];
        Assert.Equal((20, false, 0), (hamlet.Visit!.SetupMinutes, hamlet.Visit.ContinuesOnSite, hamlet.WaitMinutes));
        Assert.Equal((11, 2), (sheet.Totals.Served, sheet.Totals.Visits));
        Assert.Equal(("10:00", "19:20"), (LocalTimeText(sheet.Departure), LocalTimeText(sheet.Return)));

        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var text = new SheetText(new StringLocalizer<RouteSheetResource>(
                new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));
            Assert.Equal(label, text.StopKind(sheet, station));
            Assert.Equal(line, text.StationBreak(station));
            Assert.Throws<ArgumentException>(() => text.StationBreak(hamlet));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Build_RepeatOnlyVisit_MarkedAsARepeat()
    {
        var requests = new Dictionary<long, VisitRequest>
        {
            [300] = new(300, 1, Hamlet.Id, [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 1, null)], 15, [], RequiredPresence.Relative, 5, null, 0.3,
                VisitRequestStatus.Open, null),
        };
        var stops = new List<PlanStop>
        {
            Row(0, StopKind.Start, null, null, "08:00", "08:00"),
            Row(1, StopKind.Visit, Hamlet.Id, 300, "08:30", "09:15", served: 1) with { IsRepeatVisit = true },
        };
        var facts = Facts(new SheetResource(PlanResourceKind.Team, 7, "Tổ lưu động 2", null, null, VehicleProfile.Motorbike, 3), requests, []);

        var visit = RouteSheetBuilder.Build(Content(stops), new TripKey(5, PlanResourceKind.Team, 7, Sunday, 1), facts)!.Stops[1].Visit!;

        // No split by category stored: none shown (rather than zeros); no service start stored: capture starts on arrival.
        Assert.True(visit.IsRepeatOnly);
        Assert.Equal((0, 1), (visit.Served, visit.Repeats));
        Assert.Null(visit.RepeatCaptured);
        Assert.Equal("08:30", visit.CaptureStartsText);
    }

    [Fact]
    public void Build_MovedAndCancelledBookings_StayOnThePublishedSheetMarkedOff()
    {
        var moved = Booking(1, Hamlet.Id, Sunday.AddDays(1), BookingStatus.Moved);
        var cancelled = Booking(2, Hamlet.Id, Sunday, BookingStatus.Cancelled);
        var kept = Booking(3, Hamlet.Id, Sunday, BookingStatus.Confirmed);
        var stops = new List<PlanStop>
        {
            Row(0, StopKind.Start, null, null, "07:00", "07:00", kind: PlanResourceKind.Vehicle),
            Row(1, StopKind.Pickup, Hamlet.Id, null, "07:25", "07:26", booking: 1, load: 2, on: 2, kind: PlanResourceKind.Vehicle),
            Row(2, StopKind.Pickup, Hamlet.Id, null, "07:26", "07:27", booking: 2, load: 4, on: 2, kind: PlanResourceKind.Vehicle),
            Row(3, StopKind.Pickup, Hamlet.Id, null, "07:27", "07:30", booking: 3, load: 6, on: 2, kind: PlanResourceKind.Vehicle),
        };
        var facts = Facts(new SheetResource(PlanResourceKind.Vehicle, 7, "Xe đón 1", null, 15, VehicleProfile.Van, 0), [], [moved, cancelled, kept]);

        var sheet = RouteSheetBuilder.Build(Content(stops), new TripKey(5, PlanResourceKind.Vehicle, 7, Sunday, 1), facts)!;

        // The three rows at Lát Đá are one stop; who is off and why is kept per family.
        Assert.Equal(2, sheet.Stops.Count);
        Assert.Equal([true, true, false], sheet.Stops[1].Boarding.Select(p => p.IsOff));
        Assert.Equal([BookingStatus.Moved, BookingStatus.Cancelled, BookingStatus.Confirmed], sheet.Stops[1].Boarding.Select(p => p.Status));
        Assert.Equal(6, sheet.Stops[1].BoardingCount);
        Assert.Equal("Xã Bình Sơn", sheet.Stops[1].Place.UnitName);
    }

    [Fact]
    public void Build_WrongPlanOrNoRows_Null()
    {
        var stops = new List<PlanStop> { Row(0, StopKind.Start, null, null, "07:00", "07:00", kind: PlanResourceKind.Vehicle) };
        var facts = Facts(new SheetResource(PlanResourceKind.Vehicle, 7, "Xe đón 1", null, 15, VehicleProfile.Van, 0), [], []);

        Assert.Null(RouteSheetBuilder.Build(Content(stops), new TripKey(6, PlanResourceKind.Vehicle, 7, Sunday, 1), facts));
        Assert.Null(RouteSheetBuilder.Build(Content(stops), new TripKey(5, PlanResourceKind.Vehicle, 7, Sunday, 2), facts));
        Assert.Null(RouteSheetBuilder.Build(Content(stops), new TripKey(5, PlanResourceKind.Team, 7, Sunday, 1), facts));
    }

    private static string LocalTimeText(DateTimeOffset at) => LocalTime.FormatTime(at);

    private static PlanContent Content(IReadOnlyList<PlanStop> stops) =>
        new(new Plan(5, 1, PlanKind.Visits, Sunday, Sunday, 1, PlanStatus.Published, default, default, "test"), stops, [], []);

    private static SheetFacts Facts(SheetResource resource, Dictionary<long, VisitRequest> requests, IReadOnlyList<Domain.Booking> bookings) => new(
        Station, resource, new Dictionary<long, Site> { [CareCentre.Id] = CareCentre, [Hamlet.Id] = Hamlet },
        bookings.ToDictionary(b => b.Id), requests, new Dictionary<string, string> { ["05530"] = "Xã Bình Sơn", ["05528"] = "Phường Bách Quang" });

    private static Domain.Booking Booking(long id, long siteId, DateOnly date, BookingStatus status) => new(
        id, $"CODE{id}A", 1, siteId, null, null, 1, 1, BookingNeeds.None, date, new TimeOnly(7, 0), $"Người {id}", "0912000111", "vi", status, default, default);

    private static PlanStop Row(int sequence, StopKind stopKind, long? siteId, long? visitId, string arrival, string departure,
        int served = 0, long? booking = null, int load = 0, int on = 0, PlanResourceKind kind = PlanResourceKind.Team) => new(
        sequence + 1, 5, kind, 7, Sunday, 1, sequence, stopKind, siteId, booking, visitId,
        HandBuiltPlans.Local(Sunday, arrival), HandBuiltPlans.Local(Sunday, departure), load, on, 0, served);
}
