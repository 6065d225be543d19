namespace Outreach.Planning.Pickups;

/// <summary>
/// Spreads arrivals at the collection point so no clock half-hour brings more children than the desks can take
/// (desks x files per desk per hour / 2, rounded down; a part of a half-hour inside the opening hours takes its share).
/// <para>
/// Each booking's slot covers one or more half-hour buckets. First every booking, in priority order (published
/// first, then first come first served), is assigned to the bucket of its slot with the most room left that still
/// takes its children (worst fit, which balances the buckets); a booking no bucket takes is refused (desk full). Then,
/// smallest families first, a booking is set free to arrive at any time in its slot when every bucket of its slot
/// could absorb it on top of what is already counted there ("flexible" bookings count in every bucket they may
/// fall into). Whatever times the vans then choose, bucket loads stay within the caps, and the vans keep as much
/// freedom as the desks allow: a quiet slot puts no half-hour constraint on anyone.
/// </para>
/// A family larger than a whole bucket's capacity may still take an empty bucket alone (it cannot be split).
/// Not thread-safe; one instance per plan.
/// </summary>
internal sealed class ArrivalSpreading
{
    private const int HalfHour = 1800;
    private readonly List<Bucket> _buckets = [];

    /// <param name="opening">The day's opening intervals, seconds since midnight, [open, close).</param>
    /// <param name="childrenPerHour">Desks x files per desk per hour.</param>
    public ArrivalSpreading(IReadOnlyList<(int Open, int Close)> opening, int childrenPerHour)
    {
        foreach (var (open, close) in opening.OrderBy(o => o.Open))
        {
            for (int h = open / HalfHour * HalfHour; h < close; h += HalfHour)
            {
                int start = Math.Max(h, open);
                int end = Math.Min(h + HalfHour, close);
                if (end > start)
                {
                    _buckets.Add(new Bucket(start, end, (int)((long)childrenPerHour * (end - start) / 3600)));
                }
            }
        }
    }

    /// <summary>Children the desks take in a full half-hour.</summary>
    public static int HalfHourCap(int childrenPerHour) => childrenPerHour / 2;

    /// <summary>
    /// Assigns arrival windows. <paramref name="requests"/> are in priority order. Returns one result per request:
    /// the windows (seconds, inclusive ends) or null with <see cref="SpreadResult.Closed"/> / desk full.
    /// </summary>
    public IReadOnlyList<SpreadResult> Assign(IReadOnlyList<SpreadRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var loads = new int[_buckets.Count];
        var candidates = new List<int>[requests.Count];
        var fixedBucket = new int[requests.Count];
        var results = new SpreadResult[requests.Count];
        for (int r = 0; r < requests.Count; r++)
        {
            var request = requests[r];
            candidates[r] = [];
            for (int k = 0; k < _buckets.Count; k++)
            {
                if (_buckets[k].Start < request.SlotEnd && _buckets[k].End > request.SlotStart)
                {
                    candidates[r].Add(k);
                }
            }

            fixedBucket[r] = -1;
            if (candidates[r].Count == 0)
            {
                results[r] = new SpreadResult([], Closed: true, DeskFull: false);
                continue;
            }

            int chosen = -1;
            if (request.PreferredArrival is int preferred)
            {
                chosen = candidates[r].FirstOrDefault(k => _buckets[k].Start <= preferred && preferred < _buckets[k].End
                    && loads[k] + request.Children <= _buckets[k].Capacity, -1);
            }

            if (chosen < 0)
            {
                int bestRoom = int.MinValue;
                foreach (int k in candidates[r])
                {
                    int room = _buckets[k].Capacity - loads[k];
                    if (room >= request.Children && room > bestRoom)
                    {
                        bestRoom = room;
                        chosen = k;
                    }
                }
            }

            if (chosen < 0 && candidates[r].All(k => _buckets[k].Capacity < request.Children))
            {
                chosen = candidates[r].FirstOrDefault(k => loads[k] == 0, -1);
            }

            if (chosen < 0)
            {
                results[r] = new SpreadResult([], Closed: false, DeskFull: true);
                continue;
            }

            loads[chosen] += request.Children;
            fixedBucket[r] = chosen;
        }

        var flexible = new bool[requests.Count];
        foreach (int r in Enumerable.Range(0, requests.Count).Where(r => fixedBucket[r] >= 0).OrderBy(r => requests[r].Children).ThenBy(r => r))
        {
            int own = fixedBucket[r];
            if (_buckets[own].Capacity < requests[r].Children)
            {
                continue;
            }

            if (candidates[r].All(k => k == own || loads[k] + requests[r].Children <= _buckets[k].Capacity))
            {
                flexible[r] = true;
                foreach (int k in candidates[r].Where(k => k != own))
                {
                    loads[k] += requests[r].Children;
                }
            }
        }

        for (int r = 0; r < requests.Count; r++)
        {
            if (fixedBucket[r] < 0)
            {
                continue;
            }

            var pieces = flexible[r] ? candidates[r] : [fixedBucket[r]];
            var windows = new List<(int Start, int End)>();
            foreach (int k in pieces)
            {
                int start = Math.Max(_buckets[k].Start, requests[r].SlotStart);
                int end = Math.Min(_buckets[k].End, requests[r].SlotEnd);
                if (windows.Count > 0 && windows[^1].End == start)
                {
                    windows[^1] = (windows[^1].Start, end);
                }
                else
                {
                    windows.Add((start, end));
                }
            }

            // Half-open [start, end) becomes the solver's inclusive [start, end - 1]: an arrival exactly on the hour
            // belongs to the next half-hour.
            results[r] = new SpreadResult(windows.Select(w => (w.Start, w.End - 1)).ToList(), Closed: false, DeskFull: false)
            {
                Flexible = flexible[r],
            };
        }

        return results;
    }

    /// <summary>Children of <paramref name="arrivals"/> (seconds) per bucket start, and each bucket's cap, in time order.</summary>
    public IReadOnlyList<(int Start, int End, int Capacity, int Children)> Count(IEnumerable<(int ArrivalSeconds, int Children)> arrivals)
    {
        var counts = new int[_buckets.Count];
        foreach (var (at, children) in arrivals)
        {
            int k = _buckets.FindIndex(b => b.Start <= at && at < b.End);
            if (k >= 0)
            {
                counts[k] += children;
            }
        }

        return _buckets.Select((b, k) => (b.Start, b.End, b.Capacity, counts[k])).ToList();
    }

    /// <summary>Children still free per bucket overlapping [slotStart, slotEnd), given arrivals already counted.</summary>
    public int MostRoomInSlot(int slotStart, int slotEnd, IReadOnlyDictionary<int, int> childrenByBucketStart)
    {
        int best = -1;
        foreach (var b in _buckets.Where(b => b.Start < slotEnd && b.End > slotStart))
        {
            best = Math.Max(best, b.Capacity - childrenByBucketStart.GetValueOrDefault(b.Start));
        }

        return best;
    }

    /// <summary>Start of the bucket holding <paramref name="seconds"/>, or null outside the opening hours.</summary>
    public int? BucketStartOf(int seconds)
    {
        int k = _buckets.FindIndex(b => b.Start <= seconds && seconds < b.End);
        return k < 0 ? null : _buckets[k].Start;
    }

    private sealed record Bucket(int Start, int End, int Capacity);
}

/// <summary>One booking to spread: its children and slot [start, end) in seconds; a published arrival to keep if it still fits.</summary>
internal sealed record SpreadRequest(int Children, int SlotStart, int SlotEnd, int? PreferredArrival);

/// <summary>Arrival windows (inclusive, seconds) for one booking, or why none.</summary>
internal sealed record SpreadResult(IReadOnlyList<(int Start, int End)> Windows, bool Closed, bool DeskFull)
{
    /// <summary>True when the booking may arrive anywhere in its slot.</summary>
    public bool Flexible { get; init; }
}
