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

        // 08:00: 3 + 2 = 5 seats in 2 bookings; 14:00: 5 seats in 1; the day: 10 seats, 6 children.
        var day = new DateOnly(2026, 3, 3);
        // The day's families by slot, then people (families alike are read as one row with their count).
        BookedGroup[] groups = [new(day, Eight, 1, 1, BookingNeeds.None), new(day, Eight, 2, 1, BookingNeeds.None), new(day, Fourteen, 3, 2, BookingNeeds.None)];
        Assert.Equal(
            [
                new SlotUsage(stationId, day, Eight, 5, 10, 2) { ChildrenInSlot = 3, ChildrenOnDay = 6, DayBookings = groups },
                new SlotUsage(stationId, day, Fourteen, 5, 10, 1) { ChildrenInSlot = 3, ChildrenOnDay = 6, DayBookings = groups },
            ],
            usage);
    }

    [SkippableFact]
    public async Task TryBookAsync_RuleSeesChildrenNeedsAndTheDaysBookings()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var open = new BookingCapacity(SeatsPerSlot: 50);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 3, slot: Eight) with { Needs = BookingNeeds.Wheelchair | BookingNeeds.ChildSeat }, open);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 1, slot: Eight) with { Needs = BookingNeeds.Wheelchair }, open);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 2, guardians: 2, slot: Fourteen), open);
        var cancelled = await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 5, slot: Eight), open);
        await store.CancelAsync(cancelled.Booking!.Id);
        SlotUsage? seen = null;

        var result = await store.TryBookAsync(TestData.Booking(stationId, siteId, slot: Eight), (usage, _) =>
        {
            seen = usage;
            return false;
        });

        // 08:00 holds 3 + 1 and 1 + 1 (the cancelled 5 + 1 no longer counts): 6 seats, 4 children, 2 wheelchairs, 1 child seat;
        // with 14:00 (2 + 2) the day holds 10 seats and 6 children in 3 bookings.
        Assert.Equal(BookingOutcome.Full, result.Outcome);
        Assert.Equal((6, 4, 2, 1, 2), (seen!.SeatsTakenInSlot, seen.ChildrenInSlot, seen.WheelchairsInSlot, seen.ChildSeatsInSlot, seen.BookingsInSlot));
        Assert.Equal((10, 6, 3), (seen.SeatsTakenOnDay, seen.ChildrenOnDay, seen.DayBookings.Count));
        Assert.Equal([Eight, Eight, Fourteen], seen.DayBookings.Select(b => b.SlotStart));
        Assert.Equal(result.Usage, seen);
    }

    [SkippableFact]
    public async Task TryMoveAsync_RuleSeesTheDayWithoutTheMovingBooking()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var open = new BookingCapacity(SeatsPerSlot: 50);
        var mine = (await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4, slot: Eight), open)).Booking!;
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 1, slot: Fourteen), open);
        SlotUsage? seen = null;

        await store.TryMoveAsync(mine.Id, mine.Date, Fourteen, (usage, moved) =>
        {
            seen = usage;
            return moved.SlotStart == Fourteen;
        });

        // Only the other family (1 + 1) is left on the day; the moving one (4 + 1) is not counted twice.
        Assert.Equal((2, 2, 1), (seen!.SeatsTakenInSlot, seen.SeatsTakenOnDay, seen.DayBookings.Count));
    }

    [SkippableFact]
    public async Task ListBookedGroupsAsync_Range_LeavesOutCancelledAndExcluded()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var open = new BookingCapacity(SeatsPerSlot: 50);
        var day = new DateOnly(2026, 3, 3);
        var first = (await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 1), open)).Booking!;
        var second = (await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 2) with { Needs = BookingNeeds.ChildSeat }, open)).Booking!;
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 3) with { Date = day.AddDays(1) }, open);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 4) with { Date = day.AddDays(2) }, open);
        await store.CancelAsync(first.Id);

        var groups = await store.ListBookedGroupsAsync(stationId, day, day.AddDays(1));
        var withoutSecond = await store.ListBookedGroupsAsync(stationId, day, day.AddDays(1), excludeBookingId: second.Id);

        Assert.Equal([new BookedGroup(day, Eight, 2, 1, BookingNeeds.ChildSeat), new BookedGroup(day.AddDays(1), Eight, 3, 1, BookingNeeds.None)], groups);
        Assert.Equal([3], withoutSecond.Select(g => g.ChildCount));
    }

    [SkippableFact]
    public async Task ListBookedGroupsAsync_FamiliesAlike_EachCounted()
    {
        // Families alike come from the database as one row with their count: each is still one family in the list.
        var (store, stationId, siteId) = await SetUpAsync();
        var open = new BookingCapacity(SeatsPerSlot: 50);
        var day = new DateOnly(2026, 3, 3);
        for (int i = 0; i < 3; i++)
        {
            await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 1), open);
        }

        var cancelled = (await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 1), open)).Booking!;
        await store.CancelAsync(cancelled.Id);
        await store.TryBookAsync(TestData.Booking(stationId, siteId, children: 2), open);

        var groups = await store.ListBookedGroupsAsync(stationId, day, day);
        var usage = Assert.Single(await store.ListSlotUsageAsync(stationId, day));

        Assert.Equal([1, 1, 1, 2], groups.Select(g => g.ChildCount).Order());
        Assert.All(groups, g => Assert.Equal((day, Eight, 1, BookingNeeds.None), (g.Date, g.SlotStart, g.GuardianCount, g.Needs)));
        Assert.Equal((4, 9), (usage.BookingsInSlot, usage.SeatsTakenInSlot));
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
        Assert.Equal(2, alternatives[0].DayBookings.Count);
        Assert.Empty(alternatives[1].DayBookings);
    }

    [SkippableFact]
    public async Task TryBookManyAsync_AllFit_StoresAllWithTheirOwnCodes()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        Booking[] batch = [TestData.Booking(stationId, siteId, children: 2), TestData.Booking(stationId, siteId, children: 3) with { Phone = "0987 654 321" }];

        var result = await store.TryBookManyAsync(batch, new BookingCapacity(SeatsPerSlot: 10).AsRule());

        Assert.True(result.Committed);
        Assert.All(result.Results, r => Assert.Equal(BookingOutcome.Booked, r.Outcome));
        var stored = await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue);
        Assert.Equal(result.Results.Select(r => r.Booking), stored);
        Assert.Equal(2, stored.Select(b => b.Code).Distinct().Count());
        Assert.Equal("0987654321", stored[1].Phone);
    }

    [SkippableFact]
    public async Task TryBookManyAsync_LaterRowDoesNotFitAfterTheEarlierOnes_StoresNothing()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 8);
        // 3 + 1 = 4 seats, then 3 + 1 = 4 (8 of 8), then 1 + 1 = 2 more: the third does not fit after the first two.
        Booking[] batch = [TestData.Booking(stationId, siteId, children: 3), TestData.Booking(stationId, siteId, children: 3), TestData.Booking(stationId, siteId, children: 1)];

        var result = await store.TryBookManyAsync(batch, capacity.AsRule());

        Assert.False(result.Committed);
        Assert.Equal([BookingOutcome.RolledBack, BookingOutcome.RolledBack, BookingOutcome.Full], result.Results.Select(r => r.Outcome));
        Assert.Equal(8, result.Results[2].Usage!.SeatsTakenInSlot);
        Assert.Empty(await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true));
    }

    [SkippableFact]
    public async Task TryBookManyAsync_InvalidRow_ThrowsNamingRowAndFieldAndStoresNothing()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        Booking[] batch = [TestData.Booking(stationId, siteId), TestData.Booking(stationId, siteId) with { Phone = "12345" }];

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.TryBookManyAsync(batch, new BookingCapacity(10).AsRule()));

        Assert.Equal(("bookings[1].phone", "12345"), (Assert.Single(error.Errors).Field, error.Errors[0].Value));
        Assert.Empty(await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true));
    }

    [SkippableFact]
    public async Task TryBookManyAsync_SiteOfAnotherStationInALaterRow_StoresNothing()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var otherStation = await new StationStore(_database!).InsertAsync(TestData.Station("Công an xã Bình Sơn"));
        var otherSite = await new SiteStore(_database!).InsertAsync(TestData.Site(otherStation, "Nhà văn hóa Lát Đá", SiteKind.VillageCulturalHouse));
        Booking[] batch = [TestData.Booking(stationId, siteId), TestData.Booking(stationId, otherSite)];

        await Assert.ThrowsAsync<DomainValidationException>(() => store.TryBookManyAsync(batch, new BookingCapacity(10).AsRule()));

        Assert.Empty(await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true));
    }

    [SkippableFact]
    public async Task TryBookManyAsync_ParallelBatchesForTheLast10Seats_NeverOverbook()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 30).AsRule();
        // 20 of 30 seats taken; 10 remain.
        await store.TryBookManyAsync([.. Enumerable.Range(0, 4).Select(_ => TestData.Booking(stationId, siteId, children: 4))], capacity);

        // 30 hamlets each send 3 families of 1 + 1: 6 seats a batch, so only one batch fits (12 > 10).
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => store.TryBookManyAsync(
            [.. Enumerable.Range(0, 3).Select(_ => TestData.Booking(stationId, siteId, children: 1))], capacity))));

        Assert.Equal(1, results.Count(r => r.Committed));
        Assert.Equal(26, Assert.Single(await store.ListSlotUsageAsync(stationId, new DateOnly(2026, 3, 3))).SeatsTakenInSlot);
    }

    /// <summary>
    /// A stand-in for the day's live plan (issue 13): fits while the plan has fewer than <paramref name="seats"/> families,
    /// and stores "ids in the plan" as the plan, so what was stored can be checked against the bookings.
    /// </summary>
    private static LiveRule SeatsInPlan(int seats) => (day, candidate) =>
    {
        var inPlan = System.Text.Json.JsonSerializer.Deserialize<List<long>>(day.Plan ?? "[]")!;
        // The stored plan always names exactly the day's bookings: nothing was stored beside it or lost from it.
        Assert.Equal(day.Bookings.Select(b => b.Id).Order(), inPlan.Order());
        return day.Bookings.Count < seats
            ? new LiveVerdict(true, id => System.Text.Json.JsonSerializer.Serialize(inPlan.Append(id).ToList()), null)
            : new LiveVerdict(false, null, new LiveRefusal("VansBusy", "Các xe đã kín lịch", "Every van is busy"));
    };

    [SkippableFact]
    public async Task TryBookAsync_LivePlan_200ParallelRequestsForTheLastSeat_ExactlyOneConfirmedAndThePlanNamesIt()
    {
        // Idle connections of earlier tests' databases would count against the server's limit while 200 requests race.
        Npgsql.NpgsqlConnection.ClearAllPools();
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var live = SeatsInPlan(5);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(BookingOutcome.Booked, (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null)).Outcome);
        }

        var warm = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _database!.OpenAsync()));
        foreach (var connection in warm)
        {
            await connection.DisposeAsync();
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
            store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null))));

        var won = Assert.Single(results, r => r.Outcome == BookingOutcome.Booked);
        Assert.All(results.Where(r => r.Outcome != BookingOutcome.Booked), r =>
        {
            Assert.Equal(BookingOutcome.Full, r.Outcome);
            Assert.Equal("VansBusy", r.LiveRefusal?.Code);
        });
        var stored = await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue);
        var plan = await store.GetLivePlanAsync(stationId, won.Booking!.Date);
        Assert.NotNull(plan);
        Assert.Equal(5, plan.Value.Version);
        Assert.Equal(stored.Select(b => b.Id).Order(), System.Text.Json.JsonSerializer.Deserialize<List<long>>(plan.Value.Content)!.Order());
    }

    [SkippableFact]
    public async Task TryBookAsync_LivePlanRefuses_NothingStoredAndThePlanUnchanged_CancelFreesTheSeatAtOnce()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var live = SeatsInPlan(2);
        var first = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);
        await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);

        var refused = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);
        var planAfterRefusal = await store.GetLivePlanAsync(stationId, first.Booking!.Date);
        await store.CancelAsync(first.Booking.Id, null, (plan, id) =>
            System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Deserialize<List<long>>(plan)!.Where(b => b != id).ToList()));
        var next = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);

        Assert.Equal(BookingOutcome.Full, refused.Outcome);
        Assert.Equal(2, planAfterRefusal!.Value.Version);
        Assert.Equal(BookingOutcome.Booked, next.Outcome);
        Assert.Equal(4, (await store.GetLivePlanAsync(stationId, first.Booking.Date))!.Value.Version);
        Assert.Equal(2, (await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue)).Count);
    }

    [SkippableFact]
    public async Task TryBookManyAsync_LivePlan_EachRowJudgedOnThePlanTheRowsBeforeLeft_StoredTogetherOrNotAtAll()
    {
        // Staff on the phone enter a hamlet's families: each must be a seat in the day's live plan, as a family's own
        // booking is. The plan grows row by row inside the batch; one row the vans cannot take stores nothing.
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var live = SeatsInPlan(4);
        await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);

        var fits = await store.TryBookManyAsync([TestData.Booking(stationId, siteId), TestData.Booking(stationId, siteId)], capacity, live, null);
        var date = fits.Results[0].Booking!.Date;
        var planAfterTwo = await store.GetLivePlanAsync(stationId, date);
        var tooMany = await store.TryBookManyAsync([TestData.Booking(stationId, siteId), TestData.Booking(stationId, siteId)], capacity, live, null);

        Assert.True(fits.Committed);
        Assert.Equal(3, planAfterTwo!.Value.Version);
        Assert.Equal((await store.ListAsync(stationId, date, date)).Select(b => b.Id).Order(), IdsInPlan(planAfterTwo.Value.Content).Order());
        Assert.False(tooMany.Committed);
        Assert.Equal([BookingOutcome.RolledBack, BookingOutcome.Full], tooMany.Results.Select(r => r.Outcome));
        Assert.Equal("VansBusy", tooMany.Results[1].LiveRefusal?.Code);
        // The first row's plan was written inside the batch and went with it.
        Assert.Equal(3, (await store.GetLivePlanAsync(stationId, date))!.Value.Version);
        Assert.Equal(3, (await store.ListAsync(stationId, date, date)).Count);
    }

    [SkippableFact]
    public async Task EraseForFamilyAsync_BookingInTheLivePlan_LeavesThePlanAndFreesTheSeatAtOnce()
    {
        // "Delete my data" on an upcoming booking cancels it: its seat must be free for the next family as with a cancellation.
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var live = SeatsInPlan(2);
        var first = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);
        var second = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);

        var erased = await store.EraseForFamilyAsync(first.Booking!.Id, new AuditedBy(AuditActor.Family(first.Booking.Code), AuditSubject.Booking), (plan, id) =>
            System.Text.Json.JsonSerializer.Serialize(IdsInPlan(plan).Where(b => b != id).ToList()));
        var planAfterErasure = await store.GetLivePlanAsync(stationId, first.Booking.Date);
        var next = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);

        Assert.True(erased);
        Assert.Equal([second.Booking!.Id], IdsInPlan(planAfterErasure!.Value.Content));
        Assert.Equal(3, planAfterErasure.Value.Version);
        Assert.Equal(BookingOutcome.Booked, next.Outcome);
    }

    /// <summary>The bookings a stand-in plan of <see cref="SeatsInPlan"/> serves: the ids it names.</summary>
    private static IEnumerable<long> IdsInPlan(string plan) => System.Text.Json.JsonSerializer.Deserialize<List<long>>(plan)!;

    private static OutboxMessage Booked(Booking stored) => new(0, NotificationChannel.Zalo, stored.Phone, "pickup-booked", "vi", "{}",
        $"pickup:booking:{stored.Id}:booked", Now, NotificationStatus.Pending, 0, Now, null, null, stored.StationId);

    [SkippableFact]
    public async Task TryBookEachAsync_EachJudgedOnTheDayTheOnesBeforeLeft_RefusedOnesStoreNothing_PlanWrittenOnceAVersionABooking()
    {
        // A station day's booking line sends the requests that queued together: each must be a seat in the plan as the
        // requests before it left it, and a refusal must not undo the others.
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var live = SeatsInPlan(3);
        var first = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, live, null);
        var audit = new AuditedBy(AuditActor.Family("LINE"), AuditSubject.Booking);

        var results = await store.TryBookEachAsync(Enumerable.Range(0, 4)
            .Select(_ => new BookingRequest(TestData.Booking(stationId, siteId), capacity, live, audit, Booked)).ToList());

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal([BookingOutcome.Booked, BookingOutcome.Booked, BookingOutcome.Full, BookingOutcome.Full], results.Select(r => r.Result!.Outcome));
        Assert.All(results.Skip(2), r => Assert.Equal("VansBusy", r.Result!.LiveRefusal?.Code));
        var stored = await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue);
        Assert.Equal(3, stored.Count);
        var plan = (await store.GetLivePlanAsync(stationId, first.Booking!.Date))!.Value;
        Assert.Equal(stored.Select(b => b.Id).Order(), IdsInPlan(plan.Content).Order());
        Assert.Equal(3, plan.Version);
        // Each stored request has its own message, none for the refused ones.
        var messages = await new NotificationOutboxStore(_database!, new ManualClock(Now)).ListAsync(stationId, NotificationStatus.Pending, 100);
        Assert.Equal(results.Take(2).Select(r => $"pickup:booking:{r.Result!.Booking!.Id}:booked").Order(), messages.Select(m => m.DeduplicationKey).Order());
    }

    [SkippableFact]
    public async Task TryBookEachAsync_OneWithAWrongFieldAndOneWithAnotherStationsPoint_EachFailsAlone_TheOthersAreStored()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var otherStation = await new StationStore(_database!).InsertAsync(TestData.Station("Công an xã Bình Sơn"));
        var otherSite = await new SiteStore(_database!).InsertAsync(TestData.Site(otherStation, "Nhà văn hóa Lát Đá", SiteKind.VillageCulturalHouse));
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var live = SeatsInPlan(10);

        var results = await store.TryBookEachAsync([
            new BookingRequest(TestData.Booking(stationId, siteId), capacity, live, null, null),
            new BookingRequest(TestData.Booking(stationId, siteId, children: 0), capacity, live, null, null),
            new BookingRequest(TestData.Booking(stationId, otherSite), capacity, live, null, null),
            new BookingRequest(TestData.Booking(stationId, siteId), capacity, live, null, null),
        ]);

        Assert.Equal(BookingOutcome.Booked, results[0].Result?.Outcome);
        Assert.Contains(Assert.IsType<DomainValidationException>(results[1].Error).Errors, e => e.Field == "childCount");
        Assert.Equal("pickupSiteId", Assert.Single(Assert.IsType<DomainValidationException>(results[2].Error).Errors).Field);
        Assert.Equal(BookingOutcome.Booked, results[3].Result?.Outcome);
        var stored = await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue);
        Assert.Equal([results[0].Result!.Booking!.Id, results[3].Result!.Booking!.Id], stored.Select(b => b.Id).Order());
        Assert.Equal(2, (await store.GetLivePlanAsync(stationId, stored[0].Date))!.Value.Version);
    }

    [SkippableFact]
    public async Task TryBookEachAsync_CapacityOfEachCountsTheOnesBefore()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        // Three seats a slot: the first family (3 seats) fills it, the second is refused by the capacity rule.
        var capacity = new BookingCapacity(SeatsPerSlot: 3).AsRule();

        var results = await store.TryBookEachAsync([
            new BookingRequest(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null, null),
            new BookingRequest(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null, null),
        ]);

        Assert.Equal([BookingOutcome.Booked, BookingOutcome.Full], results.Select(r => r.Result!.Outcome));
        Assert.Null(results[1].Result!.LiveRefusal);
        Assert.Single(await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue));
    }

    /// <summary>The stand-in live plan (<see cref="SeatsInPlan"/>) judging requests together: the first ones up to the seats.</summary>
    private static LiveBatchRule SeatsInPlanTogether(int seats, List<int> asked) => (day, candidates) =>
    {
        asked.Add(candidates.Count);
        var inPlan = System.Text.Json.JsonSerializer.Deserialize<List<long>>(day.Plan ?? "[]")!;
        Assert.Equal(day.Bookings.Select(b => b.Id).Order(), inPlan.Order());
        Assert.All(candidates, c => Assert.Equal(0, c.Id));
        var room = Math.Max(0, seats - day.Bookings.Count);
        var refusals = candidates.Select((_, k) => k < room ? null : new LiveRefusal("VansBusy", "Các xe đã kín lịch", "Every van is busy")).ToList();
        return new LiveBatchVerdict(refusals, ids => System.Text.Json.JsonSerializer.Serialize(inPlan.Concat(ids).ToList()));
    };

    [SkippableFact]
    public async Task TryBookEachAsync_JudgedTogether_OneVerdictForAll_TheOnesItTakesStoredWithThePlan()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var first = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null);
        var asked = new List<int>();
        var together = SeatsInPlanTogether(4, asked);

        var results = await store.TryBookEachAsync(Enumerable.Range(0, 5)
            .Select(_ => new BookingRequest(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(4), null, Booked) { Together = together }).ToList());

        // One verdict for the five; the first three fit (with the booking before them, four in the plan).
        Assert.Equal([5], asked);
        Assert.Equal([BookingOutcome.Booked, BookingOutcome.Booked, BookingOutcome.Booked, BookingOutcome.Full, BookingOutcome.Full],
            results.Select(r => r.Result!.Outcome));
        Assert.Equal("VansBusy", results[4].Result!.LiveRefusal?.Code);
        var stored = await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue);
        Assert.Equal(4, stored.Count);
        var plan = (await store.GetLivePlanAsync(stationId, first.Booking!.Date))!.Value;
        Assert.Equal(stored.Select(b => b.Id).Order(), IdsInPlan(plan.Content).Order());
        Assert.Equal(4, plan.Version);
        var messages = await new NotificationOutboxStore(_database!, new ManualClock(Now)).ListAsync(stationId, NotificationStatus.Pending, 100);
        Assert.Equal(3, messages.Count);
    }

    [SkippableFact]
    public async Task TryBookEachAsync_TogetherCannotSayOrTheCapacityRuleBinds_JudgedOneAtATime()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var asked = new List<int>();
        LiveBatchRule cannotSay = (_, candidates) =>
        {
            asked.Add(candidates.Count);
            return null;
        };
        var roomy = new BookingCapacity(SeatsPerSlot: 1000).AsRule();

        var results = await store.TryBookEachAsync(Enumerable.Range(0, 3)
            .Select(_ => new BookingRequest(TestData.Booking(stationId, siteId), roomy, SeatsInPlan(2), null, null) { Together = cannotSay }).ToList());

        Assert.Equal([3], asked);
        Assert.Equal([BookingOutcome.Booked, BookingOutcome.Booked, BookingOutcome.Full], results.Select(r => r.Result!.Outcome));

        // Three seats a slot and 3-seat families: counting the ones before as stored, the second fails the capacity rule,
        // so the batch is not judged together (the rule's answer could depend on the plan's), but one at a time.
        var tight = new BookingCapacity(SeatsPerSlot: 3).AsRule();
        var atFourteen = await store.TryBookEachAsync(Enumerable.Range(0, 2)
            .Select(_ => new BookingRequest(TestData.Booking(stationId, siteId, slot: Fourteen), tight, SeatsInPlan(10), null, null) { Together = SeatsInPlanTogether(10, asked) }).ToList());

        Assert.Equal([3], asked);
        Assert.Equal([BookingOutcome.Booked, BookingOutcome.Full], atFourteen.Select(r => r.Result!.Outcome));
    }

    [SkippableFact]
    public async Task TryBookEachAsync_Prepared_TheDayReadBeforeTheTransactionIsTheOneThePreparedRulesSee()
    {
        // The line works its answers out before the store's lock, on the day as read then; the transaction then finds the
        // same day, and the prepared rule's answer is the one stored.
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var first = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null);
        LiveDay? preparedOn = null;
        LiveDay? judgedOn = null;
        var request = new BookingRequest(TestData.Booking(stationId, siteId), capacity, (_, _) => throw new InvalidOperationException("not prepared"), null, null)
        {
            Prepare = (seen, requests) =>
            {
                preparedOn = seen;
                return [.. requests.Select(r => r with { Live = (day, candidate) =>
                {
                    judgedOn = day;
                    return SeatsInPlan(10)(day, candidate);
                } })];
            },
        };

        var result = Assert.Single(await store.TryBookEachAsync([request]));

        Assert.Equal(BookingOutcome.Booked, result.Result?.Outcome);
        Assert.NotNull(preparedOn);
        Assert.Equal(1, preparedOn.Version);
        Assert.Equal([first.Booking!.Id], preparedOn.Bookings.Select(b => b.Id));
        Assert.Equal((preparedOn.Version, preparedOn.Plan), (judgedOn!.Version, judgedOn.Plan));
        Assert.Equal(2, (await store.GetLivePlanAsync(stationId, first.Booking.Date))!.Value.Version);

        var dropsOne = new BookingRequest(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null, null) { Prepare = (_, _) => [] };
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.TryBookEachAsync([dropsOne]));
    }

    [SkippableFact]
    public async Task TryBookEachAsync_Prepared_TheNextBatchPreparesOnTheDayTheLastLeft_AsStored_AChangeSinceIsFoundUnderTheLock()
    {
        // The line's next batch prepares on the day its last transaction left instead of reading it again: that day must
        // be the stored one to the last field the transaction compares (ids, last change to the microsecond, plan, version).
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        LiveDay? preparedOn = null;
        LiveDay? judgedOn = null;
        BookingRequest Request(LiveRule? rule = null) => new(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null, null)
        {
            Prepare = (seen, requests) =>
            {
                preparedOn = seen;
                return [.. requests.Select(r => r with { Live = (day, candidate) =>
                {
                    judgedOn = day;
                    return (rule ?? SeatsInPlan(10))(day, candidate);
                } })];
            },
        };

        var first = Assert.Single(await store.TryBookEachAsync([Request()])).Result!.Booking!;
        var second = Assert.Single(await store.TryBookEachAsync([Request()])).Result!.Booking!;

        // Prepared on the day the first transaction left, and the transaction found it to be the stored day (no second read).
        Assert.Equal([first.Id], preparedOn!.Bookings.Select(b => b.Id));
        Assert.Same(preparedOn, judgedOn);

        var stored = await store.GetLiveDayAsync(stationId, first.Date);
        _ = Assert.Single(await store.TryBookEachAsync([Request()]));

        Assert.Equal([first.Id, second.Id], preparedOn.Bookings.Select(b => b.Id));
        Assert.Equal(stored.Bookings.Select(b => (b.Id, b.UpdatedAt)), preparedOn.Bookings.Select(b => (b.Id, b.UpdatedAt)));
        Assert.Equal((stored.Version, stored.Plan), (preparedOn.Version, preparedOn.Plan));
        Assert.Same(preparedOn, judgedOn);

        // A change between batches that the line did not make (staff mark a booking cancelled, the plan untouched, so any
        // yes will do here): found under the lock.
        Assert.True(await store.SetStatusAsync(second.Id, BookingStatus.Cancelled));
        _ = Assert.Single(await store.TryBookEachAsync([Request((day, _) => new LiveVerdict(true, _ => day.Plan ?? "[]", null))]));
        Assert.Contains(second.Id, preparedOn.Bookings.Select(b => b.Id));
        Assert.DoesNotContain(second.Id, judgedOn!.Bookings.Select(b => b.Id));
    }

    [SkippableFact]
    public async Task TryBookEachAsync_Prepared_DayChangedBeforeTheLock_JudgedOnTheDayAsItIsThen()
    {
        // Another app host books, or staff mark a booking, between the line's read and the store's lock: the transaction
        // must judge on the day as it is under the lock, never on the day the answers were prepared on.
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var first = await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null);
        long? otherHost = null;
        LiveDay? judgedOn = null;
        BookingRequest Request(Action meanwhile, LiveRule rule) => new(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null, null)
        {
            Prepare = (seen, requests) =>
            {
                meanwhile();
                return [.. requests.Select(r => r with { Live = (day, candidate) =>
                {
                    judgedOn = day;
                    return rule(day, candidate);
                } })];
            },
        };

        var booked = Assert.Single(await store.TryBookEachAsync([Request(() =>
            otherHost = store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null).GetAwaiter().GetResult().Booking!.Id, SeatsInPlan(10))]));

        Assert.Equal(BookingOutcome.Booked, booked.Result?.Outcome);
        Assert.Equal([first.Booking!.Id, otherHost!.Value], judgedOn!.Bookings.Select(b => b.Id));
        Assert.Equal(2, judgedOn.Version);

        // A booking that stops holding seats without a new plan version (marked cancelled, the plan untouched): not on the
        // judged day (the plan still names it, so the plan-names-the-day rule above would not hold; any yes will do).
        var marked = Assert.Single(await store.TryBookEachAsync([Request(
            () => Assert.True(store.SetStatusAsync(otherHost.Value, BookingStatus.Cancelled).GetAwaiter().GetResult()),
            (day, _) => new LiveVerdict(true, _ => day.Plan ?? "[]", null))]));

        Assert.Equal(BookingOutcome.Booked, marked.Result?.Outcome);
        Assert.DoesNotContain(otherHost.Value, judgedOn.Bookings.Select(b => b.Id));
        Assert.Contains(first.Booking.Id, judgedOn.Bookings.Select(b => b.Id));
    }

    [SkippableFact]
    public async Task TryBookEachAsync_TwoStations_RefusedBeforeAnythingIsStored()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var otherStation = await new StationStore(_database!).InsertAsync(TestData.Station("Công an xã Bình Sơn"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryBookEachAsync([
            new BookingRequest(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(10), null, null),
            new BookingRequest(TestData.Booking(otherStation, null), capacity, SeatsInPlan(10), null, null),
        ]));

        Assert.Empty(await store.ListAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue));
    }

    [SkippableFact]
    public async Task TryReplaceLivePlanAsync_VersionStillCurrentAndEveryServedBookingKept_ReplacedAsTheNextVersion()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var date = TestData.Booking(stationId, siteId).Date;
        var none = await store.GetLiveDayAsync(stationId, date);
        var a = (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(5), null)).Booking!;
        var b = (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(5), null)).Booking!;

        var day = await store.GetLiveDayAsync(stationId, date);
        var better = System.Text.Json.JsonSerializer.Serialize(new[] { b.Id, a.Id });
        var replaced = await store.TryReplaceLivePlanAsync(stationId, date, day.Version, better, new HashSet<long> { a.Id, b.Id }, IdsInPlan);

        Assert.Null(none.Plan);
        Assert.Equal(0, none.Version);
        Assert.Empty(none.Bookings);
        Assert.False(await store.TryReplaceLivePlanAsync(stationId, date.AddDays(1), 0, better, new HashSet<long>(), IdsInPlan));
        Assert.Equal(2, day.Version);
        Assert.Equal([a.Id, b.Id], day.Bookings.Select(x => x.Id));
        Assert.Equal([a.Id, b.Id], IdsInPlan(day.Plan!).Order());
        Assert.True(replaced);
        Assert.Equal((better, 3), (await store.GetLivePlanAsync(stationId, date))!.Value);
    }

    [SkippableFact]
    public async Task TryReplaceLivePlanAsync_BookingCommittedSinceTheRead_RefusedAndTheBookingsPlanKept()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var a = (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(5), null)).Booking!;
        var day = await store.GetLiveDayAsync(stationId, a.Date);
        var b = (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(5), null)).Booking!;

        // Built on the read before b: it serves a (all the read knew of), so only the version tells it is stale.
        var replaced = await store.TryReplaceLivePlanAsync(stationId, a.Date, day.Version, $"[{a.Id}]", new HashSet<long> { a.Id }, IdsInPlan);

        Assert.False(replaced);
        var stored = (await store.GetLivePlanAsync(stationId, a.Date))!.Value;
        Assert.Equal(2, stored.Version);
        Assert.Equal([a.Id, b.Id], IdsInPlan(stored.Content).Order());
    }

    [SkippableFact]
    public async Task TryReplaceLivePlanAsync_PlanLeavesOutABookingTheStoredPlanServes_Refused_ButNotOnceItIsCancelled()
    {
        var (store, stationId, siteId) = await SetUpAsync();
        var capacity = new BookingCapacity(SeatsPerSlot: 1000).AsRule();
        var a = (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(5), null)).Booking!;
        var b = (await store.TryBookAsync(TestData.Booking(stationId, siteId), capacity, SeatsInPlan(5), null)).Booking!;
        var withoutB = $"[{a.Id}]";

        var refused = await store.TryReplaceLivePlanAsync(stationId, a.Date, 2, withoutB, new HashSet<long> { a.Id }, IdsInPlan);
        var afterRefusal = (await store.GetLivePlanAsync(stationId, a.Date))!.Value;
        // Cancelled without touching the plan (as staff may): b no longer holds seats, so it is no promise to keep.
        Assert.True(await store.CancelAsync(b.Id));
        var replaced = await store.TryReplaceLivePlanAsync(stationId, a.Date, 2, withoutB, new HashSet<long> { a.Id }, IdsInPlan);

        Assert.False(refused);
        Assert.Equal(2, afterRefusal.Version);
        Assert.Equal([a.Id, b.Id], IdsInPlan(afterRefusal.Content).Order());
        Assert.True(replaced);
        Assert.Equal((withoutB, 3), (await store.GetLivePlanAsync(stationId, a.Date))!.Value);
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
