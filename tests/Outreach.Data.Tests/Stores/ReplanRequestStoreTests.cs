using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class ReplanRequestStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly DateOnly Day = new(2026, 3, 3);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    [SkippableFact]
    public async Task RecordAsync_ThreeChangesOfOneDay_OneRequestWithTheLatestTokenDueAfterTheLastChange()
    {
        var (store, clock, stationId, _) = await CreateAsync();

        var first = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);
        clock.Now = Now.AddSeconds(10);
        var second = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "station.settings", Delay, MaxDelay);
        clock.Now = Now.AddSeconds(20);
        var third = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);

        var pending = Assert.Single(await store.ListPendingAsync());
        Assert.Equal(third, pending);
        Assert.Equal((first.Id, first.Id), (second.Id, third.Id));
        Assert.Equal(3, new[] { first.Token, second.Token, third.Token }.Distinct().Count());
        Assert.Equal((3, "booking.cancelled,station.settings"), (pending.Changes, pending.Reasons));
        // Requested at the first change; due 30 s after the last one.
        Assert.Equal((Now, Now.AddSeconds(20), Now.AddSeconds(50)), (pending.RequestedAt, pending.ChangedAt, pending.DueAt));
        Assert.Null(pending.ClaimedToken);
    }

    [SkippableFact]
    public async Task RecordAsync_ChangesKeepComing_DueNoLaterThanTheLimitAfterTheFirst()
    {
        var (store, clock, stationId, _) = await CreateAsync();
        ReplanRequest request = null!;

        // A change every 20 s for 3 minutes: each alone would put the re-plan off another 30 s.
        for (var second = 0; second <= 180; second += 20)
        {
            clock.Now = Now.AddSeconds(second);
            request = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);
        }

        // Until 1:30 the last change decides (due 30 s after it); from then on the 2-minute limit; past it, at once.
        Assert.Equal((10, Now.AddSeconds(180)), (request.Changes, request.DueAt));
        Assert.Equal(request, await store.GetAsync(request.Id));
    }

    [SkippableFact]
    public async Task RecordAsync_OtherKindPeriodOrStation_RequestsApart()
    {
        var (store, _, stationId, database) = await CreateAsync();
        var other = await new StationStore(database).InsertAsync(TestData.Station("Công an phường Lương Sơn"));

        await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);
        await store.RecordAsync(stationId, PlanKind.Pickups, Day.AddDays(1), Day.AddDays(1), "booking.cancelled", Delay, MaxDelay);
        await store.RecordAsync(stationId, PlanKind.Visits, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), "station.settings", Delay, MaxDelay);
        await store.RecordAsync(other, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);

        var pending = await store.ListPendingAsync();
        Assert.Equal(4, pending.Count);
        Assert.All(pending, r => Assert.Equal(1, r.Changes));
    }

    [SkippableTheory]
    [InlineData("", PlanKind.Pickups)]
    [InlineData("booking cancelled", PlanKind.Pickups)]
    [InlineData("booking.cancelled", PlanKind.Shifts)]
    public async Task RecordAsync_NotACodeOrNotReplanned_RefusedAndNothingStored(string reason, PlanKind kind)
    {
        var (store, _, stationId, _) = await CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(stationId, kind, Day, Day, reason, Delay, MaxDelay));

        Assert.Contains(kind == PlanKind.Shifts ? "kind = 'Shifts'" : $"reason = '{reason}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListPendingAsync());
    }

    [SkippableTheory]
    [InlineData("weather.flood:")]
    [InlineData("weather.flood:Cầu Rẽo, Ngầm Bá Xuyên")]
    [InlineData("weather.flood:Cầu\u202eRẽo")]
    [InlineData("weather flood:Cầu Rẽo")]
    public async Task RecordAsync_NameAfterTheCodeEmptyWithACommaOrAControl_Refused(string reason)
    {
        var (store, _, stationId, _) = await CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, reason, Delay, MaxDelay));

        Assert.Empty(await store.ListPendingAsync());
    }

    [SkippableFact]
    public async Task RecordAsync_CodesWithTheNameOfWhatChanged_KeptInOrderOnceEach()
    {
        var (store, _, stationId, _) = await CreateAsync();

        await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "weather.flood:Cầu Rẽo", Delay, MaxDelay);
        await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "weather.forecast", Delay, MaxDelay);
        var request = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "weather.flood:Cầu Rẽo", Delay, MaxDelay);

        Assert.Equal(("weather.flood:Cầu Rẽo,weather.forecast", 3), (request.Reasons, request.Changes));
    }

    [SkippableFact]
    public async Task TryClaimAsync_OnlyTheLatestTokenAndOnlyOneRunAtATime()
    {
        var (store, clock, stationId, _) = await CreateAsync();
        var older = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);
        var latest = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);

        Assert.False(await store.TryClaimAsync(latest.Id, older.Token, Lease, 1));
        Assert.True(await store.TryClaimAsync(latest.Id, latest.Token, Lease, 1));
        // A second run of the same change, while the first holds the claim.
        Assert.False(await store.TryClaimAsync(latest.Id, latest.Token, Lease, 1));

        var claimed = await store.GetAsync(latest.Id);
        Assert.Equal((latest.Token, Now + Lease, 1), (claimed!.ClaimedToken, claimed.ClaimedUntil, claimed.ClaimedVersion));
        // Once the lease has run out (the run died), another run may take it.
        clock.Now = Now + Lease;
        Assert.True(await store.TryClaimAsync(latest.Id, latest.Token, Lease, 2));
    }

    [SkippableFact]
    public async Task CompleteAsync_ChangeCameMeanwhile_RequestStaysForIt()
    {
        var (store, _, stationId, _) = await CreateAsync();
        var planned = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);
        Assert.True(await store.TryClaimAsync(planned.Id, planned.Token, Lease, 1));
        var later = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "station.settings", Delay, MaxDelay);

        Assert.False(await store.CompleteAsync(planned.Id, planned.Token));
        Assert.True(await store.ReleaseAsync(planned.Id, planned.Token));

        // The later change's run may claim at once; then it completes and the request is gone.
        Assert.True(await store.TryClaimAsync(later.Id, later.Token, Lease, 2));
        Assert.True(await store.CompleteAsync(later.Id, later.Token));
        Assert.Empty(await store.ListPendingAsync());
        Assert.False(await store.CompleteAsync(later.Id, later.Token));
    }

    [SkippableFact]
    public async Task ReleaseAllClaimsAsync_ClaimOfADeadRun_EndsItAndKeepsWhatItKnew()
    {
        var (store, _, stationId, _) = await CreateAsync();
        var request = await store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay);
        Assert.True(await store.TryClaimAsync(request.Id, request.Token, Lease, 3));

        Assert.Equal(1, await store.ReleaseAllClaimsAsync());

        var released = await store.GetAsync(request.Id);
        Assert.Equal((request.Token, (DateTimeOffset?)null, 3), (released!.ClaimedToken, released.ClaimedUntil, released.ClaimedVersion));
        Assert.True(await store.TryClaimAsync(request.Id, request.Token, Lease, 3));
    }

    [SkippableFact]
    public async Task RecordAsync_20ChangesAtOnce_OneRequestCountingAll20()
    {
        var (store, _, stationId, _) = await CreateAsync();

        var recorded = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            store.RecordAsync(stationId, PlanKind.Pickups, Day, Day, "booking.cancelled", Delay, MaxDelay))));

        var pending = Assert.Single(await store.ListPendingAsync());
        Assert.Equal(20, pending.Changes);
        // The row names the change recorded last, one of the 20.
        Assert.Contains(pending.Token, recorded.Select(r => r.Token));
        Assert.Equal(20, recorded.Select(r => r.Changes).Distinct().Count());
    }

    private async Task<(ReplanRequestStore Store, ManualClock Clock, long StationId, Database Database)> CreateAsync()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var clock = new ManualClock(Now);
        return (new ReplanRequestStore(database, clock), clock, stationId, database);
    }
}

public sealed class SqliteReplanRequestStoreTests() : ReplanRequestStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresReplanRequestStoreTests(PostgresServer server) : ReplanRequestStoreTests(new PostgresTarget(server, "replan"))
{
    protected override void Dispose(bool disposing)
    {
        // Each test's database has a pool of its own; its idle connections would count against the server's limit
        // while later tests (the 200-way booking races) need it.
        if (disposing)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
        }

        base.Dispose(disposing);
    }
}
