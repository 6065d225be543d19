using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Geo.GeoJson;

namespace Outreach.Geo.Weather;

/// <summary>
/// Reads a <see cref="WeatherState"/> from GeoJSON drawn on a map: each feature has `weather` = `rain` (with
/// `mm_per_hour`), `flood` (with `name`) or `closure` (with `name` and `kind`: flood, landslide, construction,
/// accident, other). Bad features raise <see cref="GeoDataException"/> naming the feature index, never vanish.
/// Stateless and thread-safe.
/// </summary>
public static class WeatherGeoJson
{
    /// <summary>Builds the weather state from read features.</summary>
    public static WeatherState Read(GeoJsonReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Errors.Count > 0)
        {
            throw new GeoDataException($"weather: {read.Errors[0]}");
        }

        var rain = new List<RainArea>();
        var floods = new List<FloodArea>();
        var closures = new List<RoadClosure>();
        foreach (var f in read.Features)
        {
            string? name = f.GetString("name");
            switch (f.GetString("weather"))
            {
                case "rain":
                    if (!double.TryParse(f.GetString("mm_per_hour"), NumberStyles.Float, CultureInfo.InvariantCulture, out double mm) || mm < 0)
                    {
                        throw new GeoDataException($"{f.Describe()}: rain needs a non-negative \"mm_per_hour\" (got \"{f.GetString("mm_per_hour")}\")");
                    }

                    rain.Add(new RainArea(Polygonal(f), mm));
                    break;
                case "flood":
                    floods.Add(new FloodArea(Named(f, name), Polygonal(f)));
                    break;
                case "closure":
                    string kindText = f.GetString("kind") ?? "other";
                    if (!Enum.TryParse(kindText, ignoreCase: true, out ClosureKind kind) || !Enum.IsDefined(kind))
                    {
                        throw new GeoDataException($"{f.Describe()}: closure \"kind\" must be flood, landslide, construction, accident or other (got \"{kindText}\")");
                    }

                    closures.Add(new RoadClosure(Named(f, name), kind, f.Geometry));
                    break;
                default:
                    throw new GeoDataException($"{f.Describe()}: \"weather\" must be rain, flood or closure (got \"{f.GetString("weather")}\")");
            }
        }

        return new WeatherState(rain, floods, closures);
    }

    private static string Named(GeoFeature f, string? name) =>
        string.IsNullOrWhiteSpace(name) ? throw new GeoDataException($"{f.Describe()}: a flood or closure needs a \"name\" to report as the reason") : name;

    private static Geometry Polygonal(GeoFeature f) =>
        f.Geometry is Polygon or MultiPolygon ? f.Geometry : throw new GeoDataException($"{f.Describe()}: rain and flood areas must be Polygon or MultiPolygon, not {f.Geometry.GeometryType}");
}
