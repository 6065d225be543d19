using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

public sealed class ArrivalSpreadingTests
{
    private const int Eight = 8 * 3600;
    private const int Nine = 9 * 3600;
    private static readonly IReadOnlyList<(int Open, int Close)> Morning = [(27000, 41400)];

    [Fact]
    public void Assign_QuietSlot_LetsEveryFamilyArriveAnyTimeInTheSlot()
    {
        // 15 children an hour: 7 per half hour. 2 + 3 children fit either half-hour together, so neither is tied to one.
        var spreading = new ArrivalSpreading(Morning, 15);

        var results = spreading.Assign([new SpreadRequest(2, Eight, Nine, null), new SpreadRequest(3, Eight, Nine, null)]);

        Assert.All(results, r => Assert.Equal([(Eight, Nine - 1)], r.Windows));
        Assert.All(results, r => Assert.True(r.Flexible));
    }

    [Fact]
    public void Assign_FourFamiliesOfThree_TwoPerHalfHour()
    {
        // 7 per half hour; four families of 3 (12 children) only fit as 6 + 6, so each is tied to one half-hour:
        // letting any arrive anywhere could put 9 in one half-hour.
        var spreading = new ArrivalSpreading(Morning, 15);

        var results = spreading.Assign(Enumerable.Range(0, 4).Select(_ => new SpreadRequest(3, Eight, Nine, null)).ToList());

        Assert.All(results, r => Assert.False(r.Flexible || r.DeskFull));
        Assert.Equal(2, results.Count(r => r.Windows.SequenceEqual([(Eight, Eight + 1799)])));
        Assert.Equal(2, results.Count(r => r.Windows.SequenceEqual([(Eight + 1800, Nine - 1)])));
    }

    [Fact]
    public void Assign_MoreChildrenThanTheDesksTake_RefusesTheLastBooked()
    {
        // 6 an hour: 3 per half hour, 6 in the slot. Families of 2, 2, 2: the third has room nowhere (1 left in each half).
        var spreading = new ArrivalSpreading(Morning, 6);

        var results = spreading.Assign([new SpreadRequest(2, Eight, Nine, null), new SpreadRequest(2, Eight, Nine, null), new SpreadRequest(2, Eight, Nine, null)]);

        Assert.Equal([false, false, true], results.Select(r => r.DeskFull));
    }

    [Fact]
    public void Assign_SlotOutsideTheOpeningHours_IsClosed()
    {
        var spreading = new ArrivalSpreading(Morning, 15);

        var result = Assert.Single(spreading.Assign([new SpreadRequest(1, 12 * 3600, 13 * 3600, null)]));

        Assert.True(result.Closed);
    }

    [Fact]
    public void Assign_SlotOverlappingClosing_KeepsOnlyTheOpenPart()
    {
        // Closing at 11:30: the 11:00 slot is open 11:00-11:30 only.
        var spreading = new ArrivalSpreading(Morning, 15);

        var result = Assert.Single(spreading.Assign([new SpreadRequest(1, 11 * 3600, 12 * 3600, null)]));

        Assert.Equal([(11 * 3600, 41400 - 1)], result.Windows);
    }
}
