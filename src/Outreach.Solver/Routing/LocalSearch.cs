using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>
/// Local search over granular neighbourhoods (Toth &amp; Vigo 2003; Vidal et al. 2013): for every stop u and each of its
/// <see cref="Neighbourhood"/> nearest stops v, relocate, swap, or-opt, 2-opt* and pair relocate are tried and the
/// first improving move is applied, pass after pass, until none improves. Each move is evaluated apart from applying
/// it, in O(1) (or O(moved stops)) from the routes' cached forward/backward data, without allocation. An applied move
/// updates its vehicles; when their exact check fails (breaks, ride times, links, maximum duration, or two trips of
/// one vehicle changed together, which the per-trip caches cannot decide) it is undone. Not thread-safe; each search
/// owns one.
/// </summary>
internal sealed partial class LocalSearch
{
    /// <summary>Delta of a move that is infeasible or not allowed.</summary>
    public const long NoMove = long.MaxValue;

    /// <summary>Upper bound on passes over all stops (each pass that improves nothing ends the search earlier).</summary>
    private const int MaxPasses = 50;

    private readonly SolutionState state;
    private readonly CompiledModel m;
    private readonly Action<int>? touch;

    // Candidate sequence replacing a stretch of one route (intra-route moves, pair removal).
    private readonly int[] middle;

    // [d]: running load while a candidate sequence is walked; [d]: start loads of a moved segment.
    private readonly int[] load;
    private readonly int[] segmentLoad;

    // Stops of up to two routes before the move being applied, to undo it: backup[k][0 .. backupCount[k]).
    private readonly int[][] backup;
    private readonly int[] backupCount;
    private readonly int[] backupRoute;
    private int backups;
    private int undoMark;

    // Stops in the order one pass visits them.
    private readonly int[] order;

    // [route]: move counter when the route (or another trip of its vehicle) last changed;
    // [stop]: move counter when the stop's neighbourhood was last searched. Pairs (u, v) whose routes are both
    // unchanged since u was last searched are skipped (Vidal's "when last modified" rule).
    private readonly long[] routeModified;
    private readonly long[] stopSearched;
    private readonly int[] routeSeen;
    private int routeSeenStamp;
    private long moveCounter;

    public LocalSearch(SolutionState state, int neighbourhood = 20, Action<int>? touch = null)
    {
        this.state = state;
        m = state.M;
        this.touch = touch;
        Neighbourhood = neighbourhood;
        middle = new int[m.StopCount + 2];
        load = new int[Math.Max(1, m.Dimensions)];
        segmentLoad = new int[Math.Max(1, m.Dimensions)];
        backup = [new int[m.StopCount + 1], new int[m.StopCount + 1]];
        backupCount = new int[2];
        backupRoute = new int[2];
        order = new int[m.StopCount];
        routeModified = new long[state.Routes.Length];
        stopSearched = new long[m.StopCount];
        routeSeen = new int[state.Routes.Length];
    }

    /// <summary>Number of nearest stops (by arc cost) searched around each stop.</summary>
    public int Neighbourhood { get; }

    /// <summary>Moves applied since construction (for tests and statistics).</summary>
    public long MovesApplied { get; private set; }

    /// <summary>
    /// Improves the solution to a local optimum. With <paramref name="routes"/> non-empty, only stops on those routes
    /// are searched (their neighbours may be anywhere). Returns the cost decrease (0 when nothing improved).
    /// </summary>
    public long Run(ref Rng rng, ReadOnlySpan<int> routes = default)
    {
        int count = 0;
        if (routes.IsEmpty)
        {
            for (int r = 0; r < state.Routes.Length; r++)
            {
                count = AddStops(r, count);
            }
        }
        else
        {
            foreach (int r in routes)
            {
                count = AddStops(r, count);
            }
        }

        return SearchStops(ref rng, count);
    }

    /// <summary>Like <see cref="Run"/>, searching only around the stops of the given (served) tasks.</summary>
    public long RunAround(ref Rng rng, ReadOnlySpan<int> tasks)
    {
        int count = 0;
        foreach (int task in tasks)
        {
            int first = m.TaskFirstStop[task];
            if (state.StopRoute[first] < 0)
            {
                continue;
            }

            int route = state.StopRoute[first];
            if (state.StopPosition[first] > state.Routes[route].PinnedPrefix)
            {
                order[count++] = first;
                if (m.TaskIsPair[task])
                {
                    order[count++] = first + 1;
                }
            }
        }

        return SearchStops(ref rng, count);
    }

    private long SearchStops(ref Rng rng, int count)
    {
        long before = state.Cost;
        long runStart = ++moveCounter;
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        for (int pass = 0; pass < MaxPasses; pass++)
        {
            bool improved = false;
            for (int i = 0; i < count; i++)
            {
                int u = order[i];
                long searched = stopSearched[u] >= runStart ? stopSearched[u] : -1;
                stopSearched[u] = ++moveCounter;
                if (state.StopRoute[u] >= 0 && Improve(u, searched))
                {
                    improved = true;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return before - state.Cost;
    }

    private int AddStops(int r, int count)
    {
        var route = state.Routes[r];
        for (int p = route.PinnedPrefix + 1; p <= route.Count; p++)
        {
            order[count++] = route.Stops[p];
        }

        return count;
    }

    /// <summary>Tries every move between <paramref name="u"/> and its neighbours; true when one was applied.</summary>
    private bool Improve(int u, long searched)
    {
        var neighbours = m.Neighbours[u];
        int k = Math.Min(Neighbourhood, neighbours.Length);
        for (int n = 0; n < k; n++)
        {
            int v = neighbours[n];
            int rv = state.StopRoute[v];
            int ru = state.StopRoute[u];
            if (rv < 0 || ru < 0)
            {
                continue;
            }

            if (searched >= 0 && routeModified[ru] < searched && routeModified[rv] < searched)
            {
                continue;
            }

            if (TryRelocate(u, v) || TrySwap(u, v) || TryOrOpt(u, v) || TryTwoOptStar(u, v))
            {
                return true;
            }
        }

        return TryPairRelocate(u, k, searched);
    }

    /// <summary>True when the vehicle of route <paramref name="r"/> serves stops on another of its trips.</summary>
    private bool OtherTripsUsed(int r)
    {
        int v = state.Routes[r].Vehicle;
        for (int t = state.VehicleFirstRoute[v]; t < state.VehicleFirstRoute[v + 1]; t++)
        {
            if (t != r && state.Routes[t].Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the task's pin (if any) lets it sit on <paramref name="route"/>.</summary>
    private bool PinAllows(int task, RouteState route) =>
        m.TaskPinVehicle[task] < 0
        || (m.TaskPinVehicle[task] == route.Vehicle && (m.TaskPinTrip[task] < 0 || m.TaskPinTrip[task] == route.Trip));

    /// <summary>
    /// True when leaving <paramref name="location"/> at <paramref name="departure"/> reaches position
    /// <paramref name="position"/> of route <paramref name="r"/> in time for it and everything after it (O(1) from Late).
    /// </summary>
    private bool Reaches(RouteState r, long departure, int location, int position)
    {
        int travel = r.Travel[(location * m.Size) + r.Location[position]];
        if (travel >= Matrix.UnreachableValue)
        {
            return false;
        }

        long arrival = departure + travel;
        if (position > r.Count)
        {
            return arrival <= r.Late[position];
        }

        if (arrival > TimeWindow.MaxSeconds)
        {
            return false;
        }

        int start = m.EarliestStart(r.Stops[position], (int)arrival);
        return start != CompiledModel.Infeasible && start <= r.Late[position];
    }

    /// <summary>
    /// Cost change of replacing positions <paramref name="from"/> + 1 .. <paramref name="to"/> - 1 of route
    /// <paramref name="r"/> by middle[0 .. <paramref name="count"/>), or <see cref="NoMove"/> when it is not below
    /// <paramref name="bound"/> or a window or capacity breaks. The middle must change no start load and leave the
    /// same load after it (a permutation of the replaced stops, or them without a whole pair). O(count + to - from).
    /// </summary>
    private long EvaluateMiddle(RouteState r, int from, int count, int to, long bound)
    {
        int size = m.Size;
        var cost = r.Cost;
        long delta = 0;
        int location = r.Location[from];
        for (int k = 0; k < count; k++)
        {
            int next = m.StopLocation[middle[k]];
            delta += cost[(location * size) + next];
            location = next;
        }

        delta += cost[(location * size) + r.Location[to]];
        for (int p = from; p < to; p++)
        {
            delta -= cost[(r.Location[p] * size) + r.Location[p + 1]];
        }

        return delta < bound && MiddleFits(r, from, count, to) ? delta : NoMove;
    }

    /// <summary>Windows and capacities of route <paramref name="r"/> with middle[0 .. count) between positions from and to.</summary>
    private bool MiddleFits(RouteState r, int from, int count, int to)
    {
        int size = m.Size;
        int dims = m.Dimensions;
        var travel = r.Travel;
        long departure = (long)r.Early[from] + r.Service[from];
        int location = r.Location[from];
        for (int d = 0; d < dims; d++)
        {
            load[d] = r.LoadAfter[(from * dims) + d];
        }

        for (int k = 0; k < count; k++)
        {
            int s = middle[k];
            if (!Serve(r, s, ref departure, ref location))
            {
                return false;
            }

            for (int d = 0; d < dims; d++)
            {
                load[d] += m.Delta[(s * dims) + d];
                if (load[d] > m.Capacity[(r.Vehicle * dims) + d])
                {
                    return false;
                }
            }
        }

        return Reaches(r, departure, location, to);
    }

    /// <summary>
    /// Drives route <paramref name="r"/>'s vehicle from <paramref name="location"/>, leaving at
    /// <paramref name="departure"/>, to stop <paramref name="s"/> and serves it; false when its windows are missed.
    /// </summary>
    private bool Serve(RouteState r, int s, ref long departure, ref int location)
    {
        int next = m.StopLocation[s];
        int t = r.Travel[(location * m.Size) + next];
        long arrival = departure + t;
        if (t >= Matrix.UnreachableValue || arrival > TimeWindow.MaxSeconds)
        {
            return false;
        }

        int start = m.EarliestStart(s, (int)arrival);
        if (start == CompiledModel.Infeasible)
        {
            return false;
        }

        departure = (long)start + m.StopService[s];
        location = next;
        return true;
    }

    /// <summary>Saves the stops of a route about to change (at most two per move) and reports it to the owner.</summary>
    private void Backup(int r)
    {
        if (backups > 0 && backupRoute[0] == r)
        {
            return;
        }

        if (backups == 0)
        {
            undoMark = state.UndoMark;
        }

        var route = state.Routes[r];
        Array.Copy(route.Stops, 1, backup[backups], 0, route.Count);
        backupCount[backups] = route.Count;
        backupRoute[backups] = r;
        backups++;
        touch?.Invoke(r);
    }

    /// <summary>
    /// Updates the changed vehicles; keeps the move when both (and, with links, the vehicles coupled to them) are
    /// feasible, else restores the backed-up routes and, from the state's undo log, the schedules exactly as they were.
    /// </summary>
    private bool Commit()
    {
        int va = state.Routes[backupRoute[0]].Vehicle;
        int vb = backups > 1 ? state.Routes[backupRoute[1]].Vehicle : va;
        state.UpdateVehicles(va, vb);
        bool feasible = state.VehicleFeasible[va] && state.VehicleFeasible[vb];
        if (feasible)
        {
            moveCounter++;
            MarkModified(va);
            MarkModified(vb);
            MovesApplied++;
        }
        else
        {
            for (int k = 0; k < backups; k++)
            {
                var route = state.Routes[backupRoute[k]];
                Array.Copy(backup[k], 0, route.Stops, 1, backupCount[k]);
                route.Count = backupCount[k];
            }

            state.RefreshVehicle(va);
            if (vb != va)
            {
                state.RefreshVehicle(vb);
            }

            state.Undo(undoMark);
        }

        backups = 0;
        return feasible;
    }

    private void MarkModified(int v)
    {
        for (int r = state.VehicleFirstRoute[v]; r < state.VehicleFirstRoute[v + 1]; r++)
        {
            routeModified[r] = moveCounter;
        }
    }

    /// <summary>Marks route <paramref name="r"/> as seen for the current stop; true when it was seen already.</summary>
    private bool SeenRoute(int r)
    {
        if (routeSeen[r] == routeSeenStamp)
        {
            return true;
        }

        routeSeen[r] = routeSeenStamp;
        return false;
    }
}
