using Outreach.Domain;
using Outreach.Geo.Fallback;
using Outreach.Geo.Roads;
using Outreach.Jobs.Visits;

namespace Outreach.Jobs.Tests.Visits;

public sealed class StationMapsTests
{
    private static readonly StationMaps Maps = new(MapsRoot(), new RoadNetworks());

    [Fact]
    public void For_SongCong_OutlineOnlyWithUnitTypesForTerrain()
    {
        var area = Maps.For(Station("song-cong"));

        // No roads.geojson: travel is estimated. Bình Sơn (05530) is a commune (xã): its hamlets are hilly, its
        // school rural; Thắng Lợi (05518) is a ward: urban.
        Assert.Null(area.Network);
        Assert.Equal(TerrainClass.Hilly, area.TerrainOf(Site(SiteKind.VillageCulturalHouse, "05530")));
        Assert.Equal(TerrainClass.Rural, area.TerrainOf(Site(SiteKind.School, "05530")));
        Assert.Equal(TerrainClass.Urban, area.TerrainOf(Site(SiteKind.Home, "05518")));
        Assert.Equal(TerrainClass.Rural, area.TerrainOf(Site(SiteKind.Home, null)));
        Assert.Same(area, Maps.For(Station("song-cong")));
    }

    [Fact]
    public void For_ThanhHoaDistrictList_ReadsEveryDistrictsUnits()
    {
        var area = Maps.For(Station("thanh-hoa"));

        // units.json holds four districts; Quảng Hợp's neighbour Thị trấn Tân Phong (16438) is a township.
        Assert.Equal(74, area.UnitTypes.Count);
        Assert.Equal("Thị trấn", area.UnitTypes["16438"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("../secrets")]
    [InlineData("no-such-area")]
    public void For_MissingOrUnsafeKey_EmptyArea(string? key)
    {
        var area = Maps.For(Station(key));

        Assert.Null(area.Network);
        Assert.Empty(area.UnitTypes);
    }

    private static Station Station(string? mapArea) =>
        new(1, "Test", null, null, null, null, "Point", new GeoPoint(105.85, 21.47), null, 1, 5, 45, 60, mapArea, []);

    private static Site Site(SiteKind kind, string? unit) => new(1, 1, "Site", kind, new GeoPoint(105.85, 21.47), unit, true, null);

    private static string MapsRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Outreach.sln not found"), "maps");
    }
}
