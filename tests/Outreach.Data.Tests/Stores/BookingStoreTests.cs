using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Data.Tests.Stores;

public abstract class BookingStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly TimeOnly Eight = new(8, 0);
    private static readonly TimeOnly Fourteen = new(14, 0);

    private Database? _database;

    private async Task<(BookingStore Store, long StationId, long SiteId)> SetUpAsync()
    {
        _database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(_database);
        return (new BookingStore(_database, new ManualClock(Now)), stationId, siteId);
    }

    [SkippableFact]
    public async Task TryBookAsync_SeatsLeft_StoresWithFreshCodeAndNationalPhone()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var request = TestData.Booking(stationId, siteId) with { Phone = "+84 912 345 678", Needs = BookingNeeds.Wheelchair };

        var result = await store.TryBookAsync(request, new BookingCapacity(SeatsPerSlot: 10));

        Assert.Equal(BookingOutcome.Booked, result.Outcome);
        var stored = await store.GetByCodeAsync(result.Booking!.Code);
        Assert.True(BookingCode.IsWellFormed(stored!.Code));
        Assert.Equal(request with { Id = stored.Id, Code = stored.Code, Phone = "0912345678", CreatedAt = Now, UpdatedAt = Now }, stored);
        Assert.Equal(result.Booking, stored);
    }

    [SkippableFact]
    public async Task TryBookAsync_SlotWouldOverflow_ReturnsFullAndStoresNothing()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 10);
        // 4 children + 1 guardian = 5 seats taken; 4 + 2 = 6 more would make 11 > 10.
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, guardians: 1), capacity);

        var result = await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, guardians: 2), capacity);

        Assert.Equal(BookingOutcome.Full, result.Outcome);
        Assert.Equal(5, result.Usage!.SeatsTakenInSlot);
        Assert.Single(await store.ListAsync(stationId, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3)));
    }

    [SkippableFact]
    public async Task TryBookAsync_DayLimitReached_ReturnsFullEvenWithSlotRoom()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 10, SeatsPerDay: 12);
        // 08:00 holds 6 + 1 = 7 seats; 14:00 asks 5 + 1 = 6: fits its slot (6 <= 10) but not the day (13 > 12).
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 6, guardians: 1, slot: Eight), capacity);

        var result = await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 5, guardians: 1, slot: Fourteen), capacity);

        Assert.Equal(BookingOutcome.Full, result.Outcome);
        Assert.Equal((0, 7), (result.Usage!.SeatsTakenInSlot, result.Usage.SeatsTakenOnDay));
    }

    [SkippableFact]
    public async Task TryBookAsync_AfterCancellation_SeatsAreFreeAgain()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 6);
        var first = await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, guardians: 2), capacity);
        Assert.Equal(BookingOutcome.Full, (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity)).Outcome);

        Assert.True(await store.CancelAsync(first.Booking!.Id));
        var again = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity);

        Assert.Equal(BookingOutcome.Booked, again.Outcome);
        Assert.Equal(BookingStatus.Cancelled, (await store.GetAsync(first.Booking.Id))!.Status);
        Assert.False(await store.CancelAsync(first.Booking.Id));
    }

    [SkippableFact]
    public async Task TryBookAsync_NoGuardian_ThrowsNamingFieldAndStoresNothing()
    {
        var (store, stationId, siteId) = await SetUpAsync();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.TryBookAsync(TestData.Booking(stationId, siteId, guardians: 0), new BookingCapacity(10)));

        var field = Assert.Single(error.Errors);
        Assert.Equal(("guardianCount", "0"), (field.Field, field.Value));
        Assert.Empty(await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true));
    }

    [SkippableFact]
    public async Task TryBookAsync_PickupSiteOfAnotherStation_ThrowsNamingPickupSite()
    {
        var (store, stationId, _) = await SetUpAsync();
        var otherStation = await new StationStore(_database!).InsertAsync(TestData.Station("Công an xã Bình Sơn"));
        var otherSite = await new SiteStore(_database!).InsertAsync(TestData.Site(otherStation, "Nhà văn hóa Lát Đá", SiteKind.VillageCulturalHouse));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.TryBookAsync(TestData.Booking(stationId, otherSite), new BookingCapacity(10)));

        Assert.Equal("pickupSiteId", Assert.Single(error.Errors).Field);
    }

    [SkippableFact]
    public async Task TryBookAsync_CallerChosenCodeTaken_ThrowsDuplicateKey()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        await store.TryBookAsync(TestData.Booking(stationId, siteId) with { Code = "ABC234" }, new BookingCapacity(10));

        await Assert.ThrowsAsync<DuplicateKeyException>(() =>
            store.TryBookAsync(TestData.Booking(stationId, siteId) with { Code = "abc234" }, new BookingCapacity(10)));
    }

    [SkippableFact]
    public async Task FindForFamilyAsync_CodeWithMatchingOrWrongPhone_OnlyMatchingFinds()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var booked = (await store.TryBookAsync(TestData.Booking(stationId, siteId), new BookingCapacity(10))).Booking!;

        Assert.Equal(booked, await store.FindForFamilyAsync(booked.Code.ToLowerInvariant(), "+84912345678"));
        Assert.Null(await store.FindForFamilyAsync(booked.Code, "0912345679"));
        Assert.Null(await store.FindForFamilyAsync(booked.Code, "not a phone"));
    }

    [SkippableFact]
    public async Task TryMoveAsync_ToFullThenToFreeSlot_FullLeavesItThenMoves()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 5);
        // 08:00 holds 3 + 1 = 4 seats; 14:00 holds 4 + 1 = 5 (full).
        var mine = (await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 3, slot: Eight), capacity)).Booking!;
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, slot: Fourteen), capacity);

        var toFull = await store.TryMoveAsync(mine.Id, mine.Date, Fourteen, capacity);
        var toNextDay = await store.TryMoveAsync(mine.Id, mine.Date.AddDays(1), Fourteen, capacity);

        Assert.Equal((BookingOutcome.Full, 5), (toFull.Outcome, toFull.Usage!.SeatsTakenInSlot));
        Assert.Equal(BookingOutcome.Booked, toNextDay.Outcome);
        var stored = await store.GetAsync(mine.Id);
        Assert.Equal((new DateOnly(2026, 3, 4), Fourteen, BookingStatus.Moved), (stored!.Date, stored.SlotStart, stored.Status));
    }

    [SkippableFact]
    public async Task TryMoveAsync_WithinOwnSlot_DoesNotCountItself()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 4);
        // The booking fills the slot (3 + 1 = 4); moving it onto the same slot must not see 8 seats.
        var mine = (await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 3), capacity)).Booking!;

        var result = await store.TryMoveAsync(mine.Id, mine.Date, mine.SlotStart, capacity);

        Assert.Equal((BookingOutcome.Booked, 0), (result.Outcome, result.Usage!.SeatsTakenInSlot));
    }

    [SkippableFact]
    public async Task TryMoveAsync_CancelledOrUnknown_IsRefused()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 10);
        var mine = (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity)).Booking!;
        await store.CancelAsync(mine.Id);

        Assert.Equal(BookingOutcome.NotChangeable, (await store.TryMoveAsync(mine.Id, mine.Date, Fourteen, capacity)).Outcome);
        Assert.Equal(BookingOutcome.NotFound, (await store.TryMoveAsync(mine.Id + 100, mine.Date, Fourteen, capacity)).Outcome);
    }

    [SkippableFact]
    public async Task ListSlotUsageAsync_TwoSlots_SumsSeatsPerSlotAndDay()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 20);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 2, guardians: 1, slot: Eight), capacity);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 1, guardians: 1, slot: Eight), capacity);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 3, guardians: 2, slot: Fourteen), capacity);

        var usage = await store.ListSlotUsageAsync(stationId, new DateOnly(2026, 3, 3));

        // 08:00: 3 + 2 = 5 seats in 2 bookings; 14:00: 5 seats in 1; the day: 10.
        Assert.Equal(
            [new SlotUsage(stationId, new DateOnly(2026, 3, 3), Eight, 5, 10, 2), new SlotUsage(stationId, new DateOnly(2026, 3, 3), Fourteen, 5, 10, 1)],
            usage);
    }

    [SkippableFact]
    public async Task FindAlternativesAsync_RequestedSlotFull_OffersNearestSlotsThatFit()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 6);
        var day = new DateOnly(2026, 3, 3);
        var nine = new TimeOnly(9, 0);
        // 08:00 and 09:00 hold 5 seats each; a 3-seat family (2 children + 1 guardian) fits neither.
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, slot: Eight), capacity);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, slot: nine), capacity);
        var family = TestData.Booking(stationId, siteId, children: 2, slot: Eight);
        (DateOnly, TimeOnly)[] offered = [(day, Eight), (day, nine), (day, Fourteen), (day.AddDays(1), Eight), (day.AddDays(1), new TimeOnly(7, 0))];

        var alternatives = await store.FindAlternativesAsync(family, offered, capacity.AsRule(), max: 2);

        // 14:00 the same day is 6 h away; the next day's 07:00 is 23 h and 08:00 24 h away.
        Assert.Equal([(day, Fourteen, 0), (day.AddDays(1), new TimeOnly(7, 0), 0)], alternatives.Select(a => (a.Date, a.SlotStart, a.SeatsTakenInSlot)));
        Assert.Equal(10, alternatives[0].SeatsTakenOnDay);
    }

    [SkippableFact]
    public async Task TryBookAsync_200ParallelRequestsForLast10Seats_ExactlyTenSeatsTaken()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 30);
        // 4 bookings of 4 children + 1 guardian = 20 of 30 seats; 10 remain.
        for (var i = 0; i < 4; i++)
        {
            await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, guardians: 1), capacity);
        }

        // Open many pooled connections first so the racers really overlap instead of queueing for new connections.
        var warm = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _database!.OpenAsync()));
        foreach (var connection in warm)
        {
            await connection.DisposeAsync();
        }

        // 200 families of 1 child + 1 guardian (2 seats each) race for the last 10 seats: 5 can win.
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
            store.TryBookAsync(TestData.Booking(stationId, siteId, children: 1, guardians: 1), capacity))));

        Assert.Equal(5, results.Count(r => r.Outcome == BookingOutcome.Booked));
        Assert.Equal(195, results.Count(r => r.Outcome == BookingOutcome.Full));
        var usage = Assert.Single(await store.ListSlotUsageAsync(stationId, new DateOnly(2026, 3, 3)));
        Assert.Equal(30, usage.SeatsTakenInSlot);
    }
}

public sealed class SqliteBookingStoreTests() : BookingStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresBookingStoreTests(PostgresServer server) : BookingStoreTests(new PostgresTarget(server, "bookings"));
