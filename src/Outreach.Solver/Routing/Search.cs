using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>
/// One search: regret insertion, then slack induction by string removals (Christiaens &amp; Vanden Berghe 2020):
/// remove strings of consecutive stops near a random stop, reinsert in a random order with blinks, accept with
/// simulated annealing. Under <see cref="Objective.VehiclesFirst"/> a fleet-minimisation phase comes first: remove a
/// route and run ruin and recreate without new vehicles, accepting fewer unserved tasks or tasks absent less often.
/// Deterministic for a seed and an iteration limit. Not thread-safe; parallel searches each own one.
/// </summary>
internal sealed class Search
{
    private const double AverageRemoved = 10;
    private const int MaxStringLength = 10;
    private const double SplitRate = 0.5;
    private const double SplitDepth = 0.01;
    private const double BlinkRate = 0.01;

    private readonly CompiledModel m;
    private readonly SearchOptions options;
    private readonly bool[] removed;
    private readonly int[] removedTasks;
    private readonly int[] routeStamp;
    private readonly int[][] backupStops;
    private readonly int[] backupCount;
    private readonly int[] touched;
    private readonly int[] savedUnassigned;
    private readonly int[] order;
    private readonly double[] orderKey;
    private readonly double[] taskDemand;
    private readonly double[] taskDistance;
    private readonly long[] absence;
    private readonly int[][] best;
    private readonly int[] bestCount;
    private readonly long startTimestamp;
    private int touchedCount;
    private int savedUnassignedCount;
    private int stamp;
    private Rng rng;

    public Search(CompiledModel model, SearchOptions options, long seed)
    {
        m = model;
        this.options = options;
        State = new SolutionState(model);
        rng = new Rng(seed);
        int routes = State.Routes.Length;
        removed = new bool[model.StopCount];
        removedTasks = new int[model.TaskCount];
        routeStamp = new int[routes];
        backupStops = new int[routes][];
        backupCount = new int[routes];
        best = new int[routes][];
        bestCount = new int[routes];
        for (int r = 0; r < routes; r++)
        {
            backupStops[r] = new int[model.StopCount + 1];
            best[r] = new int[model.StopCount + 1];
        }

        touched = new int[routes];
        savedUnassigned = new int[model.TaskCount];
        order = new int[model.TaskCount];
        orderKey = new double[model.TaskCount];
        absence = new long[model.TaskCount];
        taskDemand = new double[model.TaskCount];
        taskDistance = new double[model.TaskCount];
        int depot = model.VehicleCount > 0 ? model.VehicleStart[0] : 0;
        var metres = model.Metres[0];
        for (int t = 0; t < model.TaskCount; t++)
        {
            int s = model.TaskFirstStop[t];
            for (int d = 0; d < model.Dimensions; d++)
            {
                taskDemand[t] += Math.Abs(model.Delta[(s * model.Dimensions) + d]);
            }

            taskDistance[t] = metres[(depot * model.Size) + model.StopLocation[s]];
        }

        startTimestamp = options.Clock.GetTimestamp();
    }

    public SolutionState State { get; }

    public long BestCost { get; private set; } = long.MaxValue;

    public int BestUnassigned { get; private set; } = int.MaxValue;

    public long Iterations { get; private set; }

    public void Run()
    {
        Construct();
        SaveBest();
        if (m.TaskCount == 0 || m.VehicleCount == 0)
        {
            return;
        }

        double vehicleShare = options.Objective == Objective.VehiclesFirst ? Math.Clamp(options.VehiclePhaseShare, 0, 1) : 0;
        if (vehicleShare > 0)
        {
            MinimiseFleet(vehicleShare);
            RestoreBest();
        }

        Anneal(vehicleShare, allowNewVehicles: options.Objective != Objective.VehiclesFirst);
        RestoreBest();
    }

    /// <summary>Fraction of the budget used, in [0, 1]; 1 stops the search.</summary>
    private double Progress()
    {
        double progress = 0;
        if (options.MaxIterations is long maxIterations)
        {
            progress = Math.Max(progress, (double)Iterations / Math.Max(1, maxIterations));
        }

        if (options.TimeLimit is TimeSpan limit)
        {
            var elapsed = options.Clock.GetElapsedTime(startTimestamp);
            progress = Math.Max(progress, elapsed.TotalSeconds / Math.Max(1e-9, limit.TotalSeconds));
        }

        if (options.MaxIterations is null && options.TimeLimit is null)
        {
            progress = Iterations / 1000.0;
        }

        return Math.Min(progress, 1);
    }

    private void Construct()
    {
        PlacePinnedPrefixes();
        var rng0 = rng;
        foreach (var trip in options.InitialTrips)
        {
            if (trip.Vehicle < 0 || trip.Vehicle >= m.VehicleCount || trip.Trip < 0 || trip.Trip >= m.MaxTrips[trip.Vehicle])
            {
                continue;
            }

            foreach (int task in trip.Tasks.Distinct())
            {
                if (task < 0 || task >= m.TaskCount || State.UnassignedIndex[task] < 0)
                {
                    continue;
                }

                if (m.TaskPinVehicle[task] >= 0 && m.TaskPinVehicle[task] != trip.Vehicle)
                {
                    continue;
                }

                var candidate = Insertion.None;
                int route = State.VehicleFirstRoute[trip.Vehicle] + trip.Trip;
                if (m.TaskIsPair[task])
                {
                    ScanRoute(task, route, ref candidate, ref rng0);
                }
                else
                {
                    ScanRoute(task, route, ref candidate, ref rng0);
                }

                if (candidate.Found)
                {
                    State.Apply(candidate, task);
                }
            }
        }

        if (m.TaskCount <= 250)
        {
            RegretInsertion();
        }
        else
        {
            Recreate(allowNewVehicles: true, blink: 0);
        }
    }

    private void ScanRoute(int task, int route, ref Insertion candidate, ref Rng random)
    {
        // Restricting FindBest to one route: evaluate its vehicle, keep only insertions into that route.
        var all = Insertion.None;
        State.BestInVehicle(task, State.Routes[route].Vehicle, ref all, ref random, 0);
        if (all.Found && all.Route == route)
        {
            candidate = all;
        }
    }

    private void PlacePinnedPrefixes()
    {
        // Pinned positions form a prefix per trip (validated by the builder); place them in order.
        var byRoute = new SortedDictionary<int, SortedDictionary<int, int>>();
        for (int t = 0; t < m.TaskCount; t++)
        {
            if (!m.TaskPinnedPosition[t])
            {
                continue;
            }

            int route = State.VehicleFirstRoute[m.TaskPinVehicle[t]] + Math.Max(0, m.TaskPinTrip[t]);
            if (!byRoute.TryGetValue(route, out var positions))
            {
                positions = [];
                byRoute[route] = positions;
            }

            var pin = PinOf(t);
            positions[pin.Position] = m.TaskFirstStop[t];
            if (m.TaskIsPair[t])
            {
                positions[pin.DeliveryPosition] = m.TaskFirstStop[t] + 1;
            }
        }

        foreach (var (route, positions) in byRoute)
        {
            var r = State.Routes[route];
            foreach (var stop in positions.Values)
            {
                r.Insert(r.Count + 1, stop);
                State.MarkAssigned(m.StopTask[stop]);
            }

            r.PinnedPrefix = r.Count;
            State.UpdateVehicle(r.Vehicle);
            if (!State.VehicleFeasible[r.Vehicle])
            {
                // The pinned sequence no longer fits (e.g. a window moved): release it to the search.
                var tasks = positions.Values.Select(s => m.StopTask[s]).Distinct().ToList();
                r.Count = 0;
                r.PinnedPrefix = 0;
                foreach (int t in tasks)
                {
                    State.MarkUnassigned(t);
                }

                State.UpdateVehicle(r.Vehicle);
            }
        }
    }

    private (int Position, int DeliveryPosition) PinOf(int task) => pinPositions![task];

    private (int Position, int DeliveryPosition)[]? pinPositions;

    /// <summary>Supplies the pinned positions (kept out of the compiled arrays to keep them small).</summary>
    public void SetPinPositions(RoutingModel model)
    {
        pinPositions = new (int, int)[model.Tasks.Count];
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            var pin = model.Tasks[t].Pin;
            pinPositions[t] = (pin?.Position ?? -1, pin?.DeliveryPosition ?? -1);
        }
    }

    private void RegretInsertion()
    {
        var localRng = rng;
        var perVehicle = new long[m.VehicleCount];
        var classSeen = new bool[Math.Max(1, m.VehicleClassCount)];
        var hopeless = new bool[m.TaskCount];
        while (true)
        {
            int chosen = -1;
            long chosenRegret = long.MinValue;
            long chosenCost = long.MaxValue;
            var chosenInsertion = Insertion.None;
            for (int i = 0; i < State.UnassignedCount; i++)
            {
                int task = State.Unassigned[i];
                if (hopeless[task] || m.TaskPinnedPosition[task])
                {
                    continue;
                }

                Array.Clear(classSeen);
                var best1 = Insertion.None;
                long cost2 = long.MaxValue;
                for (int v = 0; v < m.VehicleCount; v++)
                {
                    if (m.TaskPinVehicle[task] >= 0 && m.TaskPinVehicle[task] != v)
                    {
                        continue;
                    }

                    if (!State.VehicleUsed[v])
                    {
                        if (classSeen[m.VehicleClass[v]])
                        {
                            continue;
                        }

                        classSeen[m.VehicleClass[v]] = true;
                    }

                    var candidate = Insertion.None;
                    State.BestInVehicle(task, v, ref candidate, ref localRng, 0);
                    if (!candidate.Found)
                    {
                        continue;
                    }

                    if (candidate.Delta < best1.Delta)
                    {
                        cost2 = best1.Delta;
                        best1 = candidate;
                    }
                    else if (candidate.Delta < cost2)
                    {
                        cost2 = candidate.Delta;
                    }
                }

                if (!best1.Found || best1.Delta >= m.TaskPenalty[task])
                {
                    // Infeasible everywhere, or cheaper to leave out than to serve.
                    hopeless[task] = true;
                    continue;
                }

                long regret = cost2 == long.MaxValue ? long.MaxValue / 4 : cost2 - best1.Delta;
                if (regret > chosenRegret || (regret == chosenRegret && best1.Delta < chosenCost))
                {
                    chosen = task;
                    chosenRegret = regret;
                    chosenCost = best1.Delta;
                    chosenInsertion = best1;
                }
            }

            if (chosen < 0)
            {
                break;
            }

            State.Apply(chosenInsertion, chosen);
        }
    }

    private void MinimiseFleet(double share)
    {
        if (State.UnassignedCount > 0)
        {
            return;
        }

        long sumAbsence = 0;
        while (Progress() < share)
        {
            if (State.UnassignedCount == 0)
            {
                SaveBest();
                bool removedRoute = false;
                for (int attempt = 0; attempt < 8 && !removedRoute && State.UsedVehicles > 1; attempt++)
                {
                    // Vehicles holding pinned tasks cannot be emptied; try another.
                    removedRoute = RemoveSmallRoute();
                }

                if (!removedRoute)
                {
                    return;
                }

                sumAbsence = AbsenceSum();
            }

            int before = State.UnassignedCount;
            BeginMove();
            Ruin();
            Recreate(allowNewVehicles: false, blink: BlinkRate);
            Iterations++;
            long candidateAbsence = AbsenceSum();
            for (int i = 0; i < State.UnassignedCount; i++)
            {
                absence[State.Unassigned[i]]++;
            }

            bool feasible = TouchedFeasible();
            if (feasible && (State.UnassignedCount < before || candidateAbsence < sumAbsence))
            {
                sumAbsence = AbsenceSum();
            }
            else
            {
                Rollback();
                sumAbsence = AbsenceSum();
            }
        }
    }

    private long AbsenceSum()
    {
        long sum = 0;
        for (int i = 0; i < State.UnassignedCount; i++)
        {
            sum += absence[State.Unassigned[i]];
        }

        return sum;
    }

    private bool RemoveSmallRoute()
    {
        // The smaller of two random used vehicles: small routes are the easiest to empty.
        int chosen = -1;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            int v = RandomUsedVehicle();
            if (v >= 0 && (chosen < 0 || StopsOf(v) < StopsOf(chosen)))
            {
                chosen = v;
            }
        }

        if (chosen < 0)
        {
            return false;
        }

        for (int r = State.VehicleFirstRoute[chosen]; r < State.VehicleFirstRoute[chosen + 1]; r++)
        {
            var route = State.Routes[r];
            if (route.PinnedPrefix > 0)
            {
                return false;
            }

            for (int p = 1; p <= route.Count; p++)
            {
                if (m.TaskPinVehicle[m.StopTask[route.Stops[p]]] >= 0)
                {
                    return false;
                }
            }
        }

        for (int r = State.VehicleFirstRoute[chosen]; r < State.VehicleFirstRoute[chosen + 1]; r++)
        {
            var route = State.Routes[r];
            for (int p = 1; p <= route.Count; p++)
            {
                removed[route.Stops[p]] = true;
            }
        }

        for (int r = State.VehicleFirstRoute[chosen]; r < State.VehicleFirstRoute[chosen + 1]; r++)
        {
            var route = State.Routes[r];
            for (int p = 1; p <= route.Count; p++)
            {
                State.MarkUnassigned(m.StopTask[route.Stops[p]]);
            }

            State.CompactRoute(r, removed);
        }

        Array.Clear(removed);
        State.UpdateVehicle(chosen);
        return true;
    }

    private int StopsOf(int v)
    {
        int count = 0;
        for (int r = State.VehicleFirstRoute[v]; r < State.VehicleFirstRoute[v + 1]; r++)
        {
            count += State.Routes[r].Count;
        }

        return count;
    }

    private int RandomUsedVehicle()
    {
        int used = State.UsedVehicles;
        if (used == 0)
        {
            return -1;
        }

        int k = rng.Next(used);
        for (int v = 0; v < m.VehicleCount; v++)
        {
            if (State.VehicleUsed[v] && k-- == 0)
            {
                return v;
            }
        }

        return -1;
    }

    private void Anneal(double startProgress, bool allowNewVehicles)
    {
        // Temperatures scale with the mean arc cost so one setting fits metres, seconds or scaled literature distances.
        long arcCost = State.RouteCostSum;
        for (int v = 0; v < m.VehicleCount; v++)
        {
            if (State.VehicleUsed[v])
            {
                arcCost -= m.FixedCost[v];
            }
        }

        int arcs = m.StopCount - State.UnassignedCount + State.UsedVehicles;
        double meanArc = Math.Max(1.0, (double)arcCost / Math.Max(1, arcs));
        double t0 = 10 * meanArc;
        double tf = 0.1 * meanArc;
        long current = State.Cost;
        while (true)
        {
            double progress = Progress();
            if (progress >= 1)
            {
                break;
            }

            double phase = startProgress >= 1 ? 1 : Math.Clamp((progress - startProgress) / (1 - startProgress), 0, 1);
            double temperature = t0 * Math.Pow(tf / t0, phase);
            BeginMove();
            Ruin();
            Recreate(allowNewVehicles, BlinkRate);
            Iterations++;
            long candidate = State.Cost;
            if (TouchedFeasible() && candidate < current - (temperature * Math.Log(1 - rng.NextDouble())))
            {
                current = candidate;
                if (candidate < BestCost || (State.UnassignedCount < BestUnassigned && candidate <= BestCost))
                {
                    SaveBest();
                }
            }
            else
            {
                Rollback();
            }
        }
    }

    private bool TouchedFeasible()
    {
        for (int i = 0; i < touchedCount; i++)
        {
            if (!State.VehicleFeasible[State.Routes[touched[i]].Vehicle])
            {
                return false;
            }
        }

        return true;
    }

    private void Ruin()
    {
        int assignedStops = 0;
        int usedRoutes = 0;
        foreach (var route in State.Routes)
        {
            if (route.Count > 0)
            {
                assignedStops += route.Count;
                usedRoutes++;
            }
        }

        if (usedRoutes == 0)
        {
            return;
        }

        double lsMax = Math.Min(MaxStringLength, (double)assignedStops / usedRoutes);
        double ksMax = (4 * AverageRemoved / (1 + lsMax)) - 1;
        int ks = (int)Math.Floor((rng.NextDouble() * ksMax) + 1);
        int seed = -1;
        for (int attempt = 0; attempt < 64 && seed < 0; attempt++)
        {
            int s = rng.Next(m.StopCount);
            if (State.StopRoute[s] >= 0)
            {
                seed = s;
            }
        }

        if (seed < 0)
        {
            return;
        }

        int removedCount = 0;
        int ruinedRoutes = 0;
        var neighbours = m.Neighbours[seed];
        for (int k = -1; k < neighbours.Length && ruinedRoutes < ks; k++)
        {
            int c = k < 0 ? seed : neighbours[k];
            int r = State.StopRoute[c];
            if (r < 0 || removed[c] || routeStamp[r] == stamp)
            {
                continue;
            }

            var route = State.Routes[r];
            int free = route.Count - route.PinnedPrefix;
            int position = State.StopPosition[c];
            if (free <= 0 || position <= route.PinnedPrefix)
            {
                continue;
            }

            Touch(r);
            ruinedRoutes++;
            double ltMax = Math.Min(free, lsMax);
            int length = (int)Math.Floor((rng.NextDouble() * ltMax) + 1);
            length = Math.Clamp(length, 1, free);
            int window = length;
            int keep = 0;
            if (length < free && rng.NextDouble() < SplitRate)
            {
                keep = 1;
                while (length + keep < free && rng.NextDouble() > SplitDepth)
                {
                    keep++;
                }

                window = length + keep;
            }

            int lo = route.PinnedPrefix + 1;
            int hi = route.Count - window + 1;
            int begin = Math.Clamp(position - rng.Next(window), lo, Math.Max(lo, hi));
            int keepAt = keep > 0 ? begin + rng.Next(window - keep + 1) : int.MaxValue;
            for (int p = begin; p < begin + window && p <= route.Count; p++)
            {
                if (p >= keepAt && p < keepAt + keep)
                {
                    continue;
                }

                int task = m.StopTask[route.Stops[p]];
                if (m.TaskPinnedPosition[task] || removed[route.Stops[p]])
                {
                    continue;
                }

                int first = m.TaskFirstStop[task];
                removed[first] = true;
                if (m.TaskIsPair[task])
                {
                    removed[first + 1] = true;
                }

                removedTasks[removedCount++] = task;
            }
        }

        for (int i = 0; i < touchedCount; i++)
        {
            State.CompactRoute(touched[i], removed);
        }

        for (int i = 0; i < removedCount; i++)
        {
            int task = removedTasks[i];
            int first = m.TaskFirstStop[task];
            removed[first] = false;
            if (m.TaskIsPair[task])
            {
                removed[first + 1] = false;
            }

            State.MarkUnassigned(task);
        }

        for (int i = 0; i < touchedCount; i++)
        {
            int v = State.Routes[touched[i]].Vehicle;
            if (i == 0 || !VehicleTouchedBefore(v, i))
            {
                State.UpdateVehicle(v);
            }
        }
    }

    private bool VehicleTouchedBefore(int v, int index)
    {
        for (int i = 0; i < index; i++)
        {
            if (State.Routes[touched[i]].Vehicle == v)
            {
                return true;
            }
        }

        return false;
    }

    private void Recreate(bool allowNewVehicles, double blink)
    {
        int count = State.UnassignedCount;
        if (count == 0)
        {
            return;
        }

        Array.Copy(State.Unassigned, order, count);
        double pick = rng.NextDouble() * 11;
        for (int i = 0; i < count; i++)
        {
            int t = order[i];
            orderKey[i] = pick switch
            {
                < 4 => rng.NextDouble(),
                < 8 => -taskDemand[t],
                < 10 => -taskDistance[t],
                _ => taskDistance[t],
            };
        }

        Array.Sort(orderKey, order, 0, count);
        for (int i = 0; i < count; i++)
        {
            int task = order[i];
            if (m.TaskPinnedPosition[task])
            {
                // Only PlacePinnedPrefixes places these; when their sequence no longer fits they stay out.
                continue;
            }

            var insertion = State.FindBest(task, allowNewVehicles, ref rng, blink);
            if (insertion.Found && insertion.Delta < m.TaskPenalty[task])
            {
                int v = State.Routes[insertion.Route].Vehicle;
                for (int r = State.VehicleFirstRoute[v]; r < State.VehicleFirstRoute[v + 1]; r++)
                {
                    Touch(r);
                }

                State.Apply(insertion, task);
            }
        }
    }

    private void BeginMove()
    {
        stamp++;
        touchedCount = 0;
        savedUnassignedCount = State.UnassignedCount;
        Array.Copy(State.Unassigned, savedUnassigned, savedUnassignedCount);
    }

    private void Touch(int r)
    {
        if (routeStamp[r] == stamp)
        {
            return;
        }

        routeStamp[r] = stamp;
        var route = State.Routes[r];
        Array.Copy(route.Stops, 1, backupStops[r], 0, route.Count);
        backupCount[r] = route.Count;
        touched[touchedCount++] = r;
    }

    private void Rollback()
    {
        for (int i = 0; i < touchedCount; i++)
        {
            var route = State.Routes[touched[i]];
            for (int p = 1; p <= route.Count; p++)
            {
                State.StopRoute[route.Stops[p]] = -1;
            }
        }

        State.RestoreUnassigned(savedUnassigned, savedUnassignedCount);
        for (int i = 0; i < touchedCount; i++)
        {
            int r = touched[i];
            var route = State.Routes[r];
            Array.Copy(backupStops[r], 0, route.Stops, 1, backupCount[r]);
            route.Count = backupCount[r];
        }

        for (int i = 0; i < touchedCount; i++)
        {
            int v = State.Routes[touched[i]].Vehicle;
            if (i == 0 || !VehicleTouchedBefore(v, i))
            {
                State.UpdateVehicle(v);
            }
        }
    }

    private void SaveBest()
    {
        for (int r = 0; r < State.Routes.Length; r++)
        {
            var route = State.Routes[r];
            Array.Copy(route.Stops, 1, best[r], 0, route.Count);
            bestCount[r] = route.Count;
        }

        BestCost = State.Cost;
        BestUnassigned = State.UnassignedCount;
    }

    private void RestoreBest()
    {
        if (BestCost == long.MaxValue)
        {
            return;
        }

        for (int r = 0; r < State.Routes.Length; r++)
        {
            var route = State.Routes[r];
            for (int p = 1; p <= route.Count; p++)
            {
                State.StopRoute[route.Stops[p]] = -1;
            }
        }

        for (int t = 0; t < m.TaskCount; t++)
        {
            State.MarkUnassigned(t);
        }

        for (int r = 0; r < State.Routes.Length; r++)
        {
            var route = State.Routes[r];
            Array.Copy(best[r], 0, route.Stops, 1, bestCount[r]);
            route.Count = bestCount[r];
            for (int p = 1; p <= route.Count; p++)
            {
                State.MarkAssigned(m.StopTask[route.Stops[p]]);
            }
        }

        for (int v = 0; v < m.VehicleCount; v++)
        {
            State.UpdateVehicle(v);
        }
    }
}
