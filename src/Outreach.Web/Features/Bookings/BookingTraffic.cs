namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Families waiting for an answer in this app: requests on the booking lines (<see cref="DayLine"/>) and a refused
/// family's own search of its day. Background work that only improves plans (<see cref="LivePlanImprover"/>) pauses
/// while any family waits (<see cref="YieldingClock"/>): on two cores a two-second improvement search running beside a
/// burst of bookings takes a core from the families. Thread-safe.
/// </summary>
public sealed class BookingTraffic
{
    private int _waiting;

    /// <summary>True while a family waits for an answer.</summary>
    public bool Any => Volatile.Read(ref _waiting) > 0;

    /// <summary>A family's request started waiting.</summary>
    public void Arrived() => Interlocked.Increment(ref _waiting);

    /// <summary><paramref name="count"/> requests were answered.</summary>
    public void Answered(int count = 1) => Interlocked.Add(ref _waiting, -count);
}

/// <summary>
/// A search's clock that pauses while families wait (<see cref="BookingTraffic.Any"/>): the search reads the time at
/// every step, so it stops there, holding no lock, until the families are answered, and the time paused does not count
/// against its limit. At most <paramref name="maxPause"/> in all (a steady stream of families must not postpone an
/// improvement for ever: after that it runs beside them). Every reading goes to <paramref name="inner"/> (which may end
/// the search, <see cref="UntilChangedClock"/>), less the time paused.
/// </summary>
public sealed class YieldingClock(TimeProvider inner, Func<bool> waiting, TimeSpan maxPause) : TimeProvider
{
    /// <summary>How long one pause sleeps before it looks again.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(2);

    private readonly long _maxPauseTicks = (long)(maxPause.TotalSeconds * inner.TimestampFrequency);
    private long _paused;

    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <summary>The time paused so far.</summary>
    public TimeSpan Paused => TimeSpan.FromSeconds((double)Interlocked.Read(ref _paused) / inner.TimestampFrequency);

    public override long GetTimestamp()
    {
        long paused = Interlocked.Read(ref _paused);
        if (paused < _maxPauseTicks && waiting())
        {
            long from = inner.GetTimestamp();
            long now = from;
            while (paused + (now - from) < _maxPauseTicks && waiting())
            {
                Thread.Sleep(Step);
                now = inner.GetTimestamp();
            }

            paused = Interlocked.Add(ref _paused, Math.Max(0, now - from));
        }

        return inner.GetTimestamp() - paused;
    }
}
