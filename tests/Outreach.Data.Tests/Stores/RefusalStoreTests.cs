using Dapper;
using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class RefusalStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly DateOnly Day = new(2026, 3, 3);

    [SkippableFact]
    public async Task RecordAsync_SameKeyTwiceAndOtherKeys_CountsEachKeyApart()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var otherStation = await new StationStore(database).InsertAsync(TestData.Station("Công an phường Lương Sơn"));
        var store = new RefusalStore(database, new ManualClock(Now));

        await store.RecordAsync(stationId, Day, "Slot.SeatsFull", RefusalChannels.Family);
        await store.RecordAsync(stationId, Day, "Slot.SeatsFull", RefusalChannels.Family);
        await store.RecordAsync(stationId, Day, "Slot.SeatsFull", RefusalChannels.PhoneIn);
        await store.RecordAsync(stationId, Day, "Plan.TripFull", RefusalChannels.Move);
        await store.RecordAsync(stationId, Day.AddDays(1), "Slot.SeatsFull", RefusalChannels.Family);
        await store.RecordAsync(otherStation, Day, "Slot.DesksFull", RefusalChannels.Family);

        // Most refused first, then by reason and channel (ordinal).
        Assert.Equal(
            [new RefusalCount("Slot.SeatsFull", "family", 2), new RefusalCount("Plan.TripFull", "move", 1), new RefusalCount("Slot.SeatsFull", "phone-in", 1)],
            await store.ForDayAsync(stationId, Day));
        Assert.Equal([new RefusalCount("Slot.SeatsFull", "family", 1)], await store.ForDayAsync(stationId, Day.AddDays(1)));
        Assert.Equal([new RefusalCount("Slot.DesksFull", "family", 1)], await store.ForDayAsync(otherStation, Day));
        Assert.Empty(await store.ForDayAsync(stationId, Day.AddDays(-1)));
    }

    [SkippableFact]
    public async Task RecordAsync_LaterRecord_MovesUpdatedAt()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var clock = new ManualClock(Now);
        var store = new RefusalStore(database, clock);

        await store.RecordAsync(stationId, Day, "Slot.SeatsFull", RefusalChannels.Family);
        clock.Now = Now.AddMinutes(5);
        await store.RecordAsync(stationId, Day, "Slot.SeatsFull", RefusalChannels.Family);

        await using var connection = await database.OpenAsync();
        var updatedAt = await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT updated_at FROM booking_refusals");
        Assert.Equal(Now.AddMinutes(5), updatedAt);
    }

    [SkippableFact]
    public async Task RecordAsync_20AtOnceForOneKey_CountsAll20()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new RefusalStore(database, new ManualClock(Now));

        // The first records race to insert the row; the upsert turns every loser into an increment.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.RecordAsync(stationId, Day, "Slot.SeatsFull", RefusalChannels.Family))));

        Assert.Equal([new RefusalCount("Slot.SeatsFull", "family", 20)], await store.ForDayAsync(stationId, Day));
    }

    [SkippableTheory]
    [InlineData("Lan 0912345678", "family")]
    [InlineData("", "family")]
    [InlineData("Slot.SeatsFull", "sms")]
    public async Task RecordAsync_FreeTextReasonOrUnknownChannel_RejectedNamingTheValue(string reason, string channel)
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new RefusalStore(database, new ManualClock(Now));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(stationId, Day, reason, channel));

        Assert.Contains(reason.Length == 0 || reason.Contains(' ', StringComparison.Ordinal) ? $"reason = '{reason}'" : $"channel = '{channel}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ForDayAsync(stationId, Day));
    }

    [SkippableFact]
    public async Task AnonymiseUpToAsync_DayPastRetention_KeepsItsRefusalCounts()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var bookings = new BookingStore(database, new ManualClock(Now));
        var booked = await bookings.TryBookAsync(TestData.Booking(stationId, siteId) with { Date = Day }, new BookingCapacity(SeatsPerSlot: 100));
        var store = new RefusalStore(database, new ManualClock(Now));
        await store.RecordAsync(stationId, Day, "Slot.SeatsFull", RefusalChannels.Family);

        var anonymised = await bookings.AnonymiseUpToAsync(Day, AuditActor.System("retention"));

        // The counts hold nothing personal: the retention step that removes the day's personal data leaves them.
        Assert.Equal((BookingOutcome.Booked, 1), (booked.Outcome, anonymised));
        Assert.Equal([new RefusalCount("Slot.SeatsFull", "family", 1)], await store.ForDayAsync(stationId, Day));
    }
}

public sealed class SqliteRefusalStoreTests() : RefusalStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresRefusalStoreTests(PostgresServer server) : RefusalStoreTests(new PostgresTarget(server, "refusals"));
