namespace Outreach.Geo.Osm;

/// <summary>An OSM node: id (64-bit: ids above 2^32 are common), position in degrees and its tags (empty when untagged). Immutable.</summary>
public sealed record OsmNode(long Id, double Lon, double Lat, IReadOnlyDictionary<string, string> Tags);

/// <summary>An OSM way: id, ordered node ids and tags. Immutable.</summary>
public sealed record OsmWay(long Id, IReadOnlyList<long> NodeIds, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// The nodes and ways of an OSM XML file (relations are counted, not kept), and the problems found,
/// each naming the OSM element. Immutable once read; thread-safe to read.
/// </summary>
public sealed class OsmData
{
    /// <summary>Creates the container.</summary>
    public OsmData(IReadOnlyDictionary<long, OsmNode> nodes, IReadOnlyList<OsmWay> ways, int relationCount, IReadOnlyList<GeoJson.GeoDataError> errors)
    {
        Nodes = nodes;
        Ways = ways;
        RelationCount = relationCount;
        Errors = errors;
    }

    /// <summary>Nodes by id.</summary>
    public IReadOnlyDictionary<long, OsmNode> Nodes { get; }

    /// <summary>Ways in file order.</summary>
    public IReadOnlyList<OsmWay> Ways { get; }

    /// <summary>How many relations the file held (not kept).</summary>
    public int RelationCount { get; }

    /// <summary>Problems, each naming "node 123" or "way 456".</summary>
    public IReadOnlyList<GeoJson.GeoDataError> Errors { get; }
}
