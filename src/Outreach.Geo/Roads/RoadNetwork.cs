using System.Security.Cryptography;
using Outreach.Geo.GeoJson;

namespace Outreach.Geo.Roads;

/// <summary>
/// The road ways of one map area and their per-profile graphs, built on first use. <see cref="Version"/> identifies
/// the data (a hash of roads.geojson) for caching. Thread-safe: graphs are built once and then read-only.
/// </summary>
public sealed class RoadNetwork
{
    private readonly Lazy<RoadGraph>[] _graphs;

    /// <summary>Creates a network from ways already read.</summary>
    public RoadNetwork(IReadOnlyList<RoadWay> ways, string version, IReadOnlyList<GeoDataError> errors)
    {
        Ways = ways;
        Version = version;
        Errors = errors;
        _graphs = Enum.GetValues<TravelProfile>()
            .Select(p => new Lazy<RoadGraph>(() => RoadGraphBuilder.Build(ways, p), LazyThreadSafetyMode.ExecutionAndPublication))
            .ToArray();
    }

    /// <summary>Every road way read.</summary>
    public IReadOnlyList<RoadWay> Ways { get; }

    /// <summary>Identifies the map data: the first 16 hex digits of the SHA-256 of the roads file.</summary>
    public string Version { get; }

    /// <summary>Features that could not be used, each named by index or OSM id.</summary>
    public IReadOnlyList<GeoDataError> Errors { get; }

    /// <summary>The graph for <paramref name="profile"/>, built on first call.</summary>
    public RoadGraph Graph(TravelProfile profile) => _graphs[(int)profile].Value;

    /// <summary>
    /// Loads `roads.geojson` from a map folder (or a roads file path). Returns null when the folder has no roads
    /// file (areas with outlines only: use the estimated fallback there).
    /// </summary>
    public static RoadNetwork? Load(string folderOrFile)
    {
        string path = Directory.Exists(folderOrFile) ? Path.Combine(folderOrFile, "roads.geojson") : folderOrFile;
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] bytes = File.ReadAllBytes(path);
        string version = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        var read = GeoJsonReader.ReadString(System.Text.Encoding.UTF8.GetString(bytes), path);
        var ways = RoadWayReader.FromFeatures(read);
        return new RoadNetwork(ways.Ways, version, ways.Errors);
    }
}
