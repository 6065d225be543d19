using Outreach.Domain;

namespace Outreach.Planning.Pickups.Slots;

/// <summary>
/// Whether the families of one slot fit into the vans, each family whole in one van (seats = children + guardians,
/// a wheelchair place when it needs one, a child seat when it needs one), and how few vans that takes. Exact depth-first
/// search with symmetry pruning, bounded by a node budget: slots hold a handful of families, so the budget is only a
/// guard; when it runs out without an answer the result is "does not fit" (never over-promise). Pure and thread-safe.
/// </summary>
public static class VanPacking
{
    /// <summary>Search nodes before giving up (a slot of 15 families over 8 vans stays far below it).</summary>
    public const int DefaultNodeBudget = 200_000;

    /// <summary>
    /// The fewest vans that carry every group, or null when no assignment exists (or none was found within the budget).
    /// Zero groups need zero vans. Answers are remembered per set of vans and families (the same slot is asked about by
    /// every offer list, booking and alternative of its day), so a repeated question costs a lookup.
    /// </summary>
    public static int? MinVans(IReadOnlyList<Vehicle> vans, IReadOnlyList<SlotGroup> groups, int nodeBudget = DefaultNodeBudget)
    {
        ArgumentNullException.ThrowIfNull(vans);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            return 0;
        }

        var codes = HardestFirst(groups);
        var key = Key(vans, codes, nodeBudget);
        if (Known.TryGetValue(key, out var known))
        {
            return known;
        }

        var demand = Array.ConvertAll(codes, Decode);
        var search = new Search(vans, demand, nodeBudget, LowerBound(vans, demand));
        search.Run(0, 0);
        int? answer = search.Best == int.MaxValue ? null : search.Best;
        if (Known.Count >= MostKnown)
        {
            Known.Clear();
        }

        Known[key] = answer;
        return answer;
    }

    /// <summary>Answers already worked out, by <see cref="Key"/>: the answer depends on nothing else.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int?> Known = new(StringComparer.Ordinal);

    /// <summary>Answers kept at most (a few per slot of every station day being booked); all are forgotten past it.</summary>
    private const int MostKnown = 50_000;

    /// <summary>
    /// The question as text: each van's places (sorted: the answer ignores the vans' order), the families' codes in
    /// search order, the budget; each number as two characters (every count here is far below 2^32).
    /// </summary>
    private static string Key(IReadOnlyList<Vehicle> vans, int[] codes, int nodeBudget)
    {
        var places = new long[vans.Count];
        for (var v = 0; v < places.Length; v++)
        {
            places[v] = ((long)Math.Clamp(vans[v].SeatCount, 0, 1 << 20) << 40) | ((long)Math.Clamp(vans[v].WheelchairPlaces, 0, 1 << 19) << 20)
                | (long)Math.Clamp(vans[v].ChildSeatCount, 0, 1 << 19);
        }

        Array.Sort(places);
        return string.Create((places.Length * 4) + 1 + (codes.Length * 2) + 2, (places, codes, nodeBudget), static (text, q) =>
        {
            var at = 0;
            foreach (var p in q.places)
            {
                text[at++] = (char)(p >> 48);
                text[at++] = (char)(p >> 32);
                text[at++] = (char)(p >> 16);
                text[at++] = (char)p;
            }

            text[at++] = '|';
            foreach (var c in q.codes)
            {
                text[at++] = (char)(c >> 16);
                text[at++] = (char)c;
            }

            text[at++] = (char)(q.nodeBudget >> 16);
            text[at] = (char)q.nodeBudget;
        });
    }

    /// <summary>
    /// The vans first fit uses (hardest family first, as <see cref="MinVans"/> orders them, each into the first van with
    /// room for it), or null when it leaves a family out: an upper bound on the fewest, found in one pass; null says
    /// nothing (an exact packing may still exist).
    /// </summary>
    public static int? FirstFit(IReadOnlyList<Vehicle> vans, IReadOnlyList<SlotGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(vans);
        ArgumentNullException.ThrowIfNull(groups);
        Span<int> seats = vans.Count <= 64 ? stackalloc int[vans.Count] : new int[vans.Count];
        Span<int> wheelchairs = vans.Count <= 64 ? stackalloc int[vans.Count] : new int[vans.Count];
        Span<int> childSeats = vans.Count <= 64 ? stackalloc int[vans.Count] : new int[vans.Count];
        for (var v = 0; v < vans.Count; v++)
        {
            seats[v] = vans[v].SeatCount;
            wheelchairs[v] = vans[v].WheelchairPlaces;
            childSeats[v] = vans[v].ChildSeatCount;
        }

        Span<bool> carries = vans.Count <= 64 ? stackalloc bool[vans.Count] : new bool[vans.Count];
        var used = 0;
        foreach (var code in HardestFirst(groups))
        {
            var d = Decode(code);
            var placed = false;
            for (var v = 0; v < vans.Count && !placed; v++)
            {
                if (seats[v] >= d.Seats && wheelchairs[v] >= d.Wheelchairs && childSeats[v] >= d.ChildSeats)
                {
                    seats[v] -= d.Seats;
                    wheelchairs[v] -= d.Wheelchairs;
                    childSeats[v] -= d.ChildSeats;
                    if (!carries[v])
                    {
                        carries[v] = true;
                        used++;
                    }

                    placed = true;
                }
            }

            if (!placed)
            {
                return null;
            }
        }

        return used;
    }

    /// <summary>True when every group fits.</summary>
    public static bool Fits(IReadOnlyList<Vehicle> vans, IReadOnlyList<SlotGroup> groups) => MinVans(vans, groups) is not null;

    private readonly record struct Demand(int Seats, int Wheelchairs, int ChildSeats);

    /// <summary>
    /// The families hardest first: needs before plain seats, large before small, so dead ends show early. Each family is
    /// one number that sorts in that order (wheelchair, child seat, seats), so a question's key is cheap to make.
    /// </summary>
    private static int[] HardestFirst(IReadOnlyList<SlotGroup> groups)
    {
        var codes = new int[groups.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var g = groups[i];
            codes[i] = (g.Needs.HasFlag(BookingNeeds.Wheelchair) ? 1 << 21 : 0) | (g.Needs.HasFlag(BookingNeeds.ChildSeat) ? 1 << 20 : 0) | Math.Clamp(g.Seats, 0, (1 << 20) - 1);
        }

        Array.Sort(codes);
        Array.Reverse(codes);
        return codes;
    }

    private static Demand Decode(int code) => new(code & ((1 << 20) - 1), (code >> 21) & 1, (code >> 20) & 1);

    /// <summary>No fewer vans can do: the largest vans first must hold all seats, wheelchair places and child seats.</summary>
    private static int LowerBound(IReadOnlyList<Vehicle> vans, Demand[] demand)
    {
        static int Needed(IEnumerable<int> capacities, int total)
        {
            var count = 0;
            foreach (var c in capacities.OrderDescending())
            {
                if (total <= 0)
                {
                    break;
                }

                total -= c;
                count++;
            }

            return count;
        }

        return Math.Max(1, Math.Max(
            Needed(vans.Select(v => v.SeatCount), demand.Sum(d => d.Seats)),
            Math.Max(Needed(vans.Select(v => v.WheelchairPlaces), demand.Sum(d => d.Wheelchairs)),
                Needed(vans.Select(v => v.ChildSeatCount), demand.Sum(d => d.ChildSeats)))));
    }

    private sealed class Search
    {
        private readonly Demand[] _demand;

        // Per van index v: what is still free, and whether the van already carries someone.
        private readonly int[] _seatsFree;
        private readonly int[] _wheelchairsFree;
        private readonly int[] _childSeatsFree;
        private readonly bool[] _used;
        private readonly int _lowerBound;
        private int _nodesLeft;

        // The families from index i on still need these (suffix sums of the demand).
        private readonly int[] _seatsAfter;
        private readonly int[] _wheelchairsAfter;
        private readonly int[] _childSeatsAfter;

        // The smallest family from index i on: seats left in a van below it are lost.
        private readonly int[] _fewestSeatsAfter;

        // The vans ordered by each kind of place, largest first: the vans still unused that could add the most.
        private readonly int[] _bySeats;
        private readonly int[] _byWheelchairs;
        private readonly int[] _byChildSeats;

        public Search(IReadOnlyList<Vehicle> vans, Demand[] demand, int nodeBudget, int lowerBound)
        {
            _lowerBound = lowerBound;
            _demand = demand;
            _seatsFree = vans.Select(v => v.SeatCount).ToArray();
            _wheelchairsFree = vans.Select(v => v.WheelchairPlaces).ToArray();
            _childSeatsFree = vans.Select(v => v.ChildSeatCount).ToArray();
            _used = new bool[vans.Count];
            _nodesLeft = nodeBudget;
            _seatsAfter = new int[demand.Length + 1];
            _wheelchairsAfter = new int[demand.Length + 1];
            _childSeatsAfter = new int[demand.Length + 1];
            _fewestSeatsAfter = new int[demand.Length + 1];
            _fewestSeatsAfter[demand.Length] = int.MaxValue;
            for (var i = demand.Length - 1; i >= 0; i--)
            {
                _seatsAfter[i] = _seatsAfter[i + 1] + demand[i].Seats;
                _wheelchairsAfter[i] = _wheelchairsAfter[i + 1] + demand[i].Wheelchairs;
                _childSeatsAfter[i] = _childSeatsAfter[i + 1] + demand[i].ChildSeats;
                _fewestSeatsAfter[i] = Math.Min(_fewestSeatsAfter[i + 1], demand[i].Seats);
            }

            _bySeats = [.. Enumerable.Range(0, vans.Count).OrderByDescending(v => _seatsFree[v])];
            _byWheelchairs = [.. Enumerable.Range(0, vans.Count).OrderByDescending(v => _wheelchairsFree[v])];
            _byChildSeats = [.. Enumerable.Range(0, vans.Count).OrderByDescending(v => _childSeatsFree[v])];
        }

        public int Best { get; private set; } = int.MaxValue;

        public void Run(int next, int usedCount)
        {
            // Stop once a packing meets the lower bound: nothing can beat it.
            if (usedCount >= Best || Best <= _lowerBound || _nodesLeft-- <= 0)
            {
                return;
            }

            if (next == _demand.Length)
            {
                Best = usedCount;
                return;
            }

            // A better packing may open this many more vans: if even the largest of them and what the used ones have
            // left cannot hold what the remaining families need, no packing below here can.
            var opening = (Best == int.MaxValue ? _used.Length : Best - 1) - usedCount;
            if (_seatsAfter[next] > Room(_seatsFree, _bySeats, opening, _fewestSeatsAfter[next])
                || _wheelchairsAfter[next] > Room(_wheelchairsFree, _byWheelchairs, opening, 1)
                || _childSeatsAfter[next] > Room(_childSeatsFree, _byChildSeats, opening, 1))
            {
                return;
            }

            var d = _demand[next];
            for (var v = 0; v < _seatsFree.Length; v++)
            {
                if (_seatsFree[v] < d.Seats || _wheelchairsFree[v] < d.Wheelchairs || _childSeatsFree[v] < d.ChildSeats
                    || SameAsEarlier(v) || (!_used[v] && usedCount + 1 >= Best))
                {
                    continue;
                }

                var wasUsed = _used[v];
                _seatsFree[v] -= d.Seats;
                _wheelchairsFree[v] -= d.Wheelchairs;
                _childSeatsFree[v] -= d.ChildSeats;
                _used[v] = true;
                Run(next + 1, wasUsed ? usedCount : usedCount + 1);
                _seatsFree[v] += d.Seats;
                _wheelchairsFree[v] += d.Wheelchairs;
                _childSeatsFree[v] += d.ChildSeats;
                _used[v] = wasUsed;
            }
        }

        /// <summary>
        /// What the used vans have free of one kind of place (counted only where at least <paramref name="usable"/> is
        /// free: less than the smallest family left is lost), plus the <paramref name="opening"/> largest unused vans' whole.
        /// </summary>
        private int Room(int[] free, int[] largestFirst, int opening, int usable)
        {
            var room = 0;
            for (var v = 0; v < free.Length; v++)
            {
                if (_used[v] && free[v] >= usable)
                {
                    room += free[v];
                }
            }

            foreach (var v in largestFirst)
            {
                if (opening <= 0)
                {
                    break;
                }

                if (!_used[v])
                {
                    room += free[v];
                    opening--;
                }
            }

            return room;
        }

        /// <summary>A van in the same state as an earlier one leads to the same subtrees: try only the first.</summary>
        private bool SameAsEarlier(int v)
        {
            for (var u = 0; u < v; u++)
            {
                if (_seatsFree[u] == _seatsFree[v] && _wheelchairsFree[u] == _wheelchairsFree[v]
                    && _childSeatsFree[u] == _childSeatsFree[v] && _used[u] == _used[v])
                {
                    return true;
                }
            }

            return false;
        }
    }
}
