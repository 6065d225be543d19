using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// The clock of a background improvement (<see cref="YieldingClock"/>): it pauses the search while families wait for
/// an answer, and the time paused does not count against the search's limit. Readings in milliseconds of a clock that
/// moves only when the test says (here: each time the clock asks whether families wait, 100 ms pass).
/// </summary>
public sealed class YieldingClockTests
{
    [Fact]
    public void GetTimestamp_NobodyWaits_TheInnerClocksReading()
    {
        var inner = new SteppedClock { Now = 5_000 };
        var clock = new YieldingClock(inner, () => false, TimeSpan.FromSeconds(30));

        Assert.Equal(5_000, clock.GetTimestamp());
        inner.Now = 7_500;
        Assert.Equal(7_500, clock.GetTimestamp());
        Assert.Equal(TimeSpan.Zero, clock.Paused);
        Assert.Equal(TimeSpan.FromSeconds(2.5), clock.GetElapsedTime(5_000));
    }

    [Fact]
    public void GetTimestamp_FamiliesWait_ReturnsOnceTheyAreAnswered_ThePauseNotCounted()
    {
        var inner = new SteppedClock();
        int looks = 0;
        // Families wait for the first four looks; each look takes 100 ms of the inner clock.
        var clock = new YieldingClock(inner, () =>
        {
            inner.Now += 100;
            return ++looks <= 4;
        }, TimeSpan.FromSeconds(30));

        long reading = clock.GetTimestamp();

        // Paused from the first look (100) to the last one that saw families (400); the look that found them gone runs.
        Assert.Equal(5, looks);
        Assert.Equal(TimeSpan.FromMilliseconds(300), clock.Paused);
        Assert.Equal(inner.Now - 300, reading);
        inner.Now += 1_000;
        long later = clock.GetTimestamp();
        Assert.Equal(inner.Now - 300, later);
    }

    [Fact]
    public void GetTimestamp_FamiliesKeepComing_PausesAtMostTheLimitInAll_ThenRunsBesideThem()
    {
        var inner = new SteppedClock();
        int looks = 0;
        var clock = new YieldingClock(inner, () =>
        {
            inner.Now += 100;
            looks++;
            return true;
        }, TimeSpan.FromSeconds(1));

        long first = clock.GetTimestamp();
        int looksThen = looks;
        inner.Now += 500;
        long second = clock.GetTimestamp();

        Assert.Equal(TimeSpan.FromSeconds(1), clock.Paused);
        Assert.Equal(inner.Now - 500 - 1_000, first);
        // The pause is spent: the next reading neither waits nor asks.
        Assert.Equal(looksThen, looks);
        Assert.Equal(inner.Now - 1_000, second);
    }

    /// <summary>A clock counting milliseconds that moves only when set.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        public long Now { get; set; }

        public override long TimestampFrequency => 1_000;

        public override long GetTimestamp() => Now;
    }
}
