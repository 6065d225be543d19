using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Pickups;

/// <summary>
/// Edits of a routing solution the planner makes after the search, each leaving a solution the independent
/// <see cref="FeasibilityChecker"/> accepts (the planner checks every solution it reports). Stateless and thread-safe.
/// <para>
/// <see cref="WithoutTasks"/>: takes tasks' visits out (a family that could be brought but not taken home, when there
/// is no time left for another solve), then re-times: pickups and trip starts keep their times, every drop-off and trip
/// end happens at the earliest moment (arrival, or the opening of its window). Feasible: the van reaches every later
/// stop earlier or at the same time and waits, nobody rides longer, loads only drop; a trip left without visits is
/// dropped.
/// </para>
/// <para>
/// <see cref="EarlyBoardings"/>: a trip that begins by boarding families for home at the collection point (a pickup with
/// a time window) was planned with the window opening at an estimate of when their files are done; once the plan's own
/// arrivals give the real desk queue, the boarding may come earlier, and the van is free that much sooner for the next
/// part of the day. Such a trip leaves as early as the van is free (shift start, or the previous trip's end plus the
/// reload) and its window opens (and, when the caller says so, the family is ready: its files done); windowed pickups
/// board at the earliest, other pickups keep the engine's times (the van waits there), drop-offs and the trip end come
/// at the earliest. Feasible by construction: every visit moves earlier or stays, windows are kept, and a trip whose
/// re-timing would lengthen a ride beyond its limit keeps its times.
/// </para>
/// Loads, arrivals and driving are recomputed from the model, so the edited solution is self-consistent.
/// </summary>
internal static class SolutionEdits
{
    /// <param name="notBefore">Per task, the earliest a pickup of it may start besides its window (e.g. when the family's files are done).</param>
    public static RoutingSolution EarlyBoardings(RoutingModel model, RoutingSolution solution, IReadOnlyDictionary<int, int>? notBefore = null)
    {
        notBefore ??= new Dictionary<int, int>();
        var routes = new List<RoutePlan>(solution.Routes.Count);
        foreach (var trips in solution.Routes.GroupBy(r => r.Vehicle))
        {
            var vehicle = model.Vehicles[trips.Key];
            int? previousEnd = null;
            foreach (var route in trips.OrderBy(r => r.Trip))
            {
                int free = previousEnd is int end ? end + vehicle.ReloadSeconds : vehicle.Shift.StartSeconds;
                var edited = LeaveEarly(model, route, free, notBefore) is { } early && RidesWithinLimits(model, early) ? early : route;
                routes.Add(edited);
                previousEnd = edited.Visits[^1].StartSeconds;
            }
        }

        var result = solution with { Routes = routes.OrderBy(r => r.Vehicle).ThenBy(r => r.Trip).ToList() };
        return result with { Cost = CostEvaluator.Evaluate(model, result) };
    }

    /// <summary>The trip leaving as early as its first boarding allows (not before <paramref name="free"/>), or null when it starts elsewhere.</summary>
    private static RoutePlan? LeaveEarly(RoutingModel model, RoutePlan route, int free, IReadOnlyDictionary<int, int> notBefore)
    {
        var visits = route.Visits;
        if (visits.Count < 3 || visits[1].Kind != VisitKind.Pickup || model.Tasks[visits[1].Index].Pickup.Windows.Count == 0)
        {
            return null;
        }

        var profile = model.Profiles[model.Vehicles[route.Vehicle].Profile];
        int toFirst = Math.Max(0, profile.Seconds[visits[0].Location, visits[1].Location]);
        int ready = Math.Max(free + toFirst, notBefore.GetValueOrDefault(visits[1].Index, int.MinValue));
        int opens = model.Tasks[visits[1].Index].Pickup.Windows.Where(w => w.EndSeconds >= ready).Select(w => Math.Max(w.StartSeconds, ready)).DefaultIfEmpty(int.MaxValue).First();
        int departure = Math.Min(visits[0].DepartureSeconds, Math.Max(free, opens - toFirst));
        if (departure >= visits[0].DepartureSeconds)
        {
            return null;
        }

        int service = visits[0].DepartureSeconds - visits[0].StartSeconds;
        var moved = new List<Visit>(visits.Count) { visits[0] with { StartSeconds = departure - service, DepartureSeconds = departure, ArrivalSeconds = Math.Min(visits[0].ArrivalSeconds, departure - service) } };
        for (int i = 1; i < visits.Count; i++)
        {
            var v = visits[i];
            if (v.Kind is VisitKind.Pickup && model.Tasks[v.Index].Pickup.Windows.Count > 0)
            {
                // Marked with a start before the engine's; Retime keeps pickup starts, so the new one must be set here.
                int arrival = moved[^1].DepartureSeconds + Math.Max(0, profile.Seconds[moved[^1].Location, v.Location]);
                int start = EarliestIn(model.Tasks[v.Index].Pickup.Windows, Math.Max(arrival, notBefore.GetValueOrDefault(v.Index, int.MinValue)), v.StartSeconds);
                moved.Add(v with { ArrivalSeconds = arrival, StartSeconds = start, DepartureSeconds = start + (v.DepartureSeconds - v.StartSeconds) });
            }
            else if (v.Kind is VisitKind.Pickup)
            {
                moved.AddRange(visits.Skip(i));
                break;
            }
            else
            {
                int arrival = moved[^1].DepartureSeconds + Math.Max(0, profile.Seconds[moved[^1].Location, v.Location]);
                int start = v.Kind == VisitKind.Delivery ? EarliestIn(model.Tasks[v.Index].Delivery!.Windows, arrival, v.StartSeconds) : v.Kind == VisitKind.End ? arrival : v.StartSeconds;
                moved.Add(v with { ArrivalSeconds = arrival, StartSeconds = start, DepartureSeconds = start + (v.DepartureSeconds - v.StartSeconds) });
            }
        }

        // Loads, arrivals, driving and the rest of the trip (from the first pickup without a window) follow the model.
        return Retime(model, moved, route);
    }

    /// <summary>True when every pair carried on the trip rides no longer than its limit.</summary>
    private static bool RidesWithinLimits(RoutingModel model, RoutePlan route)
    {
        var boarded = new Dictionary<int, int>();
        foreach (var v in route.Visits)
        {
            if (v.Kind == VisitKind.Pickup)
            {
                boarded[v.Index] = v.DepartureSeconds;
            }
            else if (v.Kind == VisitKind.Delivery && boarded.TryGetValue(v.Index, out var departed)
                && model.Tasks[v.Index].MaxRideSeconds is int limit && v.StartSeconds - departed > limit)
            {
                return false;
            }
        }

        return true;
    }

    public static RoutingSolution WithoutTasks(RoutingModel model, RoutingSolution solution, IReadOnlySet<int> tasks)
    {
        if (tasks.Count == 0)
        {
            return solution;
        }

        var routes = new List<RoutePlan>();
        foreach (var route in solution.Routes)
        {
            var visits = route.Visits.Where(v => v.Kind is not (VisitKind.Pickup or VisitKind.Delivery or VisitKind.Visit) || !tasks.Contains(v.Index)).ToList();
            if (visits.Any(v => v.Kind is VisitKind.Pickup or VisitKind.Delivery or VisitKind.Visit))
            {
                routes.Add(Retime(model, visits, route));
            }
        }

        var unassigned = solution.Unassigned.Concat(tasks.Where(t => solution.Unassigned.All(u => u.Task != t)).Select(t => new UnassignedTask(t, UnassignedReason.None))).ToList();
        var edited = solution with { Routes = routes, Unassigned = unassigned };
        return edited with { Cost = CostEvaluator.Evaluate(model, edited) };
    }

    private static RoutePlan Retime(RoutingModel model, List<Visit> input, RoutePlan route)
    {
        var profile = model.Profiles[model.Vehicles[route.Vehicle].Profile];
        int dims = model.DimensionCount;
        var visits = new List<Visit>(input.Count);
        long metres = 0, travelSeconds = 0;
        var load = new int[dims];
        for (int i = 0; i < input.Count; i++)
        {
            var v = input[i];
            if (i == 0 || v.Kind is VisitKind.Start or VisitKind.Break || v.Location < 0)
            {
                visits.Add(v with { LoadAfter = (int[])load.Clone() });
                continue;
            }

            var previous = visits[^1];
            int drive = Math.Max(0, profile.Seconds[previous.Location, v.Location]);
            metres += Math.Max(0, profile.Metres[previous.Location, v.Location]);
            travelSeconds += drive;
            int arrival = previous.DepartureSeconds + drive;
            int service = v.DepartureSeconds - v.StartSeconds;
            int start = v.Kind switch
            {
                VisitKind.Delivery => EarliestIn(model.Tasks[v.Index].Delivery!.Windows, arrival, v.StartSeconds),
                VisitKind.End => arrival,
                _ => v.StartSeconds,
            };
            if (v.Kind is VisitKind.Pickup or VisitKind.Delivery)
            {
                var amounts = model.Tasks[v.Index].Load;
                for (int d = 0; d < dims && d < amounts.Count; d++)
                {
                    load[d] += v.Kind == VisitKind.Pickup ? amounts[d] : -amounts[d];
                }
            }

            visits.Add(v with { ArrivalSeconds = arrival, StartSeconds = start, DepartureSeconds = start + service, LoadAfter = (int[])load.Clone() });
        }

        return route with { Visits = visits, Metres = metres, TravelSeconds = travelSeconds };
    }

    /// <summary>The earliest start at or after <paramref name="arrival"/> inside a window; never later than the engine's start.</summary>
    private static int EarliestIn(IReadOnlyList<TimeWindow> windows, int arrival, int engineStart)
    {
        if (windows.Count == 0)
        {
            return Math.Min(arrival, engineStart);
        }

        foreach (var w in windows)
        {
            if (w.EndSeconds >= arrival)
            {
                return Math.Min(Math.Max(arrival, w.StartSeconds), engineStart);
            }
        }

        return engineStart;
    }
}
