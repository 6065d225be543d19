using Outreach.Domain;
using Outreach.Planning.Pickups.Slots;
using static Outreach.Planning.Tests.Pickups.Slots.SlotTestData;

namespace Outreach.Planning.Tests.Pickups.Slots;

public sealed class VanPackingTests
{
    [Fact]
    public void MinVans_NoGroups_NeedsNoVan()
    {
        Assert.Equal(0, VanPacking.MinVans([Van(1)], []));
    }

    [Fact]
    public void MinVans_SmallFamiliesFitOneVan_UsesOne()
    {
        // 3 + 4 + 5 = 12 seats fit one 15-seat van.
        SlotGroup[] groups = [Group(8, 2), Group(8, 3), Group(8, 3, 2)];

        Assert.Equal(1, VanPacking.MinVans([Van(1), Van(2)], groups));
    }

    [Fact]
    public void MinVans_SixFamiliesOfFour_TwoVansThreeEach()
    {
        // Four 4-seat families would need 16 > 15 seats, so each van takes three: 2 vans.
        var groups = Enumerable.Range(0, 6).Select(_ => Group(8, 3)).ToArray();

        Assert.Equal(2, VanPacking.MinVans([Van(1), Van(2)], groups));
    }

    [Fact]
    public void MinVans_SevenFamiliesOfFour_DoNotFitAlthough28SeatsOf30()
    {
        // 28 <= 30 seats in total, but at most three 4-seat families fit a 15-seat van: 3 + 3 = 6 < 7.
        var groups = Enumerable.Range(0, 7).Select(_ => Group(8, 3)).ToArray();

        Assert.Null(VanPacking.MinVans([Van(1), Van(2)], groups));
    }

    [Fact]
    public void MinVans_WheelchairFamily_GoesInTheVanWithAPlace()
    {
        // The 12-seat van has no wheelchair place; the 6-seat one has: the wheelchair family (3 seats) must take it,
        // and the 10-seat family then needs the large van: two vans.
        Vehicle[] vans = [Van(1, seats: 12, wheelchairs: 0), Van(2, seats: 6, wheelchairs: 1)];
        SlotGroup[] groups = [Group(8, 2, needs: BookingNeeds.Wheelchair), Group(8, 8, 2)];

        Assert.Equal(2, VanPacking.MinVans(vans, groups));
        Assert.Null(VanPacking.MinVans([Van(1, seats: 12, wheelchairs: 0)], [Group(8, 2, needs: BookingNeeds.Wheelchair)]));
    }

    [Fact]
    public void MinVans_FirstFitWouldWasteAVan_FindsTheFewest()
    {
        // 10-seat vans, families of 4, 4, 3, 3, 3, 3 seats. Largest first into the first van with room:
        // 4 + 4 -> A (2 left), 3 + 3 + 3 -> B (1 left), 3 -> C: three vans. But 4 + 3 + 3 = 10 twice: two vans.
        SlotGroup[] groups = [Group(8, 3), Group(8, 3), Group(8, 2), Group(8, 2), Group(8, 2), Group(8, 2)];

        Assert.Equal(2, VanPacking.MinVans([Van(1, seats: 10), Van(2, seats: 10), Van(3, seats: 10)], groups));
    }

    [Fact]
    public void MinVans_BudgetTooSmallToFindAnything_ReportsNoFitRatherThanGuess()
    {
        var groups = Enumerable.Range(0, 6).Select(_ => Group(8, 3)).ToArray();

        Assert.Null(VanPacking.MinVans([Van(1), Van(2)], groups, nodeBudget: 1));
    }

    [Fact]
    public void MinVans_SmallRandomSlots_AgreeWithTryingEveryAssignment()
    {
        var random = new Random(7);
        for (var round = 0; round < 400; round++)
        {
            var vans = Enumerable.Range(1, random.Next(1, 5))
                .Select(id => Van(id, seats: random.Next(4, 11), wheelchairs: random.Next(0, 2), childSeats: random.Next(0, 3)))
                .ToArray();
            var groups = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => Group(8, random.Next(1, 4), random.Next(1, 3),
                    random.Next(6) switch { 0 => BookingNeeds.Wheelchair, 1 => BookingNeeds.ChildSeat, _ => BookingNeeds.None }))
                .ToArray();

            var fewest = EveryAssignment(vans, groups);
            Assert.Equal(fewest, VanPacking.MinVans(vans, groups));
            // First fit never claims a packing that does not exist, nor fewer vans than the fewest.
            if (VanPacking.FirstFit(vans, groups) is { } firstFit)
            {
                Assert.NotNull(fewest);
                Assert.True(firstFit >= fewest, $"first fit {firstFit} < fewest {fewest}");
            }
        }
    }

    [Fact]
    public void MinVans_BusySlotThatFillsSevenVansExactly_FindsSevenWithinTheBudget()
    {
        // 31 families of 2, 3 and 4 seats that fill seven 15-seat vans to the last seat (4+4+4+3, 3+3+3+3+3,
        // 2+2+2+3+3+3, 4+4+2+2+3 and again): the fewest is seven, and only a packing with no seat lost shows it.
        int[][] vansWorth = [[3, 3, 3, 2], [2, 2, 2, 2, 2], [1, 1, 1, 2, 2, 2], [3, 3, 1, 1, 2], [3, 3, 3, 2], [2, 2, 2, 2, 2], [1, 1, 1, 2, 2, 2]];
        var groups = vansWorth.SelectMany(v => v).Select(children => Group(8, children)).Reverse().ToArray();
        var vans = Enumerable.Range(1, 8).Select(id => Van(id)).ToArray();

        Assert.Equal(7, VanPacking.MinVans(vans, groups, nodeBudget: 20_000));
        // One more 3-seat family no longer fits seven vans (105 seats) but fits the eighth.
        Assert.Equal(8, VanPacking.MinVans(vans, [.. groups, Group(8, 2)], nodeBudget: 20_000));
    }

    [Fact]
    public void MinVans_FragmentedSlotThatCannotFit_SaysSoWithinTheBudget()
    {
        // Twenty-five 4-seat families: 100 of 120 seats, but a 15-seat van takes three of them, so eight take 24.
        var groups = Enumerable.Range(0, 25).Select(_ => Group(8, 3)).Concat([Group(8, 1)]).ToArray();
        var vans = Enumerable.Range(1, 8).Select(id => Van(id)).ToArray();

        Assert.Null(VanPacking.MinVans(vans, groups, nodeBudget: 20_000));
        Assert.Equal(8, VanPacking.MinVans(vans, groups[1..], nodeBudget: 20_000));
    }

    /// <summary>The fewest vans over every assignment of families to vans (a reference for small slots).</summary>
    private static int? EveryAssignment(Vehicle[] vans, SlotGroup[] groups)
    {
        int? best = null;
        var choice = new int[groups.Length];
        while (true)
        {
            var fits = vans.Select((van, v) =>
            {
                var inVan = groups.Where((_, g) => choice[g] == v).ToList();
                return inVan.Sum(g => g.Seats) <= van.SeatCount
                    && inVan.Count(g => g.Needs.HasFlag(BookingNeeds.Wheelchair)) <= van.WheelchairPlaces
                    && inVan.Count(g => g.Needs.HasFlag(BookingNeeds.ChildSeat)) <= van.ChildSeatCount;
            }).All(ok => ok);
            if (fits)
            {
                var used = choice.Distinct().Count();
                best = best is { } b ? Math.Min(b, used) : used;
            }

            var k = 0;
            while (k < choice.Length && ++choice[k] == vans.Length)
            {
                choice[k++] = 0;
            }

            if (k == choice.Length)
            {
                return best;
            }
        }
    }
}
