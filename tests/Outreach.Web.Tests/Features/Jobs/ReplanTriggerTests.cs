using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Jobs;

/// <summary>
/// What asks for a re-plan (issue 15): a family cancelling, a chief saving the unit's settings. The app here waits an
/// hour before re-planning (the test factory's delay), so the requests stay pending for the test to read.
/// </summary>
public sealed class ReplanTriggerTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private static readonly DateOnly Saturday = HandBuiltPlans.Tuesday.AddDays(-3);
    private static readonly DateOnly Thursday = HandBuiltPlans.Tuesday.AddDays(2);

    [Fact]
    public async Task Cancel_FamilyCancelsOnItsPage_ReplanOfThatDayRequested()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services, stationName: Name("Hủy"));

        await Replans.CancelAsFamilyAsync(app, plan.Bookings["Hường"]);

        var request = Assert.Single(await Replans.PendingAsync(app), r => r.StationId == plan.Station.Id);
        Assert.Equal((PlanKind.Pickups, plan.Date, plan.Date, ReplanReasons.BookingCancelled, 1), (request.Kind, request.PeriodStart, request.PeriodEnd, request.Reasons, request.Changes));
        // Due after the delay (an hour here), by the app's clock.
        Assert.Equal(app.Clock.Now + TimeSpan.FromHours(1), request.DueAt);
    }

    [Fact]
    public async Task SettingsPage_ChiefSaves_ReplanOfEachPlannedDayFromTodayRequested()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services, stationName: Name("Cài đặt"));
        await EmptyPlanAsync(plan.Station.Id, Thursday);
        await EmptyPlanAsync(plan.Station.Id, Saturday);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        using var saved = await Forms.SubmitAsync(chief, $"/staff/station?station={plan.Station.Id}", Settings(plan.Station.Id), "station-settings");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("id=\"settings-saved\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var requests = (await Replans.PendingAsync(app)).Where(r => r.StationId == plan.Station.Id).OrderBy(r => r.PeriodStart).ToList();
        // Saturday's day is over; Monday (today) has no plan.
        Assert.Equal([plan.Date, Thursday], requests.Select(r => r.PeriodStart));
        Assert.All(requests, r => Assert.Equal(ReplanReasons.StationSettings, r.Reasons));
    }

    [Fact]
    public async Task SettingsPage_WrongValue_NothingSavedAndNoReplan()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services, stationName: Name("Sai"));
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var fields = Settings(plan.Station.Id);
        fields["deskCount"] = "-3";

        using var refused = await Forms.SubmitAsync(chief, $"/staff/station?station={plan.Station.Id}", fields, "station-settings");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain(await Replans.PendingAsync(app), r => r.StationId == plan.Station.Id);
    }

    private static string Name(string what) => $"Công an phường Lập Lại {what} {Guid.NewGuid():N}"[..40];

    private static Dictionary<string, string> Settings(long stationId) => new()
    {
        ["station"] = stationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["deskCount"] = "3",
        ["filesPerDeskPerHour"] = "6",
        ["maxRideMinutes"] = "40",
        ["maxReturnWaitMinutes"] = "30",
        ["bookingSlotMinutes"] = "60",
        ["maxTripsPerVan"] = "3",
        ["maxBookingsPerTrip"] = "6",
        ["tuesday-1-opens"] = "07:00",
        ["tuesday-1-closes"] = "11:00",
    };

    private Task<PlanContent> EmptyPlanAsync(long stationId, DateOnly day) =>
        app.Services.GetRequiredService<PlanStore>().SaveNewVersionAsync(new PlanContent(
            new Plan(0, stationId, PlanKind.Pickups, day, day, 0, PlanStatus.Draft, default, null, "test"), [], [], []));
}
