namespace Outreach.Solver.Routing;

/// <summary>
/// SISR ruin: remove strings (or split strings, keeping a block inside) of consecutive stops from the routes nearest
/// a random seed stop; a pair leaves with both stops; pinned positions never move.
/// </summary>
internal sealed partial class Search
{
    private void StringRemoval()
    {
        int assignedStops = 0;
        int usedRoutes = 0;
        foreach (var route in State.Routes)
        {
            if (route.Count > 0)
            {
                assignedStops += route.Count;
                usedRoutes++;
            }
        }

        if (usedRoutes == 0)
        {
            return;
        }

        double lsMax = Math.Min(MaxStringLength, (double)assignedStops / usedRoutes);
        double ksMax = (4 * AverageRemoved / (1 + lsMax)) - 1;
        int ks = (int)Math.Floor((rng.NextDouble() * ksMax) + 1);
        int seed = -1;
        for (int attempt = 0; attempt < 64 && seed < 0; attempt++)
        {
            int s = rng.Next(m.StopCount);
            if (State.StopRoute[s] >= 0)
            {
                seed = s;
            }
        }

        if (seed < 0)
        {
            return;
        }

        int removedCount = 0;
        int ruinedRoutes = 0;
        var neighbours = m.Neighbours[seed];
        for (int k = -1; k < neighbours.Length && ruinedRoutes < ks; k++)
        {
            int c = k < 0 ? seed : neighbours[k];
            int r = State.StopRoute[c];
            if (r < 0 || removed[c] || routeStamp[r] == stamp)
            {
                continue;
            }

            var route = State.Routes[r];
            int free = route.Count - route.PinnedPrefix;
            int position = State.StopPosition[c];
            if (free <= 0 || position <= route.PinnedPrefix)
            {
                continue;
            }

            Touch(r);
            ruinedRoutes++;
            double ltMax = Math.Min(free, lsMax);
            int length = (int)Math.Floor((rng.NextDouble() * ltMax) + 1);
            length = Math.Clamp(length, 1, free);
            int window = length;
            int keep = 0;
            if (length < free && rng.NextDouble() < SplitRate)
            {
                keep = 1;
                while (length + keep < free && rng.NextDouble() > SplitDepth)
                {
                    keep++;
                }

                window = length + keep;
            }

            int lo = route.PinnedPrefix + 1;
            int hi = route.Count - window + 1;
            int begin = Math.Clamp(position - rng.Next(window), lo, Math.Max(lo, hi));
            int keepAt = keep > 0 ? begin + rng.Next(window - keep + 1) : int.MaxValue;
            for (int p = begin; p < begin + window && p <= route.Count; p++)
            {
                if (p >= keepAt && p < keepAt + keep)
                {
                    continue;
                }

                int task = m.StopTask[route.Stops[p]];
                if (m.TaskPinnedPosition[task] || removed[route.Stops[p]])
                {
                    continue;
                }

                int first = m.TaskFirstStop[task];
                removed[first] = true;
                if (m.TaskIsPair[task])
                {
                    removed[first + 1] = true;
                }

                removedTasks[removedCount++] = task;
            }
        }

        FinishRemoval(removedCount);
    }
}
