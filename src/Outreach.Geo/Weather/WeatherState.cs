using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;

namespace Outreach.Geo.Weather;

/// <summary>Rain falling over an area (lon/lat polygon), in millimetres per hour.</summary>
/// <param name="Area">Where it rains.</param>
/// <param name="MillimetresPerHour">Intensity: &lt; 2.5 light, &lt; 7.6 moderate, &lt; 50 heavy, otherwise violent.</param>
public sealed record RainArea(Geometry Area, double MillimetresPerHour);

/// <summary>A named flooded area: every road segment it touches is closed.</summary>
/// <param name="Name">What the chief called it ("Ngập cầu Bến Tượng"); reported as the reason for unreachable pairs.</param>
/// <param name="Area">The flooded polygon (lon/lat).</param>
public sealed record FloodArea(string Name, Geometry Area);

/// <summary>Why a chief closed a road.</summary>
public enum ClosureKind
{
    /// <summary>Water over the road.</summary>
    Flood,

    /// <summary>Landslide or fallen rocks.</summary>
    Landslide,

    /// <summary>Road works or a broken bridge.</summary>
    Construction,

    /// <summary>An accident or police closure.</summary>
    Accident,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A road closure drawn by a chief: any geometry (a line along the road, a polygon, or a point, which closes roads within 15 m).</summary>
/// <param name="Name">Shown as the reason for unreachable pairs.</param>
/// <param name="Kind">Why it is closed.</param>
/// <param name="Where">Where (lon/lat).</param>
public sealed record RoadClosure(string Name, ClosureKind Kind, Geometry Where);

/// <summary>
/// The weather and closures travel times must respect: rain per area, named flood polygons and typed closures.
/// Immutable and thread-safe; <see cref="Fingerprint"/> identifies the content for caching.
/// </summary>
public sealed class WeatherState
{
    /// <summary>Creates a weather state.</summary>
    public WeatherState(IReadOnlyList<RainArea>? rain = null, IReadOnlyList<FloodArea>? floods = null, IReadOnlyList<RoadClosure>? closures = null)
    {
        Rain = rain ?? [];
        Floods = floods ?? [];
        Closures = closures ?? [];
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>Dry weather, no closures.</summary>
    public static WeatherState None { get; } = new();

    /// <summary>Rain areas; where they overlap, the heaviest applies.</summary>
    public IReadOnlyList<RainArea> Rain { get; }

    /// <summary>Flooded areas.</summary>
    public IReadOnlyList<FloodArea> Floods { get; }

    /// <summary>Chief-typed closures.</summary>
    public IReadOnlyList<RoadClosure> Closures { get; }

    /// <summary>A short hash of everything above ("dry" when empty): equal content gives equal fingerprints.</summary>
    public string Fingerprint { get; }

    private string ComputeFingerprint()
    {
        if (Rain.Count == 0 && Floods.Count == 0 && Closures.Count == 0)
        {
            return "dry";
        }

        var text = new StringBuilder();
        foreach (var r in Rain)
        {
            text.Append(CultureInfo.InvariantCulture, $"R|{r.MillimetresPerHour:R}|{r.Area.AsText()}\n");
        }

        foreach (var f in Floods)
        {
            text.Append(CultureInfo.InvariantCulture, $"F|{f.Name}|{f.Area.AsText()}\n");
        }

        foreach (var c in Closures)
        {
            text.Append(CultureInfo.InvariantCulture, $"C|{c.Kind}|{c.Name}|{c.Where.AsText()}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16].ToLowerInvariant();
    }

    /// <summary>
    /// Speed factor (0..1] for rain of <paramref name="millimetresPerHour"/> on a surface. Unpaved tracks turn to mud and
    /// lose far more than paved roads: heavy rain (7.6-50 mm/h) keeps 80 % of paved speed but 40 % of unpaved.
    /// </summary>
    public static double RainSpeedFactor(Roads.SurfaceClass surface, double millimetresPerHour)
    {
        bool paved = surface == Roads.SurfaceClass.Paved;
        return millimetresPerHour switch
        {
            < 0.1 => 1.0,
            < 2.5 => paved ? 0.95 : 0.85,
            < 7.6 => paved ? 0.9 : 0.65,
            < 50 => paved ? 0.8 : 0.4,
            _ => paved ? 0.65 : 0.25,
        };
    }
}
