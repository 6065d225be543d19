using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Outreach.Geo.GeoJson;

/// <summary>One feature to write: id, geometry (lon/lat) and properties (string, long, double, bool, long[] or null). Immutable.</summary>
public sealed record GeoFeatureOut(string? Id, Geometry Geometry, IReadOnlyList<KeyValuePair<string, object?>> Properties);

/// <summary>Writes RFC 7946 FeatureCollections with 7-decimal coordinates (about 1 cm). Stateless and thread-safe.</summary>
public static class GeoJsonWriter
{
    /// <summary>Writes <paramref name="features"/> to <paramref name="stream"/> as UTF-8 (Vietnamese text unescaped).</summary>
    public static void Write(Stream stream, IEnumerable<GeoFeatureOut> features, string? attribution = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        if (attribution is not null)
        {
            w.WriteString("attribution", attribution);
        }

        w.WriteStartArray("features");
        foreach (var f in features)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            if (f.Id is not null)
            {
                w.WriteString("id", f.Id);
            }

            w.WriteStartObject("properties");
            foreach (var (key, value) in f.Properties)
            {
                w.WritePropertyName(key);
                WriteValue(w, value);
            }

            w.WriteEndObject();
            w.WritePropertyName("geometry");
            WriteGeometry(w, f.Geometry);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case bool b: w.WriteBooleanValue(b); break;
            case IEnumerable<long> ls:
                w.WriteStartArray();
                foreach (long l in ls)
                {
                    w.WriteNumberValue(l);
                }

                w.WriteEndArray();
                break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }

    private static void WriteGeometry(Utf8JsonWriter w, Geometry g)
    {
        w.WriteStartObject();
        switch (g)
        {
            case Point p:
                w.WriteString("type", "Point");
                w.WritePropertyName("coordinates");
                Pos(w, p.Coordinate);
                break;
            case LineString l:
                w.WriteString("type", "LineString");
                w.WritePropertyName("coordinates");
                Seq(w, l.Coordinates);
                break;
            case Polygon poly:
                w.WriteString("type", "Polygon");
                w.WritePropertyName("coordinates");
                Rings(w, poly);
                break;
            case MultiPolygon mp:
                w.WriteString("type", "MultiPolygon");
                w.WriteStartArray("coordinates");
                foreach (var part in mp.Geometries.Cast<Polygon>())
                {
                    Rings(w, part);
                }

                w.WriteEndArray();
                break;
            case MultiLineString ml:
                w.WriteString("type", "MultiLineString");
                w.WriteStartArray("coordinates");
                foreach (var part in ml.Geometries)
                {
                    Seq(w, part.Coordinates);
                }

                w.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"cannot write geometry type {g.GeometryType}");
        }

        w.WriteEndObject();
    }

    private static void Rings(Utf8JsonWriter w, Polygon p)
    {
        w.WriteStartArray();
        Seq(w, p.ExteriorRing.Coordinates);
        foreach (var hole in p.InteriorRings)
        {
            Seq(w, hole.Coordinates);
        }

        w.WriteEndArray();
    }

    private static void Seq(Utf8JsonWriter w, Coordinate[] cs)
    {
        w.WriteStartArray();
        foreach (var c in cs)
        {
            Pos(w, c);
        }

        w.WriteEndArray();
    }

    private static void Pos(Utf8JsonWriter w, Coordinate c)
    {
        w.WriteStartArray();
        w.WriteNumberValue(Math.Round(c.X, 7));
        w.WriteNumberValue(Math.Round(c.Y, 7));
        w.WriteEndArray();
    }
}
