namespace Outreach.Solver.Routing;

/// <summary>Swap: exchange two single visits, in one route or between two. Pair stops are moved by the other moves.</summary>
internal sealed partial class LocalSearch
{
    private bool TrySwap(int u, int v)
    {
        int ru = state.StopRoute[u];
        int rv = state.StopRoute[v];
        int pu = state.StopPosition[u];
        int pv = state.StopPosition[v];
        long delta = EvaluateSwap(ru, pu, rv, pv, 0);
        return delta < 0 && ApplySwap(ru, pu, rv, pv);
    }

    /// <summary>
    /// Cost change of exchanging the visit at position <paramref name="i"/> of route <paramref name="ra"/> with the
    /// visit at position <paramref name="j"/> of route <paramref name="rb"/>, or <see cref="NoMove"/> when not allowed,
    /// infeasible or not below <paramref name="bound"/>. O(1) between routes, O(j - i) within one.
    /// </summary>
    public long EvaluateSwap(int ra, int i, int rb, int j, long bound = NoMove)
    {
        var a = state.Routes[ra];
        var b = state.Routes[rb];
        if (i <= a.PinnedPrefix || j <= b.PinnedPrefix || i > a.Count || j > b.Count || (ra == rb && i == j))
        {
            return NoMove;
        }

        int u = a.Stops[i];
        int v = b.Stops[j];
        if (m.StopSibling[u] >= 0 || m.StopSibling[v] >= 0)
        {
            return NoMove;
        }

        if (ra == rb)
        {
            if (i > j)
            {
                (i, j) = (j, i);
                (u, v) = (v, u);
            }

            long change;
            if (j == i + 1)
            {
                int size = m.Size;
                var cost = a.Cost;
                var at = a.Location;
                change = cost[(at[i - 1] * size) + at[j]] + cost[(at[j] * size) + at[i]] + cost[(at[i] * size) + at[j + 1]]
                    - cost[(at[i - 1] * size) + at[i]] - cost[(at[i] * size) + at[j]] - cost[(at[j] * size) + at[j + 1]];
            }
            else
            {
                change = ReplaceCost(a, i, v) + ReplaceCost(a, j, u);
            }

            if (change >= bound)
            {
                return NoMove;
            }

            int count = 0;
            middle[count++] = v;
            for (int p = i + 1; p < j; p++)
            {
                middle[count++] = a.Stops[p];
            }

            middle[count++] = u;
            return MiddleFits(a, i - 1, count, j + 1) ? change : NoMove;
        }

        long delta = ReplaceCost(a, i, v) + ReplaceCost(b, j, u);
        if (delta >= bound)
        {
            return NoMove;
        }

        int tu = m.StopTask[u];
        int tv = m.StopTask[v];
        if (!m.VehicleCanServe(b.Vehicle, tu) || !PinAllows(tu, b) || !m.VehicleCanServe(a.Vehicle, tv) || !PinAllows(tv, a))
        {
            return NoMove;
        }

        return ReplaceFits(a, i, v) && ReplaceFits(b, j, u) ? delta : NoMove;
    }

    /// <summary>Cost change of serving visit <paramref name="s"/> instead of the visit at <paramref name="position"/>.</summary>
    private long ReplaceCost(RouteState r, int position, int s)
    {
        int size = m.Size;
        var cost = r.Cost;
        int before = r.Location[position - 1];
        int at = m.StopLocation[s];
        int old = r.Location[position];
        int after = r.Location[position + 1];
        return cost[(before * size) + at] + cost[(at * size) + after] - cost[(before * size) + old] - cost[(old * size) + after];
    }

    /// <summary>Windows and capacities of route <paramref name="r"/> with visit <paramref name="s"/> in place of the one at <paramref name="position"/>.</summary>
    private bool ReplaceFits(RouteState r, int position, int s)
    {
        int dims = m.Dimensions;
        int old = r.Stops[position];
        for (int d = 0; d < dims; d++)
        {
            // Loads up to the position change by the difference of the two visits' start loads; after it, by nothing.
            int change = m.StartLoad[(s * dims) + d] - m.StartLoad[(old * dims) + d];
            if (change > 0 && r.PrefixMax[((position - 1) * dims) + d] + change > m.Capacity[(r.Vehicle * dims) + d])
            {
                return false;
            }
        }

        long departure = (long)r.Early[position - 1] + r.Service[position - 1];
        int location = r.Location[position - 1];
        return Serve(r, s, ref departure, ref location) && Reaches(r, departure, location, position + 1);
    }

    /// <summary>Applies a swap <see cref="EvaluateSwap"/> accepted; false when the exact check undid it.</summary>
    public bool ApplySwap(int ra, int i, int rb, int j)
    {
        var a = state.Routes[ra];
        var b = state.Routes[rb];
        Backup(ra);
        Backup(rb);
        (a.Stops[i], b.Stops[j]) = (b.Stops[j], a.Stops[i]);
        return Commit();
    }
}
