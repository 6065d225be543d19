namespace Outreach.Solver.Routing;

/// <summary>
/// SISR recreate: reinsert unassigned tasks one by one at their cheapest feasible position, in a random,
/// largest-demand, farthest or closest order, skipping each improving position with a small "blink" probability.
/// </summary>
internal sealed partial class Search
{
    internal void Recreate(bool allowNewVehicles, double blink)
    {
        int count = State.UnassignedCount;
        if (count == 0)
        {
            return;
        }

        Array.Copy(State.Unassigned, order, count);
        double pick = rng.NextDouble() * 11;
        for (int i = 0; i < count; i++)
        {
            int t = order[i];
            orderKey[i] = pick switch
            {
                < 4 => rng.NextDouble(),
                < 8 => -taskDemand[t],
                < 10 => -taskDistance[t],
                _ => taskDistance[t],
            };
        }

        Array.Sort(orderKey, order, 0, count);
        for (int i = 0; i < count; i++)
        {
            int task = order[i];
            if (m.TaskPinnedPosition[task] || probeTask[task])
            {
                // Only PlacePinnedPrefixes places these; when their sequence no longer fits they stay out.
                continue;
            }

            var insertion = State.FindBest(task, allowNewVehicles, ref rng, blink);
            if (insertion.Found && insertion.Delta < m.TaskPenalty[task])
            {
                int v = State.Routes[insertion.Route].Vehicle;
                for (int r = State.VehicleFirstRoute[v]; r < State.VehicleFirstRoute[v + 1]; r++)
                {
                    Touch(r);
                }

                State.TryApply(insertion, task);
            }
        }
    }
}
