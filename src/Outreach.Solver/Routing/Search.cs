using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>
/// One search: regret insertion, then ruin and recreate accepted by simulated annealing. The ruin is chosen by
/// weight among SISR string removal (Christiaens &amp; Vanden Berghe 2020: strings of consecutive stops near a random
/// stop; the default), random, worst, related and route removal (Ropke &amp; Pisinger 2006; worst and related are the
/// default on dial-a-ride models, those with ride limits, which also get local search); the recreate reinserts in
/// a random order with blinks; <see cref="LocalSearch"/> then improves around the reinserted tasks (by default after
/// every iteration), every new best and the final plan. Under <see cref="Objective.VehiclesFirst"/> a
/// fleet-minimisation phase comes first: remove a route and run ruin and recreate without new vehicles, accepting
/// fewer unserved tasks or tasks absent less often. Deterministic for a seed and an iteration limit. Not
/// thread-safe; parallel searches each own one.
/// </summary>
internal sealed partial class Search
{
    private const double AverageRemoved = 10;
    private const int MaxStringLength = 10;
    private const double SplitRate = 0.5;
    private const double SplitDepth = 0.01;
    private const double BlinkRate = 0.01;

    /// <summary>Ruin weights by default: SISR strings only.</summary>
    private static readonly double[] DefaultRuin = [1, 0, 0, 0, 0];

    /// <summary>Ruin weights on models with ride limits: strings, worst and related removal.</summary>
    private static readonly double[] DialARideRuin = [1, 0, 1, 1, 0];

    private readonly double temperatureStart;
    private readonly double temperatureEnd;

    private readonly CompiledModel m;
    private readonly SearchOptions options;
    private readonly bool[] removed;
    private readonly int[] removedTasks;
    private readonly int[] routeStamp;
    // [route]: its stops before the move (allocated when the route is first touched), and the best plan's stops
    // (allocated at the first save). A search that only constructs (MaxIterations 0: the booking page's insertion into
    // the live plan) never touches or restores a route, so it does not pay for an array per route.
    private readonly int[]?[] backupStops;
    private readonly int[] backupCount;
    private readonly int[] touched;
    private readonly int[] touchedVehicles;
    private readonly int[] savedUnassigned;
    private readonly int[] reinserted;
    private readonly int[] order;
    private readonly double[] orderKey;
    private readonly double[] taskDemand;
    private readonly double[] taskDistance;
    private readonly long[] absence;

    // [task]: a probe task (SearchOptions.Probes), left out of the plan and tried only by Probe.
    private readonly bool[] probeTask;
    private readonly int[]?[] best;
    private readonly int[] bestCount;
    private readonly bool[] bestFeasible;
    private int[] bestStart = [];
    private int[] bestEnd = [];
    private readonly long startTimestamp;
    private LocalSearch? local;
    private readonly AdaptiveWeights ruinWeights;
    private readonly double localSearchRate;
    private readonly bool localSearchOnBest;

    // Candidates of the worst and related removals: task and sort key.
    private readonly int[] ruinTask;
    private readonly double[] ruinKey;

    // [task]: stamp when last listed as a related candidate; scales normalising the relatedness terms (worked out at
    // the first related removal: a pass over every pair of stops that a search without it need not make).
    private readonly int[] relatedSeen;
    private (double Distance, double Time, double Load)? relatedScales;
    private int relatedStamp;
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
        bestFeasible = new bool[model.VehicleCount];
        touched = new int[routes];
        touchedVehicles = new int[model.VehicleCount];
        savedUnassigned = new int[model.TaskCount];
        reinserted = new int[model.TaskCount];
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

        probeTask = new bool[model.TaskCount];
        foreach (int task in options.Probes.SelectMany(g => g))
        {
            probeTask[task] = true;
        }

        ruinTask = new int[model.TaskCount];
        ruinKey = new double[model.TaskCount];
        relatedSeen = new int[model.TaskCount];
        // Settings by the model's shape: dial-a-ride (ride limits) searches differently (see SearchOptions).
        bool rides = model.HasRideLimits;
        var ruin = options.RuinWeights ?? (rides ? DialARideRuin : DefaultRuin);
        (temperatureStart, temperatureEnd) = options.Temperature ?? (rides ? (3, 0.03) : (10, 0.1));
        var weights = new double[Enum.GetValues<RuinOperator>().Length];
        for (int i = 0; i < weights.Length && i < ruin.Count; i++)
        {
            weights[i] = Math.Max(0, ruin[i]);
        }

        if (weights.Sum() <= 0)
        {
            weights[(int)RuinOperator.String] = 1;
        }

        ruinWeights = new AdaptiveWeights(weights, options.AdaptiveRuin);
        bool searchLocally = !model.NeedsFullCheck || (options.LocalSearchOnRichModels ?? rides);
        localSearchRate = searchLocally ? options.LocalSearchRate : 0;
        localSearchOnBest = searchLocally && options.LocalSearchOnBest;
        startTimestamp = options.Clock.GetTimestamp();
    }

    /// <summary>Largest arc cost, time horizon and largest demand: the relatedness terms are divided by them.</summary>
    private static (double Distance, double Time, double Load) RelatednessScales(CompiledModel model, double[] demand)
    {
        long distance = 1;
        if (model.ArcCost.Length > 0)
        {
            var cost = model.ArcCost[0];
            for (int a = 0; a < model.StopCount; a++)
            {
                for (int b = 0; b < model.StopCount; b++)
                {
                    long c = cost[(model.StopLocation[a] * model.Size) + model.StopLocation[b]];
                    if (c < Matrix.UnreachableValue)
                    {
                        distance = Math.Max(distance, c);
                    }
                }
            }
        }

        int horizon = 1;
        for (int w = 0; w < model.WindowEnd.Length; w++)
        {
            if (model.WindowEnd[w] < TimeWindow.MaxSeconds)
            {
                horizon = Math.Max(horizon, model.WindowEnd[w]);
            }
        }

        double load = 1;
        foreach (double d in demand)
        {
            load = Math.Max(load, d);
        }

        return (distance, horizon, load);
    }

    /// <summary>Ruin operator weights now (for tests and statistics).</summary>
    internal ReadOnlySpan<double> RuinWeights => ruinWeights.Weights;

    /// <summary>
    /// The search's local search (for tests and statistics), made at first use: a search that only constructs never
    /// searches locally.
    /// </summary>
    internal LocalSearch Local => local ??= new LocalSearch(State, options.Neighbourhood, Touch);

    /// <summary>The relatedness scales (<see cref="RelatednessScales"/>), worked out once at first use.</summary>
    private (double Distance, double Time, double Load) RelatedScales => relatedScales ??= RelatednessScales(m, taskDemand);

    public SolutionState State { get; }

    public long BestCost { get; private set; } = long.MaxValue;

    public int BestUnassigned { get; private set; } = int.MaxValue;

    public long Iterations { get; private set; }

    public void Run()
    {
        Construct();
        if (m.TaskCount == 0 || m.VehicleCount == 0 || options.MaxIterations == 0)
        {
            // Nothing to search, or only the start asked for (insertion into given trips): the constructed plan is the
            // answer and is never restored, so it is not copied.
            BestCost = State.Cost;
            BestUnassigned = State.UnassignedCount;
            return;
        }

        SaveBest();

        double vehicleShare = options.Objective == Objective.VehiclesFirst ? Math.Clamp(options.VehiclePhaseShare, 0, 1) : 0;
        if (vehicleShare > 0)
        {
            MinimiseFleet(vehicleShare);
            RestoreBest();
        }

        Anneal(vehicleShare, allowNewVehicles: options.Objective != Objective.VehiclesFirst);
        RestoreBest();
        if (options.Polish && Local.Run(ref rng) > 0)
        {
            SaveBest();
        }
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
        double t0 = temperatureStart * meanArc;
        double tf = temperatureEnd * meanArc;
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
            int op = ruinWeights.Select(ref rng);
            Ruin((RuinOperator)op);
            int ruined = State.UnassignedCount;
            Array.Copy(State.Unassigned, reinserted, ruined);
            Recreate(allowNewVehicles, BlinkRate);
            if (localSearchRate > 0 && rng.NextDouble() < localSearchRate)
            {
                if (options.LocalSearchAroundReinserted)
                {
                    Local.RunAround(ref rng, reinserted.AsSpan(0, ruined));
                }
                else
                {
                    Local.Run(ref rng, touched.AsSpan(0, touchedCount));
                }
            }

            Iterations++;
            long candidate = State.Cost;
            double score = 0;
            if (MoveFeasible() && candidate < current - (temperature * Math.Log(1 - rng.NextDouble())))
            {
                score = candidate < current ? AdaptiveWeights.ImprovedScore : AdaptiveWeights.AcceptedScore;
                current = candidate;
                if (candidate < BestCost || (State.UnassignedCount < BestUnassigned && candidate <= BestCost))
                {
                    score = AdaptiveWeights.NewBestScore;
                    if (localSearchOnBest)
                    {
                        Local.Run(ref rng);
                        current = State.Cost;
                    }

                    SaveBest();
                }
            }
            else
            {
                Rollback();
            }

            ruinWeights.Record(op, score);
        }
    }

    /// <summary>
    /// True when the vehicles the move changed are feasible; with links also every other vehicle, whose schedule a
    /// coupled change may have broken (the changed vehicles are then marked too, so this is a safety net).
    /// </summary>
    private bool MoveFeasible() => TouchedFeasible() && (!State.Linked || State.AllFeasible);

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

    internal void BeginMove()
    {
        stamp++;
        touchedCount = 0;
        State.ClearUndo();
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
        Array.Copy(route.Stops, 1, backupStops[r] ??= new int[m.StopCount + 1], 0, route.Count);
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
            Array.Copy(backupStops[r]!, 0, route.Stops, 1, backupCount[r]);
            route.Count = backupCount[r];
        }

        // Caches from the restored routes; schedules and flags exactly as they were (re-scheduling could differ with links).
        for (int i = 0; i < touchedCount; i++)
        {
            int v = State.Routes[touched[i]].Vehicle;
            if (i == 0 || !VehicleTouchedBefore(v, i))
            {
                State.RefreshVehicle(v);
            }
        }

        State.Undo(0);
    }

    private void SaveBest()
    {
        for (int r = 0; r < State.Routes.Length; r++)
        {
            var route = State.Routes[r];
            Array.Copy(route.Stops, 1, best[r] ??= new int[m.StopCount + 1], 0, route.Count);
            bestCount[r] = route.Count;
        }

        Array.Copy(State.VehicleFeasible, bestFeasible, bestFeasible.Length);
        if (State.Linked)
        {
            if (bestStart.Length == 0)
            {
                bestStart = new int[m.StopCount];
                bestEnd = new int[m.StopCount];
            }

            Array.Copy(State.ScheduleStart, bestStart, bestStart.Length);
            Array.Copy(State.ScheduleEnd, bestEnd, bestEnd.Length);
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
            Array.Copy(best[r]!, 0, route.Stops, 1, bestCount[r]);
            route.Count = bestCount[r];
            for (int p = 1; p <= route.Count; p++)
            {
                State.MarkAssigned(m.StopTask[route.Stops[p]]);
            }
        }

        // The saved schedules, not new ones: with links, vehicles re-scheduled one at a time would read each other's
        // times from the plan being replaced.
        for (int v = 0; v < m.VehicleCount; v++)
        {
            State.RefreshVehicle(v);
        }

        Array.Copy(bestFeasible, State.VehicleFeasible, bestFeasible.Length);
        if (State.Linked)
        {
            Array.Copy(bestStart, State.ScheduleStart, bestStart.Length);
            Array.Copy(bestEnd, State.ScheduleEnd, bestEnd.Length);
        }

        State.ClearUndo();
    }
}
