namespace Outreach.Solver.Routing;

/// <summary>
/// Pair relocate (Li &amp; Lim 2001; Ropke &amp; Pisinger 2006): take a pickup-and-delivery pair out of its route and
/// insert both stops at their cheapest feasible positions in a neighbouring route of another vehicle.
/// </summary>
internal sealed partial class LocalSearch
{
    private bool TryPairRelocate(int u, int k, long searched)
    {
        int task = m.StopTask[u];
        int ra = state.StopRoute[u];
        if (!m.TaskIsPair[task] || ra < 0)
        {
            return false;
        }

        routeSeenStamp++;
        var neighbours = m.Neighbours[u];
        long bestDelta = 0;
        int bestRoute = -1;
        var bestInsertion = Insertion.None;
        for (int n = 0; n < k; n++)
        {
            int rb = state.StopRoute[neighbours[n]];
            if (rb < 0 || rb == ra || SeenRoute(rb) || (searched >= 0 && routeModified[ra] < searched && routeModified[rb] < searched))
            {
                continue;
            }

            long delta = EvaluatePairRelocate(task, rb, out var insertion, bestDelta);
            if (delta < bestDelta)
            {
                bestDelta = delta;
                bestRoute = rb;
                bestInsertion = insertion;
            }
        }

        return bestRoute >= 0 && ApplyPairRelocate(task, bestRoute, bestInsertion);
    }

    /// <summary>
    /// Cost change of moving pair <paramref name="task"/> to its cheapest positions in route <paramref name="rb"/>
    /// of another, used vehicle (returned in <paramref name="insertion"/>), or <see cref="NoMove"/> when not allowed,
    /// infeasible or not below <paramref name="bound"/>.
    /// </summary>
    public long EvaluatePairRelocate(int task, int rb, out Insertion insertion, long bound = NoMove)
    {
        insertion = Insertion.None;
        int pickup = m.TaskFirstStop[task];
        int ra = state.StopRoute[pickup];
        if (!m.TaskIsPair[task] || ra < 0 || ra == rb)
        {
            return NoMove;
        }

        var a = state.Routes[ra];
        var b = state.Routes[rb];
        int i = state.StopPosition[pickup];
        int q = state.StopPosition[pickup + 1];
        if (a.Vehicle == b.Vehicle || !state.VehicleUsed[b.Vehicle] || m.TaskPinVehicle[task] >= 0
            || !m.VehicleCanServe(b.Vehicle, task) || i <= a.PinnedPrefix)
        {
            return NoMove;
        }

        long removal;
        if (a.Count == 2)
        {
            removal = -a.ArcCost - (OtherTripsUsed(ra) ? 0 : m.FixedCost[a.Vehicle]);
        }
        else
        {
            int count = 0;
            for (int p = i + 1; p < q; p++)
            {
                middle[count++] = a.Stops[p];
            }

            removal = EvaluateMiddle(a, i - 1, count, q + 1, NoMove);
            if (removal == NoMove)
            {
                return NoMove;
            }
        }

        // Only insertions cheaper than the bound allows are looked at (the scan prunes on the best delta so far).
        if (bound != NoMove)
        {
            insertion = insertion with { Delta = bound - removal };
        }

        state.BestInRoute(task, rb, ref insertion);
        return insertion.Found ? removal + insertion.Delta : NoMove;
    }

    /// <summary>Applies a pair relocation <see cref="EvaluatePairRelocate"/> found; false when the exact check undid it.</summary>
    public bool ApplyPairRelocate(int task, int rb, Insertion insertion)
    {
        int pickup = m.TaskFirstStop[task];
        int ra = state.StopRoute[pickup];
        var a = state.Routes[ra];
        var b = state.Routes[rb];
        Backup(ra);
        Backup(rb);
        a.RemoveAt(state.StopPosition[pickup + 1]);
        a.RemoveAt(state.StopPosition[pickup]);
        b.Insert(insertion.After + 1, pickup);
        b.Insert(insertion.DeliveryAfter + 2, pickup + 1);
        return Commit();
    }
}
