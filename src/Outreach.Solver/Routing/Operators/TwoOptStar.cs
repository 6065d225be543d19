using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>
/// 2-opt* (Potvin &amp; Rousseau 1995): exchange the tails of two routes, linking u to v (u's tail joins v's route and
/// v's head takes u's old tail). A cut is allowed only where no pair is open, so every pair stays on one trip, and after
/// every task pinned to the trip. O(1) when both trips share travel, costs, end place and latest end; else O(tails).
/// </summary>
internal sealed partial class LocalSearch
{
    private bool TryTwoOptStar(int u, int v)
    {
        int ru = state.StopRoute[u];
        int rv = state.StopRoute[v];
        if (ru == rv)
        {
            return false;
        }

        int pu = state.StopPosition[u];
        int pv = state.StopPosition[v];

        // New arc u -> v: cut after u and before v; then new arc v -> u: cut before u and after v.
        return TryTwoOptStar(ru, pu, rv, pv - 1) || TryTwoOptStar(ru, pu - 1, rv, pv);
    }

    private bool TryTwoOptStar(int ra, int cutA, int rb, int cutB)
    {
        long delta = EvaluateTwoOptStar(ra, cutA, rb, cutB, 0);
        return delta < 0 && ApplyTwoOptStar(ra, cutA, rb, cutB);
    }

    /// <summary>
    /// Cost change of the routes becoming a[1 .. cutA] + b[cutB + 1 ..] and b[1 .. cutB] + a[cutA + 1 ..], or
    /// <see cref="NoMove"/> when not allowed, infeasible or not below <paramref name="bound"/>.
    /// </summary>
    public long EvaluateTwoOptStar(int ra, int cutA, int rb, int cutB, long bound = NoMove)
    {
        var a = state.Routes[ra];
        var b = state.Routes[rb];
        if (ra == rb || cutA < a.LastPinned || cutB < b.LastPinned || cutA > a.Count || cutB > b.Count
            || (cutA == a.Count && cutB == b.Count)
            || a.OpenPairs[cutA] != 0 || b.OpenPairs[cutB] != 0
            || (a.SuffixSkills[cutA + 1] & ~m.VehicleSkills[b.Vehicle]) != 0
            || (b.SuffixSkills[cutB + 1] & ~m.VehicleSkills[a.Vehicle]) != 0)
        {
            return NoMove;
        }

        int size = m.Size;
        bool compatible = a.Travel == b.Travel && a.Cost == b.Cost && a.EndLocation == b.EndLocation && a.EndLatest == b.EndLatest;
        long delta;
        if (compatible)
        {
            var cost = a.Cost;
            delta = cost[(a.Location[cutA] * size) + b.Location[cutB + 1]] + cost[(b.Location[cutB] * size) + a.Location[cutA + 1]]
                - cost[(a.Location[cutA] * size) + a.Location[cutA + 1]] - cost[(b.Location[cutB] * size) + b.Location[cutB + 1]];
        }
        else
        {
            delta = NewTailCost(a, cutA, b, cutB) + NewTailCost(b, cutB, a, cutA) - NewTailCost(a, cutA, a, cutA) - NewTailCost(b, cutB, b, cutB);
        }

        // An emptied route costs nothing (the formulas above count its start-to-end arc) and may free its vehicle.
        delta += EmptyCorrection(ra, cutA + (b.Count - cutB), b.Vehicle) + EmptyCorrection(rb, cutB + (a.Count - cutA), a.Vehicle);
        if (delta >= bound)
        {
            return NoMove;
        }

        int dims = m.Dimensions;
        for (int d = 0; d < dims; d++)
        {
            // With no pair open at a cut, the load on board there is what the tail's visits still need.
            int tailA = a.LoadAfter[(cutA * dims) + d];
            int tailB = b.LoadAfter[(cutB * dims) + d];
            int capA = m.Capacity[(a.Vehicle * dims) + d];
            int capB = m.Capacity[(b.Vehicle * dims) + d];
            if (a.PrefixMax[(cutA * dims) + d] - tailA + tailB > capA || b.SuffixMax[((cutB + 1) * dims) + d] > capA
                || b.PrefixMax[(cutB * dims) + d] - tailB + tailA > capB || a.SuffixMax[((cutA + 1) * dims) + d] > capB)
            {
                return NoMove;
            }
        }

        // With shared travel, end place and latest end, the cached latest starts of each tail hold in the other route.
        bool fits = compatible
            ? Reaches(b, (long)a.Early[cutA] + a.Service[cutA], a.Location[cutA], cutB + 1)
                && Reaches(a, (long)b.Early[cutB] + b.Service[cutB], b.Location[cutB], cutA + 1)
            : TailFits(a, cutA, b, cutB) && TailFits(b, cutB, a, cutA);
        return fits ? delta : NoMove;
    }

    /// <summary>Correction when route <paramref name="r"/> turns empty or stops being empty; <paramref name="other"/> is the other vehicle of the move.</summary>
    private long EmptyCorrection(int r, int newCount, int other)
    {
        var route = state.Routes[r];
        if ((route.Count == 0) == (newCount == 0))
        {
            return 0;
        }

        long startToEnd = route.Cost[(route.StartLocation * m.Size) + route.EndLocation];
        bool fixedChanges = other != route.Vehicle && !OtherTripsUsed(r);
        long fixedCost = fixedChanges ? m.FixedCost[route.Vehicle] : 0;
        return newCount == 0 ? -startToEnd - fixedCost : startToEnd + fixedCost;
    }

    /// <summary>
    /// Arc cost from position <paramref name="cut"/> of route <paramref name="r"/> through the stops of
    /// <paramref name="tail"/> after <paramref name="tailCut"/> to r's end, with r's costs. O(tail length).
    /// </summary>
    private long NewTailCost(RouteState r, int cut, RouteState tail, int tailCut)
    {
        int size = m.Size;
        var cost = r.Cost;
        int location = r.Location[cut];
        long total = 0;
        for (int p = tailCut + 1; p <= tail.Count; p++)
        {
            int next = m.StopLocation[tail.Stops[p]];
            total += cost[(location * size) + next];
            location = next;
        }

        return total + cost[(location * size) + r.EndLocation];
    }

    /// <summary>Windows of route <paramref name="r"/> cut after <paramref name="cut"/> and continued by <paramref name="tail"/>'s stops after <paramref name="tailCut"/>. O(tail length).</summary>
    private bool TailFits(RouteState r, int cut, RouteState tail, int tailCut)
    {
        long departure = (long)r.Early[cut] + r.Service[cut];
        int location = r.Location[cut];
        for (int p = tailCut + 1; p <= tail.Count; p++)
        {
            if (!Serve(r, tail.Stops[p], ref departure, ref location))
            {
                return false;
            }
        }

        int back = r.Travel[(location * m.Size) + r.EndLocation];
        return back < Matrix.UnreachableValue && departure + back <= r.EndLatest;
    }

    /// <summary>Applies a tail exchange <see cref="EvaluateTwoOptStar"/> accepted; false when the exact check undid it.</summary>
    public bool ApplyTwoOptStar(int ra, int cutA, int rb, int cutB)
    {
        var a = state.Routes[ra];
        var b = state.Routes[rb];
        Backup(ra);
        Backup(rb);
        int tailA = a.Count - cutA;
        int tailB = b.Count - cutB;
        a.EnsureCapacity(cutA + tailB);
        b.EnsureCapacity(cutB + tailA);
        Array.Copy(a.Stops, cutA + 1, middle, 0, tailA);
        Array.Copy(b.Stops, cutB + 1, a.Stops, cutA + 1, tailB);
        Array.Copy(middle, 0, b.Stops, cutB + 1, tailA);
        a.Count = cutA + tailB;
        b.Count = cutB + tailA;
        return Commit();
    }
}
