using Outreach.Domain;
using Outreach.Planning.Pickups;
using Outreach.Planning.Pickups.Slots;
using static Outreach.Planning.Tests.Pickups.Slots.SlotTestData;

namespace Outreach.Planning.Tests.Pickups.Slots;

public sealed class SlotRuleTests
{
    private static readonly TimeOnly Eight = new(8, 0);
    private static readonly TimeOnly Nine = new(9, 0);

    [Fact]
    public void Slots_WeekdayWithLunchBreak_FollowTheClockWithShortEdges()
    {
        var slots = Rule().Slots(Tuesday);

        // 07:30-11:30: 07:30-08:00 (half a slot, kept), 08, 09, 10, 11:00-11:30; 13:30-17:00: 13:30-14:00, 14, 15, 16.
        Assert.Equal(
            ["07:30-08:00", "08:00-09:00", "09:00-10:00", "10:00-11:00", "11:00-11:30", "13:30-14:00", "14:00-15:00", "15:00-16:00", "16:00-17:00"],
            slots.Select(s => $"{s.Start:HH:mm}-{s.End:HH:mm}"));
    }

    [Fact]
    public void Slots_PieceShorterThanHalfASlot_IsDropped()
    {
        var station = Station() with { OpeningHours = [new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(7, 50), new TimeOnly(10, 10))] };

        var slots = Rule(station).Slots(Tuesday);

        // 07:50-08:00 and 10:00-10:10 are 10 minutes, less than half of 60: only 08:00 and 09:00 remain.
        Assert.Equal([Eight, Nine], slots.Select(s => s.Start));
    }

    [Fact]
    public void Offer_EmptyDay_EverySlotOfferedWithVanSeatsAndDeskPlaces()
    {
        var offer = Rule().Offer(Tuesday, [], Family(), MondayEight);

        Assert.Null(offer.DayRefusal);
        Assert.All(offer.Slots, s => Assert.True(s.IsOffered));
        // 2 vans x 15 seats; desks 3 x 5 an hour: 15 children in 60 minutes, 7 (7.5 rounded down) in 30.
        Assert.Equal((30, 15), (offer.Slots[1].SeatsLeft, offer.Slots[1].ChildrenLeft));
        Assert.Equal((30, 7), (offer.Slots[0].SeatsLeft, offer.Slots[0].ChildrenLeft));
    }

    [Fact]
    public void Decide_SlotSeatsTaken_SeatsFull()
    {
        // Families of 15 and 13 seats (one per van) hold 28 of 30; 2 + 1 = 3 more make 31, 1 + 1 = 2 fit the second van.
        // Ten desks, so the 21 children are not what stops it.
        var rule = Rule(Station(desks: 10));
        SlotGroup[] day = [Group(8, 10, 5), Group(8, 10, 3)];

        var decision = rule.Decide(Tuesday, Eight, day, Family(), MondayEight);

        Assert.Equal((SlotRefusal.SeatsFull, 2), (decision.Refusal, decision.SeatsLeft));
        Assert.True(rule.Decide(Tuesday, Eight, day, Family(children: 1), MondayEight).IsOffered);
    }

    [Fact]
    public void Decide_SeatsLeftButNoVanHoldsTheWholeFamily_NoRoomForGroup()
    {
        // Six families of 4 seats: three per van (a fourth would make 16 > 15), 3 seats free in each van.
        // 24 + 5 = 29 <= 30 seats in total, but a family of 5 cannot ride whole in either van (ten desks: not the limit).
        var rule = Rule(Station(desks: 10));
        var day = Enumerable.Range(0, 6).Select(_ => Group(8, 3)).ToArray();

        var five = rule.Decide(Tuesday, Eight, day, Family(children: 3, guardians: 2), MondayEight);
        var three = rule.Decide(Tuesday, Eight, day, Family(children: 2), MondayEight);

        Assert.Equal(SlotRefusal.NoRoomForGroup, five.Refusal);
        Assert.True(three.IsOffered);
    }

    [Fact]
    public void Decide_WheelchairPlacesOfTheSlotTaken_NoWheelchairPlace()
    {
        // One wheelchair place per van: two wheelchair families already fill both.
        SlotGroup[] day = [Group(9, 1, needs: BookingNeeds.Wheelchair), Group(9, 2, needs: BookingNeeds.Wheelchair)];

        var wheelchair = Rule().Decide(Tuesday, Nine, day, Family(needs: BookingNeeds.Wheelchair), MondayEight);
        var walking = Rule().Decide(Tuesday, Nine, day, Family(), MondayEight);

        Assert.Equal(SlotRefusal.NoWheelchairPlace, wheelchair.Refusal);
        Assert.True(walking.IsOffered);
    }

    [Fact]
    public void Decide_ChildSeatsOfTheSlotTaken_NoChildSeatLeft()
    {
        // Two child seats per van: four families with a small child hold all four.
        var day = Enumerable.Range(0, 4).Select(_ => Group(9, 1, needs: BookingNeeds.ChildSeat)).ToArray();

        var decision = Rule().Decide(Tuesday, Nine, day, Family(needs: BookingNeeds.ChildSeat), MondayEight);

        Assert.Equal(SlotRefusal.NoChildSeatLeft, decision.Refusal);
    }

    [Fact]
    public void Decide_DesksTakeNoMoreChildrenThisHour_DesksFull()
    {
        // 3 desks x 5 files = 15 children an hour; 4 + 4 + 3 + 2 = 13 booked, 13 + 3 = 16 > 15 (seats 19 + 4 = 23 would fit).
        SlotGroup[] day = [Group(9, 4, 2), Group(9, 4), Group(9, 3, 2), Group(9, 2)];

        var three = Rule().Decide(Tuesday, Nine, day, Family(children: 3), MondayEight);
        var two = Rule().Decide(Tuesday, Nine, day, Family(children: 2), MondayEight);

        Assert.Equal((SlotRefusal.DesksFull, 2), (three.Refusal, three.ChildrenLeft));
        Assert.True(two.IsOffered);
    }

    [Theory]
    [InlineData(6, true)] // ceil(6 / 3) x 12 min = 24 min: done 11:24, before 11:30
    [InlineData(7, false)] // ceil(7 / 3) x 12 min = 36 min: 11:36, after closing (although 7 <= 7 desk places)
    public void Decide_LastSlotBeforeClosing_OfferedOnlyWhenTheChildrenAreDoneByClosing(int children, bool offered)
    {
        var decision = Rule().Decide(Tuesday, new TimeOnly(11, 0), [], Family(children: children), MondayEight);

        Assert.Equal(offered, decision.IsOffered);
        Assert.Equal(offered ? null : SlotRefusal.ClosesBeforeDone, decision.Refusal);
    }

    [Fact]
    public void Decide_EveryVanTripOfTheDayUsed_NoTripLeftButSlotsWithAVanStillTakeFamilies()
    {
        // 2 vans x 3 trips = 6 trips; one small family in each of six slots takes one van trip each.
        int[] hours = [8, 9, 10, 14, 15, 16];
        var day = hours.Select(h => Group(h, 1)).ToArray();

        var newSlot = Rule().Decide(Tuesday, new TimeOnly(13, 30), day, Family(), MondayEight);
        var sharedTrip = Rule().Decide(Tuesday, Eight, day, Family(), MondayEight);

        Assert.Equal(SlotRefusal.NoTripLeft, newSlot.Refusal);
        Assert.True(sharedTrip.IsOffered); // 2 + 3 seats ride in the same van: still six trips
    }

    [Fact]
    public void Decide_EveryVanFetchesItsMostFamiliesInTheSlot_StopsFullThoughSeatsAreLeft()
    {
        // Two families a trip, two vans: four families of 3 seats hold 12 of the slot's 30 seats, yet a fifth family
        // would be a fifth stop for two vans that each make two. The next slot still takes it (ten desks: not the limit).
        var rule = new SlotRule(Station(desks: 10), [Van(1), Van(2)], PickupSettings.Default with { MaxBookingsPerTrip = 2 });
        var day = Enumerable.Range(0, 4).Select(_ => Group(8, 2)).ToArray();

        var sameSlot = rule.Decide(Tuesday, Eight, day, Family(), MondayEight);
        var nextSlot = rule.Decide(Tuesday, Nine, day, Family(), MondayEight);

        Assert.Equal((SlotRefusal.StopsFull, 18), (sameSlot.Refusal, sameSlot.SeatsLeft));
        Assert.True(nextSlot.IsOffered);
    }

    [Fact]
    public void Decide_SlotsNeedMoreVansForTheirStopsThanForTheirSeats_TheirTripsCountAgainstTheDay()
    {
        // 2 vans x 3 trips = 6 van trips. Three small families in each of 08:00, 09:00 and 10:00 fit one van's seats,
        // but at two families a trip each slot needs both vans: 6 trips, so a family in a fourth slot gets none.
        // With the default (six a trip) the same day takes one van a slot, 3 trips, and 14:00 is offered.
        int[] hours = [8, 9, 10];
        var day = hours.SelectMany(h => Enumerable.Range(0, 3).Select(_ => Group(h, 1))).ToArray();
        var twoATrip = new SlotRule(Station(desks: 10), [Van(1), Van(2)], PickupSettings.Default with { MaxBookingsPerTrip = 2 });
        var fourteen = new TimeOnly(14, 0);

        Assert.Equal(SlotRefusal.NoTripLeft, twoATrip.Decide(Tuesday, fourteen, day, Family(), MondayEight).Refusal);
        Assert.True(Rule(Station(desks: 10)).Decide(Tuesday, fourteen, day, Family(), MondayEight).IsOffered);
    }

    [Fact]
    public void Decide_ListGrowsBetweenQuestions_AnswersForTheBookingsItHoldsNow()
    {
        // A caller that counts the families it accepts in one list (a batch, a benchmark's day) asks again after each:
        // the rule must answer for what the list holds then, not for the day it worked out from the list before.
        var rule = Rule(Station(desks: 10));
        var day = new List<SlotGroup> { Group(8, 10, 5) };

        Assert.True(rule.Decide(Tuesday, Eight, day, Family(), MondayEight).IsOffered);
        Assert.True(rule.Offer(Tuesday, day, Family(), MondayEight).Slots.Single(s => s.Slot.Start == Eight).IsOffered);
        day.Add(Group(8, 10, 3));

        Assert.Equal(SlotRefusal.SeatsFull, rule.Decide(Tuesday, Eight, day, Family(), MondayEight).Refusal);
        Assert.Equal(SlotRefusal.SeatsFull, rule.Offer(Tuesday, day, Family(), MondayEight).Slots.Single(s => s.Slot.Start == Eight).Refusal);
    }

    [Fact]
    public void Decide_DaySeatsTaken_DaySeatsFull()
    {
        // Three slots with two full vans each: 3 x 30 = 90 seats = 2 vans x 15 seats x 3 trips.
        int[] hours = [8, 9, 14];
        var day = hours.SelectMany(h => new[] { Group(h, 10, 5), Group(h, 10, 5) }).ToArray();

        var decision = Rule().Decide(Tuesday, new TimeOnly(15, 0), day, Family(), MondayEight);

        Assert.Equal((SlotRefusal.DaySeatsFull, 0), (decision.Refusal, decision.SeatsLeft));
    }

    [Theory]
    [InlineData(45 * 60, null)] // exactly the limit is allowed
    [InlineData((45 * 60) + 10, SlotRefusal.TooFar)] // 45 min 10 s rounds up to 46 min
    public void Offer_RideAgainstTheLimit_TooFarRefusesEverySlotAndSaysCall(int rideSeconds, SlotRefusal? expected)
    {
        var family = new SlotCandidate(2, 1, BookingNeeds.None, new RideTime(rideSeconds, IsEstimated: true));

        var offer = Rule().Offer(Tuesday, [], family, MondayEight);

        Assert.Equal(expected, offer.DayRefusal);
        Assert.All(offer.Slots, s => Assert.Equal(expected, s.Refusal));
        Assert.Equal(expected is not null, offer.Slots[0].CallTheStation);
    }

    [Fact]
    public void Offer_NoRoad_Unreachable()
    {
        var family = new SlotCandidate(2, 1, BookingNeeds.None, RideTime.Unreachable("Ngập suối Cầu Trắng / flood"));

        var offer = Rule().Offer(Tuesday, [], family, MondayEight);

        Assert.Equal(SlotRefusal.Unreachable, offer.DayRefusal);
        Assert.False(offer.HasOffer);
    }

    [Fact]
    public void Offer_FamilyLargerThanAnyVan_GroupTooLarge()
    {
        // 10 children + 6 guardians = 16 seats > 15 in the largest van (a family rides whole).
        var offer = Rule().Offer(Tuesday, [], Family(children: 10, guardians: 6), MondayEight);

        Assert.Equal(SlotRefusal.GroupTooLarge, offer.DayRefusal);
        Assert.True(offer.Slots[0].CallTheStation);
    }

    [Fact]
    public void Offer_WheelchairButOnlyTheSmallVanHasAPlace_NoWheelchairVan()
    {
        // 9 seats: only the 15-seat van is large enough, and it has no wheelchair place.
        Vehicle[] vans = [Van(1, seats: 15, wheelchairs: 0), Van(2, seats: 8, wheelchairs: 1)];

        var offer = Rule(vans: vans).Offer(Tuesday, [], Family(children: 6, guardians: 3, needs: BookingNeeds.Wheelchair), MondayEight);
        var small = Rule(vans: vans).Offer(Tuesday, [], Family(needs: BookingNeeds.Wheelchair), MondayEight);

        Assert.Equal(SlotRefusal.NoWheelchairVan, offer.DayRefusal);
        Assert.True(small.HasOffer);
    }

    [Fact]
    public void Offer_ChildSeatButNoVanHasOne_NoChildSeatVan()
    {
        var offer = Rule(vans: [Van(1, childSeats: 0)]).Offer(Tuesday, [], Family(needs: BookingNeeds.ChildSeat), MondayEight);

        Assert.Equal(SlotRefusal.NoChildSeatVan, offer.DayRefusal);
    }

    [Fact]
    public void Offer_StationWithoutVans_NoVans()
    {
        Assert.Equal(SlotRefusal.NoVans, Rule(vans: []).Offer(Tuesday, [], Family(), MondayEight).DayRefusal);
    }

    [Fact]
    public void Offer_Holiday_ClosedWithItsNameAndNoSlots()
    {
        var holiday = new ClosedDay(Tuesday, "Ngày nghỉ bù", "Bridge day off");

        var offer = Rule(closed: [holiday]).Offer(Tuesday, [], Family(), MondayEight);

        Assert.Equal((SlotRefusal.Closed, holiday), (offer.DayRefusal, offer.Closure));
        Assert.Empty(offer.Slots);
    }

    [Fact]
    public void Offer_SundayWithoutOpeningHours_Closed()
    {
        var offer = Rule().Offer(new DateOnly(2026, 11, 29), [], Family(), MondayEight);

        Assert.Equal(SlotRefusal.Closed, offer.DayRefusal);
        Assert.Null(offer.Closure);
    }

    [Fact]
    public void Offer_PastDateOrBeyondTheHorizon_Refused()
    {
        Assert.Equal(SlotRefusal.PastDate, Rule().Offer(Monday.AddDays(-7), [], Family(), MondayEight).DayRefusal);
        // 30 days ahead is the last day (Wednesday 23 Dec); the day after is too far.
        Assert.True(Rule().Offer(Monday.AddDays(30), [], Family(), MondayEight).HasOffer);
        Assert.Equal(SlotRefusal.TooFarAhead, Rule().Offer(Monday.AddDays(31), [], Family(), MondayEight).DayRefusal);
    }

    [Fact]
    public void Offer_Today_SlotsStartingWithinTheNoticeAreTooLate()
    {
        var offer = Rule().Offer(Monday, [], Family(), MondayEight);

        // Now 08:00 + 120 minutes' notice = 10:00: 07:30, 08:00 and 09:00 are too late, 10:00 is the first offered.
        Assert.Equal(
            [SlotRefusal.TooLate, SlotRefusal.TooLate, SlotRefusal.TooLate, null, null],
            offer.Slots.Take(5).Select(s => s.Refusal));
    }

    [Fact]
    public void Decide_TimeNotOnTheGrid_OutsideOpeningHours()
    {
        Assert.Equal(SlotRefusal.OutsideOpeningHours, Rule().Decide(Tuesday, new TimeOnly(8, 30), [], Family(), MondayEight).Refusal);
        Assert.Equal(SlotRefusal.OutsideOpeningHours, Rule().Decide(Tuesday, new TimeOnly(12, 0), [], Family(), MondayEight).Refusal);
    }

    [Fact]
    public void Decide_EverySlotOfABusyDay_AgreesWithOffer()
    {
        // The transaction calls Decide for one slot; the page shows Offer for all. They must never disagree.
        var random = new Random(2026);
        var hours = new[] { 8, 9, 10, 14, 15, 16 };
        var day = Enumerable.Range(0, 14)
            .Select(_ => Group(hours[random.Next(hours.Length)], random.Next(1, 5), random.Next(1, 3),
                random.Next(6) == 0 ? BookingNeeds.Wheelchair : BookingNeeds.None))
            .ToArray();
        var rule = Rule();

        foreach (var family in new[] { Family(), Family(children: 4, guardians: 2), Family(needs: BookingNeeds.Wheelchair | BookingNeeds.ChildSeat) })
        {
            var offer = rule.Offer(Tuesday, day, family, MondayEight);
            foreach (var slot in offer.Slots)
            {
                Assert.Equal(slot, rule.Decide(Tuesday, slot.Slot.Start, day, family, MondayEight));
            }
        }
    }

    [Fact]
    public void PickupVans_TeamVehiclesAndMotorbikes_LeftOut()
    {
        var bike = new Vehicle(3, 1, "Xe máy", null, 1, 0, 0, VehicleProfile.Motorbike);
        var team = new Team(1, 1, "Tổ lưu động 1", [], VehicleId: 2, VehicleProfile.Van, 1, new TimeOnly(7, 0), new TimeOnly(17, 0), 10, 8);

        var vans = SlotRule.PickupVans([Van(1), Van(2), bike], [team]);

        Assert.Equal([1L], vans.Select(v => v.Id));
    }
}
