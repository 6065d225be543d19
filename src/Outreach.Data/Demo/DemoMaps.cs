using System.Text.Json;
using Outreach.Domain;

namespace Outreach.Data.Demo;

/// <summary>A point of interest read from a map folder's pois.geojson (real OpenStreetMap data).</summary>
internal sealed record DemoPoi(long OsmId, string Category, string? Name, string? Amenity, string? Street, string? HouseNumber, GeoPoint Location);

/// <summary>
/// The little map reading the demo seeder needs: an outline to place illustrative hamlets inside, and real
/// points of interest. Kept dependency-free (System.Text.Json, ray casting) because Outreach.Data must not
/// see Outreach.Geo; routing-grade reading lives in Geo.
/// </summary>
internal sealed class DemoOutline
{
    private readonly List<GeoPoint[]> _rings;

    private DemoOutline(List<GeoPoint[]> rings) => _rings = rings;

    public double MinLongitude => _rings.SelectMany(r => r).Min(p => p.Longitude);

    public double MaxLongitude => _rings.SelectMany(r => r).Max(p => p.Longitude);

    public double MinLatitude => _rings.SelectMany(r => r).Min(p => p.Latitude);

    public double MaxLatitude => _rings.SelectMany(r => r).Max(p => p.Latitude);

    /// <summary>Reads every Polygon/MultiPolygon ring of the first feature of a boundaries.geojson.</summary>
    public static DemoOutline Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var features = document.RootElement.GetProperty("features");
        if (features.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{path}: no feature holds an outline.");
        }

        var geometry = features[0].GetProperty("geometry");
        var type = geometry.GetProperty("type").GetString();
        var coordinates = geometry.GetProperty("coordinates");
        var rings = new List<GeoPoint[]>();
        switch (type)
        {
            case "Polygon":
                AddPolygon(coordinates, rings);
                break;
            case "MultiPolygon":
                foreach (var polygon in coordinates.EnumerateArray())
                {
                    AddPolygon(polygon, rings);
                }

                break;
            default:
                throw new InvalidDataException($"{path}: feature 0 has geometry type '{type}', expected Polygon or MultiPolygon.");
        }

        return new DemoOutline(rings);
    }

    /// <summary>Even-odd rule over all rings, so holes are honoured.</summary>
    public bool Contains(GeoPoint p)
    {
        var inside = false;
        foreach (var ring in _rings)
        {
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            {
                var a = ring[i];
                var b = ring[j];
                if ((a.Latitude > p.Latitude) != (b.Latitude > p.Latitude)
                    && p.Longitude < ((b.Longitude - a.Longitude) * (p.Latitude - a.Latitude) / (b.Latitude - a.Latitude)) + a.Longitude)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>
    /// The target itself when it lies inside the outline, otherwise the nearest inside point of a widening
    /// square spiral (about 100 m steps), so an illustrative position never falls outside the real outline.
    /// </summary>
    public GeoPoint PlaceInside(GeoPoint target)
    {
        if (Contains(target))
        {
            return target;
        }

        const double step = 0.001;
        for (var radius = 1; radius < 400; radius++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                foreach (var dy in new[] { -radius, radius })
                {
                    var candidate = new GeoPoint(target.Longitude + (dx * step), target.Latitude + (dy * step));
                    if (Contains(candidate))
                    {
                        return Round(candidate);
                    }
                }
            }

            for (var dy = -radius + 1; dy < radius; dy++)
            {
                foreach (var dx in new[] { -radius, radius })
                {
                    var candidate = new GeoPoint(target.Longitude + (dx * step), target.Latitude + (dy * step));
                    if (Contains(candidate))
                    {
                        return Round(candidate);
                    }
                }
            }
        }

        throw new InvalidOperationException($"No point of the outline lies within 40 km of {target}.");
    }

    public static GeoPoint Round(GeoPoint p) => new(Math.Round(p.Longitude, 6), Math.Round(p.Latitude, 6));

    private static void AddPolygon(JsonElement polygon, List<GeoPoint[]> rings)
    {
        foreach (var ring in polygon.EnumerateArray())
        {
            rings.Add([.. ring.EnumerateArray().Select(c => new GeoPoint(c[0].GetDouble(), c[1].GetDouble()))]);
        }
    }
}

internal static class DemoPois
{
    /// <summary>Reads the Point features of a pois.geojson with the properties the seeder uses.</summary>
    public static IReadOnlyList<DemoPoi> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new List<DemoPoi>();
        var index = 0;
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var geometry = feature.GetProperty("geometry");
            if (geometry.GetProperty("type").GetString() != "Point")
            {
                throw new InvalidDataException($"{path}: feature {index} is not a Point.");
            }

            var c = geometry.GetProperty("coordinates");
            var p = feature.GetProperty("properties");
            result.Add(new DemoPoi(
                p.GetProperty("osm_id").GetInt64(),
                Text(p, "category") ?? "",
                Text(p, "name"),
                Text(p, "amenity"),
                Text(p, "addr:street"),
                Text(p, "addr:housenumber"),
                new GeoPoint(c[0].GetDouble(), c[1].GetDouble())));
            index++;
        }

        return result;
    }

    private static string? Text(JsonElement properties, string name) =>
        properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
