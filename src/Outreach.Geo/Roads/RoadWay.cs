using NetTopologySuite.Geometries;

namespace Outreach.Geo.Roads;

/// <summary>
/// One OSM way tagged `highway`: its id, node ids parallel to its coordinates (lon/lat degrees) and its tags
/// as strings. Node ids are what make junctions: two ways meet where they share a node id. Immutable.
/// </summary>
public sealed class RoadWay
{
    /// <summary>Creates a way; <paramref name="nodeIds"/> and <paramref name="coordinates"/> must have equal length.</summary>
    public RoadWay(long osmId, long[] nodeIds, Coordinate[] coordinates, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(coordinates);
        if (nodeIds.Length != coordinates.Length)
        {
            throw new ArgumentException($"way {osmId}: {nodeIds.Length} node ids for {coordinates.Length} coordinates");
        }

        OsmId = osmId;
        NodeIds = nodeIds;
        Coordinates = coordinates;
        Tags = tags;
    }

    /// <summary>OSM way id (or a feature-derived id when the source had none).</summary>
    public long OsmId { get; }

    /// <summary>Node ids in way order.</summary>
    public IReadOnlyList<long> NodeIds { get; }

    /// <summary>Positions in way order (X = lon, Y = lat).</summary>
    public IReadOnlyList<Coordinate> Coordinates { get; }

    /// <summary>OSM tags as strings (highway, oneway, surface, maxspeed, access, ...).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>The `highway` class, e.g. "residential".</summary>
    public string Highway => Tag("highway") ?? "road";

    /// <summary>A tag's value or null.</summary>
    public string? Tag(string key) => Tags.TryGetValue(key, out var v) ? v : null;
}
