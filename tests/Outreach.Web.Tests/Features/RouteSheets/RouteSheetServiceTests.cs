using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Features.VisitPlans;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

public sealed class RouteSheetServiceTests
{
    [Fact]
    public async Task GetAsync_OutboundTrip_StopsInOrderWithPeopleAndSeatsAfterEachStop()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var service = app.Services.GetRequiredService<RouteSheetService>();

        var sheet = await service.GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        // 8 plan rows become 4 stops: the two school rows are one stop, the three collection-point rows and the end are one.
        Assert.NotNull(sheet);
        Assert.Equal([1, 2, 3, 4], sheet.Stops.Select(s => s.Number));
        Assert.Equal(["Trụ sở UBND phường Xuân Hòa", "Trường Tiểu học Trần Quốc Thảo", "Hường", "Trụ sở UBND phường Xuân Hòa"], sheet.Stops.Select(s => s.Place.Name));
        Assert.Equal(["07:30", "07:40", "07:52", "08:05"], sheet.Stops.Select(s => s.ArrivalText));
        Assert.Equal([0, 4, 6, 0], sheet.Stops.Select(s => s.SeatsAfter));
        Assert.True(sheet.Stops[0].IsStart);
        Assert.True(sheet.Stops[3].IsEnd);
        Assert.Equal(StopKind.CollectionPoint, sheet.Stops[3].Kind);

        var school = sheet.Stops[1];
        Assert.Equal([plan.Bookings["Lan"].Code, plan.Bookings["Minh"].Code], school.Boarding.Select(p => p.Code));
        Assert.Equal(["Lan", "Minh"], school.Boarding.Select(p => p.FirstName));
        Assert.Equal(4, school.BoardingCount);
        Assert.Equal(BookingNeeds.Wheelchair, school.Boarding[1].Needs);
        Assert.Equal("0903 111 222", school.Boarding[1].PhoneText);
        Assert.Empty(school.Alighting);
        Assert.Equal("07:46", school.DepartureText);

        var home = sheet.Stops[2];
        Assert.Equal(SiteKind.Home, home.Place.Kind);
        Assert.Equal("Hẻm 42 Trần Quốc Thảo, cổng xanh", home.Place.HomeAddressNote);
        Assert.Equal("10.78620, 106.68840", home.Place.Coordinates);
        Assert.Equal("geo:10.78620,106.68840?q=10.78620,106.68840", home.Place.GeoUri);
        Assert.Equal("https://www.google.com/maps/dir/?api=1&destination=10.78620,106.68840", home.Place.DirectionsUrl);
        Assert.Equal(BookingNeeds.ChildSeat, Assert.Single(home.Boarding).Needs);

        var end = sheet.Stops[3];
        Assert.Equal(["Lan", "Minh", "Hường"], end.Alighting.Select(p => p.FirstName));
        Assert.Equal(6, end.AlightingCount);
        Assert.Equal("99-99A Trần Quốc Thảo, phường Xuân Hòa", sheet.Stops[0].Place.Address);

        Assert.Equal(new SheetTotals(4, 3, 3, 3, 6, 6, 0), sheet.Totals);
        Assert.Equal(1.0, sheet.Totals.Utilisation);
        Assert.Equal(HandBuiltPlans.Local(plan.Date, "07:30"), sheet.Departure);
        Assert.Equal(HandBuiltPlans.Local(plan.Date, "08:05"), sheet.Return);
        Assert.Null(sheet.NewerVersion);
    }

    [Fact]
    public async Task GetAsync_ReturnTrip_BoardAtTheCollectionPointAndAlightAtHomeThenSchool()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var service = app.Services.GetRequiredService<RouteSheetService>();

        var sheet = await service.GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 2));

        Assert.NotNull(sheet);
        Assert.Equal(4, sheet.Stops.Count);
        Assert.Equal(["Lan", "Minh", "Hường"], sheet.Stops[0].Boarding.Select(p => p.FirstName));
        Assert.Equal(["Hường"], sheet.Stops[1].Alighting.Select(p => p.FirstName));
        Assert.Equal(["Lan", "Minh"], sheet.Stops[2].Alighting.Select(p => p.FirstName));
        Assert.Equal([6, 4, 0, 0], sheet.Stops.Select(s => s.SeatsAfter));
    }

    [Fact]
    public async Task GetAsync_OnTheRoadSample_LegsFollowTheRoadsWithOsmAttribution()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);

        var sheet = await app.Services.GetRequiredService<RouteSheetService>()
            .GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        // Three legs (office → school → home → office), each routed on the roads with a travel time; the start and
        // end share one marker; the background has roads; the map names OpenStreetMap.
        var map = sheet!.Map;
        Assert.Equal(3, map.Legs.Count);
        Assert.All(map.Legs, l => Assert.False(l.IsEstimated));
        Assert.All(map.Legs, l => Assert.True(l.Points.Count > 2 && l.DurationSeconds > 0));
        Assert.Equal(["1·4", "2", "3"], map.Markers.Select(m => m.Label));
        Assert.NotEmpty(map.Roads);
        Assert.Equal(MapSources.OpenStreetMap, map.Sources);
        Assert.All(sheet.Stops, s => Assert.True(map.Box.Contains(s.Place.Location)));
    }

    [Fact]
    public async Task GetAsync_OutlineOnlyArea_StraightEstimatedLegsOverTheUnitOutline()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongAsync(app.Services);

        var sheet = await app.Services.GetRequiredService<RouteSheetService>()
            .GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        // Sông Công has no roads file: every leg is a 2-point straight line marked estimated, the city outline is the
        // background (dvhcvn), and illustrative positions are flagged on the stops and markers.
        var map = sheet!.Map;
        Assert.All(map.Legs, l => Assert.True(l.IsEstimated && l.Points.Count == 2 && l.DurationSeconds is null));
        Assert.True(map.IsEstimated);
        Assert.Empty(map.Roads);
        Assert.NotEmpty(map.Outline);
        Assert.Equal(MapSources.Dvhcvn, map.Sources);
        Assert.All(map.Markers, m => Assert.True(m.IsIllustrative));
        Assert.True(sheet.Stops[1].Place.IsIllustrativePosition);
        Assert.Equal("Xã Bình Sơn", sheet.Stops[1].Place.UnitName);
        Assert.Equal("Phường Cải Đan", sheet.Stops[2].Place.UnitName);
    }

    [Fact]
    public async Task GetAsync_CancelledBookingAndNewerPublishedVersion_AreFlagged()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var plans = app.Services.GetRequiredService<PlanStore>();
        await app.Services.GetRequiredService<BookingStore>().CancelAsync(plan.Bookings["Minh"].Id);
        var second = await plans.SaveNewVersionAsync(plan.Content);
        Assert.True(await plans.PublishAsync(second.Plan.Id));

        var sheet = await app.Services.GetRequiredService<RouteSheetService>()
            .GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        Assert.Equal(2, sheet!.NewerVersion);
        var minh = sheet.Stops[1].Boarding.Single(p => p.FirstName == "Minh");
        Assert.True(minh.IsOff);
        Assert.Equal(BookingStatus.Cancelled, minh.Status);
        Assert.False(sheet.Stops[1].Boarding.Single(p => p.FirstName == "Lan").IsOff);
    }

    [Fact]
    public async Task ListAsync_WholePlan_EveryTripInOrder_UnknownTripIsNull()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var service = app.Services.GetRequiredService<RouteSheetService>();

        var sheets = await service.ListAsync(plan.PlanId);

        Assert.Equal([1, 2], sheets.Select(s => s.Key.TripNumber));
        Assert.Null(await service.GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 3)));
        Assert.Null(await service.GetAsync(new TripKey(plan.PlanId + 100, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1)));
        Assert.Empty(await service.ListAsync(plan.PlanId, plan.Date.AddDays(1)));
    }

    [Fact]
    public async Task GetAsync_TeamDay_CrewVisitsWithCapturesRepeatsAndContacts()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        await app.Services.GetRequiredService<OfficerStore>().AddLeaveAsync(plan.Officers["Đinh Văn Tú"].Id,
            new LeavePeriod(HandBuiltTeamPlan.Date, HandBuiltTeamPlan.Date, "Nghỉ phép"));

        var sheet = (await app.Services.GetRequiredService<RouteSheetService>().GetAsync(plan.Key))!;

        // 5 stored rows, 4 stops: the Lát Đá capture and its retries are one stop.
        Assert.Equal(["Điểm thu nhận căn cước – Công an thành phố Sông Công", "Nhà bà Hoàng Thị Nhung", "Nhà văn hóa Xóm Lát Đá", "Điểm thu nhận căn cước – Công an thành phố Sông Công"],
            sheet.Stops.Select(s => s.Place.Name));
        Assert.Equal(["16:40", "17:00", "18:05", "20:50"], sheet.Stops.Select(s => s.ArrivalText));
        var home = sheet.Stops[1].Visit!;
        Assert.True(home.IsRepeatOnly);
        Assert.Equal((15, "17:15", RequiredPresence.Relative), (home.SetupMinutes, home.CaptureStartsText, home.Presence));
        Assert.Equal(("Con gái bà Nhung", "0977000666"), (home.ContactName, home.ContactPhone));
        var latDa = sheet.Stops[2].Visit!;
        Assert.Equal((30, 2, 60), (latDa.Served, latDa.Repeats, latDa.Applicants));
        Assert.Equal(new CategoryCounts(10, 20, 0, 0, 0), latDa.Captured);
        // Arrive 18:05 + 20 min set-up = 18:25; the village is home from 18:30.
        Assert.Equal(5, sheet.Stops[2].WaitMinutes);
        Assert.Equal("20:24", sheet.Stops[2].DepartureText);
        Assert.Equal((2, 30, 3), (sheet.Totals.Visits, sheet.Totals.Served, sheet.Totals.Repeats));

        // The crew as the roster stands: the lead by the TeamLead rule, one operator on leave, so 1 of 2 kits.
        var crew = sheet.Crew!;
        Assert.Equal([("Lường Văn Khoa", true, false), ("Hà Thị Mai", false, false), ("Đinh Văn Tú", false, true)],
            crew.Members.Select(m => (m.Name, m.IsLead, m.OnLeave)));
        Assert.Equal((2, 1, true), (crew.Kits, crew.KitsInUse, crew.IsShortHanded));
        Assert.Null(crew.UnavailableVi);
        Assert.Equal(("Tổ lưu động 2", "20B1-234.56", VehicleProfile.Motorbike), (sheet.Resource.Name, sheet.Resource.Plate, sheet.Resource.Profile));
        Assert.True(sheet.Map.IsEstimated);
        Assert.Equal(["1·4", "2", "3"], sheet.Map.Markers.Select(m => m.Label));
    }

    [Fact]
    public async Task ListAsync_PlannedDemoWeek_EveryTeamDayASheetWithItsCapturesRepeatsAndCrew()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        var content = await PlannedDemoWeek.PlanAsync(app);
        var requests = (await app.Services.GetRequiredService<VisitRequestStore>().ListByStationAsync(content.Plan.StationId)).ToDictionary(r => r.Id);

        var sheets = await app.Services.GetRequiredService<RouteSheetService>().ListAsync(content.Plan.Id, kind: PlanResourceKind.Team);

        var teamDays = content.Stops.GroupBy(s => (s.ResourceId, s.Date)).ToList();
        Assert.Equal(teamDays.Count, sheets.Count);
        foreach (var sheet in sheets)
        {
            var rows = teamDays.Single(g => g.Key == (sheet.Key.ResourceId, sheet.Key.Date)).ToList();
            var where = $"{sheet.Resource.Name} {sheet.Key.Date:yyyy-MM-dd}";
            // Leave the station, visits (back at the station between two of them across a long gap), back at the station.
            Assert.True(sheet.Stops[0].IsStart && sheet.Stops[^1].IsEnd, where);
            Assert.All(sheet.Stops.Skip(1).SkipLast(1), s => Assert.True(s.Visit is not null || s.IsStationBreak, where));
            Assert.All(sheet.Stops.Zip(sheet.Stops.Skip(1)), p => Assert.False(p.First.IsStationBreak && p.Second.IsStationBreak, where));
            Assert.Equal(rows.Count(r => r.Kind == StopKind.CollectionPoint), sheet.Stops.Count(s => s.IsStationBreak));
            // Two rows with the same request and times are one stop; nobody is lost in merging them.
            var visitRows = rows.Where(r => r.Kind == StopKind.Visit).ToList();
            Assert.Equal(visitRows.Select(r => (r.VisitRequestId, r.Arrival, r.Departure)).Distinct().Count(), sheet.Totals.Visits);
            Assert.Equal(visitRows.Where(r => !r.IsRepeatVisit).Sum(r => r.ServedCount), sheet.Stops.Sum(s => s.Visit?.Served ?? 0));
            Assert.Equal(visitRows.Where(r => r.IsRepeatVisit).Sum(r => r.ServedCount), sheet.Stops.Sum(s => s.Visit?.Repeats ?? 0));
            foreach (var visit in sheet.Stops.Select(s => s.Visit).OfType<SheetVisit>())
            {
                Assert.Equal(visit.Served, visit.Captured?.Total ?? 0);
                Assert.Equal(visit.Repeats, visit.RepeatCaptured?.Total ?? 0);
                Assert.Equal(requests[visit.VisitRequestId].ContactPhone, visit.ContactPhone);
            }

            Assert.True(sheet.Stops.Zip(sheet.Stops.Skip(1)).All(p => p.First.Departure <= p.Second.Arrival), $"{where}: stops overlap");
            // The demo's three team leads are never on leave: each day has its lead.
            Assert.Equal(3, sheet.Crew!.Members.Count);
            Assert.Single(sheet.Crew.Members, m => m.IsLead);
        }

        // The demo week has long gaps between a home visit and an evening session: the team goes back to the station
        // for at least an hour, and sets up again where it goes next.
        var breaks = sheets.SelectMany(s => s.Stops.Select((x, i) => (Sheet: s, Stop: x, Index: i))).Where(x => x.Stop.IsStationBreak).ToList();
        Assert.NotEmpty(breaks);
        Assert.All(breaks, x =>
        {
            Assert.True(x.Stop.DwellMinutes >= 60, $"{x.Stop.DwellMinutes} min");
            Assert.False(x.Sheet.Stops[x.Index + 1].Visit!.ContinuesOnSite);
        });

        // The care centre on Sunday with its doctor and relatives; the bedridden at home get repeat visits.
        var centre = sheets.SelectMany(s => s.Stops.Select(x => (Sheet: s, Stop: x))).Where(x => x.Stop.Place.Kind == SiteKind.CareCentre).ToList();
        Assert.NotEmpty(centre);
        Assert.All(centre, x =>
        {
            Assert.Equal(DayOfWeek.Sunday, x.Sheet.Key.Date.DayOfWeek);
            Assert.Equal(RequiredPresence.Doctor | RequiredPresence.Relative, x.Stop.Visit!.Presence);
        });
        Assert.Contains(sheets.SelectMany(s => s.Stops), s => s.Visit is { Repeats: > 0 } && s.Place.Kind == SiteKind.Home);
    }
}
