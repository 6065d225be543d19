using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Outreach.Geo.GeoJson;

/// <summary>
/// One GeoJSON feature: its position in the file, its id, its geometry (SRID 4326, lon/lat degrees) and
/// its properties. Properties are detached JSON values (safe to keep after the document is gone).
/// Immutable; thread-safe to read.
/// </summary>
public sealed class GeoFeature
{
    /// <summary>Creates a feature.</summary>
    public GeoFeature(int index, string? id, Geometry geometry, IReadOnlyDictionary<string, JsonElement> properties)
    {
        Index = index;
        Id = id;
        Geometry = geometry;
        Properties = properties;
    }

    /// <summary>Zero-based position in the FeatureCollection (used in error messages).</summary>
    public int Index { get; }

    /// <summary>The feature's `id`, as a string, or null.</summary>
    public string? Id { get; }

    /// <summary>The geometry, from <see cref="Geodesy.Factory"/>.</summary>
    public Geometry Geometry { get; }

    /// <summary>The `properties` object's members.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>A property as text (numbers and booleans as their JSON text), or null when absent or null.</summary>
    public string? GetString(string name)
    {
        if (!Properties.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    /// <summary>A property as a 64-bit integer (number or numeric string), or null.</summary>
    public long? GetInt64(string name)
    {
        if (!Properties.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n))
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.String &&
            long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        return null;
    }

    /// <summary>"feature 12 (way/4711)": where this feature is, for error messages.</summary>
    public string Describe() => Id is null ? $"feature {Index}" : $"feature {Index} ({Id})";
}
