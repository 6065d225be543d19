using System.Collections.Concurrent;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo;
using Outreach.Geo.Fallback;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using Outreach.Planning.Pickups.Slots;
using Outreach.Web.Infrastructure.Maps;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// What a station's map folder (maps/&lt;MapAreaKey&gt;) holds, read once: the road network when the area is routable,
/// the outline, and the names of its communes and wards by code.
/// </summary>
public sealed class AreaData(string? key, RoadNetwork? roads, Geometry? outline, IReadOnlyDictionary<string, string> unitNames)
{
    public static AreaData Empty { get; } = new(null, null, null, new Dictionary<string, string>());

    public string? Key { get; } = key;

    public RoadNetwork? Roads { get; } = roads;

    /// <summary>The area's outline (polygons, lon/lat), or null when the folder has none.</summary>
    public Geometry? Outline { get; } = outline;

    /// <summary>Commune and ward names by GSO code (units.json), e.g. "05530" → "Xã Bình Sơn".</summary>
    public IReadOnlyDictionary<string, string> UnitNames { get; } = unitNames;
}

/// <summary>
/// Map data and direct ride times per station, for the booking pages. Areas are loaded once and shared (road graphs and
/// outlines are read-only after loading); travel costs are cached by <see cref="MatrixCache"/>, the site matrix of a
/// station by its points, so a page asking for one pickup point's ride reuses the matrix of all of them.
/// Areas without roads get the straight-line estimate (flagged), as everywhere in Outreach. Thread-safe.
/// </summary>
public sealed class StationMaps(MapsFolder mapsFolder, RoadNetworks networks)
{
    private const TravelProfile Profile = TravelProfile.Van;

    /// <summary>The demo outlines are towns with villages around them: rural speeds and circuity for estimates.</summary>
    private const TerrainClass EstimateTerrain = TerrainClass.Rural;

    private readonly ConcurrentDictionary<string, Lazy<AreaData>> _areas = new(StringComparer.Ordinal);
    private readonly MatrixCache _matrices = new();

    public AreaData Area(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (station.MapAreaKey is not { Length: > 0 } key || mapsFolder.Path is not { } maps
            || key.Contains("..", StringComparison.Ordinal) || key.IndexOfAny(['/', '\\']) >= 0)
        {
            return AreaData.Empty;
        }

        return _areas.GetOrAdd(key, k => new Lazy<AreaData>(() => Load(k, Path.Combine(maps, k)))).Value;
    }

    /// <summary>The ride between each site and the collection point (the slower direction), by site id.</summary>
    public IReadOnlyDictionary<long, RideTime> Rides(Station station, IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(sites);
        var points = new List<Coordinate> { ToCoordinate(station.CollectionPointLocation) };
        points.AddRange(sites.Select(s => ToCoordinate(s.Location)));
        var network = Area(station).Roads;
        var matrix = _matrices.MatrixOrEstimate(network, Profile, Geo.Weather.WeatherState.None, points, EstimateTerrain);
        return sites.Select((s, i) => (s.Id, Ride: RideOf(matrix, i + 1))).ToDictionary(x => x.Id, x => x.Ride);
    }

    /// <summary>Van travel between <paramref name="points"/> on the station's roads, or the labelled estimate without them.</summary>
    public TravelMatrix Travel(Station station, IReadOnlyList<Coordinate> points)
    {
        ArgumentNullException.ThrowIfNull(station);
        return _matrices.MatrixOrEstimate(Area(station).Roads, Profile, Geo.Weather.WeatherState.None, points, EstimateTerrain);
    }

    /// <summary>The ride between a home (a pin) and the collection point; not cached by point (pins are personal and many).</summary>
    public RideTime Ride(Station station, GeoPoint pickup)
    {
        ArgumentNullException.ThrowIfNull(station);
        Coordinate[] points = [ToCoordinate(station.CollectionPointLocation), ToCoordinate(pickup)];
        var network = Area(station).Roads;
        var matrix = network is null
            ? EstimatedTravel.Compute(points, EstimateTerrain, Profile)
            : RoadMatrix.Compute(_matrices.Costs(network, Profile, Geo.Weather.WeatherState.None), Snapper.SnapAll(network.Graph(Profile), points, SnapOptions.For(Profile)));
        return RideOf(matrix, 1);
    }

    private static RideTime RideOf(TravelMatrix matrix, int site)
    {
        int there = matrix[site, 0], back = matrix[0, site];
        if (there == TravelMatrix.Unreachable || back == TravelMatrix.Unreachable)
        {
            var reason = matrix.ReasonFor(site, 0) ?? matrix.ReasonFor(0, site);
            return RideTime.Unreachable(reason?.Describe() ?? "—", matrix.IsEstimated);
        }

        return new RideTime(Math.Max(there, back), matrix.IsEstimated);
    }

    private static Coordinate ToCoordinate(GeoPoint p) => new(p.Longitude, p.Latitude);

    private AreaData Load(string key, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return AreaData.Empty;
        }

        var roads = networks.Get(folder);
        Geometry? outline = null;
        var boundaries = Path.Combine(folder, "boundaries.geojson");
        if (File.Exists(boundaries))
        {
            // The first feature is the area itself (dvhcvn district or ward); later ones are its parts or neighbours.
            outline = GeoJsonReader.ReadFile(boundaries).Features
                .Select(f => f.Geometry)
                .FirstOrDefault(g => g is Polygon or MultiPolygon);
        }

        return new AreaData(key, roads, outline, UnitNames(Path.Combine(folder, "units.json")));
    }

    private static Dictionary<string, string> UnitNames(string path)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return names;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.TryGetProperty("units", out var units) && units.ValueKind == JsonValueKind.Array)
        {
            foreach (var unit in units.EnumerateArray())
            {
                if (unit.TryGetProperty("code", out var code) && unit.TryGetProperty("name", out var name)
                    && code.GetString() is { } c && name.GetString() is { } n)
                {
                    names[c] = n;
                }
            }
        }

        return names;
    }
}
