using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Outreach.Geo.Elevation;
using Outreach.Geo.Roads;
using Outreach.Geo.Weather;

namespace Outreach.Geo.Matrices;

/// <summary>A flood area or closure that closes road segments, as matrices name it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="IsFlood">A flood area (true) or a chief's closure (false).</param>
/// <param name="Kind">The closure kind (<see cref="ClosureKind.Flood"/> for flood areas).</param>
/// <param name="ClosedSegments">How many segments of the graph it closes.</param>
public sealed record Barrier(string Name, bool IsFlood, ClosureKind Kind, int ClosedSegments);

/// <summary>
/// Travel costs of one graph under one speed table and weather state: per segment and direction the time in
/// milliseconds (-1 where not allowed or closed), lengths in decimetres, and which flood areas or closures close
/// which segments. Immutable after construction; thread-safe to share between matrix computations.
/// </summary>
public sealed class TravelCosts
{
    // Per segment: time along way order and against it in ms (-1: not allowed or closed); length in decimetres.
    internal readonly int[] SegForwardMs;
    internal readonly int[] SegBackwardMs;
    internal readonly int[] SegDecimetres;

    // Per arc (same numbering as the graph's CSR): time in ms (-1 closed) and length in decimetres.
    internal readonly int[] ArcMs;
    internal readonly int[] ArcDecimetres;

    // Per barrier b: ClosedBy[b][s] is true when barrier b closes segment s.
    internal readonly bool[][] ClosedBy;

    private readonly double[] _speedFactor;

    /// <summary>
    /// Computes costs for <paramref name="graph"/>; null speeds or weather mean the defaults and dry weather. With
    /// <paramref name="elevation"/>, climbs and descents slow travel per direction (see <see cref="SlopeFactors"/>).
    /// </summary>
    public TravelCosts(RoadGraph graph, SpeedTable? speeds = null, WeatherState? weather = null, SrtmElevation? elevation = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Graph = graph;
        Speeds = speeds ?? SpeedTable.Default(graph.Profile);
        Weather = weather ?? WeatherState.None;
        int m = graph.SegmentCount;
        var wayKmh = new double[graph.Ways.Count];
        var waySurface = new SurfaceClass[graph.Ways.Count];
        for (int w = 0; w < wayKmh.Length; w++)
        {
            wayKmh[w] = -1;
        }

        _speedFactor = RainFactors(graph, Weather, waySurface);
        var barriers = new List<Barrier>();
        var closedBy = new List<bool[]>();
        foreach (var flood in Weather.Floods)
        {
            var closed = Closed(graph, flood.Area);
            closedBy.Add(closed);
            barriers.Add(new Barrier(flood.Name, true, ClosureKind.Flood, closed.Count(c => c)));
        }

        foreach (var closure in Weather.Closures)
        {
            // A point closes what lies within about 15 m of it (1.35e-4 degrees of latitude).
            var where = closure.Where is Point p ? p.Buffer(1.35e-4) : closure.Where;
            var closed = Closed(graph, where);
            closedBy.Add(closed);
            barriers.Add(new Barrier(closure.Name, false, closure.Kind, closed.Count(c => c)));
        }

        Barriers = barriers;
        ClosedBy = closedBy.ToArray();

        SegForwardMs = new int[m];
        SegBackwardMs = new int[m];
        SegDecimetres = new int[m];
        for (int s = 0; s < m; s++)
        {
            int w = graph.SegWay[s];
            if (wayKmh[w] < 0)
            {
                wayKmh[w] = Speeds.SpeedKmh(graph.Ways[w]);
            }

            bool closed = ClosedBy.Any(c => c[s]);
            double ms = graph.SegMetres[s] / (wayKmh[w] * _speedFactor[s] / 3.6) * 1000.0;
            var (along, against) = elevation is null ? (1.0, 1.0) : Slope(graph, s, elevation);
            int forward = (int)Math.Min(Math.Round(ms / along), int.MaxValue / 4);
            int backward = (int)Math.Min(Math.Round(ms / against), int.MaxValue / 4);
            SegForwardMs[s] = graph.SegForward[s] && !closed ? Math.Max(1, forward) : -1;
            SegBackwardMs[s] = graph.SegBackward[s] && !closed ? Math.Max(1, backward) : -1;
            SegDecimetres[s] = (int)Math.Round(graph.SegMetres[s] * 10);
        }

        ArcMs = new int[graph.ArcCount];
        ArcDecimetres = new int[graph.ArcCount];
        for (int a = 0; a < graph.ArcCount; a++)
        {
            int s = graph.ArcSegment[a];
            ArcMs[a] = graph.ArcAlong[a] ? SegForwardMs[s] : SegBackwardMs[s];
            ArcDecimetres[a] = SegDecimetres[s];
        }
    }

    /// <summary>The graph these costs are for.</summary>
    public RoadGraph Graph { get; }

    /// <summary>The speeds used.</summary>
    public SpeedTable Speeds { get; }

    /// <summary>The weather applied.</summary>
    public WeatherState Weather { get; }

    /// <summary>Flood areas then closures, in <see cref="WeatherState"/> order, with how many segments each closes.</summary>
    public IReadOnlyList<Barrier> Barriers { get; }

    /// <summary>Rain speed factor applied to segment <paramref name="s"/> (1 in dry weather).</summary>
    public double SpeedFactor(int s) => _speedFactor[s];

    /// <summary>Time in seconds to travel segment <paramref name="s"/> along its way order (or against it), or null if not allowed or closed.</summary>
    public double? SegmentSeconds(int s, bool along)
    {
        int ms = along ? SegForwardMs[s] : SegBackwardMs[s];
        return ms < 0 ? null : ms / 1000.0;
    }

    // Slope factors along and against way order, from heights sampled about every 60 m (SRTM cells are ~90 m,
    // so denser sampling would count noise as climbing). No factor where a height is missing.
    private static (double Along, double Against) Slope(RoadGraph graph, int s, SrtmElevation elevation)
    {
        var cs = graph.SegGeometry[s].Coordinates;
        double? last = elevation.HeightMetres(cs[0].X, cs[0].Y);
        if (last is null)
        {
            return (1, 1);
        }

        double climb = 0, descent = 0, run = 0;
        for (int i = 1; i < cs.Length; i++)
        {
            run += Geodesy.HaversineMetres(cs[i - 1], cs[i]);
            if (run < 60 && i < cs.Length - 1)
            {
                continue;
            }

            double? h = elevation.HeightMetres(cs[i].X, cs[i].Y);
            if (h is null)
            {
                return (1, 1);
            }

            climb += Math.Max(0, h.Value - last.Value);
            descent += Math.Max(0, last.Value - h.Value);
            last = h;
            run = 0;
        }

        var surface = SpeedTable.SurfaceOf(graph.Ways[graph.SegWay[s]]);
        double metres = graph.SegMetres[s];
        return (SlopeFactors.Factor(graph.Profile, surface, metres, climb, descent), SlopeFactors.Factor(graph.Profile, surface, metres, descent, climb));
    }

    private static double[] RainFactors(RoadGraph graph, WeatherState weather, SurfaceClass[] waySurface)
    {
        var factor = new double[graph.SegmentCount];
        Array.Fill(factor, 1.0);
        if (weather.Rain.Count == 0)
        {
            return factor;
        }

        for (int w = 0; w < waySurface.Length; w++)
        {
            waySurface[w] = SpeedTable.SurfaceOf(graph.Ways[w]);
        }

        var intensity = new double[graph.SegmentCount];
        foreach (var rain in weather.Rain)
        {
            var prepared = PreparedGeometryFactory.Prepare(rain.Area);
            foreach (int s in graph.Index.Query(rain.Area.EnvelopeInternal))
            {
                if (rain.MillimetresPerHour > intensity[s] && prepared.Intersects(graph.SegGeometry[s]))
                {
                    intensity[s] = rain.MillimetresPerHour;
                }
            }
        }

        for (int s = 0; s < factor.Length; s++)
        {
            factor[s] = WeatherState.RainSpeedFactor(waySurface[graph.SegWay[s]], intensity[s]);
        }

        return factor;
    }

    private static bool[] Closed(RoadGraph graph, Geometry area)
    {
        var closed = new bool[graph.SegmentCount];
        var prepared = PreparedGeometryFactory.Prepare(area);
        foreach (int s in graph.Index.Query(area.EnvelopeInternal))
        {
            closed[s] = prepared.Intersects(graph.SegGeometry[s]);
        }

        return closed;
    }
}
