using System.Globalization;
using System.Xml;
using Outreach.Geo.GeoJson;

namespace Outreach.Geo.Osm;

/// <summary>
/// Streams OSM XML 0.6 (what `osmium cat -f osm` and the openstreetmap.org export write) with
/// <see cref="XmlReader"/>. Node ids are <c>long</c>. Elements with bad attributes are reported in
/// <see cref="OsmData.Errors"/> with their id; a way that names a missing node keeps its other nodes and
/// is reported. Stateless and thread-safe.
/// </summary>
public static class OsmXmlReader
{
    /// <summary>Reads a file; throws <see cref="GeoDataException"/> when missing or not XML.</summary>
    public static OsmData ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new GeoDataException($"OSM file not found: {path}");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads OSM XML from a stream; <paramref name="source"/> names it in errors.</summary>
    public static OsmData Read(Stream stream, string source = "OSM XML")
    {
        var nodes = new Dictionary<long, OsmNode>();
        var ways = new List<OsmWay>();
        var errors = new List<GeoDataError>();
        int relations = 0;
        var settings = new XmlReaderSettings { IgnoreComments = true, IgnoreWhitespace = true, DtdProcessing = DtdProcessing.Prohibit };
        try
        {
            using var r = XmlReader.Create(stream, settings);
            while (r.Read())
            {
                if (r.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (r.Name)
                {
                    case "node":
                        ReadNode(r, nodes, errors);
                        break;
                    case "way":
                        ReadWay(r, ways, errors);
                        break;
                    case "relation":
                        relations++;
                        break;
                    default:
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            throw new GeoDataException($"{source}: not well-formed XML at line {ex.LineNumber} ({ex.Message})", ex);
        }

        var checkedWays = new List<OsmWay>(ways.Count);
        foreach (var way in ways)
        {
            var missing = way.NodeIds.Where(id => !nodes.ContainsKey(id)).ToList();
            if (missing.Count == 0)
            {
                checkedWays.Add(way);
                continue;
            }

            errors.Add(new GeoDataError($"way {way.Id}", $"refers to {missing.Count} node(s) not in the file, first {missing[0]}; they are left out of the way"));
            var kept = way.NodeIds.Where(nodes.ContainsKey).ToList();
            if (kept.Count >= 2)
            {
                checkedWays.Add(way with { NodeIds = kept });
            }
            else
            {
                errors.Add(new GeoDataError($"way {way.Id}", "fewer than 2 nodes remain; way skipped"));
            }
        }

        return new OsmData(nodes, checkedWays, relations, errors);
    }

    private static void ReadNode(XmlReader r, Dictionary<long, OsmNode> nodes, List<GeoDataError> errors)
    {
        string? idText = r.GetAttribute("id");
        string? lonText = r.GetAttribute("lon");
        string? latText = r.GetAttribute("lat");
        var tags = r.IsEmptyElement ? EmptyTags : ReadChildren(r, null);
        if (!long.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
        {
            errors.Add(new GeoDataError($"node {idText ?? "(no id)"}", "id is not a 64-bit integer"));
            return;
        }

        if (!TryCoordinate(lonText, 180, out double lon) || !TryCoordinate(latText, 90, out double lat))
        {
            errors.Add(new GeoDataError($"node {id}", "lat/lon missing or out of range"));
            return;
        }

        nodes[id] = new OsmNode(id, lon, lat, tags);
    }

    private static void ReadWay(XmlReader r, List<OsmWay> ways, List<GeoDataError> errors)
    {
        string? idText = r.GetAttribute("id");
        var refs = new List<long>();
        var tags = r.IsEmptyElement ? EmptyTags : ReadChildren(r, refs);
        if (!long.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
        {
            errors.Add(new GeoDataError($"way {idText ?? "(no id)"}", "id is not a 64-bit integer"));
            return;
        }

        if (refs.Count < 2)
        {
            errors.Add(new GeoDataError($"way {id}", $"has {refs.Count} node reference(s); a way needs 2"));
            return;
        }

        ways.Add(new OsmWay(id, refs, tags));
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    // Reads <tag k v/> (and <nd ref/> into refs) up to the element's end tag; the reader must be on the start tag.
    private static Dictionary<string, string> ReadChildren(XmlReader r, List<long>? refs)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        int depth = r.Depth;
        while (r.Read() && r.Depth > depth)
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (r.Name == "tag")
            {
                string? k = r.GetAttribute("k");
                if (k is not null)
                {
                    tags[k] = r.GetAttribute("v") ?? string.Empty;
                }
            }
            else if (r.Name == "nd" && refs is not null &&
                     long.TryParse(r.GetAttribute("ref"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long nd))
            {
                refs.Add(nd);
            }
        }

        return tags;
    }

    private static bool TryCoordinate(string? text, double limit, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= -limit && value <= limit;
}
