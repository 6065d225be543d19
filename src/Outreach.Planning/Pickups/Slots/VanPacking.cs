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
    /// Zero groups need zero vans.
    /// </summary>
    public static int? MinVans(IReadOnlyList<Vehicle> vans, IReadOnlyList<SlotGroup> groups, int nodeBudget = DefaultNodeBudget)
    {
        ArgumentNullException.ThrowIfNull(vans);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            return 0;
        }

        // Hardest first: needs before plain seats, large before small, so dead ends show early.
        var demand = groups
            .Select(g => new Demand(g.Seats, g.Needs.HasFlag(BookingNeeds.Wheelchair) ? 1 : 0, g.Needs.HasFlag(BookingNeeds.ChildSeat) ? 1 : 0))
            .OrderByDescending(d => d.Wheelchairs)
            .ThenByDescending(d => d.ChildSeats)
            .ThenByDescending(d => d.Seats)
            .ToArray();
        var search = new Search(vans, demand, nodeBudget, LowerBound(vans, demand));
        search.Run(0, 0);
        return search.Best == int.MaxValue ? null : search.Best;
    }

    /// <summary>True when every group fits.</summary>
    public static bool Fits(IReadOnlyList<Vehicle> vans, IReadOnlyList<SlotGroup> groups) => MinVans(vans, groups) is not null;

    private readonly record struct Demand(int Seats, int Wheelchairs, int ChildSeats);

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

        public Search(IReadOnlyList<Vehicle> vans, Demand[] demand, int nodeBudget, int lowerBound)
        {
            _lowerBound = lowerBound;
            _demand = demand;
            _seatsFree = vans.Select(v => v.SeatCount).ToArray();
            _wheelchairsFree = vans.Select(v => v.WheelchairPlaces).ToArray();
            _childSeatsFree = vans.Select(v => v.ChildSeatCount).ToArray();
            _used = new bool[vans.Count];
            _nodesLeft = nodeBudget;
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
