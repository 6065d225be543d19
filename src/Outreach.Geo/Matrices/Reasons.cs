using Outreach.Geo.Snapping;

namespace Outreach.Geo.Matrices;

/// <summary>
/// Names the cause of each unreachable pair: for every source with unreachable targets, a breadth-first search per
/// flood area or closure (that barrier alone) finds which one cuts the pair; if none alone does, all together
/// ("combined"); otherwise the network itself. Stateless and thread-safe.
/// </summary>
internal static class Reasons
{
    public static (IReadOnlyList<UnreachableReason> Reasons, int[] Index) Explain(
        TravelCosts costs, IReadOnlyList<SnappedSite> sites, RoadMatrix.SiteEnds[] ends, int[] seconds)
    {
        int n = sites.Count;
        var reasons = new List<UnreachableReason>();
        var lookup = new Dictionary<UnreachableReason, int>();
        var index = new int[n * n];

        int Code(UnreachableReason r)
        {
            if (!lookup.TryGetValue(r, out int k))
            {
                reasons.Add(r);
                k = reasons.Count;
                lookup[r] = k;
            }

            return k;
        }

        var barriers = costs.Barriers;
        var all = Enumerable.Range(0, barriers.Count).ToArray();
        var combined = new UnreachableReason(UnreachableKind.Combined, string.Join(", ", barriers.Where(b => b.ClosedSegments > 0).Select(b => b.Name)));
        var rows = new object();
        Parallel.For(0, n, i =>
        {
            var pending = Enumerable.Range(0, n).Where(j => seconds[i * n + j] == TravelMatrix.Unreachable).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            var codes = new int[n];
            if (ends[i].Segment < 0)
            {
                lock (rows)
                {
                    int code = Code(new UnreachableReason(UnreachableKind.NotSnapped, null));
                    pending.ForEach(j => index[i * n + j] = code);
                }

                return;
            }

            var reached = new bool[costs.Graph.NodeCount];
            for (int b = 0; b < barriers.Count && pending.Count > 0; b++)
            {
                Search(costs, ends[i], [b], reached);
                var cut = pending.Where(j => ends[j].Segment >= 0 && !Arrives(costs, ends[i], ends[j], [b], reached)).ToList();
                if (cut.Count > 0)
                {
                    var reason = new UnreachableReason(barriers[b].IsFlood ? UnreachableKind.Flood : UnreachableKind.Closure, barriers[b].Name);
                    lock (rows)
                    {
                        int code = Code(reason);
                        cut.ForEach(j => codes[j] = code);
                    }

                    pending.RemoveAll(cut.Contains);
                }
            }

            if (pending.Count > 0)
            {
                Search(costs, ends[i], all, reached);
                lock (rows)
                {
                    foreach (int j in pending)
                    {
                        codes[j] = ends[j].Segment < 0 ? Code(new UnreachableReason(UnreachableKind.NotSnapped, null))
                            : barriers.Count > 0 && !Arrives(costs, ends[i], ends[j], all, reached) && Connected(costs, ends[i], ends[j]) ? Code(combined)
                            : Code(new UnreachableReason(UnreachableKind.Disconnected, null));
                    }
                }
            }

            for (int j = 0; j < n; j++)
            {
                index[i * n + j] = codes[j];
            }
        });

        return (reasons, index);
    }

    private static bool Connected(TravelCosts costs, RoadMatrix.SiteEnds from, RoadMatrix.SiteEnds to)
    {
        var reached = new bool[costs.Graph.NodeCount];
        Search(costs, from, [], reached);
        return Arrives(costs, from, to, [], reached);
    }

    private static bool Open(TravelCosts costs, int segment, int[] barriers)
    {
        foreach (int b in barriers)
        {
            if (costs.ClosedBy[b][segment])
            {
                return false;
            }
        }

        return true;
    }

    // Marks nodes reachable from the source's segment when only `barriers` close roads (rain does not cut).
    private static void Search(TravelCosts costs, RoadMatrix.SiteEnds source, int[] barriers, bool[] reached)
    {
        Array.Clear(reached);
        var g = costs.Graph;
        var queue = new Queue<int>();
        if (Open(costs, source.Segment, barriers))
        {
            if (g.SegBackward[source.Segment] || source.AtFrom)
            {
                reached[source.FromNode] = true;
                queue.Enqueue(source.FromNode);
            }

            if ((g.SegForward[source.Segment] || source.AtTo) && !reached[source.ToNode])
            {
                reached[source.ToNode] = true;
                queue.Enqueue(source.ToNode);
            }
        }

        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            for (int a = g.ArcStart[v]; a < g.ArcStart[v + 1]; a++)
            {
                int w = g.ArcTarget[a];
                if (!reached[w] && Open(costs, g.ArcSegment[a], barriers))
                {
                    reached[w] = true;
                    queue.Enqueue(w);
                }
            }
        }
    }

    private static bool Arrives(TravelCosts costs, RoadMatrix.SiteEnds source, RoadMatrix.SiteEnds target, int[] barriers, bool[] reached)
    {
        var g = costs.Graph;
        int s = target.Segment;
        if (!Open(costs, s, barriers))
        {
            return false;
        }

        if (source.Segment == s)
        {
            return (target.Fraction >= source.Fraction && g.SegForward[s]) || (target.Fraction <= source.Fraction && g.SegBackward[s])
                || (g.SegForward[s] && reached[target.FromNode]) || (g.SegBackward[s] && reached[target.ToNode]);
        }

        return ((g.SegForward[s] || target.AtFrom) && reached[target.FromNode]) || ((g.SegBackward[s] || target.AtTo) && reached[target.ToNode]);
    }
}
