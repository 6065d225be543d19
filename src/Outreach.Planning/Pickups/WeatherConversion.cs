using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo;
using GeoWeather = Outreach.Geo.Weather;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The stored weather of a day (<see cref="WeatherState"/>, plain points) as Geo's weather (geometries), which travel
/// matrices take: rain and flood polygons, closures as a point (within 15 m), a line, or an area (a closed ring).
/// Closure kinds map Road/Bridge/Ferry/Area to Geo's "other" cause, since the stored state records what is closed,
/// not why. Stateless and thread-safe.
/// </summary>
public static class WeatherConversion
{
    public static GeoWeather.WeatherState ToGeo(WeatherState? weather)
    {
        if (weather is null)
        {
            return GeoWeather.WeatherState.None;
        }

        var factory = Geodesy.Factory;
        var rain = weather.RainAreas
            .Where(r => Polygon(r.Area) is not null)
            .Select(r => new GeoWeather.RainArea(Polygon(r.Area)!, r.IntensityMmPerHour))
            .ToList();
        var floods = weather.FloodAreas
            .Where(f => Polygon(f.Area) is not null)
            .Select(f => new GeoWeather.FloodArea(f.Name, Polygon(f.Area)!))
            .ToList();
        var closures = new List<GeoWeather.RoadClosure>();
        foreach (var c in weather.Closures)
        {
            var points = c.Geometry.Where(p => p.IsInRange).Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray();
            Geometry? where = points.Length switch
            {
                0 => null,
                1 => factory.CreatePoint(points[0]),
                _ when c.Kind == ClosureKind.Area && points.Length >= 4 && points[0].Equals2D(points[^1]) => factory.CreatePolygon(points),
                _ => factory.CreateLineString(points),
            };
            if (where is not null)
            {
                closures.Add(new GeoWeather.RoadClosure(c.Name, GeoWeather.ClosureKind.Other, where));
            }
        }

        return new GeoWeather.WeatherState(rain, floods, closures);
    }

    private static Polygon? Polygon(GeoPolygon polygon)
    {
        var rings = polygon.Rings
            .Select(r => r.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray())
            .Where(r => r.Length >= 4 && r[0].Equals2D(r[^1]))
            .Select(r => Geodesy.Factory.CreateLinearRing(r))
            .ToArray();
        return rings.Length == 0 ? null : Geodesy.Factory.CreatePolygon(rings[0], rings[1..]);
    }
}
