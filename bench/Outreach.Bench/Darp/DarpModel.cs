using System.Globalization;
using Outreach.Bench.Routing;
using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Bench.Darp;

/// <summary>A stop of a dial-a-ride route: the instance's node id and the minute its service begins.</summary>
public readonly record struct DarpStop(int Node, double Start);

/// <summary>
/// Turns a dial-a-ride instance into a <see cref="RoutingModel"/> on the same scale as <see cref="LiteratureModel"/>
/// (<see cref="LiteratureModel.Scale"/> units per minute and per distance unit). Every rounding errs on the safe side
/// so that a plan feasible in the integer model is feasible in the instance's doubles: travel and service rounded up,
/// window starts up and window ends down, ride limit L and route duration T down. Metres are rounded to nearest (the
/// objective only; the reported cost is re-measured in doubles). Task t is request t+1: pickup node t+1, drop-off n+t+1.
/// </summary>
public static class DarpModel
{
    private const int Scale = LiteratureModel.Scale;

    /// <summary>Builds the model: one pair per request with its ride limit, K vehicles with capacity Q and duration T, no fixed cost.</summary>
    public static RoutingModel Build(DarpInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(LiteratureModel.ScaledProfile(instance.Nodes.Count, instance.Distance));
        int maxRide = Down(instance.MaxRide);
        for (int request = 1; request <= instance.Requests; request++)
        {
            builder.AddTask(new TaskSpec
            {
                Id = request.ToString(CultureInfo.InvariantCulture),
                Pickup = Stop(instance.Nodes[request]),
                Delivery = Stop(instance.Nodes[instance.DropOff(request)]),
                Load = [instance.Nodes[request].Load],
                MaxRideSeconds = maxRide,
            });
        }

        var depot = instance.Nodes[0];
        var end = instance.Nodes[instance.EndDepot];
        for (int k = 0; k < instance.Vehicles; k++)
        {
            builder.AddVehicle(new VehicleSpec
            {
                Id = $"v{k}",
                StartLocation = depot.Id,
                EndLocation = end.Id,
                Shift = new TimeWindow(Up(depot.Ready), Down(end.Due)),
                Capacity = [instance.Capacity],
                MaxDurationSeconds = Down(instance.MaxRouteDuration),
                FixedCost = 0,
            });
        }

        return builder.Build();
    }

    /// <summary>The plan's routes as instance node ids with service start minutes (start seconds / Scale); empty trips left out.</summary>
    public static IReadOnlyList<IReadOnlyList<DarpStop>> Routes(DarpInstance instance, RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(solution);
        return solution.Routes
            .Select(r => (IReadOnlyList<DarpStop>)r.Visits
                .Where(v => v.Kind is VisitKind.Pickup or VisitKind.Delivery)
                .Select(v => new DarpStop(
                    v.Kind == VisitKind.Pickup ? v.Index + 1 : instance.DropOff(v.Index + 1),
                    v.StartSeconds / (double)Scale))
                .ToList())
            .Where(r => r.Count > 0)
            .ToList();
    }

    private static StopSpec Stop(DarpNode node) =>
        new(node.Id, Up(node.Service), [new TimeWindow(Up(node.Ready), Down(node.Due))]);

    // The small slack absorbs binary noise (0.1 x 10 000 = 1000.0000000000001) without moving a real value by a unit.
    private static int Up(double minutes) => checked((int)Math.Ceiling((minutes * Scale) - 1e-6));

    private static int Down(double minutes) => checked((int)Math.Floor((minutes * Scale) + 1e-6));
}
