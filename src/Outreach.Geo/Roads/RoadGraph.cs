using NetTopologySuite.Geometries;
using Outreach.Geo.Snapping;

namespace Outreach.Geo.Roads;

/// <summary>One segment of a road graph: a piece of one OSM way between two junction (or end) nodes.</summary>
/// <param name="From">Node index at the segment's start (way order).</param>
/// <param name="To">Node index at its end.</param>
/// <param name="Metres">Haversine length in metres along the way's vertices.</param>
/// <param name="Forward">The profile may travel From to To.</param>
/// <param name="Backward">The profile may travel To to From.</param>
/// <param name="Way">The way it belongs to.</param>
public readonly record struct RoadSegment(int From, int To, double Metres, bool Forward, bool Backward, RoadWay Way);

/// <summary>
/// The routable graph of one <see cref="TravelProfile"/>: junctions where usable ways share an OSM node id,
/// segments between them, in compressed sparse row form (arcs of node v are <c>ArcStart[v]..ArcStart[v+1]</c>).
/// Only the largest strongly connected component is kept (see <see cref="Components"/>). Lengths in metres,
/// positions in lon/lat degrees. Immutable after construction and thread-safe to read, including
/// <see cref="Index"/>, which is built once on first use.
/// </summary>
public sealed class RoadGraph
{
    // Per node: position and OSM id.
    internal readonly double[] NodeLon;
    internal readonly double[] NodeLat;
    internal readonly long[] NodeOsmId;

    // Per segment (index s): ends, length, allowed directions, owning way, and geometry in way order.
    internal readonly int[] SegFrom;
    internal readonly int[] SegTo;
    internal readonly double[] SegMetres;
    internal readonly bool[] SegForward;
    internal readonly bool[] SegBackward;
    internal readonly int[] SegWay;
    internal readonly LineString[] SegGeometry;

    // CSR arcs: for node v, arcs ArcStart[v]..ArcStart[v+1]-1 lead to ArcTarget[a] over segment ArcSegment[a],
    // along the segment's way order when ArcAlong[a] is true, against it otherwise.
    internal readonly int[] ArcStart;
    internal readonly int[] ArcTarget;
    internal readonly int[] ArcSegment;
    internal readonly bool[] ArcAlong;

    private readonly Lazy<EdgeIndex> _index;

    internal RoadGraph(
        TravelProfile profile, IReadOnlyList<RoadWay> ways, double[] nodeLon, double[] nodeLat, long[] nodeOsmId,
        int[] segFrom, int[] segTo, double[] segMetres, bool[] segForward, bool[] segBackward, int[] segWay, LineString[] segGeometry,
        ComponentReport components)
    {
        Profile = profile;
        Ways = ways;
        NodeLon = nodeLon;
        NodeLat = nodeLat;
        NodeOsmId = nodeOsmId;
        SegFrom = segFrom;
        SegTo = segTo;
        SegMetres = segMetres;
        SegForward = segForward;
        SegBackward = segBackward;
        SegWay = segWay;
        SegGeometry = segGeometry;
        Components = components;

        int n = nodeLon.Length;
        ArcStart = new int[n + 1];
        for (int s = 0; s < segFrom.Length; s++)
        {
            if (segForward[s])
            {
                ArcStart[segFrom[s] + 1]++;
            }

            if (segBackward[s])
            {
                ArcStart[segTo[s] + 1]++;
            }
        }

        for (int v = 0; v < n; v++)
        {
            ArcStart[v + 1] += ArcStart[v];
        }

        int arcs = ArcStart[n];
        ArcTarget = new int[arcs];
        ArcSegment = new int[arcs];
        ArcAlong = new bool[arcs];
        var fill = (int[])ArcStart.Clone();
        for (int s = 0; s < segFrom.Length; s++)
        {
            if (segForward[s])
            {
                int a = fill[segFrom[s]]++;
                ArcTarget[a] = segTo[s];
                ArcSegment[a] = s;
                ArcAlong[a] = true;
            }

            if (segBackward[s])
            {
                int a = fill[segTo[s]]++;
                ArcTarget[a] = segFrom[s];
                ArcSegment[a] = s;
                ArcAlong[a] = false;
            }
        }

        _index = new Lazy<EdgeIndex>(() => new EdgeIndex(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The profile this graph is for.</summary>
    public TravelProfile Profile { get; }

    /// <summary>All road ways of the map (shared by the profiles' graphs); <see cref="RoadSegment.Way"/> points into it.</summary>
    public IReadOnlyList<RoadWay> Ways { get; }

    /// <summary>Junction and end nodes kept.</summary>
    public int NodeCount => NodeLon.Length;

    /// <summary>Segments kept.</summary>
    public int SegmentCount => SegFrom.Length;

    /// <summary>Directed arcs (a two-way segment counts twice).</summary>
    public int ArcCount => ArcTarget.Length;

    /// <summary>What the strongly-connected-component filter dropped.</summary>
    public ComponentReport Components { get; }

    /// <summary>Total kept length in metres.</summary>
    public double TotalMetres => SegMetres.Sum();

    /// <summary>The spatial index of segments used for snapping (built once, thread-safe).</summary>
    public EdgeIndex Index => _index.Value;

    /// <summary>Segment <paramref name="s"/>.</summary>
    public RoadSegment Segment(int s) => new(SegFrom[s], SegTo[s], SegMetres[s], SegForward[s], SegBackward[s], Ways[SegWay[s]]);

    /// <summary>The segment's geometry in way order (lon/lat).</summary>
    public LineString SegmentGeometry(int s) => SegGeometry[s];

    /// <summary>OSM node id of node <paramref name="v"/>.</summary>
    public long NodeOsmIdOf(int v) => NodeOsmId[v];

    /// <summary>Position of node <paramref name="v"/> (X = lon, Y = lat).</summary>
    public Coordinate NodePosition(int v) => new(NodeLon[v], NodeLat[v]);

    /// <summary>Node index of an OSM node id, or -1 when it is not a kept junction or end.</summary>
    public int NodeOf(long osmNodeId) => Array.IndexOf(NodeOsmId, osmNodeId);

    /// <summary>Segment indices belonging to OSM way <paramref name="osmWayId"/>.</summary>
    public IEnumerable<int> SegmentsOfWay(long osmWayId)
    {
        for (int s = 0; s < SegWay.Length; s++)
        {
            if (Ways[SegWay[s]].OsmId == osmWayId)
            {
                yield return s;
            }
        }
    }
}
