using Outreach.Solver.Model;

namespace Outreach.Solver.Routing;

/// <summary>Construction: pinned prefixes, the previous plan, then regret-2 insertion (greedy insertion on large models).</summary>
internal sealed partial class Search
{
    private void Construct()
    {
        PlacePinnedPrefixes();
        var rng0 = rng;
        foreach (var trip in PlaceInitialTripsAsGiven())
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

                // A task pinned to a position goes only where PlacePinnedPrefixes puts it: when its pinned sequence no
                // longer fits, it stays out (the caller loosens the pin), as in every other insertion.
                if ((m.TaskPinVehicle[task] >= 0 && m.TaskPinVehicle[task] != trip.Vehicle) || m.TaskPinnedPosition[task])
                {
                    continue;
                }

                var candidate = Insertion.None;
                int route = State.VehicleFirstRoute[trip.Vehicle] + trip.Trip;
                ScanRoute(task, route, ref candidate, ref rng0);

                if (candidate.Found)
                {
                    State.TryApply(candidate, task);
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

    /// <summary>
    /// The start's trips that list their tasks' stops in order (a pair's pickup at its first mention, its delivery at its
    /// second) go into their empty routes as they are, every vehicle scheduled once and then settled together: a plan
    /// given back to the engine (the live plan, the previous repair round) is taken whole instead of task by task. The
    /// trips of a vehicle that has no schedule so, and trips that do not list their stops so, are returned for the task
    /// by task insertion.
    /// </summary>
    private List<InitialTrip> PlaceInitialTripsAsGiven()
    {
        var rest = new List<InitialTrip>();
        var placed = new Dictionary<int, List<(InitialTrip Trip, List<int> Tasks)>>();
        var count = new Dictionary<int, int>();
        var stops = new List<int>();
        foreach (var trip in options.InitialTrips)
        {
            if (trip.Vehicle < 0 || trip.Vehicle >= m.VehicleCount || trip.Trip < 0 || trip.Trip >= m.MaxTrips[trip.Vehicle])
            {
                continue;
            }

            int route = State.VehicleFirstRoute[trip.Vehicle] + trip.Trip;
            count.Clear();
            stops.Clear();
            bool ok = State.Routes[route].Count == 0;
            foreach (int task in trip.Tasks)
            {
                if (!ok || task < 0 || task >= m.TaskCount || State.UnassignedIndex[task] < 0 || m.TaskPinnedPosition[task]
                    || (m.TaskPinVehicle[task] >= 0 && m.TaskPinVehicle[task] != trip.Vehicle))
                {
                    ok = false;
                    break;
                }

                int seen = count.GetValueOrDefault(task);
                if (seen >= (m.TaskIsPair[task] ? 2 : 1))
                {
                    ok = false;
                    break;
                }

                count[task] = seen + 1;
                stops.Add(m.TaskFirstStop[task] + seen);
            }

            if (!ok || count.Any(c => c.Value != (m.TaskIsPair[c.Key] ? 2 : 1)))
            {
                rest.Add(trip);
                continue;
            }

            foreach (int stop in stops)
            {
                State.AppendRaw(route, stop);
            }

            foreach (int task in count.Keys)
            {
                State.MarkAssigned(task);
            }

            if (!placed.TryGetValue(trip.Vehicle, out var list))
            {
                placed[trip.Vehicle] = list = [];
            }

            list.Add((trip, [.. count.Keys]));
        }

        if (placed.Count == 0)
        {
            return rest;
        }

        // Usually the plan fits as it is when its vehicles are scheduled together (see SettleTogether).
        int together = State.UndoMark;
        if (State.SettleTogether([.. placed.Keys.Order()]))
        {
            State.ClearUndo();
            return rest;
        }

        State.Undo(together);

        // Otherwise one vehicle at a time: until its own vehicle is scheduled a stop is on no vehicle, so no vehicle
        // reads times its partner has not published yet; the settling then applies every link.
        foreach (var (vehicle, trips) in placed)
        {
            foreach (var (_, tasks) in trips)
            {
                foreach (int task in tasks)
                {
                    int s = m.TaskFirstStop[task];
                    State.StopRoute[s] = -1;
                    if (m.TaskIsPair[task])
                    {
                        State.StopRoute[s + 1] = -1;
                    }
                }
            }
        }

        // One vehicle at a time, settled with those placed before it: a vehicle whose trips no longer fit as given (its
        // own schedule fails, or a link to one placed before it does) goes back to the task by task insertion alone,
        // and every other vehicle keeps its trips.
        foreach (int v in placed.Keys.Order())
        {
            int mark = State.UndoMark;
            State.ScheduleVehicle(v);
            if (State.VehicleFeasible[v])
            {
                State.Settle([v]);
            }

            if (State.VehicleFeasible[v])
            {
                continue; // Settle marks the vehicle infeasible when a vehicle linked to it fails
            }

            State.Undo(mark);
            foreach (var (trip, tasks) in placed[v])
            {
                var r = State.Routes[State.VehicleFirstRoute[v] + trip.Trip];
                while (r.Count > 0)
                {
                    r.RemoveAt(r.Count);
                }

                foreach (int task in tasks)
                {
                    State.MarkUnassigned(task);
                }

                rest.Add(trip);
            }

            State.ScheduleVehicle(v);
            State.Settle([v]);
        }

        State.ClearUndo();
        return rest;
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

        if (byRoute.Count == 0)
        {
            return;
        }

        // A published plan's pinned trips are linked across vehicles (a family's van home must come within the wait
        // limit after its van in): scheduled one vehicle at a time, the first takes its earliest times with nothing to
        // hold it back, and a linked trip of another vehicle then fails although the plan they came from fits. So all
        // pinned prefixes are scheduled together first (SettleTogether, as for a start plan given back); only when that
        // fails is each trip placed on its own, and one that does not fit released.
        foreach (var (route, positions) in byRoute)
        {
            foreach (var stop in positions.Values)
            {
                State.AppendRaw(route, stop);
                State.MarkAssigned(m.StopTask[stop]);
            }

            State.Routes[route].PinnedPrefix = State.Routes[route].Count;
        }

        int[] pinnedVehicles = [.. byRoute.Keys.Select(r => State.Routes[r].Vehicle).Distinct().Order()];
        // When they do not fit together (a road got slower, a window moved), the vehicle that has no schedule gives up
        // its last pinned trip, and the rest are tried together again: only what no longer fits is released, not every
        // trip linked to it, as placing them one at a time would.
        var released = new List<int>();
        while (true)
        {
            int together = State.UndoMark;
            if (State.SettleTogether(pinnedVehicles, out int failing))
            {
                State.ClearUndo();
                return;
            }

            State.Undo(together);
            int last = failing < 0 ? -1 : byRoute.Keys.Where(r => State.Routes[r].Vehicle == failing && !released.Contains(r)).DefaultIfEmpty(-1).Max();
            if (last < 0)
            {
                break;
            }

            var r = State.Routes[last];
            var tasks = byRoute[last].Values.Select(stop => m.StopTask[stop]).Distinct().ToList();
            foreach (int stop in byRoute[last].Values)
            {
                State.StopRoute[stop] = -1;
            }

            r.Count = 0;
            r.PinnedPrefix = 0;
            foreach (int t in tasks)
            {
                State.MarkUnassigned(t);
            }

            released.Add(last);
        }

        // Nothing to name: each trip placed on its own (below), the released ones no more.
        foreach (int route in released)
        {
            byRoute.Remove(route);
        }

        foreach (var (route, positions) in byRoute)
        {
            var r = State.Routes[route];
            r.Count = 0;
            r.PinnedPrefix = 0;
            foreach (var stop in positions.Values)
            {
                State.MarkUnassigned(m.StopTask[stop]);
            }
        }

        foreach (int v in pinnedVehicles)
        {
            State.UpdateVehicle(v);
        }

        State.ClearUndo();
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

    /// <summary>
    /// Tasks the construction left to greedy insertion because its share of the time limit ran out (0 when regret
    /// insertion finished).
    /// </summary>
    public int GreedyStartTasks { get; private set; }

    /// <summary>True once the regret insertion has used its share of the time limit.</summary>
    private bool ConstructionTimeUp() =>
        options.TimeLimit is TimeSpan limit
        && options.Clock.GetElapsedTime(startTimestamp).TotalSeconds >= Math.Clamp(options.ConstructionShare, 0, 1) * limit.TotalSeconds;

    private void RegretInsertion()
    {
        var localRng = rng;
        var classSeen = new bool[Math.Max(1, m.VehicleClassCount)];
        var hopeless = new bool[m.TaskCount];

        // Best insertion per task and vehicle, valid while the vehicle is unchanged: an insertion changes one vehicle,
        // so each round re-scans only that one. Links couple vehicles' schedules: there every round scans all.
        bool cache = options.RegretCache && !State.Linked;
        int vehicles = m.VehicleCount;
        var cached = cache ? new Insertion[m.TaskCount * vehicles] : [];
        var cachedVersion = cache ? new int[m.TaskCount * vehicles] : [];
        var version = new int[vehicles];
        Array.Fill(version, 1);
        while (true)
        {
            if (ConstructionTimeUp())
            {
                // The time limit is near: the cheapest feasible position for the rest, in one pass.
                for (int i = 0; i < State.UnassignedCount; i++)
                {
                    int task = State.Unassigned[i];
                    if (!hopeless[task] && !m.TaskPinnedPosition[task] && !probeTask[task])
                    {
                        GreedyStartTasks++;
                    }
                }

                if (GreedyStartTasks > 0)
                {
                    Recreate(allowNewVehicles: true, blink: 0);
                }

                return;
            }

            int chosen = -1;
            long chosenRegret = long.MinValue;
            long chosenCost = long.MaxValue;
            var chosenInsertion = Insertion.None;
            for (int i = 0; i < State.UnassignedCount; i++)
            {
                int task = State.Unassigned[i];
                if (hopeless[task] || m.TaskPinnedPosition[task] || probeTask[task])
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
                    int slot = (task * vehicles) + v;
                    if (cache && cachedVersion[slot] == version[v])
                    {
                        candidate = cached[slot];
                    }
                    else
                    {
                        State.BestInVehicle(task, v, ref candidate, ref localRng, 0);
                        if (cache)
                        {
                            cached[slot] = candidate;
                            cachedVersion[slot] = version[v];
                        }
                    }

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

            version[State.Routes[chosenInsertion.Route].Vehicle]++;
            if (!State.TryApply(chosenInsertion, chosen))
            {
                // Its best position breaks a vehicle coupled by a link: leave it to the search.
                hopeless[chosen] = true;
            }
        }
    }
}
