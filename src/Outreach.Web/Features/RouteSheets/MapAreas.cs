using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using Outreach.Geo;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Web.Infrastructure.Maps;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// The map folders stations point at (<see cref="Domain.Station.MapAreaKey"/> → maps/&lt;area&gt;/), read once per
/// area and kept: roads.geojson (when the area has roads), boundaries.geojson outlines and units.json names. The
/// maps folder is Outreach:MapsFolder, or the repository's maps/ found upwards from the content root (as demo
/// seeding finds it). Thread-safe; one instance per application.
/// </summary>
public sealed partial class MapAreas
{
    private readonly ConcurrentDictionary<string, Lazy<MapArea?>> _areas = new(StringComparer.Ordinal);
    private readonly ILogger<MapAreas> _logger;
    private readonly RoadNetworks _networks;

    public MapAreas(MapsFolder mapsFolder, RoadNetworks networks, ILogger<MapAreas> logger)
    {
        ArgumentNullException.ThrowIfNull(mapsFolder);
        _logger = logger;
        _networks = networks;
        Folder = mapsFolder.Path;
    }

    /// <summary>For tests and tools: areas under <paramref name="folder"/>.</summary>
    public MapAreas(string? folder, ILogger<MapAreas> logger)
    {
        _logger = logger;
        _networks = new RoadNetworks();
        Folder = folder;
    }

    /// <summary>The maps folder in use, or null when none was found (maps then show the stops only).</summary>
    public string? Folder { get; }

    /// <summary>The area of <paramref name="key"/>, or null when the key is empty, not a plain folder name, or has no folder.</summary>
    public MapArea? Get(string? key)
    {
        if (Folder is null || string.IsNullOrEmpty(key) || !AreaKey().IsMatch(key))
        {
            return null;
        }

        return _areas.GetOrAdd(key, k => new Lazy<MapArea?>(() => Load(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private MapArea? Load(string key)
    {
        var folder = Path.Combine(Folder!, key);
        if (!Directory.Exists(folder))
        {
            LogMissing(_logger, key);
            return null;
        }

        RoadNetwork? roads = null;
        try
        {
            roads = _networks.Get(folder);
        }
        catch (Exception e) when (e is GeoDataException or JsonException or IOException or InvalidDataException)
        {
            // A broken roads file must not take the drivers' pages down: the maps fall back to the outline.
            LogUnreadable(_logger, key, "roads.geojson", e.Message);
        }

        var outlines = new List<(Geometry Area, MapSources Source)>();
        var boundaries = Path.Combine(folder, "boundaries.geojson");
        if (File.Exists(boundaries))
        {
            try
            {
                foreach (var f in GeoJsonReader.ReadFile(boundaries).Features.Where(f => f.Geometry is Polygon or MultiPolygon))
                {
                    var source = f.GetString("source") is { } s && s.Contains("dvhcvn", StringComparison.OrdinalIgnoreCase)
                        ? MapSources.Dvhcvn : MapSources.OpenStreetMap;
                    outlines.Add((f.Geometry, source));
                }
            }
            catch (Exception e) when (e is GeoDataException or JsonException or IOException)
            {
                LogUnreadable(_logger, key, "boundaries.geojson", e.Message);
            }
        }

        return new MapArea(key, roads, outlines, ReadUnitNames(Path.Combine(folder, "units.json")));
    }

    /// <summary>Unit code → name from a units.json ("units": [{"code", "name"}, ...]); empty when absent or unreadable.</summary>
    private static Dictionary<string, string> ReadUnitNames(string path)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return names;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.TryGetProperty("units", out var units) && units.ValueKind == JsonValueKind.Array)
            {
                foreach (var unit in units.EnumerateArray())
                {
                    if (unit.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                        && unit.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        names[code.GetString()!] = name.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            names.Clear();
        }

        return names;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex AreaKey();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Map area {Key}: no folder under the maps folder; route maps show stops only")]
    private static partial void LogMissing(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Map area {Key}: {File} could not be read ({Error}); route maps do without it")]
    private static partial void LogUnreadable(ILogger logger, string key, string file, string error);
}

/// <summary>One map area's data, read-only after loading; <see cref="Costs"/> are cached per profile and weather.</summary>
public sealed class MapArea
{
    private readonly MatrixCache _costs = new();

    public MapArea(string key, RoadNetwork? roads, IReadOnlyList<(Geometry Area, MapSources Source)> outlines, IReadOnlyDictionary<string, string> unitNames)
    {
        Key = key;
        Roads = roads;
        Outlines = outlines;
        UnitNames = unitNames;
        WayEnvelopes = roads?.Ways.Select(w => Envelope(w.Coordinates)).ToArray() ?? [];
    }

    public string Key { get; }

    /// <summary>The routable roads, or null for outline-only areas (route legs are then estimated straight lines).</summary>
    public RoadNetwork? Roads { get; }

    /// <summary>Unit outlines with whose data they are.</summary>
    public IReadOnlyList<(Geometry Area, MapSources Source)> Outlines { get; }

    /// <summary>Commune/ward names by unit code.</summary>
    public IReadOnlyDictionary<string, string> UnitNames { get; }

    /// <summary>Bounding box of each of <see cref="RoadNetwork.Ways"/>, same order, for clipping the background quickly.</summary>
    internal Envelope[] WayEnvelopes { get; }

    /// <summary>Travel costs on the roads for a profile and weather, or null without roads.</summary>
    public TravelCosts? Costs(TravelProfile profile, Geo.Weather.WeatherState weather) =>
        Roads is null ? null : _costs.Costs(Roads, profile, weather);

    private static Envelope Envelope(IReadOnlyList<Coordinate> coordinates)
    {
        var e = new Envelope();
        foreach (var c in coordinates)
        {
            e.ExpandToInclude(c);
        }

        return e;
    }
}
