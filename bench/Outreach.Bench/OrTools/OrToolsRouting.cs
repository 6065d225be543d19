using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;
using Outreach.Solver.Model;
using Outreach.Solver.Solutions;
using OrModel = Google.OrTools.ConstraintSolver.RoutingModel;
using RoutingModel = Outreach.Solver.Model.RoutingModel;

namespace Outreach.Bench.OrTools;

/// <summary>
/// Solves one of our <see cref="RoutingModel"/>s with Google OR-Tools' routing library, on the very same integer
/// matrices, windows, loads, ride limits and durations, and returns the plan as a <see cref="RoutingSolution"/> so the
/// benchmarks score both engines with the same checkers and files. A reference for the benchmarks only: the product
/// never references OR-Tools.
/// </summary>
/// <remarks>
/// OR-Tools model: a node per vehicle start/end location and per task stop; a time dimension whose transit is the
/// service at the origin plus the travel (slack = waiting), cumuls = service starts, ranged by the stop's window and the
/// vehicle's shift, its span bounded by the vehicle's maximum duration; one capacity dimension per load dimension;
/// pickup-delivery pairs on the same vehicle with the pickup first and the ride limit
/// (delivery start - pickup start - pickup service &lt;= max ride) as solver constraints; a disjunction per task with its
/// drop penalty, so a task that fits nowhere is left out as our engine would; the vehicles' fixed costs. First solution
/// by parallel cheapest insertion, then guided local search until the time limit, on one thread.
/// Supports the features the literature sets use: one travel profile, one window per stop, single trips that end at a
/// location, no breaks, links, skills or pins, and per load dimension either only single visits or only pairs.
/// </remarks>
public static class OrToolsRouting
{
    /// <summary>Solves <paramref name="model"/> within <paramref name="timeLimit"/> on one thread. Each call builds its own OR-Tools model, so calls may run in parallel.</summary>
    public static RoutingSolution Solve(RoutingModel model, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(model);
        EnsureSupported(model);
        var nodes = NodeTable.Create(model);
        var profile = model.Profiles[0];
        int vehicleCount = model.Vehicles.Count;
        using var manager = new RoutingIndexManager(nodes.Count, vehicleCount, nodes.VehicleStart, nodes.VehicleEnd);
        using var routing = new OrModel(manager);
        var solver = routing.solver();

        // Matrices and vectors registered with OR-Tools are read by node (it maps indices to nodes itself).
        int n = nodes.Count;
        long horizon = Math.Max(nodes.Horizon, model.Vehicles.Max(v => (long)v.Shift.EndSeconds));
        var timeTransit = new long[n][];
        for (int a = 0; a < n; a++)
        {
            timeTransit[a] = new long[n];
            for (int b = 0; b < n; b++)
            {
                int travel = profile.Seconds[nodes.Location[a], nodes.Location[b]];
                timeTransit[a][b] = travel < 0 ? horizon + 1 : nodes.Service[a] + (long)travel;
            }
        }

        int timeCallback = routing.RegisterTransitMatrix(timeTransit);
        if (!routing.AddDimension(timeCallback, horizon, horizon, false, "time"))
        {
            throw new InvalidOperationException("OR-Tools refused the time dimension");
        }

        var time = routing.GetMutableDimension("time");

        // Arc costs per vehicle cost class, metres and seconds weighted as CostEvaluator weights them.
        foreach (var group in Enumerable.Range(0, vehicleCount).GroupBy(v => (model.Vehicles[v].CostPerMetre, model.Vehicles[v].CostPerSecond)))
        {
            var cost = new long[n][];
            for (int a = 0; a < n; a++)
            {
                cost[a] = new long[n];
                for (int b = 0; b < n; b++)
                {
                    int from = nodes.Location[a], to = nodes.Location[b];
                    cost[a][b] = ((long)Math.Max(0, profile.Metres[from, to]) * group.Key.CostPerMetre) + ((long)Math.Max(0, profile.Seconds[from, to]) * group.Key.CostPerSecond);
                }
            }

            int costCallback = routing.RegisterTransitMatrix(cost);
            foreach (int v in group)
            {
                routing.SetArcCostEvaluatorOfVehicle(costCallback, v);
            }
        }

        for (int d = 0; d < model.DimensionCount; d++)
        {
            int loadCallback = routing.RegisterUnaryTransitVector(nodes.LoadDelta.Select(delta => (long)delta[d]).ToArray());
            var capacities = model.Vehicles.Select(v => (long)v.Capacity[d]).ToArray();
            if (!routing.AddDimensionWithVehicleCapacity(loadCallback, 0, capacities, true, $"load{d}"))
            {
                throw new InvalidOperationException($"OR-Tools refused load dimension {d}");
            }
        }

        for (int v = 0; v < vehicleCount; v++)
        {
            var vehicle = model.Vehicles[v];
            time.CumulVar(routing.Start(v)).SetRange(vehicle.Shift.StartSeconds, vehicle.Shift.EndSeconds);
            time.CumulVar(routing.End(v)).SetRange(vehicle.Shift.StartSeconds, vehicle.Shift.EndSeconds);
            if (vehicle.MaxDurationSeconds is int maxDuration)
            {
                time.SetSpanUpperBoundForVehicle(maxDuration, v);
            }

            routing.SetFixedCostOfVehicle(vehicle.FixedCost, v);
        }

        for (int t = 0; t < model.Tasks.Count; t++)
        {
            var task = model.Tasks[t];
            long pickup = manager.NodeToIndex(nodes.PickupNode[t]);
            var window = nodes.Window[nodes.PickupNode[t]];
            time.CumulVar(pickup).SetRange(window.StartSeconds, window.EndSeconds);
            routing.AddDisjunction([pickup], task.DropPenalty);
            if (task.Delivery is null)
            {
                continue;
            }

            long delivery = manager.NodeToIndex(nodes.DeliveryNode[t]);
            window = nodes.Window[nodes.DeliveryNode[t]];
            time.CumulVar(delivery).SetRange(window.StartSeconds, window.EndSeconds);
            // The pair is performed whole or not at all, so the pickup's penalty prices the pair.
            routing.AddDisjunction([delivery], 0);
            routing.AddPickupAndDelivery(pickup, delivery);
            solver.Add(solver.MakeEquality(routing.VehicleVar(pickup), routing.VehicleVar(delivery)));
            // The time constraints bind only a performed pair (+ horizon otherwise), so windows that make a pair
            // unservable cannot make the whole model infeasible: the pair is then dropped, as our engine would.
            var idle = (1 - routing.ActiveVar(pickup)) * horizon;
            solver.Add(solver.MakeLessOrEqual(time.CumulVar(pickup), time.CumulVar(delivery) + idle));
            if (task.MaxRideSeconds is int maxRide)
            {
                solver.Add(solver.MakeLessOrEqual(time.CumulVar(delivery) - time.CumulVar(pickup), idle + ((long)maxRide + task.Pickup.ServiceSeconds)));
            }
        }

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = Duration.FromTimeSpan(timeLimit);
        using var assignment = routing.SolveWithParameters(parameters);
        if (assignment is null)
        {
            // No first solution within the limit: nothing is served.
            var none = Enumerable.Range(0, model.Tasks.Count).Select(t => new UnassignedTask(t, UnassignedReason.None)).ToList();
            return new RoutingSolution([], none, none.Sum(u => model.Tasks[u.Task].DropPenalty));
        }

        var routes = new List<RoutePlan>();
        var served = new bool[model.Tasks.Count];
        for (int v = 0; v < vehicleCount; v++)
        {
            var sequence = new List<int>();
            var lower = new List<long>();
            for (long index = routing.Start(v); ; index = assignment.Value(routing.NextVar(index)))
            {
                sequence.Add(manager.IndexToNode(index));
                lower.Add(assignment.Min(time.CumulVar(index)));
                if (routing.IsEnd(index))
                {
                    break;
                }
            }

            if (sequence.Count <= 2)
            {
                continue;
            }

            routes.Add(ToRoute(model, nodes, v, sequence, lower));
            foreach (int node in sequence)
            {
                if (nodes.Task[node] >= 0)
                {
                    served[nodes.Task[node]] = true;
                }
            }
        }

        var unassigned = Enumerable.Range(0, model.Tasks.Count).Where(t => !served[t]).Select(t => new UnassignedTask(t, UnassignedReason.None)).ToList();
        // OR-Tools' own objective: the checkers recompute ours from the model and must agree with it.
        return new RoutingSolution(routes, unassigned, assignment.ObjectiveValue());
    }

    private static void EnsureSupported(RoutingModel model)
    {
        static void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new NotSupportedException($"OR-Tools adapter: {what} not supported");
            }
        }

        Require(model.Vehicles.Count > 0, "a model without vehicles is");
        Require(model.Vehicles.All(v => v.Profile == model.Vehicles[0].Profile) && model.Profiles.Count == 1, "more than one travel profile is");
        Require(model.Links.Count == 0, "links are");
        Require(model.Vehicles.All(v => v.Breaks.Count == 0), "breaks are");
        Require(model.Vehicles.All(v => v.MaxTrips == 1), "several trips are");
        Require(model.Vehicles.All(v => v.EndLocation is not null), "open routes are");
        Require(model.Vehicles.All(v => v.Skills.Count == 0) && model.Tasks.All(t => t.Skills.Count == 0), "skills are");
        Require(model.Tasks.All(t => t.Pin is null), "pins are");
        Require(model.Tasks.All(t => t.Pickup.Windows.Count <= 1 && (t.Delivery?.Windows.Count ?? 0) <= 1), "more than one window per stop is");
        for (int d = 0; d < model.DimensionCount; d++)
        {
            bool singles = model.Tasks.Any(t => t.Delivery is null && t.Load.Count > d && t.Load[d] != 0);
            bool pairs = model.Tasks.Any(t => t.Delivery is not null && t.Load.Count > d && t.Load[d] != 0);
            Require(!(singles && pairs), $"load dimension {d} carried by both single visits and pairs is");
        }
    }

    /// <summary>
    /// Turns one OR-Tools route (nodes from start to end, with the cumul range OR-Tools reports for each) into our trip.
    /// OR-Tools gives each service start as a range; the schedule taken is the earliest one inside those ranges that
    /// meets every difference constraint of the trip (travel, ride limits, duration), found by raising lower bounds to
    /// their fixpoint.
    /// </summary>
    private static RoutePlan ToRoute(RoutingModel model, NodeTable nodes, int v, List<int> sequence, List<long> lower)
    {
        var vehicle = model.Vehicles[v];
        var profile = model.Profiles[vehicle.Profile];
        int count = sequence.Count;
        // start[i]: service start at sequence[i] (departure for the vehicle's start, arrival for its end).
        var start = new long[count];
        for (int i = 0; i < count; i++)
        {
            var window = nodes.Window[sequence[i]];
            start[i] = Math.Max(lower[i], i == 0 || i == count - 1 ? vehicle.Shift.StartSeconds : window.StartSeconds);
        }

        long Travel(int i) => profile.Seconds[nodes.Location[sequence[i - 1]], nodes.Location[sequence[i]]];
        var positionOf = new Dictionary<int, int>();
        for (int i = 0; i < count; i++)
        {
            positionOf[sequence[i]] = i;
        }

        // Each pass raises every lower bound once; the system has count variables, so a fixpoint comes within count passes.
        for (int pass = 0; pass <= count; pass++)
        {
            bool changed = false;
            void Raise(int i, long value)
            {
                if (value > start[i])
                {
                    start[i] = value;
                    changed = true;
                }
            }

            for (int i = 1; i < count; i++)
            {
                Raise(i, start[i - 1] + nodes.Service[sequence[i - 1]] + Travel(i));
            }

            for (int i = 1; i < count - 1; i++)
            {
                int t = nodes.Task[sequence[i]];
                if (t >= 0 && nodes.DeliveryNode[t] == sequence[i] && model.Tasks[t].MaxRideSeconds is int maxRide)
                {
                    int p = positionOf[nodes.PickupNode[t]];
                    Raise(p, start[i] - maxRide - nodes.Service[nodes.PickupNode[t]]);
                }
            }

            if (vehicle.MaxDurationSeconds is int maxDuration)
            {
                Raise(0, start[count - 1] - maxDuration);
            }

            if (!changed)
            {
                break;
            }
        }

        var visits = new List<Visit>(count);
        var load = new int[model.DimensionCount];
        for (int i = 1; i < count - 1; i++)
        {
            int t = nodes.Task[sequence[i]];
            if (model.Tasks[t].Delivery is null)
            {
                for (int d = 0; d < model.Tasks[t].Load.Count; d++)
                {
                    load[d] += model.Tasks[t].Load[d];
                }
            }
        }

        visits.Add(new Visit(VisitKind.Start, -1, nodes.Location[sequence[0]], Checked(start[0]), Checked(start[0]), Checked(start[0]), (int[])load.Clone()));
        long metres = 0, seconds = 0, cost = 0;
        for (int i = 1; i < count; i++)
        {
            int node = sequence[i];
            int from = nodes.Location[sequence[i - 1]], to = nodes.Location[node];
            metres += profile.Metres[from, to];
            seconds += profile.Seconds[from, to];
            cost += ((long)profile.Metres[from, to] * vehicle.CostPerMetre) + ((long)profile.Seconds[from, to] * vehicle.CostPerSecond);
            int arrival = Checked(start[i - 1] + nodes.Service[sequence[i - 1]] + Travel(i));
            if (i == count - 1)
            {
                // The trip ends at the end's start (duration is measured to it), the arrival in the earliest schedule.
                visits.Add(new Visit(VisitKind.End, -1, to, arrival, Checked(start[i]), Checked(start[i]), (int[])load.Clone()));
                break;
            }

            int t = nodes.Task[node];
            var task = model.Tasks[t];
            var kind = task.Delivery is null ? VisitKind.Visit : nodes.PickupNode[t] == node ? VisitKind.Pickup : VisitKind.Delivery;
            for (int d = 0; d < task.Load.Count; d++)
            {
                load[d] += kind == VisitKind.Pickup ? task.Load[d] : -task.Load[d];
            }

            visits.Add(new Visit(kind, t, to, arrival, Checked(start[i]), Checked(start[i] + nodes.Service[node]), (int[])load.Clone()));
        }

        return new RoutePlan(v, 0, visits, metres, seconds, cost);
    }

    private static int Checked(long seconds) => checked((int)seconds);

    /// <summary>
    /// OR-Tools nodes: first one per distinct vehicle start or end location, then each task's pickup (or visit) and
    /// delivery. Every array is indexed by node.
    /// </summary>
    private sealed class NodeTable
    {
        private NodeTable(int count) => Count = count;

        public int Count { get; }

        /// <summary>Location index in the profile matrices.</summary>
        public required int[] Location { get; init; }

        /// <summary>Service seconds (0 at vehicle start/end nodes).</summary>
        public required int[] Service { get; init; }

        /// <summary>Service start window (the whole horizon at vehicle start/end nodes; their shifts bound them per vehicle).</summary>
        public required TimeWindow[] Window { get; init; }

        /// <summary>Task served at the node, or -1 for a vehicle start/end node.</summary>
        public required int[] Task { get; init; }

        /// <summary>Load change per dimension when the node is served: + at a pickup or a single visit, - at a delivery.</summary>
        public required int[][] LoadDelta { get; init; }

        /// <summary>Node of task t's pickup or single visit.</summary>
        public required int[] PickupNode { get; init; }

        /// <summary>Node of task t's delivery, or -1.</summary>
        public required int[] DeliveryNode { get; init; }

        /// <summary>Start and end node per vehicle.</summary>
        public required int[] VehicleStart { get; init; }

        /// <summary>End node per vehicle.</summary>
        public required int[] VehicleEnd { get; init; }

        /// <summary>Latest window end over all stops.</summary>
        public required long Horizon { get; init; }

        public static NodeTable Create(RoutingModel model)
        {
            var location = new List<int>();
            var depotNode = new Dictionary<int, int>();
            int DepotNode(int at)
            {
                if (!depotNode.TryGetValue(at, out int node))
                {
                    node = location.Count;
                    depotNode[at] = node;
                    location.Add(at);
                }

                return node;
            }

            var starts = model.Vehicles.Select(v => DepotNode(v.StartLocation)).ToArray();
            var ends = model.Vehicles.Select(v => DepotNode(v.EndLocation!.Value)).ToArray();
            int depots = location.Count;
            var service = Enumerable.Repeat(0, depots).ToList();
            var window = Enumerable.Repeat(TimeWindow.Always, depots).ToList();
            var task = Enumerable.Repeat(-1, depots).ToList();
            int dims = model.DimensionCount;
            var delta = Enumerable.Range(0, depots).Select(_ => new int[dims]).ToList();
            var pickupNode = new int[model.Tasks.Count];
            var deliveryNode = new int[model.Tasks.Count];
            void Add(StopSpec stop, int t, int sign)
            {
                location.Add(stop.Location);
                service.Add(stop.ServiceSeconds);
                window.Add(stop.Windows.Count == 0 ? TimeWindow.Always : stop.Windows[0]);
                task.Add(t);
                var amounts = new int[dims];
                for (int d = 0; d < model.Tasks[t].Load.Count; d++)
                {
                    amounts[d] = sign * model.Tasks[t].Load[d];
                }

                delta.Add(amounts);
            }

            for (int t = 0; t < model.Tasks.Count; t++)
            {
                pickupNode[t] = location.Count;
                Add(model.Tasks[t].Pickup, t, 1);
                deliveryNode[t] = -1;
                if (model.Tasks[t].Delivery is { } delivery)
                {
                    deliveryNode[t] = location.Count;
                    Add(delivery, t, -1);
                }
            }

            long horizon = window.Skip(depots).Select(w => (long)w.EndSeconds).DefaultIfEmpty(0).Max();
            return new NodeTable(location.Count)
            {
                Location = [.. location],
                Service = [.. service],
                Window = [.. window],
                Task = [.. task],
                LoadDelta = [.. delta],
                PickupNode = pickupNode,
                DeliveryNode = deliveryNode,
                VehicleStart = starts,
                VehicleEnd = ends,
                Horizon = horizon,
            };
        }
    }
}
