namespace Outreach.Solver.Model;

/// <summary>
/// The model flattened into arrays for the search. Stops are dense: a single task owns one stop, a pair two
/// consecutive stops (pickup, then delivery). Location index <see cref="Nowhere"/> = LocationCount is a virtual
/// place with zero travel to and from everywhere, used as the end of open routes.
/// </summary>
internal sealed class CompiledModel
{
    public const int Infeasible = int.MaxValue;

    /// <summary>A link without a maximum gap.</summary>
    public const int NoMaxGap = int.MaxValue;

    public CompiledModel(RoutingModel model)
    {
        int locations = model.LocationCount;
        Nowhere = locations;
        Size = locations + 1;
        Dimensions = model.DimensionCount;
        TaskCount = model.Tasks.Count;
        VehicleCount = model.Vehicles.Count;

        TravelSeconds = new int[model.Profiles.Count][];
        Metres = new int[model.Profiles.Count][];
        for (int p = 0; p < model.Profiles.Count; p++)
        {
            // Every matrix has the model's locations (the builder checks), so each one's own engine form serves.
            TravelSeconds[p] = model.Profiles[p].Seconds.Extended();
            Metres[p] = model.Profiles[p].Metres.Extended();
        }

        var skillIds = new Dictionary<string, int>(StringComparer.Ordinal);
        ulong Mask(IReadOnlyList<string> skills)
        {
            ulong mask = 0;
            foreach (var skill in skills)
            {
                if (!skillIds.TryGetValue(skill, out int id))
                {
                    id = skillIds.Count;
                    skillIds[skill] = id;
                }

                mask |= 1UL << id;
            }

            return mask;
        }

        // Tasks and stops.
        TaskFirstStop = new int[TaskCount];
        TaskIsPair = new bool[TaskCount];
        TaskSkills = new ulong[TaskCount];
        TaskPenalty = new long[TaskCount];
        TaskMaxRide = new int[TaskCount];
        TaskPinVehicle = new int[TaskCount];
        TaskPinTrip = new int[TaskCount];
        TaskPinnedPosition = new bool[TaskCount];
        int stopCount = 0;
        for (int t = 0; t < TaskCount; t++)
        {
            var task = model.Tasks[t];
            TaskFirstStop[t] = stopCount;
            TaskIsPair[t] = task.Delivery is not null;
            stopCount += TaskIsPair[t] ? 2 : 1;
            TaskSkills[t] = Mask(task.Skills);
            TaskPenalty[t] = task.DropPenalty;
            TaskMaxRide[t] = task.MaxRideSeconds ?? Infeasible;
            TaskPinVehicle[t] = task.Pin?.Vehicle ?? -1;
            TaskPinTrip[t] = task.Pin?.Trip ?? -1;
            TaskPinnedPosition[t] = task.Pin?.Position is not null;
            if (task.Pin?.Position is not null && TaskPinTrip[t] < 0)
            {
                TaskPinTrip[t] = 0;
            }
        }

        StopCount = stopCount;
        StopTask = new int[stopCount];
        StopSibling = new int[stopCount];
        StopIsDelivery = new bool[stopCount];
        StopLocation = new int[stopCount];
        StopService = new int[stopCount];
        StartLoad = new int[stopCount * Dimensions];
        Delta = new int[stopCount * Dimensions];
        WindowOffset = new int[stopCount + 1];
        var windowStarts = new List<int>();
        var windowEnds = new List<int>();
        for (int t = 0; t < TaskCount; t++)
        {
            var task = model.Tasks[t];
            int s = TaskFirstStop[t];
            AddStop(s, t, task.Pickup, windowStarts, windowEnds);
            if (TaskIsPair[t])
            {
                AddStop(s + 1, t, task.Delivery!, windowStarts, windowEnds);
                StopSibling[s] = s + 1;
                StopSibling[s + 1] = s;
                StopIsDelivery[s + 1] = true;
                for (int d = 0; d < task.Load.Count; d++)
                {
                    Delta[(s * Dimensions) + d] = task.Load[d];
                    Delta[((s + 1) * Dimensions) + d] = -task.Load[d];
                }
            }
            else
            {
                StopSibling[s] = -1;
                for (int d = 0; d < task.Load.Count; d++)
                {
                    StartLoad[(s * Dimensions) + d] = task.Load[d];
                    Delta[(s * Dimensions) + d] = -task.Load[d];
                }
            }
        }

        TightenRideWindows(model.Profiles.Count == 1 ? model.Profiles[0].Seconds : null, windowStarts, windowEnds);
        WindowStart = windowStarts.ToArray();
        WindowEnd = windowEnds.ToArray();

        // Vehicles.
        VehicleStart = new int[VehicleCount];
        VehicleEnd = new int[VehicleCount];
        ShiftStart = new int[VehicleCount];
        ShiftEnd = new int[VehicleCount];
        Capacity = new int[VehicleCount * Dimensions];
        FixedCost = new long[VehicleCount];
        VehicleProfile = new int[VehicleCount];
        VehicleCostClass = new int[VehicleCount];
        MaxDuration = new int[VehicleCount];
        MaxTrips = new int[VehicleCount];
        Reload = new int[VehicleCount];
        VehicleSkills = new ulong[VehicleCount];
        VehicleClass = new int[VehicleCount];
        Breaks = new BreakSpec[VehicleCount][];
        var costClasses = new Dictionary<(int Profile, int PerSecond, int PerMetre), int>();
        var arcCosts = new List<long[]>();
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int v = 0; v < VehicleCount; v++)
        {
            var vehicle = model.Vehicles[v];
            VehicleStart[v] = vehicle.StartLocation;
            VehicleEnd[v] = vehicle.EndLocation ?? Nowhere;
            ShiftStart[v] = vehicle.Shift.StartSeconds;
            ShiftEnd[v] = vehicle.Shift.EndSeconds;
            for (int d = 0; d < Dimensions; d++)
            {
                Capacity[(v * Dimensions) + d] = vehicle.Capacity[d];
            }

            FixedCost[v] = vehicle.FixedCost;
            VehicleProfile[v] = vehicle.Profile;
            MaxDuration[v] = vehicle.MaxDurationSeconds ?? Infeasible;
            MaxTrips[v] = vehicle.MaxTrips;
            Reload[v] = vehicle.ReloadSeconds;
            VehicleSkills[v] = Mask(vehicle.Skills);
            Breaks[v] = vehicle.Breaks.ToArray();
            var key = (vehicle.Profile, vehicle.CostPerSecond, vehicle.CostPerMetre);
            if (!costClasses.TryGetValue(key, out int costClass))
            {
                costClass = arcCosts.Count;
                costClasses[key] = costClass;
                var seconds = TravelSeconds[vehicle.Profile];
                var metres = Metres[vehicle.Profile];
                var cost = new long[seconds.Length];
                for (int i = 0; i < cost.Length; i++)
                {
                    cost[i] = ((long)seconds[i] * vehicle.CostPerSecond) + ((long)metres[i] * vehicle.CostPerMetre);
                }

                arcCosts.Add(cost);
            }

            VehicleCostClass[v] = costClass;

            // Vehicles differing only by id are interchangeable: the insertion tries one empty vehicle per class.
            string signature = string.Join('|', vehicle with { Id = "" }, string.Join(',', vehicle.Capacity), string.Join(',', vehicle.Skills),
                string.Join(',', vehicle.Breaks));
            if (!classes.TryGetValue(signature, out int cls))
            {
                cls = classes.Count;
                classes[signature] = cls;
            }

            VehicleClass[v] = cls;
        }

        ArcCost = arcCosts.ToArray();
        VehicleClassCount = classes.Count;

        // Links, as CSR lists per stop: incoming (release) on the linked task's first stop, outgoing (deadline) on the source's last stop.
        // The sort is stable, so the minimum and maximum gaps of one list line up.
        var inLinks = new List<(int To, int From, int Gap, int MaxGap)>();
        foreach (var link in model.Links)
        {
            int from = TaskFirstStop[link.FromTask] + (TaskIsPair[link.FromTask] ? 1 : 0);
            int to = TaskFirstStop[link.ToTask];
            inLinks.Add((to, from, link.MinGapSeconds, link.MaxGapSeconds ?? NoMaxGap));
        }

        (InLinkOffset, InLinkOther, InLinkGap) = Csr(stopCount, inLinks.Select(l => (l.To, l.From, l.Gap)));
        (_, _, InLinkMaxGap) = Csr(stopCount, inLinks.Select(l => (l.To, l.From, l.MaxGap)));
        (OutLinkOffset, OutLinkOther, OutLinkGap) = Csr(stopCount, inLinks.Select(l => (l.From, l.To, l.Gap)));
        (_, _, OutLinkMaxGap) = Csr(stopCount, inLinks.Select(l => (l.From, l.To, l.MaxGap)));
        HasMaxGaps = model.Links.Any(l => l.MaxGapSeconds is not null);

        HasBreaks = Breaks.Any(b => b.Length > 0);
        HasRideLimits = TaskMaxRide.Any(r => r != Infeasible);
        HasDurationLimits = MaxDuration.Any(d => d != Infeasible);
        NeedsFullCheck = HasBreaks || HasRideLimits || HasDurationLimits || model.Links.Count > 0;
    }

    /// <summary>Virtual location with zero travel (end of open routes).</summary>
    public int Nowhere { get; }

    /// <summary>Row length of the extended matrices (locations + 1).</summary>
    public int Size { get; }

    public int Dimensions { get; }

    public int TaskCount { get; }

    public int VehicleCount { get; }

    public int StopCount { get; }

    /// <summary>[profile][from * Size + to] travel seconds.</summary>
    public int[][] TravelSeconds { get; }

    /// <summary>[profile][from * Size + to] metres.</summary>
    public int[][] Metres { get; }

    /// <summary>[cost class][from * Size + to] arc cost = seconds * costPerSecond + metres * costPerMetre.</summary>
    public long[][] ArcCost { get; }

    public int[] TaskFirstStop { get; }

    public bool[] TaskIsPair { get; }

    public ulong[] TaskSkills { get; }

    public long[] TaskPenalty { get; }

    /// <summary>Max ride seconds per task, <see cref="Infeasible"/> when unlimited.</summary>
    public int[] TaskMaxRide { get; }

    /// <summary>Pinned vehicle per task, -1 when free.</summary>
    public int[] TaskPinVehicle { get; }

    /// <summary>Pinned trip per task, -1 when any trip.</summary>
    public int[] TaskPinTrip { get; }

    /// <summary>True when the task's stops have fixed positions (part of the trip's pinned prefix).</summary>
    public bool[] TaskPinnedPosition { get; }

    public int[] StopTask { get; }

    /// <summary>The other stop of a pair, -1 for a single visit.</summary>
    public int[] StopSibling { get; }

    public bool[] StopIsDelivery { get; }

    public int[] StopLocation { get; }

    public int[] StopService { get; }

    /// <summary>[stop * Dimensions + d]: amount loaded at the trip start for this stop (single visits).</summary>
    public int[] StartLoad { get; }

    /// <summary>[stop * Dimensions + d]: load change when the stop is served.</summary>
    public int[] Delta { get; }

    /// <summary>Windows of stop s are WindowStart/End[WindowOffset[s] .. WindowOffset[s + 1]).</summary>
    public int[] WindowOffset { get; }

    public int[] WindowStart { get; }

    public int[] WindowEnd { get; }

    public int[] VehicleStart { get; }

    /// <summary>End location per vehicle, <see cref="Nowhere"/> for open routes.</summary>
    public int[] VehicleEnd { get; }

    public int[] ShiftStart { get; }

    public int[] ShiftEnd { get; }

    /// <summary>[vehicle * Dimensions + d].</summary>
    public int[] Capacity { get; }

    public long[] FixedCost { get; }

    public int[] VehicleProfile { get; }

    public int[] VehicleCostClass { get; }

    /// <summary>Max duration per vehicle, <see cref="Infeasible"/> when unlimited.</summary>
    public int[] MaxDuration { get; }

    public int[] MaxTrips { get; }

    public int[] Reload { get; }

    public ulong[] VehicleSkills { get; }

    /// <summary>Interchangeability class per vehicle.</summary>
    public int[] VehicleClass { get; }

    public int VehicleClassCount { get; }

    public BreakSpec[][] Breaks { get; }

    public int[] InLinkOffset { get; }

    /// <summary>For stop s: stops whose end releases s (InLinkOffset[s] .. InLinkOffset[s + 1]).</summary>
    public int[] InLinkOther { get; }

    public int[] InLinkGap { get; }

    /// <summary>Per incoming link: the most seconds s may start after the other ends, or <see cref="NoMaxGap"/>.</summary>
    public int[] InLinkMaxGap { get; }

    public int[] OutLinkOffset { get; }

    /// <summary>For stop s: stops that may start only MinGap after s ends.</summary>
    public int[] OutLinkOther { get; }

    public int[] OutLinkGap { get; }

    /// <summary>Per outgoing link: the most seconds the other may start after s ends, or <see cref="NoMaxGap"/>.</summary>
    public int[] OutLinkMaxGap { get; }

    /// <summary>True when some link has a maximum gap.</summary>
    public bool HasMaxGaps { get; }

    public bool HasBreaks { get; }

    public bool HasRideLimits { get; }

    public bool HasDurationLimits { get; }

    /// <summary>True when constraints beyond windows, capacity and trips exist: moves then get an exact O(n) check.</summary>
    public bool NeedsFullCheck { get; }

    /// <summary>
    /// [stop]: other stops sorted by distance (at most 64), for related removals and the local search. Built on first
    /// use (O(n^2 log n) in the stops): an insertion into given trips, which does not search, never needs them.
    /// </summary>
    public int[][] Neighbours => LazyInitializer.EnsureInitialized(ref neighbours, BuildNeighbours);

    /// <summary>Earliest service start at stop <paramref name="s"/> when arriving at <paramref name="arrival"/>, or <see cref="Infeasible"/>.</summary>
    public int EarliestStart(int s, int arrival)
    {
        int end = WindowOffset[s + 1];
        for (int w = WindowOffset[s]; w < end; w++)
        {
            if (arrival <= WindowEnd[w])
            {
                return arrival > WindowStart[w] ? arrival : WindowStart[w];
            }
        }

        return Infeasible;
    }

    /// <summary>Latest service start at stop <paramref name="s"/> not after <paramref name="time"/>, or <see cref="int.MinValue"/>.</summary>
    public int LatestStart(int s, int time)
    {
        for (int w = WindowOffset[s + 1] - 1; w >= WindowOffset[s]; w--)
        {
            if (time >= WindowStart[w])
            {
                return time < WindowEnd[w] ? time : WindowEnd[w];
            }
        }

        return int.MinValue;
    }

    public bool VehicleCanServe(int v, int task) => (TaskSkills[task] & ~VehicleSkills[v]) == 0;

    private void AddStop(int s, int task, StopSpec stop, List<int> windowStarts, List<int> windowEnds)
    {
        StopTask[s] = task;
        StopLocation[s] = stop.Location;
        StopService[s] = stop.ServiceSeconds;
        WindowOffset[s] = windowStarts.Count;
        if (stop.Windows.Count == 0)
        {
            windowStarts.Add(0);
            windowEnds.Add(TimeWindow.MaxSeconds);
        }
        else
        {
            foreach (var window in stop.Windows)
            {
                windowStarts.Add(window.StartSeconds);
                windowEnds.Add(window.EndSeconds);
            }
        }

        WindowOffset[s + 1] = windowStarts.Count;
    }

    /// <summary>
    /// Narrows the windows of both stops of a pair with a ride limit L to what the other stop's windows allow (Cordeau
    /// 2006's preprocessing): the pickup starts between the delivery's first window start - service - L and its last
    /// window end - service - the shortest drive between them; the delivery between the pickup's first window start +
    /// service + that drive and its last window end + service + L. Every schedule meets the narrowed windows, and far
    /// fewer positions pass the O(1) window checks (an outbound family's pickup, open all day, now spans the ride
    /// before its arrival window). A stop whose windows would all vanish keeps them (the pair is infeasible anyway).
    /// </summary>
    private void TightenRideWindows(Matrix? seconds, List<int> starts, List<int> ends)
    {
        var shortest = RideShortestPaths(seconds);
        for (int t = 0; t < TaskCount; t++)
        {
            if (!TaskIsPair[t] || TaskMaxRide[t] == Infeasible)
            {
                continue;
            }

            int p = TaskFirstStop[t];
            int d = p + 1;
            long ride = TaskMaxRide[t];
            long service = StopService[p];
            long travel = shortest is null ? 0 : shortest[t];
            long pickupFrom = starts[WindowOffset[d]] - service - ride;
            long pickupTo = ends[WindowOffset[d + 1] - 1] - service - travel;
            Clip(p, pickupFrom, pickupTo, starts, ends);
            long deliveryFrom = starts[WindowOffset[p]] + service + travel;
            long deliveryTo = ends[WindowOffset[p + 1] - 1] + service + ride;
            Clip(d, deliveryFrom, deliveryTo, starts, ends);
        }
    }

    /// <summary>
    /// Per ride-limited pair, the shortest drive from its pickup to its delivery over any sequence of locations (not
    /// just the direct arc, which a road matrix rounded per route may beat through a third place), so the narrowed
    /// windows hold for every route; null (no travel bound) on models with several profiles or too large to do cheaply.
    /// </summary>
    private long[]? RideShortestPaths(Matrix? seconds)
    {
        if (seconds is null)
        {
            return null;
        }

        var origins = new HashSet<int>();
        int pairs = 0;
        for (int t = 0; t < TaskCount; t++)
        {
            if (TaskIsPair[t] && TaskMaxRide[t] != Infeasible)
            {
                pairs++;
                origins.Add(StopLocation[TaskFirstStop[t]]);
            }
        }

        int n = Size - 1;
        if (pairs == 0 || (long)origins.Count * n * n > 50_000_000)
        {
            return null;
        }

        var result = new long[TaskCount];
        for (int t = 0; t < TaskCount; t++)
        {
            if (TaskIsPair[t] && TaskMaxRide[t] != Infeasible)
            {
                long d = seconds.ShortestFrom(StopLocation[TaskFirstStop[t]])[StopLocation[TaskFirstStop[t] + 1]];
                result[t] = d == long.MaxValue ? 0 : d;
            }
        }

        return result;
    }

    /// <summary>Clips stop <paramref name="s"/>'s windows to [from, to] in place, dropping the ones outside (unless all are).</summary>
    private void Clip(int s, long from, long to, List<int> starts, List<int> ends)
    {
        int first = WindowOffset[s];
        int last = WindowOffset[s + 1];
        bool any = false;
        for (int w = first; w < last; w++)
        {
            any |= Math.Max(starts[w], from) <= Math.Min(ends[w], to);
        }

        if (!any)
        {
            return;
        }

        int keep = -1;
        for (int w = first; w < last; w++)
        {
            long a = Math.Max(starts[w], from);
            long b = Math.Min(ends[w], to);
            if (a <= b)
            {
                starts[w] = (int)a;
                ends[w] = (int)b;
                keep = keep < 0 ? w : keep;
            }
            else
            {
                starts[w] = int.MinValue;
            }
        }

        // The stop keeps its number of windows (offsets are shared): a dropped window becomes a copy of the kept one
        // before it (or the first kept one), so the list stays sorted and holds only allowed times.
        int previous = keep;
        for (int w = first; w < last; w++)
        {
            if (starts[w] == int.MinValue)
            {
                starts[w] = starts[previous];
                ends[w] = ends[previous];
            }
            else
            {
                previous = w;
            }
        }
    }

    private static (int[] Offset, int[] Other, int[] Gap) Csr(int count, IEnumerable<(int Key, int Other, int Gap)> entries)
    {
        var list = entries.OrderBy(e => e.Key).ToList();
        var offset = new int[count + 1];
        foreach (var e in list)
        {
            offset[e.Key + 1]++;
        }

        for (int i = 0; i < count; i++)
        {
            offset[i + 1] += offset[i];
        }

        return (offset, list.Select(e => e.Other).ToArray(), list.Select(e => e.Gap).ToArray());
    }

    private int[][]? neighbours;

    private int[][] BuildNeighbours()
    {
        var cost = ArcCost.Length > 0 ? ArcCost[0] : null;
        var result = new int[StopCount][];
        var order = new int[StopCount];
        var keys = new long[StopCount];
        for (int s = 0; s < StopCount; s++)
        {
            int n = 0;
            for (int o = 0; o < StopCount; o++)
            {
                if (o == s)
                {
                    continue;
                }

                int a = StopLocation[s];
                int b = StopLocation[o];
                keys[n] = cost is null ? 0 : cost[(a * Size) + b] + cost[(b * Size) + a];
                order[n] = o;
                n++;
            }

            Array.Sort(keys, order, 0, n);
            result[s] = order.AsSpan(0, Math.Min(n, 64)).ToArray();
        }

        return result;
    }
}
