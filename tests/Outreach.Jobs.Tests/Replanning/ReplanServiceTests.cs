using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Tests.Pickups;

namespace Outreach.Jobs.Tests.Replanning;

/// <summary>The re-plan job's service on the seeded demo: Sông Công's Tuesday pickups (planned once by the chief, version 1).</summary>
public sealed class ReplanServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Tuesday = ReplanWorld.Tuesday;
    private ReplanWorld world = null!;

    public async Task InitializeAsync() => world = await ReplanWorld.CreateAsync();

    /// <summary>The job server's clock (real time), which queued runs are due by.</summary>
    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    public Task DisposeAsync()
    {
        world.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_LatestChange_SavesOneDraftAndARunAgainChangesNothing()
    {
        await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, "trưởng công an");
        var request = await world.CancelOneAsync(world.SongCong, Tuesday);

        var first = await world.Service.RunAsync(request!.Id, request.Token);
        var second = await world.Service.RunAsync(request.Id, request.Token);

        Assert.Equal(ReplanOutcome.Planned, first.Outcome);
        Assert.Equal(ReplanOutcome.Gone, second.Outcome);
        var versions = await world.Stores.Plans.ListVersionsAsync(world.SongCong, PlanKind.Pickups, Tuesday, Tuesday);
        Assert.Equal(2, versions.Count);
        // The new version is a draft made by the job; nothing was published.
        Assert.Equal((first.PlanId, 2, PlanStatus.Draft, ReplanService.JobName), (versions[0].Id, versions[0].Version, versions[0].Status, versions[0].CreatedBy));
        // The version says why it was made.
        Assert.Equal(ReplanReasons.BookingCancelled, versions[0].Reasons);
        Assert.Empty(await world.Stores.ReplanRequests.ListPendingAsync());
    }

    [Fact]
    public async Task RunAsync_ChangeLeftTheInputsAsTheyWere_UnchangedAndNoVersion()
    {
        var planned = await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, "trưởng công an");
        // A change was recorded (say, a van's name was edited) but nothing the plan reads changed.
        var request = await world.Requests.BookingCancelledAsync(world.SongCong, Tuesday);

        var run = await world.Service.RunAsync(request!.Id, request.Token);

        Assert.Equal((ReplanOutcome.Unchanged, planned.Saved.Plan.Id), (run.Outcome, run.PlanId));
        Assert.Equal(1, await world.VersionsAsync(world.SongCong, PlanKind.Pickups, Tuesday, Tuesday));
        Assert.Empty(await world.Stores.ReplanRequests.ListPendingAsync());
    }

    [Fact]
    public async Task RunAsync_ThreeChangesInABurst_OnlyTheLatestChangesRunPlans()
    {
        await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, "trưởng công an");
        var changes = new List<Outreach.Data.Stores.ReplanRequest>();
        for (var i = 0; i < 3; i++)
        {
            changes.Add(await world.CancelOneAsync(world.SongCong, Tuesday));
            world.Demo.Clock.Now += TimeSpan.FromSeconds(10);
        }

        // Each change queued its run, 30 s after it (the job server's clock: real time).
        Assert.Equal(changes.Select(c => (c.Id, c.Token)), world.Queue.Replans.Select(r => (r.RequestId, r.Token)));
        Assert.All(world.Queue.Replans, r => Assert.InRange(r.At!.Value - Now(), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31)));
        var runs = new List<ReplanRun>();
        foreach (var change in changes)
        {
            runs.Add(await world.Service.RunAsync(change.Id, change.Token));
        }

        Assert.Equal([ReplanOutcome.Superseded, ReplanOutcome.Superseded, ReplanOutcome.Planned], runs.Select(r => r.Outcome));
        Assert.Equal(2, await world.VersionsAsync(world.SongCong, PlanKind.Pickups, Tuesday, Tuesday));
    }

    [Fact]
    public async Task RunAsync_DayNotPlannedYet_NothingToReplanAndRequestDone()
    {
        var request = await world.Requests.BookingCancelledAsync(world.SongCong, Tuesday);

        var run = await world.Service.RunAsync(request!.Id, request.Token);

        Assert.Equal(ReplanOutcome.NothingToReplan, run.Outcome);
        Assert.Equal(0, await world.VersionsAsync(world.SongCong, PlanKind.Pickups, Tuesday, Tuesday));
        Assert.Empty(await world.Stores.ReplanRequests.ListPendingAsync());
    }

    [Fact]
    public async Task RunAsync_DayOver_NothingToReplan()
    {
        await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, "trưởng công an");
        var request = await world.Requests.BookingCancelledAsync(world.SongCong, Tuesday);
        world.Demo.Clock.Now = new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero);

        var run = await world.Service.RunAsync(request!.Id, request.Token);

        Assert.Equal(ReplanOutcome.NothingToReplan, run.Outcome);
        Assert.Equal(1, await world.VersionsAsync(world.SongCong, PlanKind.Pickups, Tuesday, Tuesday));
    }

    [Fact]
    public async Task RunAsync_EarlierRunSavedItsPlanAndDied_FinishesWithoutPlanningAgain()
    {
        await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, "trưởng công an");
        var request = await world.CancelOneAsync(world.SongCong, Tuesday);
        // A run claimed the request (version 1 then), saved version 2, and its process died before finishing the request.
        Assert.True(await world.Stores.ReplanRequests.TryClaimAsync(request!.Id, request.Token, world.Settings.Lease, 1));
        await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, ReplanService.JobName);
        world.Demo.Clock.Now += world.Settings.Lease;

        var retry = await world.Service.RunAsync(request.Id, request.Token);

        Assert.Equal(ReplanOutcome.AlreadyPlanned, retry.Outcome);
        Assert.Equal(2, await world.VersionsAsync(world.SongCong, PlanKind.Pickups, Tuesday, Tuesday));
        Assert.Empty(await world.Stores.ReplanRequests.ListPendingAsync());
    }

    [Fact]
    public async Task RunAsync_AnotherRunHoldsTheChange_BusyAndLooksAgainWhenItsClaimEnds()
    {
        await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, "trưởng công an");
        var request = await world.Requests.BookingCancelledAsync(world.SongCong, Tuesday);
        Assert.True(await world.Stores.ReplanRequests.TryClaimAsync(request!.Id, request.Token, world.Settings.Lease, 1));

        var duplicate = await world.Service.RunAsync(request.Id, request.Token);

        Assert.Equal(ReplanOutcome.Busy, duplicate.Outcome);
        Assert.Equal(1, await world.VersionsAsync(world.SongCong, PlanKind.Pickups, Tuesday, Tuesday));
        var again = world.Queue.Replans[^1];
        Assert.Equal((request.Id, request.Token), (again.RequestId, again.Token));
        Assert.InRange(again.At!.Value - Now(), world.Settings.Lease - TimeSpan.FromSeconds(10), world.Settings.Lease + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task RunAsync_OlderRunHeldTheClaimWhenAChangeCame_HandsTheRequestToTheLatestChange()
    {
        await world.Pickups.PlanDayAsync(world.SongCong, Tuesday, "trưởng công an");
        var older = await world.CancelOneAsync(world.SongCong, Tuesday);
        Assert.True(await world.Stores.ReplanRequests.TryClaimAsync(older.Id, older.Token, world.Settings.Lease, 1));
        var latest = await world.CancelOneAsync(world.SongCong, Tuesday);
        var queued = world.Queue.Replans.Count;

        // The older change's run (say, retried after its process died) finds itself overtaken while holding the claim.
        var run = await world.Service.RunAsync(older.Id, older.Token);

        Assert.Equal(ReplanOutcome.Superseded, run.Outcome);
        Assert.Equal((older.Id, latest.Token), (world.Queue.Replans[queued].RequestId, world.Queue.Replans[queued].Token));
        // The latest change's run need not wait for the lease.
        Assert.Equal(ReplanOutcome.Planned, (await world.Service.RunAsync(latest.Id, latest.Token)).Outcome);
    }

    [Fact]
    public async Task RunAsync_VisitWeek_SavesANewDraftWeek()
    {
        var monday = DemoDatabase.Monday;
        await world.Visits.PlanWeekAsync(world.SongCong, monday, "trưởng công an");
        var like = (await world.Stores.VisitRequests.ListByStationAsync(world.SongCong, VisitRequestStatus.Open))[0];
        await world.Stores.VisitRequests.InsertAsync(like with { Id = 0 });
        var request = await world.Requests.RecordAsync(world.SongCong, PlanKind.Visits, monday, monday.AddDays(6), ReplanReasons.VisitRequestsChanged);

        var run = await world.Service.RunAsync(request.Id, request.Token);

        Assert.Equal(ReplanOutcome.Planned, run.Outcome);
        var versions = await world.Stores.Plans.ListVersionsAsync(world.SongCong, PlanKind.Visits, monday, monday.AddDays(6));
        Assert.Equal((2, run.PlanId, ReplanService.JobName), (versions.Count, versions[0].Id, versions[0].CreatedBy));
    }

    [Fact]
    public async Task StationSettingsChangedAsync_RecordsEachPlannedDayFromToday()
    {
        // Planned: yesterday (Saturday 7 March, over), Tuesday, Wednesday and Friday; Monday has no plan.
        foreach (var day in new[] { new DateOnly(2026, 3, 7), Tuesday, Tuesday.AddDays(1), Tuesday.AddDays(3) })
        {
            await world.Pickups.PlanDayAsync(world.SongCong, day, "trưởng công an");
        }

        var recorded = await world.Requests.StationSettingsChangedAsync(world.SongCong);

        Assert.Equal([Tuesday, Tuesday.AddDays(1), Tuesday.AddDays(3)], recorded.Select(r => r.PeriodStart));
        Assert.All(recorded, r => Assert.Equal((PlanKind.Pickups, ReplanReasons.StationSettings), (r.Kind, r.Reasons)));
        Assert.Equal(recorded.Select(r => r.Token), world.Queue.Replans.Select(r => r.Token));
    }

    [Fact]
    public async Task RescheduleAllAsync_PendingRequests_QueuedAgainForTheirLatestChange()
    {
        var first = await world.Requests.BookingCancelledAsync(world.SongCong, Tuesday);
        var latest = await world.Requests.BookingCancelledAsync(world.SongCong, Tuesday);
        var other = await world.Requests.BookingCancelledAsync(world.SongCong, Tuesday.AddDays(1));
        var before = world.Queue.Replans.Count;

        Assert.Equal(2, await world.Requests.RescheduleAllAsync());

        Assert.NotEqual(first!.Token, latest!.Token);
        Assert.Equal([latest.Token, other!.Token], world.Queue.Replans.Skip(before).Select(r => r.Token));
    }
}
