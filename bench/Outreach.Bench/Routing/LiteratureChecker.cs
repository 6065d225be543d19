namespace Outreach.Bench.Routing;

/// <summary>
/// Re-checks a literature plan in double precision straight from the instance file (independent of the integer
/// model): every customer once, capacity, windows on service start, pairs on one route with pickup first,
/// return to the depot by its due date. Returns the total Euclidean distance.
/// </summary>
public static class LiteratureChecker
{
    public static (bool Feasible, double Distance, IReadOnlyList<string> Errors) Check(LiteratureInstance instance, IReadOnlyList<IReadOnlyList<int>> routes)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(routes);
        const double Epsilon = 1e-9;
        var errors = new List<string>();
        var seen = new int[instance.Nodes.Count];
        double total = 0;
        var depot = instance.Nodes[0];
        for (int r = 0; r < routes.Count; r++)
        {
            var route = routes[r];
            double time = depot.Ready;
            double load = route.Where(id => !instance.IsPickupDelivery).Sum(id => instance.Nodes[id].Demand);
            if (load > instance.Capacity)
            {
                errors.Add($"route {r}: load {load} > {instance.Capacity}");
            }

            int previous = 0;
            var position = new Dictionary<int, int>();
            for (int i = 0; i < route.Count; i++)
            {
                int id = route[i];
                if (id <= 0 || id >= instance.Nodes.Count)
                {
                    errors.Add($"route {r}: bad node {id}");
                    continue;
                }

                var node = instance.Nodes[id];
                seen[id]++;
                position[id] = i;
                double d = instance.Distance(previous, id);
                total += d;
                time = Math.Max(time + d, node.Ready);
                if (time > node.Due + Epsilon)
                {
                    errors.Add($"route {r}: node {id} starts {time:F4} after due {node.Due}");
                }

                time += node.Service;
                if (instance.IsPickupDelivery)
                {
                    load += node.Demand;
                    if (load > instance.Capacity + Epsilon || load < -Epsilon)
                    {
                        errors.Add($"route {r}: load {load} after node {id}");
                    }

                    if (node.PickupSibling != 0 && (!position.TryGetValue(node.PickupSibling, out int p) || p >= i))
                    {
                        errors.Add($"route {r}: delivery {id} before or without its pickup {node.PickupSibling}");
                    }
                }
                else
                {
                    load -= node.Demand;
                }

                previous = id;
            }

            double back = instance.Distance(previous, 0);
            total += back;
            if (time + back > depot.Due + Epsilon)
            {
                errors.Add($"route {r}: returns {time + back:F4} after depot due {depot.Due}");
            }
        }

        for (int id = 1; id < instance.Nodes.Count; id++)
        {
            if (seen[id] != 1)
            {
                errors.Add($"node {id} served {seen[id]} times");
            }
        }

        return (errors.Count == 0, total, errors);
    }
}
