using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

public sealed class DeskQueueTests
{
    private static readonly IReadOnlyList<(int Open, int Close)> Morning = [(7 * 3600, 11 * 3600)];

    [Fact]
    public void Simulate_TwoDesks_SpreadsAFamilysChildrenAndQueuesTheNext()
    {
        // Two desks, 10 min a file. At 08:00 a family of 3: two files at once (08:00-08:10), the third 08:10-08:20.
        // A family of 1 arriving 08:05 takes the desk freed at 08:10: done 08:20. A family of 1 at 09:00: no queue, 09:10.
        var done = DeskQueue.Simulate([(8 * 3600, 8 * 3600, 3, 0), (8 * 3600 + 300, 8 * 3600 + 300, 1, 1), (9 * 3600, 9 * 3600, 1, 2)], desks: 2, secondsPerChild: 600, Morning);

        Assert.Equal([(8 * 3600) + 1200, (8 * 3600) + 1200, (9 * 3600) + 600], done);
    }

    [Fact]
    public void Simulate_SameArrival_ServesInPriorityOrder()
    {
        // One desk: the family with order 0 goes first even when listed second.
        var done = DeskQueue.Simulate([(8 * 3600, 8 * 3600, 1, 1), (8 * 3600, 8 * 3600, 2, 0)], desks: 1, secondsPerChild: 600, Morning);

        Assert.Equal([(8 * 3600) + 1800, (8 * 3600) + 1200], done);
    }

    [Fact]
    public void Simulate_AtClosing_FinishesWhoArrivedAndHoldsWhoCameLate()
    {
        // Desks open 07:30-11:30 and 13:30-17:00; one desk, 20 min a file. A family of 3 reaching the desk at 11:00 is
        // finished past closing: 11:00-11:20, 11:20-11:40, 11:40-12:00. A van arriving at 11:26 brings a family that
        // reaches the desk at 11:32, after closing: it arrived while open, so it is taken after the first, 12:00-12:20.
        // A family arriving at 11:45, while the point is closed, waits for 13:30 (reaching the desk 13:35): done 13:55.
        IReadOnlyList<(int, int)> day = [(27000, 41400), (48600, 61200)];
        int t1126 = (11 * 3600) + 1560, t1145 = (11 * 3600) + 2700;
        var done = DeskQueue.Simulate([(11 * 3600, 11 * 3600, 3, 0), (t1126, t1126 + 360, 1, 1), (t1145, t1145 + 300, 1, 2)], desks: 1, secondsPerChild: 1200, day);

        Assert.Equal([12 * 3600, (12 * 3600) + 1200, (13 * 3600) + 3300], done);
    }

    [Fact]
    public void ScheduleByDeadline_TakesTheFamilyWhoseVanLeavesFirst()
    {
        // One desk, 10 min a file, both at the desk at 08:00: the family whose van home leaves at 08:20 goes first even
        // though the other came first in priority; the other's van leaves at 09:00.
        int t8 = 8 * 3600;
        var done = DeskQueue.ScheduleByDeadline([(t8, t8, int.MinValue, 9 * 3600, 1, 0), (t8, t8, int.MinValue, t8 + 1200, 1, 1)], desks: 1, secondsPerChild: 600, Morning);

        Assert.Equal([t8 + 1200, t8 + 600], done);
    }

    [Fact]
    public void ScheduleByDeadline_NotBefore_HoldsTheFilesBack()
    {
        // A free desk at 08:00, but the family's files may begin only at 08:30 (its van home leaves at 09:10 and it
        // should not wait more than 30 min after its files): done 08:40. A second family uses the desk meanwhile.
        int t8 = 8 * 3600;
        var done = DeskQueue.ScheduleByDeadline([(t8, t8, t8 + 1800, t8 + 4200, 1, 0), (t8 + 60, t8 + 60, int.MinValue, int.MaxValue, 2, 1)], desks: 1, secondsPerChild: 600, Morning);

        Assert.Equal([t8 + 2400, t8 + 60 + 1200], done);
    }

    [Fact]
    public void ScheduleByDeadline_TooManyFiles_MissesTheDeadline()
    {
        // Two desks, three families of two children at 08:00 whose vans all leave at 08:20: the third cannot be done
        // before 08:30.
        int t8 = 8 * 3600;
        var done = DeskQueue.ScheduleByDeadline(
            [(t8, t8, int.MinValue, t8 + 1200, 2, 0), (t8, t8, int.MinValue, t8 + 1200, 2, 1), (t8, t8, int.MinValue, t8 + 1200, 2, 2)],
            desks: 2, secondsPerChild: 600, Morning);

        Assert.Equal(t8 + 1800, done.Max());
        Assert.Equal(2, done.Count(d => d <= t8 + 1200));
    }
}
