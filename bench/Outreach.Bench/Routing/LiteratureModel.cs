using Outreach.Solver.Model;

namespace Outreach.Bench.Routing;

/// <summary>
/// Turns a literature instance into a <see cref="RoutingModel"/>. Distances and times are scaled by
/// <see cref="Scale"/>: travel seconds are rounded up (so any plan feasible in integers is feasible in the original
/// doubles), metres to nearest (the objective; totals are re-measured in doubles for reporting).
/// </summary>
public static class LiteratureModel
{
    /// <summary>Integer units per literature distance unit.</summary>
    public const int Scale = 10_000;

    /// <summary>Fixed cost per vehicle under the vehicles-first objective: above any total distance, below the drop penalty.</summary>
    public const long VehicleCost = 1_000_000_000L;

    /// <summary>Builds the model; task i maps to <c>taskNodes[i]</c> (node ids of the visit, or pickup then delivery).</summary>
    public static RoutingModel Build(LiteratureInstance instance, bool vehiclesFirst, out IReadOnlyList<int[]> taskNodes)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(ScaledProfile(instance.Nodes.Count, instance.Distance));
        var depot = instance.Nodes[0];
        var nodesOfTask = new List<int[]>();
        StopSpec Stop(LiteratureNode node) =>
            new(node.Id, node.Service * Scale, [new TimeWindow(node.Ready * Scale, node.Due * Scale)]);
        foreach (var node in instance.Nodes.Skip(1))
        {
            if (!instance.IsPickupDelivery)
            {
                builder.AddTask(new TaskSpec { Id = node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Pickup = Stop(node), Load = [node.Demand] });
                nodesOfTask.Add([node.Id]);
            }
            else if (node.PickupSibling == 0)
            {
                var delivery = instance.Nodes[node.DeliverySibling];
                builder.AddTask(new TaskSpec
                {
                    Id = node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Pickup = Stop(node),
                    Delivery = Stop(delivery),
                    Load = [node.Demand],
                });
                nodesOfTask.Add([node.Id, delivery.Id]);
            }
        }

        for (int v = 0; v < instance.VehicleCount; v++)
        {
            builder.AddVehicle(new VehicleSpec
            {
                Id = $"v{v}",
                StartLocation = depot.Id,
                EndLocation = depot.Id,
                Shift = new TimeWindow(depot.Ready * Scale, depot.Due * Scale),
                Capacity = [instance.Capacity],
                FixedCost = vehiclesFirst ? VehicleCost : 0,
            });
        }

        taskNodes = nodesOfTask;
        return builder.Build();
    }

    /// <summary>
    /// The "euclidean" profile over <paramref name="count"/> locations: seconds = distance x <see cref="Scale"/> rounded
    /// up (never shorter than the real travel), metres rounded to nearest (the objective).
    /// </summary>
    public static TravelProfile ScaledProfile(int count, Func<int, int, double> distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        var seconds = new int[count * count];
        var metres = new int[count * count];
        for (int a = 0; a < count; a++)
        {
            for (int b = 0; b < count; b++)
            {
                double d = distance(a, b) * Scale;
                seconds[(a * count) + b] = (int)Math.Ceiling(d - 1e-7);
                metres[(a * count) + b] = (int)Math.Round(d);
            }
        }

        return new TravelProfile("euclidean", new Matrix(count, seconds), new Matrix(count, metres));
    }
}
