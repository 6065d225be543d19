using NetTopologySuite.Geometries;

namespace Outreach.Geo;

/// <summary>
/// Distances on the WGS-84 sphere. Inputs are longitude/latitude in degrees, outputs metres.
/// Stateless and thread-safe.
/// </summary>
public static class Geodesy
{
    /// <summary>Mean earth radius in metres (IUGG), the one the map SOURCES files used for their lengths.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Metres per degree of latitude on that sphere.</summary>
    public const double MetresPerDegree = EarthRadiusMetres * Math.PI / 180.0;

    /// <summary>The one factory every geometry of Outreach.Geo comes from: SRID 4326, floating precision. Thread-safe.</summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    /// <summary>Great-circle distance in metres between two lon/lat points in degrees.</summary>
    public static double HaversineMetres(double lon1, double lat1, double lon2, double lat2)
    {
        double p1 = lat1 * Math.PI / 180.0, p2 = lat2 * Math.PI / 180.0;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180.0;
        double a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }

    /// <summary>Great-circle distance in metres between two coordinates (X = lon, Y = lat).</summary>
    public static double HaversineMetres(Coordinate a, Coordinate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return HaversineMetres(a.X, a.Y, b.X, b.Y);
    }

    /// <summary>Length in metres of a lon/lat polyline, summed haversine over consecutive vertices.</summary>
    public static double LengthMetres(IReadOnlyList<Coordinate> coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        double total = 0;
        for (int i = 1; i < coordinates.Count; i++)
        {
            total += HaversineMetres(coordinates[i - 1], coordinates[i]);
        }

        return total;
    }

    /// <summary>An envelope around a point that contains every point within <paramref name="radiusMetres"/>.</summary>
    public static Envelope EnvelopeAround(double lon, double lat, double radiusMetres)
    {
        double dLat = radiusMetres / MetresPerDegree;
        double cos = Math.Max(0.01, Math.Cos(lat * Math.PI / 180.0));
        double dLon = dLat / cos;
        return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
    }
}
