using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Fallback;

/// <summary>Terrain classes for the estimated fallback.</summary>
public enum TerrainClass
{
    /// <summary>Town streets: short detours, slow traffic.</summary>
    Urban,

    /// <summary>Plains and villages.</summary>
    Rural,

    /// <summary>Hills and mountains: winding roads.</summary>
    Hilly,
}

/// <summary>
/// Travel estimates where an area has no road network (the Vietnamese demo outlines): great-circle distance times a
/// circuity factor per terrain, divided by a speed per terrain and profile. Every matrix it makes has
/// <see cref="TravelMatrix.IsEstimated"/> set and says "ước tính / estimated" in its source, so nobody mistakes it
/// for road routing. Figures are planning assumptions (circuity 1.3 urban, 1.4 rural, 1.7 hilly, in line with
/// published road-to-crow-fly ratios), not measurements. Stateless and thread-safe.
/// </summary>
public static class EstimatedTravel
{
    /// <summary>The label to show beside every estimated figure.</summary>
    public const string Label = "ước tính (đường chim bay × hệ số) / estimated (straight line × circuity)";

    /// <summary>Road distance per straight-line distance for a terrain class.</summary>
    public static double Circuity(TerrainClass terrain) => terrain switch
    {
        TerrainClass.Urban => 1.3,
        TerrainClass.Rural => 1.4,
        _ => 1.7,
    };

    /// <summary>Average door-to-door speed in km/h for a terrain class and profile.</summary>
    public static double SpeedKmh(TerrainClass terrain, TravelProfile profile) => (profile, terrain) switch
    {
        (TravelProfile.Walking, TerrainClass.Hilly) => 3.5,
        (TravelProfile.Walking, _) => 4.5,
        (TravelProfile.Van, TerrainClass.Urban) => 20,
        (TravelProfile.Van, TerrainClass.Rural) => 35,
        (TravelProfile.Van, _) => 22,
        (_, TerrainClass.Urban) => 22,
        (_, TerrainClass.Rural) => 32,
        _ => 22,
    };

    /// <summary>
    /// The estimated matrix between <paramref name="points"/> (lon/lat). A pair uses the slower terrain of its two
    /// ends (hilly over rural over urban).
    /// </summary>
    public static TravelMatrix Compute(IReadOnlyList<Coordinate> points, IReadOnlyList<TerrainClass> terrain, TravelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(terrain);
        if (terrain.Count != points.Count)
        {
            throw new ArgumentException($"{terrain.Count} terrain classes for {points.Count} points", nameof(terrain));
        }

        int n = points.Count;
        var seconds = new int[n * n];
        var metres = new int[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var t = (TerrainClass)Math.Max((int)terrain[i], (int)terrain[j]);
                double road = Geodesy.HaversineMetres(points[i], points[j]) * Circuity(t);
                metres[i * n + j] = (int)Math.Round(road);
                seconds[i * n + j] = (int)Math.Round(road / (SpeedKmh(t, profile) / 3.6));
            }
        }

        string terrains = string.Join(",", terrain.Distinct().Order());
        return new TravelMatrix(n, profile, seconds, metres, true, string.Create(CultureInfo.InvariantCulture, $"{Label}; terrain {terrains}"));
    }

    /// <summary>The same, with one terrain class for every point.</summary>
    public static TravelMatrix Compute(IReadOnlyList<Coordinate> points, TerrainClass terrain, TravelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(points);
        return Compute(points, Enumerable.Repeat(terrain, points.Count).ToArray(), profile);
    }
}
