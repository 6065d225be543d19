using System.Text.Json;
using NetTopologySuite.Geometries;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Osm;

namespace Outreach.Geo.Roads;

/// <summary>The ways read and the features that could not be used, each named. Immutable.</summary>
public sealed record RoadWayReadResult(IReadOnlyList<RoadWay> Ways, IReadOnlyList<GeoDataError> Errors);

/// <summary>
/// Turns roads.geojson features (LineStrings with `osm_id`, `highway`, ... and `nodes`) or OSM XML ways into
/// <see cref="RoadWay"/>s. Features without `nodes` get ids from their rounded coordinates, so files from other
/// sources still join where vertices coincide. Stateless and thread-safe.
/// </summary>
public static class RoadWayReader
{
    /// <summary>Reads ways from GeoJSON features; non-road or malformed features become errors naming their index.</summary>
    public static RoadWayReadResult FromFeatures(GeoJsonReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var ways = new List<RoadWay>(read.Features.Count);
        var errors = new List<GeoDataError>(read.Errors);
        var syntheticIds = new Dictionary<(long, long), long>();
        foreach (var f in read.Features)
        {
            if (f.GetString("highway") is null)
            {
                errors.Add(new GeoDataError(f.Describe(), "no \"highway\" property; not a road"));
                continue;
            }

            long osmId = f.GetInt64("osm_id") ?? -(f.Index + 1L);
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in f.Properties)
            {
                if (key is "nodes" or "osm_id")
                {
                    continue;
                }

                string? text = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => null,
                };
                if (text is not null)
                {
                    tags[key] = text;
                }
            }

            var lines = f.Geometry switch
            {
                LineString l => [l],
                MultiLineString ml => ml.Geometries.Cast<LineString>().ToList(),
                _ => new List<LineString>(),
            };
            if (lines.Count == 0)
            {
                errors.Add(new GeoDataError(f.Describe(), $"geometry is {f.Geometry.GeometryType}; a road must be a LineString"));
                continue;
            }

            long[]? nodeIds = null;
            if (lines.Count == 1 && f.Properties.TryGetValue("nodes", out var nodesEl))
            {
                nodeIds = ReadNodes(nodesEl);
                if (nodeIds is null || nodeIds.Length != lines[0].NumPoints)
                {
                    errors.Add(new GeoDataError(f.Describe(), $"\"nodes\" must be an array of {lines[0].NumPoints} integer ids, one per coordinate"));
                    continue;
                }
            }

            foreach (var line in lines)
            {
                var coords = line.Coordinates;
                var ids = nodeIds ?? coords.Select(c => SyntheticId(c, syntheticIds)).ToArray();
                ways.Add(new RoadWay(osmId, ids, coords, tags));
            }
        }

        return new RoadWayReadResult(ways, errors);
    }

    /// <summary>Ways tagged `highway` from OSM XML, positions from their nodes.</summary>
    public static RoadWayReadResult FromOsm(OsmData osm)
    {
        ArgumentNullException.ThrowIfNull(osm);
        var ways = new List<RoadWay>();
        foreach (var w in osm.Ways)
        {
            if (!w.Tags.ContainsKey("highway") || w.Tags.GetValueOrDefault("area") == "yes")
            {
                continue;
            }

            var coords = w.NodeIds.Select(id => new Coordinate(osm.Nodes[id].Lon, osm.Nodes[id].Lat)).ToArray();
            ways.Add(new RoadWay(w.Id, w.NodeIds.ToArray(), coords, w.Tags));
        }

        return new RoadWayReadResult(ways, osm.Errors);
    }

    private static long[]? ReadNodes(JsonElement el)
    {
        if (el.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var ids = new long[el.GetArrayLength()];
        int i = 0;
        foreach (var n in el.EnumerateArray())
        {
            if (n.ValueKind != JsonValueKind.Number || !n.TryGetInt64(out ids[i++]))
            {
                return null;
            }
        }

        return ids;
    }

    // Negative ids keyed by the position rounded to 1e-7 degrees (about 1 cm), so equal vertices join.
    private static long SyntheticId(Coordinate c, Dictionary<(long, long), long> ids)
    {
        var key = ((long)Math.Round(c.X * 1e7), (long)Math.Round(c.Y * 1e7));
        if (!ids.TryGetValue(key, out long id))
        {
            id = -(ids.Count + 1L) - (1L << 40);
            ids[key] = id;
        }

        return id;
    }
}
