using NetTopologySuite.Geometries;
using Outreach.Geo.Matrices;
using Outreach.Geo.Snapping;

namespace Outreach.Geo.Paths;

/// <summary>
/// The road path of one leg: the polyline from the first site to the second (lon/lat, site positions included at
/// both ends, the off-network legs as straight pieces), with the same duration and distance the travel matrix gives
/// for the pair. Immutable.
/// </summary>
/// <param name="Points">Vertices in travel order, X = lon, Y = lat.</param>
/// <param name="DurationSeconds">Whole seconds, rounded as <see cref="RoadMatrix"/> rounds them.</param>
/// <param name="DistanceMetres">Whole metres of the path found (road plus off-network legs).</param>
public sealed record RoadPath(IReadOnlyList<Coordinate> Points, int DurationSeconds, int DistanceMetres);

/// <summary>
/// Shortest road paths between two snapped sites for drawing a route: one Dijkstra with predecessors over the same
/// graph, costs and site joins that <see cref="RoadMatrix"/> uses, so the path's duration equals the matrix entry for
/// the pair (ties between equally fast paths may pick a different one of them). Meant for a few legs at a time (a
/// route sheet), not for matrices: each call allocates arrays the size of the graph. Stateless and thread-safe.
/// </summary>
public static class RoadPaths
{
    /// <summary>The fastest path from <paramref name="from"/> to <paramref name="to"/> on <paramref name="costs"/>' graph, or null when none exists (not snapped, closed, one-way dead end).</summary>
    public static RoadPath? Find(TravelCosts costs, SnappedSite from, SnappedSite to)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Hit is not { } fromHit || to.Hit is not { } toHit)
        {
            return null;
        }

        var source = RoadMatrix.SiteEnds.Of(costs, from);
        var target = RoadMatrix.SiteEnds.Of(costs, to);
        var search = new Search(costs);
        search.Run(source, target);

        // The three ways to arrive, as the matrix joins them: via the target segment's From node, via its To node,
        // or along a shared segment without touching a node.
        long best = long.MaxValue, bestDm = 0;
        Arrival how = Arrival.None;
        if (target.ArriveFromFromMs >= 0 && search.Reached(target.FromNode) is var (fm, fd) && fm >= 0)
        {
            best = fm + target.ArriveFromFromMs;
            bestDm = fd + target.ArriveFromFromDm;
            how = Arrival.ViaFrom;
        }

        if (target.ArriveFromToMs >= 0 && search.Reached(target.ToNode) is var (tm, td) && tm >= 0 && tm + target.ArriveFromToMs < best)
        {
            best = tm + target.ArriveFromToMs;
            bestDm = td + target.ArriveFromToDm;
            how = Arrival.ViaTo;
        }

        if (source.Segment == target.Segment)
        {
            double dt = target.Fraction - source.Fraction;
            if (dt >= 0 && source.ForwardMs >= 0 && (long)Math.Round(dt * source.ForwardMs) < best)
            {
                best = (long)Math.Round(dt * source.ForwardMs);
                bestDm = (long)Math.Round(dt * source.SegmentDm);
                how = Arrival.Along;
            }
            else if (dt <= 0 && source.BackwardMs >= 0 && (long)Math.Round(-dt * source.BackwardMs) < best)
            {
                best = (long)Math.Round(-dt * source.BackwardMs);
                bestDm = (long)Math.Round(-dt * source.SegmentDm);
                how = Arrival.Along;
            }
        }

        if (how == Arrival.None)
        {
            return null;
        }

        var g = costs.Graph;
        var points = new List<Coordinate>();
        Add(points, from.Site);
        Add(points, fromHit.OnRoad);
        if (how == Arrival.Along)
        {
            AddPart(points, g.SegmentGeometry(source.Segment).Coordinates, source.Fraction, target.Fraction);
        }
        else
        {
            int endNode = how == Arrival.ViaFrom ? target.FromNode : target.ToNode;
            var arcs = search.ArcsTo(endNode);
            int startNode = arcs.Count > 0 ? ArcSource(g, arcs[0]) : endNode;
            // Leave the source segment towards the node the chain starts from (a loop segment has both ends at one
            // node: leave the way the seed was allowed).
            bool towardsFrom = startNode == source.FromNode && (startNode != source.ToNode || source.LeaveToFromMs >= 0);
            AddPart(points, g.SegmentGeometry(source.Segment).Coordinates, source.Fraction, towardsFrom ? 0 : 1);
            foreach (int a in arcs)
            {
                var cs = g.SegmentGeometry(g.ArcSegment[a]).Coordinates;
                AddPart(points, cs, g.ArcAlong[a] ? 0 : 1, g.ArcAlong[a] ? 1 : 0);
            }

            AddPart(points, g.SegmentGeometry(target.Segment).Coordinates, how == Arrival.ViaFrom ? 0 : 1, target.Fraction);
        }

        Add(points, toHit.OnRoad);
        Add(points, to.Site);
        long ms = best + source.OffMs + target.OffMs;
        long dm = bestDm + source.OffDm + target.OffDm;
        return new RoadPath(points, (int)Math.Min(int.MaxValue, (ms + 500) / 1000), (int)Math.Min(int.MaxValue, (dm + 5) / 10));
    }

    /// <summary>Snaps both points (X = lon, Y = lat) on the costs' graph and finds the path between them.</summary>
    public static RoadPath? Find(TravelCosts costs, Coordinate from, Coordinate to, SnapOptions? snap = null)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return Find(costs, Snapper.Snap(costs.Graph, from.X, from.Y, snap), Snapper.Snap(costs.Graph, to.X, to.Y, snap));
    }

    // The node an arc leaves: arcs run along their segment's way order (From to To) or against it.
    private static int ArcSource(Roads.RoadGraph g, int arc)
    {
        int s = g.ArcSegment[arc];
        return g.ArcAlong[arc] ? g.SegFrom[s] : g.SegTo[s];
    }

    private enum Arrival
    {
        None,
        ViaFrom,
        ViaTo,
        Along,
    }

    /// <summary>Appends the part of a way-ordered polyline between two length fractions, in travel order.</summary>
    private static void AddPart(List<Coordinate> points, Coordinate[] cs, double fromFraction, double toFraction)
    {
        // Cumulative haversine lengths; the snapper's fractions are lengths too (local projection, same to ~0.1 %).
        var cumulative = new double[cs.Length];
        for (int i = 1; i < cs.Length; i++)
        {
            cumulative[i] = cumulative[i - 1] + Geodesy.HaversineMetres(cs[i - 1], cs[i]);
        }

        double total = cumulative[^1];
        Add(points, At(cs, cumulative, fromFraction * total));
        if (fromFraction <= toFraction)
        {
            for (int i = 0; i < cs.Length; i++)
            {
                if (cumulative[i] > fromFraction * total && cumulative[i] < toFraction * total)
                {
                    Add(points, cs[i]);
                }
            }
        }
        else
        {
            for (int i = cs.Length - 1; i >= 0; i--)
            {
                if (cumulative[i] < fromFraction * total && cumulative[i] > toFraction * total)
                {
                    Add(points, cs[i]);
                }
            }
        }

        Add(points, At(cs, cumulative, toFraction * total));
    }

    private static Coordinate At(Coordinate[] cs, double[] cumulative, double metres)
    {
        for (int i = 1; i < cs.Length; i++)
        {
            if (metres <= cumulative[i])
            {
                double piece = cumulative[i] - cumulative[i - 1];
                double t = piece > 0 ? (metres - cumulative[i - 1]) / piece : 0;
                return new Coordinate(cs[i - 1].X + t * (cs[i].X - cs[i - 1].X), cs[i - 1].Y + t * (cs[i].Y - cs[i - 1].Y));
            }
        }

        return cs[^1];
    }

    // Skips a vertex equal to the last one (the joins between pieces repeat their shared node).
    private static void Add(List<Coordinate> points, Coordinate c)
    {
        if (points.Count == 0 || !points[^1].Equals2D(c, 1e-9))
        {
            points.Add(new Coordinate(c.X, c.Y));
        }
    }

    /// <summary>One Dijkstra from a source site: tentative times (ms), lengths (dm) and the arc each node was reached by.</summary>
    private sealed class Search(TravelCosts costs)
    {
        private readonly long[] _ms = Filled(costs.Graph.NodeCount);
        private readonly long[] _dm = new long[costs.Graph.NodeCount];
        private readonly int[] _predArc = Filled32(costs.Graph.NodeCount);
        private readonly bool[] _settled = new bool[costs.Graph.NodeCount];

        public void Run(RoadMatrix.SiteEnds source, RoadMatrix.SiteEnds target)
        {
            var g = costs.Graph;
            var heap = new PriorityQueue<int, long>();
            if (source.LeaveToFromMs >= 0)
            {
                Seed(heap, source.FromNode, source.LeaveToFromMs, source.LeaveToFromDm);
            }

            if (source.LeaveToToMs >= 0 && (_ms[source.ToNode] == long.MaxValue || source.LeaveToToMs < _ms[source.ToNode]))
            {
                Seed(heap, source.ToNode, source.LeaveToToMs, source.LeaveToToDm);
            }

            int remaining = target.FromNode == target.ToNode ? 1 : 2;
            while (heap.TryDequeue(out int v, out long t) && remaining > 0)
            {
                if (_settled[v] || t > _ms[v])
                {
                    continue;
                }

                _settled[v] = true;
                if (v == target.FromNode || v == target.ToNode)
                {
                    remaining--;
                }

                for (int a = g.ArcStart[v], end = g.ArcStart[v + 1]; a < end; a++)
                {
                    int cost = costs.ArcMs[a];
                    int w = g.ArcTarget[a];
                    if (cost < 0 || _settled[w] || t + cost >= _ms[w])
                    {
                        continue;
                    }

                    _ms[w] = t + cost;
                    _dm[w] = _dm[v] + costs.ArcDecimetres[a];
                    _predArc[w] = a;
                    heap.Enqueue(w, _ms[w]);
                }
            }
        }

        /// <summary>Settled (ms, dm) of node <paramref name="v"/>, or (-1, -1).</summary>
        public (long Ms, long Dm) Reached(int v) => v >= 0 && _settled[v] ? (_ms[v], _dm[v]) : (-1, -1);

        /// <summary>The arcs from a seed node to <paramref name="v"/>, in travel order.</summary>
        public List<int> ArcsTo(int v)
        {
            var arcs = new List<int>();
            for (int a = _predArc[v]; a >= 0; a = _predArc[ArcSource(costs.Graph, a)])
            {
                arcs.Add(a);
            }

            arcs.Reverse();
            return arcs;
        }

        private void Seed(PriorityQueue<int, long> heap, int v, long ms, long dm)
        {
            _ms[v] = ms;
            _dm[v] = dm;
            _predArc[v] = -1;
            heap.Enqueue(v, ms);
        }

        private static long[] Filled(int n)
        {
            var a = new long[n];
            Array.Fill(a, long.MaxValue);
            return a;
        }

        private static int[] Filled32(int n)
        {
            var a = new int[n];
            Array.Fill(a, -1);
            return a;
        }
    }
}
