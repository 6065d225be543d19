using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Pickups;

/// <summary>
/// Edits of a routing solution the planner makes after the search, each leaving a solution the independent
/// <see cref="FeasibilityChecker"/> accepts (the planner checks every solution it reports). Stateless and thread-safe.
/// <para>
/// <see cref="WithoutTasks"/>: takes tasks' visits out (a family that could be brought but not taken home, when there
/// is no time left for another solve), then re-times: pickups and trip starts keep their times, every drop-off and trip
/// end happens at the earliest moment (arrival, or the opening of its window), except a drop-off a link's maximum gap
/// ties to a later leg (it keeps its time). Feasible: the van reaches every later
/// stop earlier or at the same time and waits, nobody rides longer, loads only drop; a trip left without visits is
/// dropped.
/// </para>
/// Loads, arrivals and driving are recomputed from the model, so the edited solution is self-consistent. Pinned
/// positions after a removed stop move up with it (<see cref="PinsAsPlaced"/>): the published order is kept, one
/// family fewer.
/// </summary>
internal static class SolutionEdits
{
    public static RoutingSolution WithoutTasks(RoutingModel model, RoutingSolution solution, IReadOnlySet<int> tasks)
    {
        if (tasks.Count == 0)
        {
            return solution;
        }

        // A drop-off whose task a later one must follow within a maximum gap (the van home within the wait limit) keeps
        // its time: earlier, the gap would grow past it. The same for every route, so found once.
        var held = model.Links.Where(l => l.MaxGapSeconds is not null).Select(l => l.FromTask).ToHashSet();
        var routes = new List<RoutePlan>();
        foreach (var route in solution.Routes)
        {
            var visits = route.Visits.Where(v => v.Kind is not (VisitKind.Pickup or VisitKind.Delivery or VisitKind.Visit) || !tasks.Contains(v.Index)).ToList();
            if (visits.Any(v => v.Kind is VisitKind.Pickup or VisitKind.Delivery or VisitKind.Visit))
            {
                routes.Add(Retime(model, visits, route, held));
            }
        }

        var unassigned = solution.Unassigned.Concat(tasks.Where(t => solution.Unassigned.All(u => u.Task != t)).Select(t => new UnassignedTask(t, UnassignedReason.None))).ToList();
        var edited = solution with { Routes = routes, Unassigned = unassigned };
        return edited with { Cost = CostEvaluator.Evaluate(model, edited) };
    }

    /// <summary>
    /// <paramref name="model"/> with each position-pinned task's positions where <paramref name="solution"/> has its
    /// visits (the model unchanged when no pin moved): after <see cref="WithoutTasks"/> took out stops before pinned
    /// ones, the pins name the order kept, not the positions of stops that are gone.
    /// </summary>
    public static RoutingModel PinsAsPlaced(RoutingModel model, RoutingSolution solution)
    {
        var at = new Dictionary<(int Task, VisitKind Kind), int>();
        foreach (var route in solution.Routes)
        {
            for (int i = 0; i < route.Visits.Count; i++)
            {
                var v = route.Visits[i];
                if (v.Kind is VisitKind.Pickup or VisitKind.Delivery or VisitKind.Visit)
                {
                    at[(v.Index, v.Kind)] = i - 1;
                }
            }
        }

        bool moved = false;
        var pins = new TaskPin?[model.Tasks.Count];
        for (int t = 0; t < pins.Length; t++)
        {
            var pin = model.Tasks[t].Pin;
            pins[t] = pin;
            if (pin?.Position is not int position)
            {
                continue;
            }

            bool pair = model.Tasks[t].Delivery is not null;
            if (at.TryGetValue((t, pair ? VisitKind.Pickup : VisitKind.Visit), out int first) && first != position)
            {
                pins[t] = pins[t]! with { Position = first };
                moved = true;
            }

            if (pin.DeliveryPosition is int delivery && at.TryGetValue((t, VisitKind.Delivery), out int second) && second != delivery)
            {
                pins[t] = pins[t]! with { DeliveryPosition = second };
                moved = true;
            }
        }

        return moved ? model.WithPins(pins) : model;
    }

    /// <summary>The route's visits <paramref name="input"/> with times and loads worked out again; the drop-offs of <paramref name="held"/> tasks keep their times.</summary>
    private static RoutePlan Retime(RoutingModel model, List<Visit> input, RoutePlan route, HashSet<int> held)
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
                VisitKind.Delivery when held.Contains(v.Index) => v.StartSeconds,
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
