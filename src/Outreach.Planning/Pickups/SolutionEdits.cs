using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Pickups;

/// <summary>
/// Edits of a routing solution the planner makes after the search, each leaving a solution the independent
/// <see cref="FeasibilityChecker"/> accepts (the planner checks every solution it reports). Stateless and thread-safe.
/// <para>
/// <see cref="EarlyDeliveries"/>: the routing engine starts every visit as late as its successors allow; for pickups
/// that is right (nobody boards early to sit in a van), but it also pushes drop-offs late: a van that reaches the
/// collection point at 09:00 and starts its next trip at 09:21 would have the family "get off" at 09:10, sitting in
/// a parked van. Here pickups and trip starts keep the engine's times, and every drop-off and trip end happens at the
/// earliest moment: arrival (from the previous stop's departure) or the opening of its window. Always feasible: each
/// visit moves earlier or stays and pickups stay, so windows, the shift, order and loads hold, and rides only shorten.
/// </para>
/// <para>
/// <see cref="WithoutTasks"/>: takes tasks' visits out (a family that could be brought but not taken home, when there
/// is no time left for another solve), then re-times as above. Also feasible: the van reaches every later stop earlier
/// or at the same time and waits, nobody rides longer, loads only drop; a trip left without visits is dropped.
/// </para>
/// Loads, arrivals and driving are recomputed from the model, so the edited solution is self-consistent.
/// </summary>
internal static class SolutionEdits
{
    public static RoutingSolution EarlyDeliveries(RoutingModel model, RoutingSolution solution)
    {
        var edited = solution with { Routes = solution.Routes.Select(route => Retime(model, route.Visits, route)).ToList() };
        return edited with { Cost = CostEvaluator.Evaluate(model, edited) };
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

    private static RoutePlan Retime(RoutingModel model, IReadOnlyList<Visit> input, RoutePlan route)
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
