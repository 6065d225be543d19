using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Jobs;

/// <summary>
/// What asks for a re-plan (issue 15): a family cancelling or booking, a phone-in, a chief saving the unit's settings,
/// vans, officers' leave, visit requests and weather. The app here waits an
/// hour before re-planning (the test factory's delay), so the requests stay pending for the test to read.
/// </summary>
public abstract class ReplanTriggerTestsBase
{
    protected abstract OutreachAppFactory App { get; }

    private static readonly DateOnly Saturday = HandBuiltPlans.Tuesday.AddDays(-3);
    private static readonly DateOnly Thursday = HandBuiltPlans.Tuesday.AddDays(2);

    [Fact]
    public async Task Cancel_FamilyCancelsOnItsPage_ReplanOfThatDayRequested()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(App.Services, stationName: Name("Hủy"));

        await Replans.CancelAsFamilyAsync(App, plan.Bookings["Hường"]);

        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == plan.Station.Id);
        Assert.Equal((PlanKind.Pickups, plan.Date, plan.Date, ReplanReasons.BookingCancelled, 1), (request.Kind, request.PeriodStart, request.PeriodEnd, request.Reasons, request.Changes));
        // Due after the delay (an hour here), by the App's clock.
        Assert.Equal(App.Clock.Now + TimeSpan.FromHours(1), request.DueAt);
    }

    [Fact]
    public async Task SettingsPage_ChiefSaves_ReplanOfEachPlannedDayFromTodayRequested()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(App.Services, stationName: Name("Cài đặt"));
        await EmptyPlanAsync(plan.Station.Id, Thursday);
        await EmptyPlanAsync(plan.Station.Id, Saturday);
        using var chief = await App.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        using var saved = await Forms.SubmitAsync(chief, $"/staff/station?station={plan.Station.Id}", Settings(plan.Station.Id), "station-settings");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("id=\"settings-saved\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var requests = (await Replans.PendingAsync(App)).Where(r => r.StationId == plan.Station.Id).OrderBy(r => r.PeriodStart).ToList();
        // Saturday's day is over; Monday (today) has no plan.
        Assert.Equal([plan.Date, Thursday], requests.Select(r => r.PeriodStart));
        Assert.All(requests, r => Assert.Equal(ReplanReasons.StationSettings, r.Reasons));
    }

    [Fact]
    public async Task SettingsPage_WrongValue_NothingSavedAndNoReplan()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(App.Services, stationName: Name("Sai"));
        using var chief = await App.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var fields = Settings(plan.Station.Id);
        fields["deskCount"] = "-3";

        using var refused = await Forms.SubmitAsync(chief, $"/staff/station?station={plan.Station.Id}", fields, "station-settings");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain(await Replans.PendingAsync(App), r => r.StationId == plan.Station.Id);
    }

    [Fact]
    public async Task PhoneIn_DispatcherSavesFamiliesOnAPlannedDay_ReplanOfThatDayRequestedOnce()
    {
        var scenario = await BookingScenario.CreateAsync(App);
        await EmptyPlanAsync(scenario.StationId, BookingScenario.Tuesday);
        using var dispatcher = await App.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);

        using var saved = await Forms.SubmitAsync(dispatcher, $"/staff/phone-booking?station={scenario.StationId}&date={BookingScenario.TuesdayKey}",
            PhoneRows(scenario, ("Hoa", "0911111111"), ("Tuấn", "0922222222")), "phone-booking");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // Two families in one batch: one change of the day.
        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == scenario.StationId);
        Assert.Equal((PlanKind.Pickups, BookingScenario.Tuesday, BookingScenario.Tuesday, ReplanReasons.PhoneIn, 1),
            (request.Kind, request.PeriodStart, request.PeriodEnd, request.Reasons, request.Changes));
    }

    [Fact]
    public async Task PhoneIn_DayNotPlannedYet_NothingRequested()
    {
        var scenario = await BookingScenario.CreateAsync(App);
        using var dispatcher = await App.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);

        using var saved = await Forms.SubmitAsync(dispatcher, $"/staff/phone-booking?station={scenario.StationId}&date={BookingScenario.TuesdayKey}",
            PhoneRows(scenario, ("Hoa", "0911111111")), "phone-booking");

        // Saved; the plan the chief makes later reads the booking, so there is nothing to re-plan.
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain(await Replans.PendingAsync(App), r => r.StationId == scenario.StationId);
    }

    [Fact]
    public async Task FamilyBooking_ConfirmedOnAPlannedDay_ReplanRequestedWithTheReason()
    {
        var scenario = await BookingScenario.CreateAsync(App);
        await EmptyPlanAsync(scenario.StationId, BookingScenario.Tuesday);
        using var family = App.CreateBrowserLikeClient();

        using var booked = await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(), "booking");

        Assert.Single(await App.Services.GetRequiredService<BookingStore>().ListAsync(scenario.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday));
        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == scenario.StationId);
        Assert.Equal((PlanKind.Pickups, BookingScenario.Tuesday, ReplanReasons.BookingConfirmed), (request.Kind, request.PeriodStart, request.Reasons));
    }

    [Fact]
    public async Task FamilyMove_ToAnotherPlannedDay_BothDaysRequested()
    {
        var scenario = await BookingScenario.CreateAsync(App);
        var wednesday = BookingScenario.Tuesday.AddDays(1);
        await EmptyPlanAsync(scenario.StationId, BookingScenario.Tuesday);
        await EmptyPlanAsync(scenario.StationId, wednesday);
        using var family = App.CreateBrowserLikeClient();
        using (var booked = await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(), "booking"))
        {
            Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        }

        var code = Assert.Single(await App.Services.GetRequiredService<BookingStore>().ListAsync(scenario.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday)).Code;
        using var moved = await Forms.SubmitAsync(family, $"/booking/manage/{code}",
            new Dictionary<string, string> { ["slot"] = "2026-11-25T09:00", ["action"] = "move" }, "move-booking");

        Assert.Equal($"/booking/manage/{code}?moved=1", Forms.Location(moved));
        var requests = (await Replans.PendingAsync(App)).Where(r => r.StationId == scenario.StationId).OrderBy(r => r.PeriodStart).ToList();
        // Tuesday: the booking, then the move away (one request, two changes); Wednesday: the move in.
        Assert.Equal([(BookingScenario.Tuesday, $"{ReplanReasons.BookingConfirmed},{ReplanReasons.BookingMoved}", 2), (wednesday, ReplanReasons.BookingMoved, 1)],
            requests.Select(r => (r.PeriodStart, r.Reasons, r.Changes)));
    }

    [Fact]
    public async Task VisitRequest_AddedInAPlannedWeek_ReplanOfThatWeekRequested()
    {
        var plan = await HandBuiltPlans.SongCongTeamAsync(App.Services, Name("Lưu động"));
        var inputs = App.Services.GetRequiredService<PlanInputs>();
        var template = plan.Requests["Lát Đá"];
        var monday = plan.Content.Plan.PeriodStart;

        await inputs.SaveVisitRequestAsync(template with { Id = 0, Windows = [new AvailabilityWindow(monday.AddDays(3), new TimeOnly(18, 0), new TimeOnly(20, 0))] });
        // A request for a week with no plan asks for nothing.
        await inputs.SaveVisitRequestAsync(template with { Id = 0, Windows = [new AvailabilityWindow(monday.AddDays(14), new TimeOnly(18, 0), new TimeOnly(20, 0))] });

        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == plan.Station.Id);
        Assert.Equal((PlanKind.Visits, monday, monday.AddDays(6), ReplanReasons.VisitRequestsChanged, 1),
            (request.Kind, request.PeriodStart, request.PeriodEnd, request.Reasons, request.Changes));
    }

    [Fact]
    public async Task VisitRequest_Cancelled_ReplanOfItsWeekRequested()
    {
        var plan = await HandBuiltPlans.SongCongTeamAsync(App.Services, Name("Huỷ thăm"));

        Assert.True(await App.Services.GetRequiredService<PlanInputs>().SetVisitRequestStatusAsync(plan.Requests["Nhung"].Id, VisitRequestStatus.Cancelled));

        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == plan.Station.Id);
        Assert.Equal((PlanKind.Visits, plan.Content.Plan.PeriodStart, ReplanReasons.VisitRequestsChanged), (request.Kind, request.PeriodStart, request.Reasons));
    }

    [Fact]
    public async Task OfficerLeave_DuringAPlannedWeek_ReplanOfThatWeekRequested()
    {
        var plan = await HandBuiltPlans.SongCongTeamAsync(App.Services, Name("Nghỉ ốm"));
        var officer = plan.Officers.Values.First();

        Assert.True(await App.Services.GetRequiredService<PlanInputs>().AddLeaveAsync(officer.Id, new LeavePeriod(HandBuiltTeamPlan.Date, HandBuiltTeamPlan.Date, "ốm")));

        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == plan.Station.Id);
        Assert.Equal((PlanKind.Visits, plan.Content.Plan.PeriodStart, ReplanReasons.OfficersChanged), (request.Kind, request.PeriodStart, request.Reasons));
    }

    [Fact]
    public async Task Fleet_VanSeatsChanged_EveryPlannedPeriodFromTodayRequested()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(App.Services, stationName: Name("Xe"));
        await EmptyPlanAsync(plan.Station.Id, Saturday);
        var fleet = App.Services.GetRequiredService<FleetStore>();
        var van = (await fleet.ListVehiclesAsync(plan.Station.Id))[0];

        Assert.Equal(van.Id, await App.Services.GetRequiredService<PlanInputs>().SaveVehicleAsync(van with { SeatCount = van.SeatCount + 4 }));

        // Saturday is over; Tuesday's plan is re-planned.
        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == plan.Station.Id);
        Assert.Equal((PlanKind.Pickups, plan.Date, ReplanReasons.FleetChanged), (request.Kind, request.PeriodStart, request.Reasons));
        Assert.Equal(van.SeatCount + 4, (await fleet.GetVehicleAsync(van.Id))!.SeatCount);
    }

    [Fact]
    public async Task Weather_EnteredForAPlannedDay_ReplanRequestedAndTheSameWeatherAgainAsksNothing()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(App.Services, stationName: Name("Mưa"));
        var inputs = App.Services.GetRequiredService<PlanInputs>();
        var square = new GeoPolygon([[new(106.68, 10.78), new(106.69, 10.78), new(106.69, 10.79), new(106.68, 10.78)]]);
        WeatherState Rain(double mmPerHour) => new(0, plan.Station.Id, plan.Date, [new RainArea(mmPerHour, square)], [], [], App.Clock.Now, "test");

        Assert.True(await inputs.SaveWeatherAsync(Rain(12), ReplanReasons.WeatherChanged));
        Assert.False(await inputs.SaveWeatherAsync(Rain(12) with { ObservedAt = App.Clock.Now.AddHours(1) }, ReplanReasons.WeatherChanged));

        var request = Assert.Single(await Replans.PendingAsync(App), r => r.StationId == plan.Station.Id);
        Assert.Equal((PlanKind.Pickups, plan.Date, ReplanReasons.WeatherChanged, 1), (request.Kind, request.PeriodStart, request.Reasons, request.Changes));
        Assert.Equal(12, Assert.Single((await App.Services.GetRequiredService<WeatherStore>().GetAsync(plan.Station.Id, plan.Date))!.RainAreas).IntensityMmPerHour);
    }

    private static Dictionary<string, string> PhoneRows(BookingScenario scenario, params (string Name, string Phone)[] families)
    {
        var fields = new Dictionary<string, string>
        {
            ["station"] = scenario.StationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["date"] = BookingScenario.TuesdayKey,
            ["rows"] = families.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["action"] = "save",
        };
        for (var i = 0; i < families.Length; i++)
        {
            fields[$"slot-{i}"] = "09:00";
            fields[$"site-{i}"] = scenario.CulturalHouseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"children-{i}"] = "1";
            fields[$"guardians-{i}"] = "1";
            fields[$"firstName-{i}"] = families[i].Name;
            fields[$"phone-{i}"] = families[i].Phone;
        }

        return fields;
    }

    private static string Name(string what) => $"Công an phường Lập Lại {what} {Guid.NewGuid():N}"[..40];

    private static Dictionary<string, string> Settings(long stationId) => new()
    {
        ["station"] = stationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["deskCount"] = "3",
        ["filesPerDeskPerHour"] = "6",
        ["maxRideMinutes"] = "40",
        ["maxReturnWaitMinutes"] = "30",
        ["replanToleranceMinutes"] = "10",
        ["bookingSlotMinutes"] = "60",
        ["maxTripsPerVan"] = "3",
        ["maxBookingsPerTrip"] = "6",
        ["tuesday-1-opens"] = "07:00",
        ["tuesday-1-closes"] = "11:00",
    };

    private Task<PlanContent> EmptyPlanAsync(long stationId, DateOnly day) =>
        App.Services.GetRequiredService<PlanStore>().SaveNewVersionAsync(new PlanContent(
            new Plan(0, stationId, PlanKind.Pickups, day, day, 0, PlanStatus.Draft, default, null, "test"), [], [], []));
}

public sealed class ReplanTriggerTests(OutreachAppFactory app) : ReplanTriggerTestsBase, IClassFixture<OutreachAppFactory>
{
    protected override OutreachAppFactory App => app;
}

/// <summary>The same triggers on PostgreSQL (the request row is coalesced under a row lock there).</summary>
[Collection(PostgresWebGroup.Name)]
public sealed class PostgresReplanTriggerTests(PostgresWebFixture fixture) : ReplanTriggerTestsBase
{
    protected override OutreachAppFactory App => fixture.App;
}
