namespace Outreach.Solver.Routing;

/// <summary>
/// Route removal: empty the smaller of two random non-empty trips (all tasks not pinned to their position), so the
/// recreate may spread them over the others and save the trip.
/// </summary>
internal sealed partial class Search
{
    private void RouteRemoval()
    {
        int chosen = -1;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            int r = RandomFreeRoute();
            if (r >= 0 && (chosen < 0 || State.Routes[r].Count < State.Routes[chosen].Count))
            {
                chosen = r;
            }
        }

        if (chosen < 0)
        {
            return;
        }

        var route = State.Routes[chosen];
        int removedCount = 0;
        for (int p = route.PinnedPrefix + 1; p <= route.Count; p++)
        {
            int s = route.Stops[p];
            if (!m.StopIsDelivery[s])
            {
                removedCount = MarkRemoved(m.StopTask[s], removedCount);
            }
        }

        FinishRemoval(removedCount);
    }

    /// <summary>A random trip with at least one stop after its pinned prefix, or -1.</summary>
    private int RandomFreeRoute()
    {
        int count = 0;
        foreach (var route in State.Routes)
        {
            if (route.Count > route.PinnedPrefix)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return -1;
        }

        int k = rng.Next(count);
        for (int r = 0; r < State.Routes.Length; r++)
        {
            if (State.Routes[r].Count > State.Routes[r].PinnedPrefix && k-- == 0)
            {
                return r;
            }
        }

        return -1;
    }
}
