using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NetTopologySuite.Geometries;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Geo;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Roads;
using Outreach.Web.Features.Dashboard;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Infrastructure.Auth;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.WeekBoard;

/// <summary>
/// The chief's week board (/staff/board, a Razor page) and its two light GET routes for the board's script
/// (wwwroot/js/week-board.js), both behind the dispatcher policy and the station gate like the page:
/// <list type="bullet">
/// <item><see cref="VersionPath"/>?station=&amp;week=: the week's plan versions as a short stamp, polled every few
/// seconds; when it changes (a background re-plan saved a version, someone published) the script fetches the page again
/// and swaps in its live section, so every app instance serves the refresh alike;</item>
/// <item><see cref="MapPath"/>?station=&amp;week=&amp;day=: the map's layers as one GeoJSON FeatureCollection (property
/// "layer"): the unit's outline, its roads clipped to the unit and simplified, the collection point and sites, the day's
/// van trips and team-days as lines through their stops, and the week's drawn floods and closures.</item>
/// </list>
/// </summary>
public static class WeekBoardEndpoints
{
    public const string PagePath = "/staff/board";
    public const string VersionPath = "/staff/board/version";
    public const string MapPath = "/staff/board/map";

    public static IServiceCollection AddWeekBoard(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DataStores(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WeekBoardQueries>();
        services.AddSingleton<BoardHazards>();
        services.AddSingleton<BoardMap>();
        return services;
    }

    public static IEndpointRouteBuilder MapWeekBoard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(VersionPath, async (long station, string? week, HttpContext context, DataStores stores) =>
            {
                if (ParseWeek(week) is not { } monday)
                {
                    return Results.BadRequest();
                }

                context.Response.Headers.CacheControl = "no-store";
                return Results.Json(new { stamp = await StampAsync(stores, station, monday, context.RequestAborted) });
            })
            .RequireAuthorization(Policies.Dispatcher)
            .ActsOnStation(StationSource.Query, "station");

        endpoints.MapGet(MapPath, async (long station, string? week, string? day, HttpContext context, DataStores stores, BoardMap map) =>
            {
                if (ParseWeek(week) is not { } monday || await stores.Stations.GetAsync(station, context.RequestAborted) is not { } found)
                {
                    return Results.BadRequest();
                }

                var date = TripKey.ParseDate(day) is { } d && d >= monday && d <= monday.AddDays(6) ? d : (DateOnly?)null;
                var features = await map.FeaturesAsync(found, monday, date, context.RequestAborted);
                context.Response.Headers.CacheControl = "no-store";
                // Written whole first: the writer is synchronous, and a few hundred KB at most.
                using var buffer = new MemoryStream();
                GeoJsonWriter.Write(buffer, features, "© OpenStreetMap contributors (ODbL); dvhcvn");
                return Results.Bytes(buffer.ToArray(), "application/geo+json");
            })
            .RequireAuthorization(Policies.Dispatcher)
            .ActsOnStation(StationSource.Query, "station");
        return endpoints;
    }

    /// <summary>The stamp of the station's week (<see cref="WeekBoard.Stamp"/>), from one query.</summary>
    public static async Task<string> StampAsync(DataStores stores, long stationId, DateOnly monday, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return WeekBoard.StampOf(WeekBoard.PeriodsOf(await stores.Plans.ListAsync(stationId, monday, monday.AddDays(6), cancellationToken)).SelectMany(p => p.Versions));
    }

    /// <summary>A Monday as yyyy-MM-dd; any other day of a week is its Monday; null when not a date.</summary>
    public static DateOnly? ParseWeek(string? text) => TripKey.ParseDate(text) is { } date ? DashboardQueries.MondayOf(date) : null;
}

/// <summary>The board map's layers (see <see cref="WeekBoardEndpoints.MapPath"/>). Roads of an area are clipped and simplified once per area and box. Thread-safe.</summary>
public sealed class BoardMap(DataStores stores, MapAreas areas, PickupDayLoader pickups, RouteSheetService sheets)
{
    /// <summary>Road vertices closer than this share of the box's width are dropped (a pixel or two on a phone).</summary>
    private const double SimplifyShareOfWidth = 1.0 / 2000;

    private readonly ConcurrentDictionary<string, IReadOnlyList<GeoFeatureOut>> _roads = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<GeoFeatureOut>> FeaturesAsync(Station station, DateOnly monday, DateOnly? day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        var factory = Geodesy.Factory;
        var features = new List<GeoFeatureOut>();
        var sites = await stores.Sites.ListByStationAsync(station.Id, cancellationToken: cancellationToken);
        var area = areas.Get(station.MapAreaKey);

        // The unit: the area's first outline (the unit itself; later ones are its parts), else the box of its places.
        var outline = area?.Outlines.Count > 0 ? area.Outlines[0].Area : null;
        var box = outline?.EnvelopeInternal.Copy() ?? new Envelope(Point(station.CollectionPointLocation).Coordinate);
        if (outline is null)
        {
            foreach (var site in sites)
            {
                box.ExpandToInclude(site.Location.Longitude, site.Location.Latitude);
            }

            box.ExpandBy(Math.Max(box.Width, box.Height) * 0.1 + 0.002);
        }

        if (outline is not null)
        {
            features.Add(new GeoFeatureOut("outline", outline, [new("layer", "outline")]));
        }

        if (area?.Roads is { } network)
        {
            features.AddRange(_roads.GetOrAdd(string.Create(CultureInfo.InvariantCulture, $"{area.Key}|{box.MinX:F5}|{box.MinY:F5}|{box.MaxX:F5}|{box.MaxY:F5}"),
                _ => Roads(area, network, box)));
        }

        features.Add(new GeoFeatureOut("collection-point", Point(station.CollectionPointLocation),
            [new("layer", "collection"), new("name", station.CollectionPointName)]));
        features.AddRange(sites.Select(s => new GeoFeatureOut($"site-{s.Id}", Point(s.Location),
            [new("layer", "site"), new("name", s.Name), new("kind", s.Kind.ToString())])));

        if (day is { } date)
        {
            features.AddRange(await RoutesAsync(station, monday, date, cancellationToken));
        }

        var weather = await stores.Weather.ListAsync(station.Id, monday, monday.AddDays(6), cancellationToken);
        foreach (var hazard in WeekBoardQueries.HazardsOf(weather))
        {
            var coordinates = hazard.Points.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray();
            Geometry? shape = hazard.Type switch
            {
                HazardType.Flood when coordinates.Length >= 4 && coordinates[0].Equals2D(coordinates[^1]) => factory.CreatePolygon(coordinates),
                HazardType.Road when coordinates.Length >= 2 => factory.CreateLineString(coordinates),
                HazardType.Bridge when coordinates.Length >= 1 => factory.CreatePoint(coordinates[0]),
                _ => null,
            };
            if (shape is not null)
            {
                features.Add(new GeoFeatureOut(null, shape,
                [
                    new("layer", "hazard"), new("type", hazard.Type.ToString().ToLowerInvariant()), new("name", hazard.Name),
                    new("days", string.Join(",", hazard.Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))),
                    new("today", day is { } shown && hazard.Days.Contains(shown)),
                ]));
            }
        }

        return features;
    }

    /// <summary>The day's van trips (latest pickup plan version of the day) and team-days (latest visit plan of the week) as lines through their stops.</summary>
    private async Task<List<GeoFeatureOut>> RoutesAsync(Station station, DateOnly monday, DateOnly date, CancellationToken cancellationToken)
    {
        var routes = new List<GeoFeatureOut>();
        var pickupDay = await pickups.LoadAsync(station, date, null, cancellationToken);
        var visitPlan = await stores.Plans.GetLatestAsync(station.Id, PlanKind.Visits, monday, monday.AddDays(6), cancellationToken: cancellationToken);
        var visitContent = visitPlan is null ? null : await stores.Plans.GetAsync(visitPlan.Id, cancellationToken);
        foreach (var (content, kind) in new[] { (pickupDay.Content, PlanResourceKind.Vehicle), (visitContent, PlanResourceKind.Team) })
        {
            if (content is null)
            {
                continue;
            }

            var keys = TripKey.TripsOf(content).Where(k => k.Date == date && k.ResourceKind == kind).ToList();
            foreach (var trip in await sheets.BuildAsync(content, keys, includeMaps: false, cancellationToken))
            {
                var points = trip.Stops.Select(s => new Coordinate(s.Place.Location.Longitude, s.Place.Location.Latitude)).ToArray();
                if (points.Length < 2)
                {
                    continue;
                }

                routes.Add(new GeoFeatureOut(null, Geodesy.Factory.CreateLineString(points),
                [
                    new("layer", "route"), new("resource", kind == PlanResourceKind.Team ? "team" : "van"), new("name", trip.Resource.Name),
                    new("trip", trip.Key.TripNumber), new("stops", trip.Stops.Count),
                    new("departure", LocalTime.FormatTime(trip.Departure)), new("return", LocalTime.FormatTime(trip.Return)),
                ]));
            }
        }

        return routes;
    }

    private static List<GeoFeatureOut> Roads(MapArea area, RoadNetwork network, Envelope box)
    {
        var clip = Geodesy.Factory.ToGeometry(box);
        var tolerance = box.Width * SimplifyShareOfWidth;
        var roads = new List<GeoFeatureOut>();
        for (var w = 0; w < network.Ways.Count; w++)
        {
            if (!area.WayEnvelopes[w].Intersects(box))
            {
                continue;
            }

            var way = network.Ways[w];
            var line = Geodesy.Factory.CreateLineString([.. way.Coordinates]);
            var clipped = box.Contains(area.WayEnvelopes[w]) ? line : line.Intersection(clip);
            for (var i = 0; i < clipped.NumGeometries; i++)
            {
                if (clipped.GetGeometryN(i) is LineString { IsEmpty: false } piece)
                {
                    var simple = NetTopologySuite.Simplify.DouglasPeuckerSimplifier.Simplify(piece, tolerance);
                    if (simple is LineString { NumPoints: >= 2 })
                    {
                        roads.Add(new GeoFeatureOut(null, simple, [new("layer", "road"), new("class", Class(way.Highway))]));
                    }
                }
            }
        }

        return roads;
    }

    private static string Class(string highway) => highway.Replace("_link", "", StringComparison.Ordinal) switch
    {
        "motorway" or "trunk" or "primary" or "secondary" or "tertiary" => "major",
        "footway" or "path" or "steps" or "pedestrian" or "cycleway" or "bridleway" => "path",
        _ => "minor",
    };

    private static NetTopologySuite.Geometries.Point Point(GeoPoint p) => Geodesy.Factory.CreatePoint(new Coordinate(p.Longitude, p.Latitude));
}
