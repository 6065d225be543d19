using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Snapping;

/// <summary>The nearest point of a graph segment to a query point.</summary>
/// <param name="Segment">Segment index in the graph.</param>
/// <param name="Fraction">Position along the segment in way order, 0 at its From node, 1 at its To node.</param>
/// <param name="DistanceMetres">Straight-line metres from the query point to the segment.</param>
/// <param name="OnRoad">The nearest point on the segment (lon/lat).</param>
public readonly record struct EdgeHit(int Segment, double Fraction, double DistanceMetres, Coordinate OnRoad);

/// <summary>
/// An STRtree over the segments of one <see cref="RoadGraph"/>. Built (and its tree packed) once in the constructor,
/// then only queried, so one instance is safely shared by all threads. Distances in metres use a local
/// equirectangular projection around the query point (error well under 0.1 % within a few km).
/// </summary>
public sealed class EdgeIndex
{
    private static readonly double[] SearchSteps = [100, 400, 1600, 6400, 25600];
    private readonly RoadGraph _graph;
    private readonly STRtree<int> _tree = new();

    /// <summary>Indexes every segment of <paramref name="graph"/>.</summary>
    public EdgeIndex(RoadGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        for (int s = 0; s < graph.SegmentCount; s++)
        {
            _tree.Insert(graph.SegGeometry[s].EnvelopeInternal, s);
        }

        // Pack now: STRtree builds lazily on first query, which is not safe to race from several threads.
        _tree.Build();
    }

    /// <summary>Segments whose bounding boxes intersect <paramref name="envelope"/> (lon/lat).</summary>
    public IList<int> Query(Envelope envelope) => _graph.SegmentCount == 0 ? [] : _tree.Query(envelope);

    /// <summary>The nearest segment within <paramref name="maxRadiusMetres"/> of (lon, lat), or null.</summary>
    public EdgeHit? Nearest(double lon, double lat, double maxRadiusMetres)
    {
        if (_graph.SegmentCount == 0)
        {
            return null;
        }

        foreach (double step in SearchSteps.Where(r => r < maxRadiusMetres).Append(maxRadiusMetres))
        {
            EdgeHit? best = null;
            foreach (int s in _tree.Query(Geodesy.EnvelopeAround(lon, lat, step)))
            {
                var hit = Project(s, lon, lat);
                if (best is null || hit.DistanceMetres < best.Value.DistanceMetres)
                {
                    best = hit;
                }
            }

            // Only a hit within the searched radius is certainly the nearest one.
            if (best is { } b && b.DistanceMetres <= step)
            {
                return b;
            }
        }

        return null;
    }

    private EdgeHit Project(int s, double lon0, double lat0)
    {
        var cs = _graph.SegGeometry[s].Coordinates;
        double kx = Math.Cos(lat0 * Math.PI / 180.0) * Geodesy.MetresPerDegree, ky = Geodesy.MetresPerDegree;
        double bestD2 = double.MaxValue, bestAlong = 0, total = 0, bx = 0, by = 0;
        for (int i = 1; i < cs.Length; i++)
        {
            double ax = (cs[i - 1].X - lon0) * kx, ay = (cs[i - 1].Y - lat0) * ky;
            double ex = (cs[i].X - lon0) * kx, ey = (cs[i].Y - lat0) * ky;
            double dx = ex - ax, dy = ey - ay, len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1) : 0;
            double px = ax + t * dx, py = ay + t * dy, d2 = px * px + py * py;
            double len = Math.Sqrt(len2);
            if (d2 < bestD2)
            {
                bestD2 = d2;
                bestAlong = total + t * len;
                bx = px;
                by = py;
            }

            total += len;
        }

        double fraction = total > 0 ? bestAlong / total : 0;
        return new EdgeHit(s, fraction, Math.Sqrt(bestD2), new Coordinate(lon0 + bx / kx, lat0 + by / ky));
    }
}
