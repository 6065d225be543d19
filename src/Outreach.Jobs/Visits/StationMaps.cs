using System.Collections.Concurrent;
using System.Text.Json;
using Outreach.Domain;
using Outreach.Geo.Fallback;
using Outreach.Geo.Roads;

namespace Outreach.Jobs.Visits;

/// <summary>
/// The map of each station (<see cref="Station.MapAreaKey"/> is a folder under the maps root, e.g. "song-cong"):
/// its road network, loaded once and kept (building graphs of a real area takes seconds), and the terrain of its
/// units from the folder's units.json for estimated travel where there is no road network. Thread-safe.
/// </summary>
public sealed class StationMaps(string mapsRoot, RoadNetworks networks)
{
    private readonly ConcurrentDictionary<string, Lazy<MapArea>> _areas = new(StringComparer.Ordinal);

    public string MapsRoot { get; } = mapsRoot;

    /// <summary>The station's map area, or an empty one (no roads, no units) when it has none or the folder is missing.</summary>
    public MapArea For(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (string.IsNullOrWhiteSpace(station.MapAreaKey) || station.MapAreaKey.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            return MapArea.Empty;
        }

        var folder = Path.Combine(MapsRoot, station.MapAreaKey);
        return _areas.GetOrAdd(folder, f => new Lazy<MapArea>(() => MapArea.Load(f, networks), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}

/// <summary>A map folder's road network (null for outline-only areas) and unit types by unit code ("Xã", "Phường", ...).</summary>
public sealed record MapArea(RoadNetwork? Network, IReadOnlyDictionary<string, string> UnitTypes)
{
    public static MapArea Empty { get; } = new(null, new Dictionary<string, string>());

    /// <summary>
    /// Terrain of a site for estimated travel (a planning assumption, documented here because no terrain data exists
    /// for these areas): homes and village cultural houses in a commune (xã) are hilly, the commune's offices and
    /// schools rural, wards (phường) and townships (thị trấn) urban; unknown units rural.
    /// </summary>
    public TerrainClass TerrainOf(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var type = site.UnitCode is null ? null : UnitTypes.GetValueOrDefault(site.UnitCode);
        return type switch
        {
            "Phường" or "Thị trấn" => TerrainClass.Urban,
            "Xã" when site.Kind is SiteKind.Home or SiteKind.VillageCulturalHouse => TerrainClass.Hilly,
            _ => TerrainClass.Rural,
        };
    }

    public static MapArea Load(string folder, RoadNetworks networks)
    {
        if (!Directory.Exists(folder))
        {
            return Empty;
        }

        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(folder, "units.json");
        if (File.Exists(path))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var blocks = root.TryGetProperty("districts", out var districts) ? districts.EnumerateArray().ToList() : [root];
            foreach (var block in blocks)
            {
                if (!block.TryGetProperty("units", out var list))
                {
                    continue;
                }

                foreach (var unit in list.EnumerateArray())
                {
                    if (unit.TryGetProperty("code", out var code) && unit.TryGetProperty("type", out var type)
                        && code.GetString() is { } c && type.GetString() is { } t)
                    {
                        units[c] = t;
                    }
                }
            }
        }

        return new MapArea(networks.Get(folder), units);
    }
}
