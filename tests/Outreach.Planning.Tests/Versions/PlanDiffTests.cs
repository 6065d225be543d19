using Outreach.Domain;
using Outreach.Planning.Versions;

namespace Outreach.Planning.Tests.Versions;

public sealed class PlanDiffTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    [Fact]
    public void Between_SameStopsAtTheSameMinute_Empty()
    {
        var plan = Content([Pickup(1, van: 7, trip: 1, "08:00"), Pickup(2, van: 7, trip: 1, "08:10")]);
        // Seconds within the minute, a trip renumbered (the van now makes a trip before) and other stops do not count.
        var again = Content([Pickup(1, van: 7, trip: 2, "08:00", seconds: 20), Pickup(2, van: 7, trip: 2, "08:10")]);

        var diff = PlanDiff.Between(plan, again);

        Assert.True(diff.IsEmpty);
        Assert.Equal((2, 2, 0.0), (diff.Compared, diff.Kept, diff.ShareChanged));
        Assert.True(diff.KeepsEveryTimeWithin(TimeSpan.Zero));
    }

    [Fact]
    public void Between_AddedMovedAndRemoved_EachListedInTimeOrderWithTheReason()
    {
        var before = Content([Pickup(1, 7, 1, "08:00"), Pickup(2, 7, 1, "08:10"), Pickup(3, 8, 2, "09:00")]);
        var after = Content(
            [Pickup(1, 7, 1, "08:00"), Pickup(2, 8, 1, "08:25"), Pickup(4, 7, 2, "07:40")],
            [new UnservedItem(0, 0, UnservedItemKind.Booking, 3, "Unreachable", "Đường bị ngập (Cầu Rẽo)", "Road closed by flood area Cầu Rẽo")]);

        var diff = PlanDiff.Between(before, after);

        Assert.Equal(
            [(PlanChangeKind.Added, 4L), (PlanChangeKind.Moved, 2L), (PlanChangeKind.Removed, 3L)],
            diff.Changes.Select(c => (c.Kind, c.ItemId)));
        var moved = diff.Changes[1];
        Assert.Equal((15, true), (moved.MinutesMoved, moved.Reassigned));
        Assert.Equal("Đường bị ngập (Cầu Rẽo)", diff.Changes[2].ReasonVi);
        Assert.Equal((3, 1), (diff.Compared, diff.Kept));
        Assert.Equal(2.0 / 3, diff.ShareChanged, 6);
        Assert.False(diff.KeepsEveryTimeWithin(TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void KeepsEveryTimeWithin_MovesUpToTheTolerance_NewFamiliesAllowed()
    {
        var before = Content([Pickup(1, 7, 1, "08:00"), Pickup(2, 7, 1, "08:10")]);
        var after = Content([Pickup(1, 7, 1, "08:10"), Pickup(2, 8, 1, "08:05"), Pickup(3, 7, 1, "08:20")]);

        var diff = PlanDiff.Between(before, after);

        Assert.True(diff.KeepsEveryTimeWithin(TimeSpan.FromMinutes(10)));
        Assert.False(diff.KeepsEveryTimeWithin(TimeSpan.FromMinutes(9)));
        // A family gone from the day (cancelled: no reason on the new version) keeps nobody from being told.
        var cancelled = PlanDiff.Between(before, Content([Pickup(1, 7, 1, "08:00")]));
        Assert.Equal(PlanChangeKind.Removed, Assert.Single(cancelled.Changes).Kind);
        Assert.True(cancelled.KeepsEveryTimeWithin(TimeSpan.Zero));
    }

    [Fact]
    public void Between_TwoFamiliesAtOneGateAndTheFirstCancels_TheOtherIsToldItsOwnTimeNow()
    {
        // The sheet shows both at the gate's first arrival (08:00); once the first is gone the second's stop is its own (08:03).
        var before = Content([Pickup(1, 7, 1, "08:00", sequence: 1), Pickup(2, 7, 1, "08:03", sequence: 2)]);
        var after = Content([Pickup(2, 7, 1, "08:03", sequence: 1)]);

        var moved = PlanDiff.Between(before, after).Changes.Single(c => c.ItemId == 2);

        Assert.Equal((PlanChangeKind.Moved, 3), (moved.Kind, moved.MinutesMoved));
    }

    [Fact]
    public void Between_VisitsKeyedByRequestAndRepeat_NoOldVersionMeansAllAdded()
    {
        var after = Content([Visit(5, team: 2, "09:00", repeat: false), Visit(5, team: 2, "15:00", repeat: true)]);

        var diff = PlanDiff.Between(null, after);

        Assert.Equal([(PlanChangeKind.Added, false), (PlanChangeKind.Added, true)], diff.Changes.Select(c => (c.Kind, c.Repeat)));
        Assert.Equal(0, diff.Compared);
        Assert.Equal(0.0, diff.ShareChanged);
    }

    private static PlanContent Content(IEnumerable<PlanStop> stops, IReadOnlyList<UnservedItem>? unserved = null) =>
        new(new Plan(1, 1, PlanKind.Pickups, Day, Day, 1, PlanStatus.Draft, default, null, "test"), stops.ToList(), [], unserved ?? []);

    /// <summary>A family's pickup; each at its own site unless <paramref name="sequence"/> puts several in a row at site 11.</summary>
    private static PlanStop Pickup(long booking, long van, int trip, string time, int seconds = 0, int? sequence = null)
    {
        var at = At(time).AddSeconds(seconds);
        return new PlanStop(0, 1, PlanResourceKind.Vehicle, van, Day, trip, sequence ?? (int)booking, StopKind.Pickup, sequence is null ? 10 + booking : 11, booking, null, at, at, 2, 2, 0, 0);
    }

    private static PlanStop Visit(long request, long team, string time, bool repeat)
    {
        var at = At(time);
        return new PlanStop(0, 1, PlanResourceKind.Team, team, Day, 1, 1, StopKind.Visit, 21, null, request, at, at.AddHours(1), 0, 0, 0, 3, repeat);
    }

    private static DateTimeOffset At(string time) =>
        new DateTimeOffset(Day.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromHours(7)).ToUniversalTime();
}
