namespace Outreach.Web.Features.Bookings;

/// <summary>A station and one of its local dates.</summary>
public readonly record struct StationDay(long StationId, DateOnly Date);

/// <summary>
/// The station days whose live plan changed and wait to be improved (<see cref="LivePlanImprover"/>), each due
/// <see cref="LivePlanSettings.ImproveDelay"/> after its last change (at most <see cref="LivePlanSettings.MaxDelay"/>
/// after its first): changes of a day that is already waiting coalesce into one improvement. In memory, so a restart
/// forgets what was waiting; nothing is lost but an improvement, which the day's next change asks for again.
/// Thread-safe: requests signal, one background loop takes (<see cref="LivePlanImprovementService"/>).
/// </summary>
public sealed class LivePlanChanges(LivePlanSettings settings, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StationDay, (DateTimeOffset First, DateTimeOffset Due)> _waiting = [];

    // Completed when a change arrives, so a waiting NextDueAsync looks again; replaced (under the gate) once seen.
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The watches of days a search is working on (<see cref="UntilChanged"/>), ended by the day's next change.</summary>
    private readonly Dictionary<StationDay, DayWatch> _watched = [];

    /// <summary>
    /// A clock for a search of the station's day that runs out at the day's next committed change in this app: a plan
    /// searched from a day that has changed since is not stored (the improvement loses its race, a family's search is
    /// decided again by insertion), so the search stops there and leaves the processor to the requests. Take it before
    /// reading the day, so a change between the read and the search counts.
    /// </summary>
    public UntilChangedClock UntilChanged(long stationId, DateOnly date)
    {
        lock (_gate)
        {
            var day = new StationDay(stationId, date);
            if (!_watched.TryGetValue(day, out var watch))
            {
                watch = new DayWatch();
                _watched[day] = watch;
            }

            return new UntilChangedClock(watch);
        }
    }

    /// <summary>A booking, move or cancellation of the station's day committed.</summary>
    public void Committed(long stationId, DateOnly date)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var day = new StationDay(stationId, date);
            if (_watched.Remove(day, out var watch))
            {
                watch.Changed = true;
            }

            var first = _waiting.TryGetValue(day, out var waiting) ? waiting.First : now;
            var due = now + settings.ImproveDelay;
            _waiting[day] = (first, due < first + settings.MaxDelay ? due : first + settings.MaxDelay);
            _signal.TrySetResult();
        }
    }

    /// <summary>Waits until a day is due, takes it off the list and returns it (the earliest due first).</summary>
    public async Task<StationDay> NextDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            TimeSpan? wait = null;
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                if (_waiting.Count > 0)
                {
                    var (day, (_, due)) = _waiting.MinBy(w => w.Value.Due);
                    if (due <= now)
                    {
                        _waiting.Remove(day);
                        return day;
                    }

                    wait = due - now;
                }

                if (_signal.Task.IsCompleted)
                {
                    _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                signal = _signal.Task;
            }

            if (wait is not { } delay)
            {
                await signal.WaitAsync(cancellationToken);
                continue;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(delay, clock, stop.Token);
            await Task.WhenAny(signal, timer);
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    internal sealed class DayWatch
    {
        private volatile bool _changed;

        public bool Changed
        {
            get => _changed;
            set => _changed = value;
        }
    }

}

/// <summary>
/// The system's clock until the watched station day changes (<see cref="LivePlanChanges.UntilChanged"/>), then a day
/// later: every time limit has passed, so a search on it stops.
/// </summary>
public sealed class UntilChangedClock : TimeProvider
{
    private readonly LivePlanChanges.DayWatch _watch;

    internal UntilChangedClock(LivePlanChanges.DayWatch watch) => _watch = watch;

    /// <summary>True once the day changed: a search that ran on this clock was cut short, and found nothing either way.</summary>
    public bool DayChanged => _watch.Changed;

    public override long GetTimestamp() => _watch.Changed ? base.GetTimestamp() + (TimestampFrequency * 86_400) : base.GetTimestamp();
}
