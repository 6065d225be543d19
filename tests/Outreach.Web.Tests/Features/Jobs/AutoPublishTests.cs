using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Support.Pages;

namespace Outreach.Web.Tests.Features.Jobs;

/// <summary>A background re-plan of a published day publishes by itself only what keeps every told time within the station's tolerance.</summary>
public sealed class AutoPublishTests
{
    [Fact]
    public async Task RunAsync_CancellationOnAPublishedDay_NewVersionPublishedByItselfAndOnlyChangedMessagesQueued()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:PublicBaseUrl"] = "https://outreach.example.vn";
        var (plan, publishedId) = await PublishedDayAsync(app);
        var before = await Outreach.Web.Tests.Features.PickupPlans.Outbox.AllAsync(app.Services);

        var run = await CancelAndReplanAsync(app, plan);

        Assert.Equal((ReplanOutcome.Planned, AutoPublishOutcome.Published), (run.Outcome, run.Published));
        var versions = await Replans.VersionsAsync(app, plan.Station.Id, plan.Date);
        Assert.Equal((run.PlanId, PlanStatus.Published), (versions[0].Id, versions[0].Status));
        Assert.NotEqual(publishedId, versions[0].Id);
        // Families whose told time did not change get nothing new: every message queued now names a family whose pickup
        // time changed, or a driver.
        var plans = app.Services.GetRequiredService<PlanStore>();
        var diff = Outreach.Planning.Versions.PlanDiff.Between((await plans.GetAsync(publishedId))!, (await plans.GetAsync(run.PlanId!.Value))!);
        var moved = diff.Changes.Where(c => c.Kind != Outreach.Planning.Versions.PlanChangeKind.Removed).Select(c => c.ItemId).ToHashSet();
        var fresh = (await Outreach.Web.Tests.Features.PickupPlans.Outbox.AllAsync(app.Services)).Where(m => before.All(b => b.DeduplicationKey != m.DeduplicationKey)).ToList();
        Assert.True(fresh.Where(m => m.TemplateKey != "pickup.driver-link").All(m => moved.Any(id => m.DeduplicationKey.Contains($":booking:{id}:", StringComparison.Ordinal))),
            string.Join("; ", fresh.Select(m => m.DeduplicationKey)) + " / moved " + string.Join(",", moved) + " / before " + string.Join("; ", before.Select(m => m.DeduplicationKey)));
    }

    [Fact]
    public async Task RunAsync_StationAllowsNoMove_NewVersionWaitsAsADraft()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:PublicBaseUrl"] = "https://outreach.example.vn";
        var (plan, publishedId) = await PublishedDayAsync(app);
        var stations = app.Services.GetRequiredService<StationStore>();
        var station = (await stations.GetAsync(plan.Station.Id))!;
        Assert.True(await stations.UpdateSettingsAsync(station.Id, Outreach.Domain.StationSettings.From(station) with { ReplanToleranceMinutes = 0 }));

        var run = await CancelAndReplanAsync(app, plan);

        Assert.Equal((ReplanOutcome.Planned, AutoPublishOutcome.BeyondTolerance), (run.Outcome, run.Published));
        var versions = await Replans.VersionsAsync(app, plan.Station.Id, plan.Date);
        Assert.Equal((run.PlanId, PlanStatus.Draft), (versions[0].Id, versions[0].Status));
        Assert.Equal(publishedId, versions.First(v => v.Status == PlanStatus.Published).Id);
    }

    /// <summary>The hand-built Xuân Hòa day planned by the chief (Plan now) and published: (the day, the published version).</summary>
    private static async Task<(HandBuiltPlan Plan, long PublishedId)> PublishedDayAsync(OutreachAppFactory app)
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var url = $"/staff/pickups?station={plan.Station.Id}&date={plan.Date:yyyy-MM-dd}";
        using var planned = await PostAsync(chief, url, Forms.FindForm(await GetOkAsync(chief, url), "plan-now"), []);
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var shown = await GetOkAsync(chief, Forms.Location(planned)!);
        using var published = await PostAsync(chief, Forms.Location(planned)!, Forms.FindForm(shown, "publish"), new() { [$"phone-{plan.Van.Id}"] = "" });
        var latest = (await Replans.VersionsAsync(app, plan.Station.Id, plan.Date))[0];
        Assert.Equal(PlanStatus.Published, latest.Status);
        return (plan, latest.Id);
    }

    private static async Task<ReplanRun> CancelAndReplanAsync(OutreachAppFactory app, HandBuiltPlan plan)
    {
        var cancelled = plan.Bookings.Values.OrderBy(b => b.Id).First();
        Assert.True(await app.Services.GetRequiredService<BookingStore>().CancelAsync(cancelled.Id));
        var request = await app.Services.GetRequiredService<ReplanRequests>().BookingCancelledAsync(plan.Station.Id, plan.Date);
        return await app.Services.GetRequiredService<ReplanService>().RunAsync(request!.Id, request.Token);
    }
}
