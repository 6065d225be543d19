using System.Collections.Frozen;
using System.Globalization;

namespace Outreach.Geo.Roads;

/// <summary>Surface families that weather treats differently.</summary>
public enum SurfaceClass
{
    /// <summary>Asphalt, concrete, paving stones and untagged streets.</summary>
    Paved,

    /// <summary>Gravel, dirt, ground, grass and untagged tracks or paths.</summary>
    Unpaved,
}

/// <summary>
/// Free-flow speeds in km/h per highway class for one profile, times a factor per surface, capped at
/// <see cref="MaxKmh"/>. A `maxspeed` tag counts at <see cref="MaxspeedShare"/> of its value (vans rarely drive at the
/// limit in towns). Immutable: <see cref="WithClassSpeed"/> and <see cref="WithSurfaceFactor"/> return copies, so a
/// station can override speeds without touching the shared defaults. Thread-safe.
/// </summary>
public sealed class SpeedTable
{
    private static readonly FrozenSet<string> PavedSurfaces = new[]
    {
        "asphalt", "concrete", "concrete:plates", "concrete:lanes", "paved", "paving_stones", "sett", "chipseal", "metal", "wood", "bricks",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly Dictionary<string, double> _classKmh;
    private readonly Dictionary<string, double> _surfaceFactor;

    private SpeedTable(TravelProfile profile, Dictionary<string, double> classKmh, Dictionary<string, double> surfaceFactor, double defaultKmh, double maxKmh)
    {
        Profile = profile;
        _classKmh = classKmh;
        _surfaceFactor = surfaceFactor;
        DefaultKmh = defaultKmh;
        MaxKmh = maxKmh;
    }

    /// <summary>The profile these speeds are for.</summary>
    public TravelProfile Profile { get; }

    /// <summary>Speed in km/h for a class not in the table.</summary>
    public double DefaultKmh { get; }

    /// <summary>No edge is faster than this (km/h).</summary>
    public double MaxKmh { get; }

    /// <summary>Share of a `maxspeed` tag used as travel speed.</summary>
    public double MaxspeedShare { get; } = 0.85;

    /// <summary>Identifies the table's content for caching.</summary>
    public string Fingerprint => string.Join(";", _classKmh.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => FormattableString.Invariant($"{kv.Key}={kv.Value}")))
        + "|" + string.Join(";", _surfaceFactor.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => FormattableString.Invariant($"{kv.Key}={kv.Value}")))
        + FormattableString.Invariant($"|{Profile}|{DefaultKmh}|{MaxKmh}");

    /// <summary>Speed in km/h for a highway class before surface factors.</summary>
    public double ClassKmh(string highway) => _classKmh.TryGetValue(highway, out double v) ? v : DefaultKmh;

    /// <summary>Factor (0..1] for a surface value; 1 for unknown paved surfaces.</summary>
    public double SurfaceFactor(string surface) => _surfaceFactor.TryGetValue(surface, out double v) ? v : 1.0;

    /// <summary>A copy with one class speed replaced (km/h, must be positive).</summary>
    public SpeedTable WithClassSpeed(string highway, double kmh)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kmh);
        return new SpeedTable(Profile, new Dictionary<string, double>(_classKmh) { [highway] = kmh }, _surfaceFactor, DefaultKmh, MaxKmh);
    }

    /// <summary>A copy with one surface factor replaced (0 &lt; factor &lt;= 1).</summary>
    public SpeedTable WithSurfaceFactor(string surface, double factor)
    {
        if (factor is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "surface factor must be in (0, 1]");
        }

        return new SpeedTable(Profile, _classKmh, new Dictionary<string, double>(_surfaceFactor) { [surface] = factor }, DefaultKmh, MaxKmh);
    }

    /// <summary>Travel speed in km/h on <paramref name="way"/> in dry weather.</summary>
    public double SpeedKmh(RoadWay way)
    {
        ArgumentNullException.ThrowIfNull(way);
        if (Profile == TravelProfile.Walking)
        {
            return ClassKmh(way.Highway);
        }

        double kmh = ClassKmh(way.Highway);
        if (way.Tag("maxspeed") is { } max && double.TryParse(max.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double limit) && limit > 0)
        {
            if (max.EndsWith("mph", StringComparison.Ordinal))
            {
                limit *= 1.609344;
            }

            kmh = limit * MaxspeedShare;
        }

        string? surface = way.Tag("surface");
        if (surface is not null)
        {
            kmh *= SurfaceFactor(surface);
        }
        else if (way.Tag("tracktype") is { } grade)
        {
            kmh *= SurfaceFactor(grade);
        }

        return Math.Clamp(kmh, 2.0, MaxKmh);
    }

    /// <summary>Paved or unpaved, from `surface`, else `tracktype`, else the class (tracks and paths are unpaved).</summary>
    public static SurfaceClass SurfaceOf(RoadWay way)
    {
        ArgumentNullException.ThrowIfNull(way);
        if (way.Tag("surface") is { } surface)
        {
            return PavedSurfaces.Contains(surface) ? SurfaceClass.Paved : SurfaceClass.Unpaved;
        }

        if (way.Tag("tracktype") is { } grade)
        {
            return grade == "grade1" ? SurfaceClass.Paved : SurfaceClass.Unpaved;
        }

        return way.Highway is "track" or "path" or "bridleway" ? SurfaceClass.Unpaved : SurfaceClass.Paved;
    }

    /// <summary>The default table for a profile. Figures are planning assumptions, not measurements.</summary>
    public static SpeedTable Default(TravelProfile profile)
    {
        var surfaces = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["paving_stones"] = 0.8, ["sett"] = 0.7, ["cobblestone"] = 0.6, ["compacted"] = 0.75, ["fine_gravel"] = 0.75,
            ["gravel"] = 0.65, ["pebblestone"] = 0.6, ["unpaved"] = 0.6, ["ground"] = 0.55, ["dirt"] = 0.55, ["earth"] = 0.55,
            ["grass"] = 0.45, ["mud"] = 0.35, ["sand"] = 0.4, ["rock"] = 0.4,
            ["grade1"] = 1.0, ["grade2"] = 0.8, ["grade3"] = 0.6, ["grade4"] = 0.45, ["grade5"] = 0.35,
        };
        return profile switch
        {
            TravelProfile.Van => new SpeedTable(profile, new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["motorway"] = 90, ["motorway_link"] = 50, ["trunk"] = 65, ["trunk_link"] = 40, ["primary"] = 50, ["primary_link"] = 35,
                ["secondary"] = 42, ["secondary_link"] = 30, ["tertiary"] = 35, ["tertiary_link"] = 25, ["unclassified"] = 28,
                ["residential"] = 22, ["living_street"] = 10, ["service"] = 12, ["road"] = 20, ["track"] = 15,
            }, surfaces, 20, 90),
            TravelProfile.Motorbike => new SpeedTable(profile, new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["trunk"] = 55, ["trunk_link"] = 40, ["primary"] = 45, ["primary_link"] = 35, ["secondary"] = 40, ["secondary_link"] = 30,
                ["tertiary"] = 35, ["tertiary_link"] = 25, ["unclassified"] = 30, ["residential"] = 25, ["living_street"] = 12,
                ["service"] = 18, ["road"] = 22, ["track"] = 18, ["path"] = 10, ["bridleway"] = 10,
            }, surfaces, 20, 70),
            _ => new SpeedTable(profile, new Dictionary<string, double>(StringComparer.Ordinal) { ["steps"] = 2.5 }, surfaces, 4.5, 6),
        };
    }
}
