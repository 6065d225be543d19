using System.Collections.Concurrent;

namespace Outreach.Geo.Roads;

/// <summary>
/// Road networks loaded once per map folder and kept for the life of the process: reading a city's roads.geojson and
/// building its graphs takes seconds, a re-plan should not. A folder without roads.geojson (an outline-only area) is
/// remembered as null, so travel falls back to the labelled estimate. Thread-safe: concurrent first requests for a
/// folder load it once.
/// </summary>
public sealed class RoadNetworks
{
    private readonly ConcurrentDictionary<string, Lazy<RoadNetwork?>> _byFolder = new(StringComparer.Ordinal);

    /// <summary>The network of <paramref name="mapFolder"/>, or null when the folder has no roads.</summary>
    public RoadNetwork? Get(string mapFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mapFolder);
        string key = Path.GetFullPath(mapFolder);
        return _byFolder.GetOrAdd(key, folder => new Lazy<RoadNetwork?>(() => Directory.Exists(folder) ? RoadNetwork.Load(folder) : null)).Value;
    }

    /// <summary>How many folders have been looked at (for tests and diagnostics).</summary>
    public int Count => _byFolder.Count;
}
