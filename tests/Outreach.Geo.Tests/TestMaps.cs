using NetTopologySuite.Geometries;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Tests;

/// <summary>The repository's maps/ folder and networks loaded once for all tests (graphs are read-only).</summary>
internal static class TestMaps
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Outreach.sln not found above the test binaries");
    });

    private static readonly Lazy<RoadNetwork> AndorraNet = new(() => RoadNetwork.Load(Map("andorra"))!);
    private static readonly Lazy<RoadNetwork> HcmcNet = new(() => RoadNetwork.Load(Map("hcmc-q3-sample"))!);

    public static string Map(string area) => Path.Combine(Root.Value, "maps", area);

    /// <summary>The shared map collection beside the repository (binaries such as SRTM tiles live only there).</summary>
    public static string SharedMap(string area) => Path.GetFullPath(Path.Combine(Root.Value, "..", "shared", "maps", area));

    public static RoadNetwork Andorra => AndorraNet.Value;

    public static RoadNetwork Hcmc => HcmcNet.Value;

    public static IReadOnlyList<GeoFeature> Pois(string area) => GeoJsonReader.ReadFile(Path.Combine(Map(area), "pois.geojson")).Features;

    /// <summary>The point of the POI with this exact name (first match).</summary>
    public static Coordinate Poi(string area, string name) =>
        Pois(area).First(f => f.GetString("name") == name).Geometry.Coordinate;
}
