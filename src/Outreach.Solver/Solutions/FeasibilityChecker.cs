using System.Globalization;
using Outreach.Solver.Model;

namespace Outreach.Solver.Solutions;

/// <summary>
/// Independent check of a <see cref="RoutingSolution"/> against the public model (a separate code path from the
/// search: it reads only the specs and matrices and verifies the reported times rather than computing them).
/// Thread-safe (stateless).
/// </summary>
public static class FeasibilityChecker
{
    /// <summary>Returns every violated rule as a sentence naming the vehicle, trip and task; empty when feasible.</summary>
    public static IReadOnlyList<string> Check(RoutingModel model, RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(solution);
        var errors = new List<string>();
        void Error(string message) => errors.Add(message);

        int taskCount = model.Tasks.Count;
        var pickupSeen = new int[taskCount];
        var deliverySeen = new int[taskCount];
        var visitOf = new Dictionary<(int Task, VisitKind Kind), (Visit Visit, RoutePlan Route, int Index)>();
        foreach (var route in solution.Routes)
        {
            for (int i = 0; i < route.Visits.Count; i++)
            {
                var visit = route.Visits[i];
                if (visit.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
                {
                    if (visit.Index < 0 || visit.Index >= taskCount)
                    {
                        Error($"vehicle {route.Vehicle} trip {route.Trip}: unknown task {visit.Index}");
                        continue;
                    }

                    if (visit.Kind == VisitKind.Delivery)
                    {
                        deliverySeen[visit.Index]++;
                    }
                    else
                    {
                        pickupSeen[visit.Index]++;
                    }

                    visitOf[(visit.Index, visit.Kind)] = (visit, route, i);
                }
            }
        }

        var unassigned = new HashSet<int>(solution.Unassigned.Select(u => u.Task));
        for (int t = 0; t < taskCount; t++)
        {
            var task = model.Tasks[t];
            bool pair = task.Delivery is not null;
            int served = pickupSeen[t];
            if (unassigned.Contains(t))
            {
                if (served > 0 || deliverySeen[t] > 0)
                {
                    Error($"task {task.Id}: listed unassigned but visited");
                }

                continue;
            }

            if (served != 1 || deliverySeen[t] != (pair ? 1 : 0))
            {
                Error($"task {task.Id}: served {served} time(s) with {deliverySeen[t]} deliveries; expected once");
                continue;
            }

            var (first, firstRoute, firstIndex) = visitOf[(t, pair ? VisitKind.Pickup : VisitKind.Visit)];
            if (first.Kind != (pair ? VisitKind.Pickup : VisitKind.Visit))
            {
                Error($"task {task.Id}: wrong visit kind {first.Kind}");
            }

            var vehicle = model.Vehicles[firstRoute.Vehicle];
            if (!task.Skills.All(s => vehicle.Skills.Contains(s, StringComparer.Ordinal)))
            {
                Error($"task {task.Id}: vehicle {vehicle.Id} lacks a required skill");
            }

            if (task.Pin is { } pin)
            {
                if (pin.Vehicle != firstRoute.Vehicle || (pin.Trip is int trip && trip != firstRoute.Trip))
                {
                    Error($"task {task.Id}: pinned to vehicle {pin.Vehicle} trip {pin.Trip?.ToString(CultureInfo.InvariantCulture) ?? "any"}, found on {firstRoute.Vehicle}/{firstRoute.Trip}");
                }

                if (pin.Position is int position && position != firstIndex - 1)
                {
                    Error($"task {task.Id}: pinned at position {position}, found at {firstIndex - 1}");
                }
            }

            if (pair)
            {
                var (second, secondRoute, secondIndex) = visitOf[(t, VisitKind.Delivery)];
                if (!ReferenceEquals(firstRoute, secondRoute) || secondIndex <= firstIndex)
                {
                    Error($"task {task.Id}: delivery must follow its pickup on the same trip");
                    continue;
                }

                if (task.Pin?.DeliveryPosition is int deliveryPosition && deliveryPosition != secondIndex - 1)
                {
                    Error($"task {task.Id}: delivery pinned at {deliveryPosition}, found at {secondIndex - 1}");
                }

                long ride = (long)second.StartSeconds - first.DepartureSeconds;
                if (task.MaxRideSeconds is int maxRide && ride > maxRide)
                {
                    Error($"task {task.Id}: ride {ride} s exceeds {maxRide} s");
                }
            }
        }

        foreach (var link in model.Links)
        {
            var from = model.Tasks[link.FromTask];
            var to = model.Tasks[link.ToTask];
            var fromKind = from.Delivery is null ? VisitKind.Visit : VisitKind.Delivery;
            var toKind = to.Delivery is null ? VisitKind.Visit : VisitKind.Pickup;
            if (visitOf.TryGetValue((link.FromTask, fromKind), out var a) && visitOf.TryGetValue((link.ToTask, toKind), out var b)
                && !unassigned.Contains(link.FromTask) && !unassigned.Contains(link.ToTask))
            {
                if ((long)b.Visit.StartSeconds < (long)a.Visit.DepartureSeconds + link.MinGapSeconds)
                {
                    Error($"link {from.Id} -> {to.Id}: starts at {b.Visit.StartSeconds}, before {a.Visit.DepartureSeconds} + {link.MinGapSeconds}");
                }

                if (link.MaxGapSeconds is int maxGap && (long)b.Visit.StartSeconds > (long)a.Visit.DepartureSeconds + maxGap)
                {
                    Error($"link {from.Id} -> {to.Id}: starts at {b.Visit.StartSeconds}, after {a.Visit.DepartureSeconds} + {maxGap}");
                }
            }
        }

        foreach (var group in solution.Routes.GroupBy(r => r.Vehicle))
        {
            CheckVehicle(model, group.Key, group.OrderBy(r => r.Visits[0].StartSeconds).ToList(), Error);
        }

        long cost = CostEvaluator.Evaluate(model, solution);
        if (cost != solution.Cost)
        {
            Error($"reported cost {solution.Cost} differs from recomputed {cost}");
        }

        return errors;
    }

    private static void CheckVehicle(RoutingModel model, int v, List<RoutePlan> trips, Action<string> error)
    {
        var vehicle = model.Vehicles[v];
        var profile = model.Profiles[vehicle.Profile];
        string who = $"vehicle {vehicle.Id}";
        if (trips.Count > vehicle.MaxTrips)
        {
            error($"{who}: {trips.Count} trips, at most {vehicle.MaxTrips}");
        }

        if (trips.Select(t => t.Trip).Distinct().Count() != trips.Count)
        {
            error($"{who}: trip numbers repeat");
        }

        var breaksTaken = new int[vehicle.Breaks.Count];
        int previousTripEnd = int.MinValue;
        foreach (var trip in trips)
        {
            string where = $"{who} trip {trip.Trip}";
            var visits = trip.Visits;
            if (visits.Count < 2 || visits[0].Kind != VisitKind.Start || visits[^1].Kind != VisitKind.End)
            {
                error($"{where}: must start with Start and end with End");
                continue;
            }

            int expectedEnd = vehicle.MaxTrips > 1 ? vehicle.StartLocation : vehicle.EndLocation ?? -1;
            if (visits[0].Location != vehicle.StartLocation || visits[^1].Location != expectedEnd)
            {
                error($"{where}: starts at {visits[0].Location} / ends at {visits[^1].Location}, expected {vehicle.StartLocation} / {expectedEnd}");
            }

            if (visits[0].DepartureSeconds < vehicle.Shift.StartSeconds)
            {
                error($"{where}: departs {visits[0].DepartureSeconds} before shift start {vehicle.Shift.StartSeconds}");
            }

            if (previousTripEnd != int.MinValue && (long)visits[0].DepartureSeconds < (long)previousTripEnd + vehicle.ReloadSeconds)
            {
                error($"{where}: departs {visits[0].DepartureSeconds} before previous trip end {previousTripEnd} + reload {vehicle.ReloadSeconds}");
            }

            var load = new long[model.DimensionCount];
            foreach (var visit in visits)
            {
                if (visit.Kind == VisitKind.Visit)
                {
                    var amounts = model.Tasks[visit.Index].Load;
                    for (int d = 0; d < amounts.Count; d++)
                    {
                        load[d] += amounts[d];
                    }
                }
            }

            CheckLoad(vehicle, load, where, "start", error);
            int previousLocation = visits[0].Location;
            int previousDeparture = visits[0].DepartureSeconds;
            long metres = 0, seconds = 0;
            for (int i = 1; i < visits.Count; i++)
            {
                var visit = visits[i];
                string at = $"{where} visit {i}";
                long arrival;
                int location;
                if (visit.Kind == VisitKind.Break)
                {
                    arrival = previousDeparture;
                    location = previousLocation;
                    if (visit.Index < 0 || visit.Index >= vehicle.Breaks.Count)
                    {
                        error($"{at}: unknown break {visit.Index}");
                        continue;
                    }

                    var brk = vehicle.Breaks[visit.Index];
                    breaksTaken[visit.Index]++;
                    if (visit.StartSeconds < brk.Window.StartSeconds || visit.StartSeconds > brk.Window.EndSeconds)
                    {
                        error($"{at}: break starts {visit.StartSeconds} outside {brk.Window}");
                    }

                    if (visit.DepartureSeconds - visit.StartSeconds < brk.DurationSeconds)
                    {
                        error($"{at}: break shorter than {brk.DurationSeconds} s");
                    }
                }
                else
                {
                    location = visit.Kind == VisitKind.End && visit.Location < 0 ? -1 : visit.Location;
                    int travel = location < 0 ? 0 : profile.Seconds[previousLocation, location];
                    if (travel < 0)
                    {
                        error($"{at}: location {location} unreachable from {previousLocation}");
                        travel = 0;
                    }

                    arrival = (long)previousDeparture + travel;
                    if (location >= 0)
                    {
                        metres += profile.Metres[previousLocation, location];
                        seconds += travel;
                    }
                }

                if (visit.ArrivalSeconds != arrival)
                {
                    error($"{at}: arrival {visit.ArrivalSeconds}, travel gives {arrival}");
                }

                if (visit.StartSeconds < arrival)
                {
                    error($"{at}: starts {visit.StartSeconds} before arrival {arrival}");
                }

                if (visit.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
                {
                    var task = model.Tasks[visit.Index];
                    var stop = visit.Kind == VisitKind.Delivery ? task.Delivery! : task.Pickup;
                    if (stop.Location != visit.Location)
                    {
                        error($"{at}: task {task.Id} at location {visit.Location}, expected {stop.Location}");
                    }

                    if (stop.Windows.Count > 0 && !stop.Windows.Any(w => visit.StartSeconds >= w.StartSeconds && visit.StartSeconds <= w.EndSeconds))
                    {
                        error($"{at}: task {task.Id} starts {visit.StartSeconds} outside its windows");
                    }

                    if ((long)visit.DepartureSeconds != (long)visit.StartSeconds + stop.ServiceSeconds)
                    {
                        error($"{at}: task {task.Id} departs {visit.DepartureSeconds}, expected start + {stop.ServiceSeconds}");
                    }

                    for (int d = 0; d < task.Load.Count; d++)
                    {
                        load[d] += visit.Kind == VisitKind.Pickup ? task.Load[d] : -task.Load[d];
                    }

                    CheckLoad(vehicle, load, where, task.Id, error);
                }

                for (int d = 0; d < model.DimensionCount && d < visit.LoadAfter.Count; d++)
                {
                    if (visit.LoadAfter[d] != load[d])
                    {
                        error($"{at}: reported load {visit.LoadAfter[d]} in dimension {d}, recomputed {load[d]}");
                    }
                }

                if (visit.DepartureSeconds > vehicle.Shift.EndSeconds)
                {
                    error($"{at}: ends {visit.DepartureSeconds} after shift end {vehicle.Shift.EndSeconds}");
                }

                if (location >= 0)
                {
                    previousLocation = location;
                }

                previousDeparture = visit.DepartureSeconds;
            }

            if (metres != trip.Metres || seconds != trip.TravelSeconds)
            {
                error($"{where}: reported {trip.Metres} m / {trip.TravelSeconds} s, recomputed {metres} m / {seconds} s");
            }

            previousTripEnd = visits[^1].StartSeconds;
        }

        int departure = trips[0].Visits[0].DepartureSeconds;
        int arrivalEnd = trips[^1].Visits[^1].StartSeconds;
        if (vehicle.MaxDurationSeconds is int maxDuration && (long)arrivalEnd - departure > maxDuration)
        {
            error($"{who}: duration {arrivalEnd - departure} s exceeds {maxDuration} s");
        }

        for (int b = 0; b < vehicle.Breaks.Count; b++)
        {
            bool required = vehicle.Breaks[b].Window.StartSeconds < arrivalEnd;
            if (breaksTaken[b] > 1 || (required && breaksTaken[b] == 0))
            {
                error($"{who}: break {b} taken {breaksTaken[b]} time(s); required: {required}");
            }
        }
    }

    private static void CheckLoad(VehicleSpec vehicle, long[] load, string where, string after, Action<string> error)
    {
        for (int d = 0; d < load.Length; d++)
        {
            if (load[d] > vehicle.Capacity[d] || load[d] < 0)
            {
                error($"{where}: load {load[d]} in dimension {d} after {after} outside 0..{vehicle.Capacity[d]}");
            }
        }
    }
}

/// <summary>Recomputes a solution's objective from the public model. Thread-safe (stateless).</summary>
public static class CostEvaluator
{
    /// <summary>Fixed costs of used vehicles + per-second and per-metre travel costs + drop penalties of unassigned tasks.</summary>
    public static long Evaluate(RoutingModel model, RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(solution);
        long cost = 0;
        foreach (int v in solution.Routes.Select(r => r.Vehicle).Distinct())
        {
            cost += model.Vehicles[v].FixedCost;
        }

        foreach (var route in solution.Routes)
        {
            var vehicle = model.Vehicles[route.Vehicle];
            var profile = model.Profiles[vehicle.Profile];
            int previous = -1;
            foreach (var visit in route.Visits)
            {
                if (visit.Kind == VisitKind.Break || visit.Location < 0)
                {
                    continue;
                }

                if (previous >= 0)
                {
                    cost += ((long)profile.Seconds[previous, visit.Location] * vehicle.CostPerSecond) + ((long)profile.Metres[previous, visit.Location] * vehicle.CostPerMetre);
                }

                previous = visit.Location;
            }
        }

        foreach (var task in solution.Unassigned)
        {
            cost += model.Tasks[task.Task].DropPenalty;
        }

        return cost;
    }
}
