using Outreach.Web.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// When a changed station day is improved (<see cref="LivePlanChanges"/>): on a clock that moves only when told, with a
/// 5 s delay (so at most 20 s after a day's first change).
/// </summary>
public sealed class LivePlanChangesTests
{
    private static readonly DateOnly Tuesday = new(2026, 11, 24);
    private static readonly LivePlanSettings FiveSeconds = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2));

    [Fact]
    public async Task NextDueAsync_DayChangedTwice_ImprovedOnceAfterItsLastChange_EarliestDueFirst()
    {
        var clock = new ManualClock(ManualClock.MondayMorning);
        var changes = new LivePlanChanges(FiveSeconds, clock);
        // Station 1 at 0 s and 3 s: due at 8 s. Station 2 at 1 s: due at 6 s.
        changes.Committed(1, Tuesday);
        clock.Advance(TimeSpan.FromSeconds(1));
        changes.Committed(2, Tuesday);
        clock.Advance(TimeSpan.FromSeconds(2));
        changes.Committed(1, Tuesday);
        clock.Advance(TimeSpan.FromSeconds(5));
        using var stop = new CancellationTokenSource();

        var first = await changes.NextDueAsync(stop.Token);
        var second = await changes.NextDueAsync(stop.Token);
        var third = changes.NextDueAsync(stop.Token);

        Assert.Equal(new StationDay(2, Tuesday), first);
        Assert.Equal(new StationDay(1, Tuesday), second);
        Assert.False(third.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
    }

    [Fact]
    public async Task NextDueAsync_ChangesKeepComing_DueFourDelaysAfterTheFirst()
    {
        var clock = new ManualClock(ManualClock.MondayMorning);
        var changes = new LivePlanChanges(FiveSeconds, clock);
        // A change every 4 s, from 0 s to 20 s: each within the delay of the last, so without a bound the day would wait
        // until 25 s; it is due at 20 s, four delays after its first change.
        for (int second = 0; second <= 20; second += 4)
        {
            if (second > 0)
            {
                clock.Advance(TimeSpan.FromSeconds(4));
            }

            changes.Committed(1, Tuesday);
        }

        var next = changes.NextDueAsync(CancellationToken.None);

        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(new StationDay(1, Tuesday), await next);
    }

    [Fact]
    public async Task NextDueAsync_WaitingWithNothingDue_WokenByAChange()
    {
        var changes = new LivePlanChanges(FiveSeconds with { ImproveDelay = TimeSpan.Zero }, new ManualClock(ManualClock.MondayMorning));
        var next = changes.NextDueAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        changes.Committed(7, Tuesday);

        Assert.Equal(new StationDay(7, Tuesday), await next.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void UntilChanged_TheDayChanges_ItsSearchClockHasRunOut_OtherDaysAndLaterClocksRunOn()
    {
        var changes = new LivePlanChanges(FiveSeconds, new ManualClock(ManualClock.MondayMorning));
        var watched = changes.UntilChanged(1, Tuesday);
        var otherStation = changes.UntilChanged(2, Tuesday);
        var otherDay = changes.UntilChanged(1, Tuesday.AddDays(1));
        long started = watched.GetTimestamp(), otherStarted = otherStation.GetTimestamp(), otherDayStarted = otherDay.GetTimestamp();

        Assert.True(watched.GetElapsedTime(started) < TimeSpan.FromMinutes(1));
        changes.Committed(1, Tuesday);
        var after = changes.UntilChanged(1, Tuesday);
        long afterStarted = after.GetTimestamp();

        // A search that started before the change sees every time limit passed; one that starts after it runs its time.
        Assert.True(watched.GetElapsedTime(started) >= TimeSpan.FromHours(23));
        Assert.True(watched.DayChanged);
        Assert.False(otherStation.DayChanged);
        Assert.True(otherStation.GetElapsedTime(otherStarted) < TimeSpan.FromMinutes(1));
        Assert.True(otherDay.GetElapsedTime(otherDayStarted) < TimeSpan.FromMinutes(1));
        Assert.True(after.GetElapsedTime(afterStarted) < TimeSpan.FromMinutes(1));
        changes.Committed(1, Tuesday);
        Assert.True(after.GetElapsedTime(afterStarted) >= TimeSpan.FromHours(23));
    }
}
