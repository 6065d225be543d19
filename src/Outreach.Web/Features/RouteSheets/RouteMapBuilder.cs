using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo;
using Outreach.Geo.Paths;
using Outreach.Geo.Roads;
using GeoWeather = Outreach.Geo.Weather;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Draws a trip's map geometry: each leg along the roads with <see cref="RoadPaths"/> (the same graph and costs the
/// planner's matrices use, under the day's weather), or as a straight estimated line where the area has no roads or
/// no path exists; a box around stops and legs; the area's roads clipped to it as background, or its outline. Stateless.
/// </summary>
public static class RouteMapBuilder
{
    /// <summary>Stops closer than this share a marker and need no leg between them.</summary>
    private const double SamePlaceMetres = 5;

    /// <summary>Background vertices closer than this (about a pixel on a phone map of a few km) are dropped.</summary>
    private const double SimplifyShareOfWidth = 1.0 / 1500;

    /// <summary>Outlines up to this size (a town or commune) are shown whole on outline-only maps.</summary>
    private const double MaxOutlineMetres = 30_000;

    public static RouteMap Build(IReadOnlyList<SheetStop> stops, MapArea? area, VehicleProfile profile, GeoWeather.WeatherState weather)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(weather);
        if (stops.Count == 0)
        {
            return RouteMap.Empty;
        }

        var markers = new List<(List<int> Numbers, GeoPoint Location, bool Illustrative)>();
        foreach (var stop in stops)
        {
            var p = stop.Place.Location;
            var existing = markers.FindIndex(m => Metres(m.Location, p) < SamePlaceMetres);
            if (existing >= 0)
            {
                markers[existing].Numbers.Add(stop.Number);
            }
            else
            {
                markers.Add(([stop.Number], p, stop.Place.IsIllustrativePosition));
            }
        }

        var legs = Legs(stops, area, profile, weather);
        var sources = legs.Any(l => !l.IsEstimated) ? MapSources.OpenStreetMap : MapSources.None;

        var all = markers.Select(m => m.Location).Concat(legs.SelectMany(l => l.Points)).ToList();
        var box = MapBox.Around(all, RouteMap.AspectRatio);
        if (area is { Roads: null })
        {
            // Without roads the map's context is the unit: show the whole outline around the trip when it is town-sized.
            foreach (var (shape, _) in area.Outlines)
            {
                var e = shape.EnvelopeInternal;
                var b = new MapBox(e.MinX, e.MinY, e.MaxX, e.MaxY);
                if (e.Intersects(new Envelope(box.West, box.East, box.South, box.North)) && b.WidthMetres <= MaxOutlineMetres && b.HeightMetres <= MaxOutlineMetres)
                {
                    all.Add(new GeoPoint(e.MinX, e.MinY));
                    all.Add(new GeoPoint(e.MaxX, e.MaxY));
                }
            }

            box = MapBox.Around(all, RouteMap.AspectRatio, padShare: 0.02);
        }

        var clip = Geodesy.Factory.ToGeometry(new Envelope(box.West, box.East, box.South, box.North));
        double tolerance = (box.East - box.West) * SimplifyShareOfWidth;

        var roads = new List<MapLine>();
        if (area?.Roads is { } network)
        {
            var envelope = clip.EnvelopeInternal;
            for (int w = 0; w < network.Ways.Count; w++)
            {
                if (!area.WayEnvelopes[w].Intersects(envelope))
                {
                    continue;
                }

                var way = network.Ways[w];
                var line = Geodesy.Factory.CreateLineString(way.Coordinates.ToArray());
                foreach (var piece in Lines(line.Intersection(clip)))
                {
                    roads.Add(new MapLine(Simplify(piece, tolerance), ClassOf(way)));
                }
            }

            if (roads.Count > 0)
            {
                sources |= MapSources.OpenStreetMap;
            }
        }

        var outline = new List<IReadOnlyList<GeoPoint>>();
        foreach (var (shape, source) in area?.Outlines ?? [])
        {
            if (!shape.EnvelopeInternal.Intersects(clip.EnvelopeInternal))
            {
                continue;
            }

            var pieces = Lines(shape.Boundary.Intersection(clip)).Select(l => Simplify(l, tolerance)).Where(l => l.Count >= 2).ToList();
            outline.AddRange(pieces);
            if (pieces.Count > 0)
            {
                sources |= source;
            }
        }

        return new RouteMap(
            box,
            roads,
            outline,
            legs,
            markers.Select(m => new MapMarker(m.Numbers, m.Location, m.Illustrative)).ToList(),
            sources);
    }

    /// <summary>
    /// The legs between consecutive stops as the trip's map draws them: along the roads where a path exists (road
    /// metres), else a straight estimated line (straight-line metres); stops closer than a few metres need no leg.
    /// Summing their <see cref="MapLeg.DistanceMetres"/> gives the trip's distance without drawing the map.
    /// </summary>
    public static IReadOnlyList<MapLeg> Legs(IReadOnlyList<SheetStop> stops, MapArea? area, VehicleProfile profile, GeoWeather.WeatherState weather)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(weather);
        var costs = area?.Costs(profile == VehicleProfile.Motorbike ? TravelProfile.Motorbike : TravelProfile.Van, weather);
        var legs = new List<MapLeg>();
        for (int i = 0; i + 1 < stops.Count; i++)
        {
            GeoPoint a = stops[i].Place.Location, b = stops[i + 1].Place.Location;
            if (Metres(a, b) < SamePlaceMetres)
            {
                continue;
            }

            var path = costs is null ? null : RoadPaths.Find(costs, new Coordinate(a.Longitude, a.Latitude), new Coordinate(b.Longitude, b.Latitude));
            if (path is not null)
            {
                legs.Add(new MapLeg(stops[i].Number, stops[i + 1].Number, path.Points.Select(c => new GeoPoint(c.X, c.Y)).ToList(),
                    false, path.DurationSeconds, path.DistanceMetres));
            }
            else
            {
                legs.Add(new MapLeg(stops[i].Number, stops[i + 1].Number, [a, b], true, null, (int)Math.Round(Metres(a, b))));
            }
        }

        return legs;
    }

    /// <summary>The day's weather from the station's stored state, as Geo applies it (floods and closures close roads, rain slows them).</summary>
    public static GeoWeather.WeatherState WeatherOf(Domain.WeatherState? state)
    {
        if (state is null)
        {
            return GeoWeather.WeatherState.None;
        }

        var rain = state.RainAreas.Select(r => new GeoWeather.RainArea(Polygon(r.Area), r.IntensityMmPerHour)).ToList();
        var floods = state.FloodAreas.Select(f => new GeoWeather.FloodArea(f.Name, Polygon(f.Area))).ToList();
        var closures = state.Closures
            .Where(c => c.Geometry.Count > 0)
            .Select(c => new GeoWeather.RoadClosure(c.Name, GeoWeather.ClosureKind.Other, ClosureGeometry(c)))
            .ToList();
        return new GeoWeather.WeatherState(rain, floods, closures);
    }

    private static Geometry ClosureGeometry(Closure c)
    {
        var cs = c.Geometry.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray();
        return c.Kind switch
        {
            ClosureKind.Area when cs.Length >= 4 && cs[0].Equals2D(cs[^1]) => Geodesy.Factory.CreatePolygon(cs),
            ClosureKind.Road when cs.Length >= 2 => Geodesy.Factory.CreateLineString(cs),
            _ => Geodesy.Factory.CreatePoint(cs[0]),
        };
    }

    private static Polygon Polygon(GeoPolygon polygon)
    {
        var rings = polygon.Rings
            .Select(r => Geodesy.Factory.CreateLinearRing(r.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray()))
            .ToArray();
        return Geodesy.Factory.CreatePolygon(rings[0], rings[1..]);
    }

    private static MapRoadClass ClassOf(RoadWay way)
    {
        var highway = way.Highway;
        if (highway.EndsWith("_link", StringComparison.Ordinal))
        {
            highway = highway[..^5];
        }

        return highway switch
        {
            "motorway" or "trunk" or "primary" or "secondary" or "tertiary" => MapRoadClass.Major,
            "footway" or "path" or "steps" or "pedestrian" or "cycleway" or "bridleway" => MapRoadClass.Path,
            _ => MapRoadClass.Minor,
        };
    }

    private static IEnumerable<LineString> Lines(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is LineString { IsEmpty: false } line)
            {
                yield return line;
            }
        }
    }

    private static List<GeoPoint> Simplify(LineString line, double tolerance)
    {
        var simplified = NetTopologySuite.Simplify.DouglasPeuckerSimplifier.Simplify(line, tolerance);
        return simplified.Coordinates.Select(c => new GeoPoint(c.X, c.Y)).ToList();
    }

    private static double Metres(GeoPoint a, GeoPoint b) => Geodesy.HaversineMetres(a.Longitude, a.Latitude, b.Longitude, b.Latitude);

    /// <summary>"1,2 km" / "350 m" in the culture's number format.</summary>
    public static string Distance(int metres, CultureInfo culture) =>
        metres >= 1000 ? (metres / 1000.0).ToString("0.0", culture) + " km" : metres.ToString(culture) + " m";
}
