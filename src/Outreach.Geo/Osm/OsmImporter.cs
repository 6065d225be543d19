using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Outreach.Geo.GeoJson;

namespace Outreach.Geo.Osm;

/// <summary>What an import wrote: counts and the problems met (each naming the OSM element). Immutable.</summary>
public sealed record OsmImportResult(int Roads, int Pois, int WaysOutside, IReadOnlyList<GeoDataError> Errors);

/// <summary>
/// Turns OSM XML into the app's map files: `roads.geojson` (one LineString per way tagged `highway` with at least one
/// node inside the boundary, kept whole, with `osm_id`, road tags and `nodes`) and `pois.geojson` (schools,
/// offices, police, health and social sites, places, as Points; areas as the average of their outline's vertices),
/// the same layout as maps/andorra and maps/hcmc-q3-sample. Stateless and thread-safe.
/// </summary>
public static class OsmImporter
{
    /// <summary>Road tags copied to roads.geojson, in this order.</summary>
    public static readonly IReadOnlyList<string> RoadTags =
    [
        "highway", "name", "ref", "oneway", "junction", "maxspeed", "surface", "lanes", "width", "service", "access",
        "motor_vehicle", "motorcar", "motorcycle", "hgv", "bridge", "tunnel", "layer", "tracktype", "smoothness", "vehicle", "foot",
    ];

    private static readonly HashSet<string> SkippedHighways = new(StringComparer.Ordinal)
    {
        "platform", "proposed", "construction", "abandoned", "bus_stop", "elevator", "corridor", "raceway",
    };

    private static readonly string[] PoiTags =
    [
        "name", "name:en", "place", "population", "ele", "amenity", "office", "building", "healthcare", "social_facility",
        "social_facility:for", "operator", "isced:level", "opening_hours", "wheelchair", "addr:street", "addr:housenumber",
    ];

    private const string Attribution = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)";

    /// <summary>Imports <paramref name="osm"/> inside <paramref name="boundary"/> (polygonal, lon/lat) into <paramref name="outFolder"/>.</summary>
    public static OsmImportResult Import(OsmData osm, Geometry boundary, string outFolder)
    {
        ArgumentNullException.ThrowIfNull(osm);
        ArgumentNullException.ThrowIfNull(boundary);
        var inside = PreparedGeometryFactory.Prepare(boundary);
        var nodeInside = new Dictionary<long, bool>();

        bool Inside(OsmNode n)
        {
            if (!nodeInside.TryGetValue(n.Id, out bool isIn))
            {
                isIn = inside.Covers(Geodesy.Factory.CreatePoint(new Coordinate(n.Lon, n.Lat)));
                nodeInside[n.Id] = isIn;
            }

            return isIn;
        }

        var roads = new List<GeoFeatureOut>();
        var pois = new List<GeoFeatureOut>();
        int outside = 0;
        foreach (var way in osm.Ways.OrderBy(w => w.Id))
        {
            var nodes = way.NodeIds.Select(id => osm.Nodes[id]).ToList();
            if (way.Tags.TryGetValue("highway", out string? highway) && !SkippedHighways.Contains(highway) && way.Tags.GetValueOrDefault("area") != "yes")
            {
                if (!nodes.Any(Inside))
                {
                    outside++;
                    continue;
                }

                var props = new List<KeyValuePair<string, object?>> { new("osm_id", way.Id) };
                props.AddRange(RoadTags.Where(way.Tags.ContainsKey).Select(k => new KeyValuePair<string, object?>(k, way.Tags[k])));
                props.Add(new("nodes", way.NodeIds.ToArray()));
                var line = Geodesy.Factory.CreateLineString(nodes.Select(n => new Coordinate(n.Lon, n.Lat)).ToArray());
                roads.Add(new GeoFeatureOut($"way/{way.Id}", line, props));
            }
            else if (Category(way.Tags) is { } category)
            {
                // Closed outline: average its vertices without repeating the closing one.
                var ring = nodes.Count > 1 && nodes[0].Id == nodes[^1].Id ? nodes.Take(nodes.Count - 1).ToList() : nodes;
                var centre = new OsmNode(way.Id, ring.Average(n => n.Lon), ring.Average(n => n.Lat), way.Tags);
                if (inside.Covers(Geodesy.Factory.CreatePoint(new Coordinate(centre.Lon, centre.Lat))))
                {
                    pois.Add(Poi("way", centre, category, true));
                }
            }
        }

        foreach (var node in osm.Nodes.Values.OrderBy(n => n.Id))
        {
            if (node.Tags.Count > 0 && Category(node.Tags) is { } category && Inside(node))
            {
                pois.Add(Poi("node", node, category, false));
            }
        }

        Directory.CreateDirectory(outFolder);
        using (var stream = File.Create(Path.Combine(outFolder, "roads.geojson")))
        {
            GeoJsonWriter.Write(stream, roads, Attribution);
        }

        using (var stream = File.Create(Path.Combine(outFolder, "pois.geojson")))
        {
            GeoJsonWriter.Write(stream, pois, Attribution);
        }

        return new OsmImportResult(roads.Count, pois.Count, outside, osm.Errors);
    }

    /// <summary>The polygonal union of a boundary file's features (e.g. maps/&lt;area&gt;/boundaries.geojson).</summary>
    public static Geometry ReadBoundary(string path)
    {
        var read = GeoJsonReader.ReadFile(path);
        if (read.Errors.Count > 0)
        {
            throw new GeoDataException($"{path}: {read.Errors[0]}");
        }

        var polygons = read.Features.Select(f => f.Geometry).Where(g => g is Polygon or MultiPolygon).ToList();
        if (polygons.Count == 0)
        {
            throw new GeoDataException($"{path}: no Polygon or MultiPolygon feature to use as the boundary");
        }

        return Geodesy.Factory.BuildGeometry(polygons).Union();
    }

    private static GeoFeatureOut Poi(string type, OsmNode node, string category, bool fromOutline)
    {
        var props = new List<KeyValuePair<string, object?>> { new("osm_type", type), new("osm_id", node.Id), new("category", category) };
        if (fromOutline)
        {
            props.Add(new("point", "vertex-average of the outline"));
        }

        props.AddRange(PoiTags.Where(node.Tags.ContainsKey).Select(k => new KeyValuePair<string, object?>(k, node.Tags[k])));
        return new GeoFeatureOut($"{type}/{node.Id}", Geodesy.Factory.CreatePoint(new Coordinate(node.Lon, node.Lat)), props);
    }

    // The grouping used by maps/*/pois.geojson, checked in this order.
    private static string? Category(IReadOnlyDictionary<string, string> tags)
    {
        string? amenity = tags.GetValueOrDefault("amenity");
        string? building = tags.GetValueOrDefault("building");
        if (tags.GetValueOrDefault("place") is "city" or "town" or "village" or "hamlet" or "isolated_dwelling")
        {
            return "place";
        }

        if (amenity is "school" or "kindergarten" or "college" or "university" || building == "school")
        {
            return "school";
        }

        if (amenity == "police")
        {
            return "police";
        }

        if (amenity == "townhall" || tags.GetValueOrDefault("office") == "government" || building == "townhall")
        {
            return "government_office";
        }

        if (amenity == "social_facility" || tags.ContainsKey("social_facility"))
        {
            return "social_facility";
        }

        if (amenity == "community_centre")
        {
            return "community_centre";
        }

        if (amenity is "hospital" or "clinic" or "doctors" or "dentist" or "pharmacy" || tags.ContainsKey("healthcare") || building == "hospital")
        {
            return "health";
        }

        return null;
    }
}
