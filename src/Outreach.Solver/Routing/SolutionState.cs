using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>
/// The search's mutable solution: one <see cref="RouteState"/> per (vehicle, trip), where each stop is, the unassigned
/// tasks and the objective, kept up to date incrementally. Not thread-safe; each search owns one.
/// </summary>
internal sealed partial class SolutionState
{
    public SolutionState(CompiledModel model)
    {
        M = model;
        VehicleFirstRoute = new int[model.VehicleCount + 1];
        var routes = new List<RouteState>();
        for (int v = 0; v < model.VehicleCount; v++)
        {
            VehicleFirstRoute[v] = routes.Count;
            for (int k = 0; k < model.MaxTrips[v]; k++)
            {
                routes.Add(new RouteState(model, v, k));
            }
        }

        VehicleFirstRoute[model.VehicleCount] = routes.Count;
        Routes = routes.ToArray();
        StopRoute = new int[model.StopCount];
        StopPosition = new int[model.StopCount];
        ScheduleStart = new int[model.StopCount];
        ScheduleEnd = new int[model.StopCount];
        VehicleCost = new long[model.VehicleCount];
        VehicleUsed = new bool[model.VehicleCount];
        VehicleFeasible = new bool[model.VehicleCount];
        RouteFeasible = new bool[model.VehicleCount];
        Unassigned = new int[model.TaskCount];
        UnassignedIndex = new int[model.TaskCount];
        Scheduler = new VehicleScheduler(model);
        Array.Fill(StopRoute, -1);
        for (int t = 0; t < model.TaskCount; t++)
        {
            Unassigned[t] = t;
            UnassignedIndex[t] = t;
            PenaltySum += model.TaskPenalty[t];
        }

        UnassignedCount = model.TaskCount;
        for (int v = 0; v < model.VehicleCount; v++)
        {
            UpdateVehicle(v);
        }

        ClearUndo();
    }

    public CompiledModel M { get; }

    public RouteState[] Routes { get; }

    /// <summary>Routes of vehicle v are VehicleFirstRoute[v] .. VehicleFirstRoute[v + 1] - 1, trip order.</summary>
    public int[] VehicleFirstRoute { get; }

    /// <summary>[stop]: route index, -1 when unassigned.</summary>
    public int[] StopRoute { get; }

    /// <summary>[stop]: position in its route (1-based).</summary>
    public int[] StopPosition { get; }

    /// <summary>[stop]: service start in the vehicle's exact schedule (only maintained when the model has links).</summary>
    public int[] ScheduleStart { get; }

    /// <summary>[stop]: service end in the vehicle's exact schedule (only maintained when the model has links).</summary>
    public int[] ScheduleEnd { get; }

    public long[] VehicleCost { get; }

    public bool[] VehicleUsed { get; }

    /// <summary>[vehicle]: windows, capacity, trips and (when needed) the exact schedule hold.</summary>
    public bool[] VehicleFeasible { get; }

    /// <summary>[vehicle]: windows, capacity and trips hold by the cached route data (the exact schedule aside).</summary>
    public bool[] RouteFeasible { get; }

    /// <summary>Unassigned tasks in [0, UnassignedCount).</summary>
    public int[] Unassigned { get; }

    /// <summary>[task]: index in <see cref="Unassigned"/>, -1 when assigned.</summary>
    public int[] UnassignedIndex { get; }

    public int UnassignedCount { get; private set; }

    public long PenaltySum { get; private set; }

    public long RouteCostSum { get; private set; }

    public int UsedVehicles { get; private set; }

    public long Cost => RouteCostSum + PenaltySum;

    public VehicleScheduler Scheduler { get; }

    public bool AllFeasible
    {
        get
        {
            foreach (bool feasible in VehicleFeasible)
            {
                if (!feasible)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Recomputes the cached time data, positions, cost and (if needed) exact schedule of one vehicle. With links, the
    /// vehicles coupled to it are then settled (see <see cref="Settle"/>): a change of one vehicle can move the times
    /// its partners must keep, so their schedules are re-checked and a failure there makes this vehicle infeasible.
    /// </summary>
    public void UpdateVehicle(int v)
    {
        ScheduleVehicle(v);
        Settle([v]);
    }

    /// <summary>Like <see cref="UpdateVehicle"/> for two vehicles changed by one move: both are scheduled, then settled together.</summary>
    public void UpdateVehicles(int a, int b)
    {
        ScheduleVehicle(a);
        if (b == a)
        {
            Settle([a]);
            return;
        }

        ScheduleVehicle(b);
        Settle([a, b]);
    }

    /// <summary>Schedules one vehicle (no settling), for callers that change several vehicles and settle once after.</summary>
    public void ScheduleVehicle(int v)
    {
        bool feasible = RefreshVehicle(v);
        if (feasible && VehicleUsed[v] && M.NeedsFullCheck)
        {
            feasible = Scheduler.Evaluate(this, v, -1, -1, -1, -1, -1);
            if (feasible && Linked)
            {
                // Published times are read only through links.
                Scheduler.Publish(this);
            }
        }

        SetFeasible(v, feasible);
    }

    /// <summary>
    /// Recomputes the cached time data, positions, cost and use of one vehicle from its routes, without the exact
    /// schedule and without touching <see cref="VehicleFeasible"/>. Returns whether windows, capacity and trips hold.
    /// </summary>
    public bool RefreshVehicle(int v)
    {
        int first = VehicleFirstRoute[v];
        int trips = M.MaxTrips[v];
        int reload = M.Reload[v];
        bool any = false;
        long t = M.ShiftStart[v];
        long cost = 0;
        bool feasible = true;
        for (int k = 0; k < trips; k++)
        {
            var route = Routes[first + k];
            route.StartEarliest = (int)Math.Min(any ? t + reload : M.ShiftStart[v], TimeWindow.MaxSeconds);
            route.Forward();
            if (route.Count > 0)
            {
                any = true;
                t = route.EarliestEnd;
                cost += route.ArcCost;
                for (int p = 1; p <= route.Count; p++)
                {
                    StopRoute[route.Stops[p]] = first + k;
                    StopPosition[route.Stops[p]] = p;
                }
            }
        }

        bool anyAfter = false;
        long late = M.ShiftEnd[v];
        for (int k = trips - 1; k >= 0; k--)
        {
            var route = Routes[first + k];
            route.EndLatest = (int)Math.Max(anyAfter ? late - reload : M.ShiftEnd[v], RouteState.NegativeInfinity);
            route.Backward();
            if (route.Count > 0)
            {
                anyAfter = true;
                late = route.Late[0];
                feasible &= route.Feasible;
            }
        }

        if (any)
        {
            cost += M.FixedCost[v];
        }

        RouteCostSum += cost - VehicleCost[v];
        VehicleCost[v] = cost;
        if (any != VehicleUsed[v])
        {
            UsedVehicles += any ? 1 : -1;
        }

        VehicleUsed[v] = any;
        RouteFeasible[v] = feasible;
        return feasible;
    }

    /// <summary>Inserts a task at a candidate's positions and updates the vehicle.</summary>
    public void Apply(in Insertion candidate, int task)
    {
        var route = Routes[candidate.Route];
        int s = M.TaskFirstStop[task];
        route.Insert(candidate.After + 1, s);
        if (M.TaskIsPair[task])
        {
            route.Insert(candidate.DeliveryAfter + 2, s + 1);
        }

        MarkAssigned(task);
        UpdateVehicle(route.Vehicle);
    }

    /// <summary>
    /// Inserts a task like <see cref="Apply"/> and keeps it only when its vehicle (and, with links, every vehicle
    /// coupled to it) stays feasible; otherwise the state is put back exactly as it was and false is returned.
    /// </summary>
    public bool TryApply(in Insertion candidate, int task)
    {
        int mark = UndoMark;
        Apply(candidate, task);
        var route = Routes[candidate.Route];
        if (VehicleFeasible[route.Vehicle])
        {
            return true;
        }

        int s = M.TaskFirstStop[task];
        if (M.TaskIsPair[task])
        {
            route.RemoveAt(StopPosition[s + 1]);
        }

        route.RemoveAt(StopPosition[s]);
        MarkUnassigned(task);
        RefreshVehicle(route.Vehicle);
        Undo(mark);
        return false;
    }

    /// <summary>Appends a task's stops to the end of a route without updating (used when rebuilding).</summary>
    public void AppendRaw(int route, int stop)
    {
        var r = Routes[route];
        r.Insert(r.Count + 1, stop);
        StopRoute[stop] = route;
    }

    public void MarkAssigned(int task)
    {
        int index = UnassignedIndex[task];
        if (index < 0)
        {
            return;
        }

        int last = Unassigned[UnassignedCount - 1];
        Unassigned[index] = last;
        UnassignedIndex[last] = index;
        UnassignedIndex[task] = -1;
        UnassignedCount--;
        PenaltySum -= M.TaskPenalty[task];
    }

    public void MarkUnassigned(int task)
    {
        if (UnassignedIndex[task] >= 0)
        {
            return;
        }

        Unassigned[UnassignedCount] = task;
        UnassignedIndex[task] = UnassignedCount;
        UnassignedCount++;
        PenaltySum += M.TaskPenalty[task];
        int s = M.TaskFirstStop[task];
        StopRoute[s] = -1;
        if (M.TaskIsPair[task])
        {
            StopRoute[s + 1] = -1;
        }
    }

    /// <summary>
    /// Removes the stops flagged in <paramref name="removed"/> from route <paramref name="route"/> (no update).
    /// </summary>
    public void CompactRoute(int route, bool[] removed)
    {
        var r = Routes[route];
        int write = 1;
        for (int p = 1; p <= r.Count; p++)
        {
            int s = r.Stops[p];
            if (!removed[s])
            {
                r.Stops[write++] = s;
            }
        }

        r.Count = write - 1;
    }

    /// <summary>Removes one task from wherever it is and updates its vehicle.</summary>
    public void RemoveTask(int task)
    {
        int s = M.TaskFirstStop[task];
        int route = StopRoute[s];
        if (route < 0)
        {
            return;
        }

        var r = Routes[route];
        if (M.TaskIsPair[task])
        {
            r.RemoveAt(StopPosition[s + 1]);
        }

        r.RemoveAt(StopPosition[s]);
        MarkUnassigned(task);
        UpdateVehicle(r.Vehicle);
    }

    /// <summary>Replaces the unassigned list (rollback); stops of tasks in it must already be out of every route.</summary>
    public void RestoreUnassigned(int[] tasks, int count)
    {
        for (int i = 0; i < UnassignedCount; i++)
        {
            UnassignedIndex[Unassigned[i]] = -1;
        }

        PenaltySum = 0;
        for (int i = 0; i < count; i++)
        {
            int task = tasks[i];
            Unassigned[i] = task;
            UnassignedIndex[task] = i;
            PenaltySum += M.TaskPenalty[task];
            int s = M.TaskFirstStop[task];
            StopRoute[s] = -1;
            if (M.TaskIsPair[task])
            {
                StopRoute[s + 1] = -1;
            }
        }

        UnassignedCount = count;
    }

    /// <summary>Full recomputation of the objective from the routes, for tests and assertions.</summary>
    public long RecomputeCost()
    {
        long total = 0;
        int size = M.Size;
        for (int v = 0; v < M.VehicleCount; v++)
        {
            bool used = false;
            for (int r = VehicleFirstRoute[v]; r < VehicleFirstRoute[v + 1]; r++)
            {
                var route = Routes[r];
                if (route.Count == 0)
                {
                    continue;
                }

                used = true;
                int previous = route.StartLocation;
                for (int p = 1; p <= route.Count; p++)
                {
                    int location = M.StopLocation[route.Stops[p]];
                    total += route.Cost[(previous * size) + location];
                    previous = location;
                }

                total += route.Cost[(previous * size) + route.EndLocation];
            }

            if (used)
            {
                total += M.FixedCost[v];
            }
        }

        for (int t = 0; t < M.TaskCount; t++)
        {
            if (StopRoute[M.TaskFirstStop[t]] < 0)
            {
                total += M.TaskPenalty[t];
            }
        }

        return total;
    }
}

/// <summary>A candidate insertion: pickup (or visit) after position <see cref="After"/>, delivery after original position <see cref="DeliveryAfter"/>.</summary>
internal record struct Insertion(int Route, int After, int DeliveryAfter, long Delta)
{
    public static Insertion None => new(-1, -1, -1, long.MaxValue);

    public readonly bool Found => Route >= 0;
}
