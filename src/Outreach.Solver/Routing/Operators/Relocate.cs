using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>
/// Relocate: move a stop (or a segment of consecutive stops, see or-opt) next to a neighbouring stop, in its own
/// route or another. A segment leaves its route only with both stops of every pair in it; inside a route, a pickup
/// stays before its delivery. Pinned positions never move and nothing goes before them.
/// </summary>
internal sealed partial class LocalSearch
{
    private bool TryRelocate(int u, int v)
    {
        int ru = state.StopRoute[u];
        int rv = state.StopRoute[v];
        int pu = state.StopPosition[u];
        int pv = state.StopPosition[v];

        // u right after v, then u right before v.
        return TrySegmentMove(ru, pu, 1, false, rv, pv) || TrySegmentMove(ru, pu, 1, false, rv, pv - 1);
    }

    private bool TrySegmentMove(int ra, int first, int length, bool reversed, int rb, int after)
    {
        long delta = EvaluateSegmentMove(ra, first, length, reversed, rb, after, 0);
        return delta < 0 && ApplySegmentMove(ra, first, length, reversed, rb, after);
    }

    /// <summary>
    /// Cost change of moving the stops at positions <paramref name="first"/> .. first + length - 1 of route
    /// <paramref name="ra"/> (reversed if asked) to after position <paramref name="after"/> of route
    /// <paramref name="rb"/> (an original position; for the same route, outside the segment and not just before it),
    /// or <see cref="NoMove"/> when not allowed, infeasible or not below <paramref name="bound"/> (feasibility is
    /// checked only below it). O(length) between routes, O(distance moved) within one.
    /// </summary>
    public long EvaluateSegmentMove(int ra, int first, int length, bool reversed, int rb, int after, long bound = NoMove)
    {
        var a = state.Routes[ra];
        int last = first + length - 1;
        if (length < 1 || first <= a.PinnedPrefix || last > a.Count)
        {
            return NoMove;
        }

        for (int p = first; p <= last; p++)
        {
            int s = a.Stops[p];
            int sibling = m.StopSibling[s];
            if (sibling < 0)
            {
                continue;
            }

            int q = state.StopPosition[sibling];
            if (q >= first && q <= last)
            {
                if (reversed)
                {
                    return NoMove; // the delivery would come first
                }

                continue;
            }

            // Half a pair never leaves its route; within it, the pickup stays before the delivery.
            if (ra != rb || (m.StopIsDelivery[s] ? after < q : after >= q))
            {
                return NoMove;
            }
        }

        return ra == rb ? EvaluateWithinRoute(a, first, last, reversed, after, bound) : EvaluateBetweenRoutes(ra, first, last, reversed, rb, after, bound);
    }

    private long EvaluateWithinRoute(RouteState a, int first, int last, bool reversed, int after, long bound)
    {
        if (after < a.PinnedPrefix || after > a.Count || (after >= first - 1 && after <= last))
        {
            return NoMove;
        }

        // The arcs taken out (around the segment, inside it, at the target) and put in are all distinct here.
        int size = m.Size;
        var cost = a.Cost;
        var at = a.Location;
        int head = at[reversed ? last : first];
        int tail = at[reversed ? first : last];
        long delta = cost[(at[first - 1] * size) + at[last + 1]] - cost[(at[first - 1] * size) + at[first]] - cost[(at[last] * size) + at[last + 1]]
            + cost[(at[after] * size) + head] + cost[(tail * size) + at[after + 1]] - cost[(at[after] * size) + at[after + 1]];
        for (int p = first; p < last && reversed; p++)
        {
            delta += cost[(at[p + 1] * size) + at[p]] - cost[(at[p] * size) + at[p + 1]];
        }

        if (delta >= bound)
        {
            return NoMove;
        }

        int count = 0;
        if (after > last)
        {
            for (int p = last + 1; p <= after; p++)
            {
                middle[count++] = a.Stops[p];
            }

            count = AppendSegment(a, first, last, reversed, count);
            return MiddleFits(a, first - 1, count, after + 1) ? delta : NoMove;
        }

        count = AppendSegment(a, first, last, reversed, count);
        for (int p = after + 1; p < first; p++)
        {
            middle[count++] = a.Stops[p];
        }

        return MiddleFits(a, after, count, last + 1) ? delta : NoMove;
    }

    private int AppendSegment(RouteState a, int first, int last, bool reversed, int count)
    {
        for (int k = 0; k <= last - first; k++)
        {
            middle[count++] = a.Stops[reversed ? last - k : first + k];
        }

        return count;
    }

    private long EvaluateBetweenRoutes(int ra, int first, int last, bool reversed, int rb, int after, long bound)
    {
        var a = state.Routes[ra];
        var b = state.Routes[rb];
        if (after < b.PinnedPrefix || after > b.Count)
        {
            return NoMove;
        }

        // Cost first: most candidates stop here.
        int size = m.Size;
        int vb = b.Vehicle;
        bool sameVehicle = a.Vehicle == vb;
        var costA = a.Cost;
        var costB = b.Cost;
        bool emptiesA = last - first + 1 == a.Count;
        long delta;
        if (emptiesA)
        {
            delta = -a.ArcCost - (sameVehicle || OtherTripsUsed(ra) ? 0 : m.FixedCost[a.Vehicle]);
        }
        else
        {
            int before = a.Location[first - 1];
            int next = a.Location[last + 1];
            delta = costA[(before * size) + next] - costA[(before * size) + a.Location[first]] - costA[(a.Location[last] * size) + next];
            for (int p = first; p < last; p++)
            {
                delta -= costA[(a.Location[p] * size) + a.Location[p + 1]];
            }
        }

        int location = b.Location[after];
        for (int k = 0; k <= last - first; k++)
        {
            int next = m.StopLocation[a.Stops[reversed ? last - k : first + k]];
            delta += costB[(location * size) + next];
            location = next;
        }

        delta += costB[(location * size) + b.Location[after + 1]];
        if (b.Count > 0)
        {
            delta -= costB[(b.Location[after] * size) + b.Location[after + 1]];
        }
        else if (!sameVehicle && !state.VehicleUsed[vb])
        {
            delta += m.FixedCost[vb];
        }

        if (delta >= bound)
        {
            return NoMove;
        }

        int dims = m.Dimensions;
        Array.Clear(segmentLoad);
        for (int p = first; p <= last; p++)
        {
            int s = a.Stops[p];
            int task = m.StopTask[s];
            if (!m.VehicleCanServe(vb, task) || !PinAllows(task, b))
            {
                return NoMove;
            }

            for (int d = 0; d < dims; d++)
            {
                segmentLoad[d] += m.StartLoad[(s * dims) + d];
            }
        }

        // Leaving route a: only the bridging arc needs a check (loads only fall).
        if (!emptiesA && !Reaches(a, (long)a.Early[first - 1] + a.Service[first - 1], a.Location[first - 1], last + 1))
        {
            return NoMove;
        }

        // Entering route b after position `after`: every load up to there grows by the segment's start loads.
        for (int d = 0; d < dims; d++)
        {
            if (b.PrefixMax[(after * dims) + d] + segmentLoad[d] > m.Capacity[(vb * dims) + d])
            {
                return NoMove;
            }

            load[d] = b.LoadAfter[(after * dims) + d] + segmentLoad[d];
        }

        long departure = (long)b.Early[after] + b.Service[after];
        location = b.Location[after];
        for (int k = 0; k <= last - first; k++)
        {
            int s = a.Stops[reversed ? last - k : first + k];
            if (!Serve(b, s, ref departure, ref location))
            {
                return NoMove;
            }

            for (int d = 0; d < dims; d++)
            {
                load[d] += m.Delta[(s * dims) + d];
                if (load[d] > m.Capacity[(vb * dims) + d])
                {
                    return NoMove;
                }
            }
        }

        return Reaches(b, departure, location, after + 1) ? delta : NoMove;
    }

    /// <summary>Applies a move <see cref="EvaluateSegmentMove"/> accepted; false when the exact check undid it.</summary>
    public bool ApplySegmentMove(int ra, int first, int length, bool reversed, int rb, int after)
    {
        var a = state.Routes[ra];
        var b = state.Routes[rb];
        Backup(ra);
        Backup(rb);
        int count = AppendSegment(a, first, first + length - 1, reversed, 0);
        Array.Copy(a.Stops, first + length, a.Stops, first, a.Count - (first + length) + 1);
        a.Count -= length;
        int at = ra == rb && after > first ? after - length : after;
        b.EnsureCapacity(b.Count + count);
        Array.Copy(b.Stops, at + 1, b.Stops, at + 1 + count, b.Count - at);
        Array.Copy(middle, 0, b.Stops, at + 1, count);
        b.Count += count;
        return Commit();
    }
}
