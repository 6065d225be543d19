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
}
