using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class NotificationOutboxStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static OutboxMessage Message(string key, DateTimeOffset dueAt) => new(
        0, NotificationChannel.Zalo, "0912345678", "booking-confirmed", "vi", """{"code":"K7M2QX","time":"08:00"}""", key,
        dueAt, NotificationStatus.Pending, 0, default, null, null);

    [SkippableFact]
    public async Task EnqueueAsync_SameKeyTwice_QueuesOnce()
    {
        var store = new NotificationOutboxStore(await NewDatabaseAsync(), new ManualClock(Now));

        var first = await store.EnqueueAsync([Message("booking:1:confirm", Now)]);
        var again = await store.EnqueueAsync([Message("booking:1:confirm", Now), Message("booking:2:confirm", Now)]);

        Assert.Equal((1, 1), (first, again));
        var stored = await store.GetByDeduplicationKeyAsync("booking:1:confirm");
        Assert.Equal(Message("booking:1:confirm", Now) with { Id = stored!.Id, CreatedAt = Now }, stored);
    }

    [SkippableFact]
    public async Task ListDueAsync_ReminderForTomorrow_OnlyDueOnesOldestFirst()
    {
        var clock = new ManualClock(Now);
        var store = new NotificationOutboxStore(await NewDatabaseAsync(), clock);
        await store.EnqueueAsync([Message("reminder", Now.AddDays(1)), Message("b", Now), Message("a", Now.AddMinutes(-5))]);

        var dueNow = await store.ListDueAsync(10);
        clock.Now = Now.AddDays(1);
        var dueTomorrow = await store.ListDueAsync(2);

        Assert.Equal(["a", "b"], dueNow.Select(m => m.DeduplicationKey));
        Assert.Equal(["a", "b"], dueTomorrow.Select(m => m.DeduplicationKey));
    }

    [SkippableFact]
    public async Task MarkAttemptFailedAsync_RetryThenGiveUp_CountsAttempts()
    {
        var clock = new ManualClock(Now);
        var store = new NotificationOutboxStore(await NewDatabaseAsync(), clock);
        await store.EnqueueAsync([Message("m", Now)]);
        var id = (await store.ListDueAsync(1))[0].Id;

        Assert.True(await store.MarkAttemptFailedAsync(id, "zalo: template not approved", Now.AddMinutes(10)));
        Assert.Empty(await store.ListDueAsync(10));
        Assert.True(await store.MarkAttemptFailedAsync(id, "sms: no credit", retryAt: null));

        var stored = await store.GetByDeduplicationKeyAsync("m");
        Assert.Equal((NotificationStatus.Failed, 2, "sms: no credit"), (stored!.Status, stored.AttemptCount, stored.LastError));
        Assert.False(await store.MarkSentAsync(id));
    }

    [SkippableFact]
    public async Task TryClaimAsync_TwoSenders_OnlyTheFirstGetsItAndItComesBackAfterTheLease()
    {
        var clock = new ManualClock(Now);
        var store = new NotificationOutboxStore(await NewDatabaseAsync(), clock);
        await store.EnqueueAsync([Message("m", Now)]);
        var id = (await store.ListDueAsync(1))[0].Id;

        var first = await store.TryClaimAsync(id, TimeSpan.FromMinutes(2));
        var second = await store.TryClaimAsync(id, TimeSpan.FromMinutes(2));
        var dueDuringLease = await store.ListDueAsync(10);
        clock.Now = Now.AddMinutes(2);
        var afterLease = await store.ListDueAsync(10);

        Assert.Equal((true, false), (first, second));
        Assert.Empty(dueDuringLease);
        Assert.Equal(id, Assert.Single(afterLease).Id);
        Assert.Equal((NotificationStatus.Pending, 0), (afterLease[0].Status, afterLease[0].AttemptCount));
    }

    [SkippableFact]
    public async Task ListAsyncAndCountByStatusAsync_TwoStations_EachSeesItsOwnAndAllSeesEveryone()
    {
        var database = await NewDatabaseAsync();
        var a = await new StationStore(database).InsertAsync(TestData.Station("Công an phường Thắng Lợi"));
        var b = await new StationStore(database).InsertAsync(TestData.Station("Công an xã Bình Sơn"));
        var store = new NotificationOutboxStore(database, new ManualClock(Now));
        await store.EnqueueAsync([
            Message("a1", Now.AddMinutes(5)) with { StationId = a }, Message("a2", Now) with { StationId = a },
            Message("b1", Now) with { StationId = b }, Message("old", Now),
        ]);
        Assert.True(await store.MarkSentAsync((await store.GetByDeduplicationKeyAsync("a1"))!.Id));

        var pendingA = await store.ListAsync(a, NotificationStatus.Pending, 10);
        var sentA = await store.ListAsync(a, NotificationStatus.Sent, 10);
        var pendingAll = await store.ListAsync(null, NotificationStatus.Pending, 10);
        var countsA = await store.CountByStatusAsync(a);
        var countsAll = await store.CountByStatusAsync(null);

        Assert.Equal(["a2"], pendingA.Select(m => m.DeduplicationKey));
        Assert.Equal(["a1"], sentA.Select(m => m.DeduplicationKey));
        Assert.Equal(a, sentA[0].StationId);
        Assert.Equal(["a2", "b1", "old"], pendingAll.Select(m => m.DeduplicationKey).Order(StringComparer.Ordinal));
        Assert.Equal((1, 0, 1), (countsA[NotificationStatus.Pending], countsA[NotificationStatus.Failed], countsA[NotificationStatus.Sent]));
        Assert.Equal((3, 0, 1), (countsAll[NotificationStatus.Pending], countsAll[NotificationStatus.Failed], countsAll[NotificationStatus.Sent]));
    }

    [SkippableFact]
    public async Task MarkSentAsync_Pending_SetsSentTime()
    {
        var clock = new ManualClock(Now);
        var store = new NotificationOutboxStore(await NewDatabaseAsync(), clock);
        await store.EnqueueAsync([Message("m", Now)]);
        var id = (await store.ListDueAsync(1))[0].Id;
        clock.Now = Now.AddSeconds(30);

        Assert.True(await store.MarkSentAsync(id));

        var stored = await store.GetByDeduplicationKeyAsync("m");
        Assert.Equal((NotificationStatus.Sent, 1, (DateTimeOffset?)Now.AddSeconds(30)), (stored!.Status, stored.AttemptCount, stored.SentAt));
    }

    [SkippableFact]
    public async Task MarkSentManyAsync_PendingFailedSentAndUnknownIds_MarksOnlyThePendingOnesAndReturnsThem()
    {
        var clock = new ManualClock(Now);
        var store = new NotificationOutboxStore(await NewDatabaseAsync(), clock);
        await store.EnqueueAsync([Message("a", Now), Message("b", Now.AddHours(10)), Message("failed", Now), Message("sent", Now), Message("other", Now)]);
        var id = await IdsAsync(store, "a", "b", "failed", "sent", "other");
        Assert.True(await store.MarkAttemptFailedAsync(id["failed"], "withdrawn: booking cancelled", retryAt: null));
        Assert.True(await store.MarkSentAsync(id["sent"]));
        clock.Now = Now.AddMinutes(7);

        // "a" twice and an id no message has: neither counts twice nor fails the call.
        var marked = await store.MarkSentManyAsync([id["a"], id["b"], id["failed"], id["sent"], id["a"], 987_654], audit: null);

        Assert.Equal([id["a"], id["b"]], marked.Select(m => m.Id));
        Assert.All(marked, m => Assert.Equal((NotificationStatus.Sent, (DateTimeOffset?)Now.AddMinutes(7), 1), (m.Status, m.SentAt, m.AttemptCount)));
        Assert.Equal(marked[0], await store.GetAsync(id["a"]));
        var failed = await store.GetAsync(id["failed"]);
        Assert.Equal((NotificationStatus.Failed, "withdrawn: booking cancelled", 1), (failed!.Status, failed.LastError, failed.AttemptCount));
        var sent = await store.GetAsync(id["sent"]);
        Assert.Equal((NotificationStatus.Sent, (DateTimeOffset?)Now, 1), (sent!.Status, sent.SentAt, sent.AttemptCount));
        Assert.Equal(NotificationStatus.Pending, (await store.GetAsync(id["other"]))!.Status);
    }

    [SkippableFact]
    public async Task MarkSentManyAsync_SameIdsAgain_MarksNothingAndWritesNoSecondAuditEntry()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var clock = new ManualClock(Now);
        var store = new NotificationOutboxStore(database, clock);
        await store.EnqueueAsync([Message("a", Now) with { StationId = stationId }, Message("b", Now) with { StationId = stationId }]);
        var id = await IdsAsync(store, "a", "b");
        var actor = AuditActor.Staff(null, "dieu-phoi");
        IEnumerable<AuditRecord> Audit(IReadOnlyList<OutboxMessage> marked) => marked.Count == 0 ? [] :
            [new AuditRecord(actor, AuditAction.MarkSent, AuditSubject.Outbox, stationId, ["K7M2QX"], $"{marked.Count} messages")];

        var first = await store.MarkSentManyAsync([id["a"], id["b"]], Audit);
        clock.Now = Now.AddMinutes(1);
        var again = await store.MarkSentManyAsync([id["a"], id["b"]], Audit);

        Assert.Equal((2, 0), (first.Count, again.Count));
        Assert.All([await store.GetAsync(id["a"]), await store.GetAsync(id["b"])], m => Assert.Equal(((DateTimeOffset?)Now, 1), (m!.SentAt, m.AttemptCount)));
        var entry = Assert.Single(await new AuditLogStore(database, clock).ListAsync(new AuditQuery(stationId)));
        Assert.Equal((AuditAction.MarkSent, AuditSubject.Outbox, "2 messages", Now), (entry.Action, entry.Subject, entry.Detail, entry.At));
        Assert.Equal(["K7M2QX"], entry.BookingCodes);
    }

    [SkippableFact]
    public async Task PendingIdsOfRecipientAsync_TwoStationsSamePhone_OnlyThatStationsPendingOnesUpToTheBound()
    {
        var database = await NewDatabaseAsync();
        var a = await new StationStore(database).InsertAsync(TestData.Station("Công an phường Thắng Lợi"));
        var b = await new StationStore(database).InsertAsync(TestData.Station("Công an xã Bình Sơn"));
        var store = new NotificationOutboxStore(database, new ManualClock(Now));
        await store.EnqueueAsync([
            Message("a1", Now.AddDays(1)) with { StationId = a }, Message("a2", Now) with { StationId = a }, Message("a-sent", Now) with { StationId = a },
            Message("a-other-phone", Now) with { StationId = a, Recipient = "0903111222" }, Message("b1", Now) with { StationId = b },
            Message("none", Now),
        ]);
        var id = await IdsAsync(store, "a1", "a2", "a-sent", "none");
        Assert.True(await store.MarkSentAsync(id["a-sent"]));
        var through = id["none"];
        // Queued after the page was shown: not part of what staff read out.
        await store.EnqueueAsync([Message("a-later", Now) with { StationId = a }, Message("none-later", Now)]);

        var ofA = await store.PendingIdsOfRecipientAsync(a, "0912345678", through);
        var ofNone = await store.PendingIdsOfRecipientAsync(null, "0912345678", through);
        var ofAWithoutBound = await store.PendingIdsOfRecipientAsync(a, "0912345678", long.MaxValue);

        Assert.Equal([id["a1"], id["a2"]], ofA);
        Assert.Equal([id["none"]], ofNone);
        Assert.Equal(3, ofAWithoutBound.Count);
    }

    private static async Task<Dictionary<string, long>> IdsAsync(NotificationOutboxStore store, params string[] keys)
    {
        var ids = new Dictionary<string, long>();
        foreach (var key in keys)
        {
            ids[key] = (await store.GetByDeduplicationKeyAsync(key))!.Id;
        }

        return ids;
    }

    [SkippableFact]
    public async Task PublishAsync_WithNotifications_QueuesOnlyOnFirstPublish()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var clock = new ManualClock(Now);
        var plans = new PlanStore(database, clock);
        var outbox = new NotificationOutboxStore(database, clock);
        var day = new DateOnly(2026, 3, 2);
        var plan = await plans.SaveNewVersionAsync(new PlanContent(
            new Plan(0, stationId, PlanKind.Pickups, day, day, 0, PlanStatus.Draft, default, null, "chief"), [], [], []));

        Assert.True(await plans.PublishAsync(plan.Plan.Id, [Message("plan:1:booking:1", Now)]));
        Assert.False(await plans.PublishAsync(plan.Plan.Id, [Message("plan:1:booking:2", Now)]));

        Assert.NotNull(await outbox.GetByDeduplicationKeyAsync("plan:1:booking:1"));
        Assert.Null(await outbox.GetByDeduplicationKeyAsync("plan:1:booking:2"));
    }
}

public sealed class SqliteNotificationOutboxStoreTests() : NotificationOutboxStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresNotificationOutboxStoreTests(PostgresServer server) : NotificationOutboxStoreTests(new PostgresTarget(server, "outbox"));
