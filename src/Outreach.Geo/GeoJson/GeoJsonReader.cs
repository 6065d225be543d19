using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Outreach.Geo.GeoJson;

/// <summary>The features that were read and the problems found, feature by feature. Immutable.</summary>
/// <param name="Features">Valid features in file order.</param>
/// <param name="Errors">One entry per rejected feature (its index and why), so nothing disappears silently.</param>
public sealed record GeoJsonReadResult(IReadOnlyList<GeoFeature> Features, IReadOnlyList<GeoDataError> Errors);

/// <summary>
/// Reads RFC 7946 GeoJSON (a FeatureCollection, a single Feature or a bare geometry) with System.Text.Json into
/// NetTopologySuite geometries made by <see cref="Geodesy.Factory"/> (SRID 4326, X = longitude, Y = latitude,
/// degrees). Stateless and thread-safe.
/// </summary>
public static class GeoJsonReader
{
    /// <summary>
    /// Reads a file; throws <see cref="GeoDataException"/> when it is missing, not UTF-8 text (RFC 7946 requires UTF-8),
    /// or not GeoJSON at all.
    /// </summary>
    public static GeoJsonReadResult ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new GeoDataException($"GeoJSON file not found: {path}");
        }

        ReadOnlyMemory<byte> bytes = File.ReadAllBytes(path);
        if (bytes.Span.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        // Bytes that are not UTF-8 inside a string pass the parser and fail only when the string is read.
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            throw new GeoDataException($"{path}: not UTF-8 text");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true });
            return Read(doc.RootElement, path);
        }
        catch (JsonException ex)
        {
            throw new GeoDataException($"{path}: not valid JSON ({ex.Message})", ex);
        }
    }

    /// <summary>Reads GeoJSON text; <paramref name="source"/> names it in errors.</summary>
    public static GeoJsonReadResult ReadString(string json, string source = "GeoJSON")
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Read(doc.RootElement, source);
        }
        catch (JsonException ex)
        {
            throw new GeoDataException($"{source}: not valid JSON ({ex.Message})", ex);
        }
        catch (ArgumentException ex)
        {
            // A lone surrogate: the text cannot be UTF-8.
            throw new GeoDataException($"{source}: not valid text ({ex.Message})", ex);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static GeoJsonReadResult Read(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
        {
            throw new GeoDataException($"{source}: top level must be a GeoJSON object with a \"type\"");
        }

        var features = new List<GeoFeature>();
        var errors = new List<GeoDataError>();
        string type = typeEl.GetString()!;
        if (type == "FeatureCollection")
        {
            if (!root.TryGetProperty("features", out var arr) || arr.ValueKind != JsonValueKind.Array)
            {
                throw new GeoDataException($"{source}: FeatureCollection without a \"features\" array");
            }

            int index = 0;
            foreach (var f in arr.EnumerateArray())
            {
                ReadFeature(f, index++, features, errors);
            }
        }
        else if (type == "Feature")
        {
            ReadFeature(root, 0, features, errors);
        }
        else
        {
            try
            {
                features.Add(new GeoFeature(0, null, ReadGeometry(root), new Dictionary<string, JsonElement>()));
            }
            catch (FormatException ex)
            {
                errors.Add(new GeoDataError("feature 0", ex.Message));
            }
        }

        return new GeoJsonReadResult(features, errors);
    }

    private static void ReadFeature(JsonElement f, int index, List<GeoFeature> features, List<GeoDataError> errors)
    {
        string? id = null;
        if (f.ValueKind == JsonValueKind.Object && f.TryGetProperty("id", out var idEl))
        {
            id = idEl.ValueKind == JsonValueKind.String ? idEl.GetString() : idEl.GetRawText();
        }

        string where = id is null ? $"feature {index}" : $"feature {index} ({id})";
        if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "Feature")
        {
            errors.Add(new GeoDataError(where, "not an object of type \"Feature\""));
            return;
        }

        if (!f.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new GeoDataError(where, "missing or null \"geometry\""));
            return;
        }

        var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in p.EnumerateObject())
            {
                props[member.Name] = member.Value.Clone();
            }
        }

        try
        {
            features.Add(new GeoFeature(index, id, ReadGeometry(g), props));
        }
        catch (FormatException ex)
        {
            errors.Add(new GeoDataError(where, ex.Message));
        }
    }

    /// <summary>Reads one GeoJSON geometry object; throws <see cref="FormatException"/> naming the problem.</summary>
    public static Geometry ReadGeometry(JsonElement g)
    {
        if (!g.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("geometry without a \"type\"");
        }

        string type = t.GetString()!;
        var factory = Geodesy.Factory;
        if (type == "GeometryCollection")
        {
            if (!g.TryGetProperty("geometries", out var geoms) || geoms.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("GeometryCollection without \"geometries\"");
            }

            return factory.CreateGeometryCollection(geoms.EnumerateArray().Select(ReadGeometry).ToArray());
        }

        if (!g.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{type} without a \"coordinates\" array");
        }

        return type switch
        {
            "Point" => factory.CreatePoint(Position(c)),
            "MultiPoint" => factory.CreateMultiPoint(Positions(c, 0, type).Select(factory.CreatePoint).ToArray()),
            "LineString" => factory.CreateLineString(Positions(c, 2, type)),
            "MultiLineString" => factory.CreateMultiLineString(
                c.EnumerateArray().Select(l => factory.CreateLineString(Positions(l, 2, type))).ToArray()),
            "Polygon" => ReadPolygon(c),
            "MultiPolygon" => factory.CreateMultiPolygon(c.EnumerateArray().Select(ReadPolygon).ToArray()),
            _ => throw new FormatException($"unknown geometry type \"{type}\""),
        };
    }

    private static Polygon ReadPolygon(JsonElement rings)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            throw new FormatException("Polygon needs at least one ring");
        }

        var linear = new List<LinearRing>();
        int i = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            var pts = Positions(ring, 4, "Polygon ring");
            if (!pts[0].Equals2D(pts[^1]))
            {
                throw new FormatException($"Polygon ring {i} is not closed (first position differs from last)");
            }

            linear.Add(Geodesy.Factory.CreateLinearRing(pts));
            i++;
        }

        return Geodesy.Factory.CreatePolygon(linear[0], linear.Skip(1).ToArray());
    }

    private static Coordinate[] Positions(JsonElement arr, int minimum, string what)
    {
        if (arr.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{what}: coordinates must be an array of positions");
        }

        var list = new Coordinate[arr.GetArrayLength()];
        int i = 0;
        foreach (var p in arr.EnumerateArray())
        {
            list[i++] = Position(p);
        }

        if (list.Length < minimum)
        {
            throw new FormatException($"{what} has {list.Length} positions, needs at least {minimum}");
        }

        return list;
    }

    private static Coordinate Position(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2)
        {
            throw new FormatException($"position {Short(p)} must be [longitude, latitude]");
        }

        if (p[0].ValueKind != JsonValueKind.Number || p[1].ValueKind != JsonValueKind.Number)
        {
            throw new FormatException($"position {Short(p)} must hold numbers");
        }

        double lon = p[0].GetDouble(), lat = p[1].GetDouble();
        if (lon is < -180 or > 180 || lat is < -90 or > 90 || double.IsNaN(lon) || double.IsNaN(lat))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"position [{lon}, {lat}] is outside longitude -180..180 / latitude -90..90"));
        }

        return new Coordinate(lon, lat);
    }

    private static string Short(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }
}
