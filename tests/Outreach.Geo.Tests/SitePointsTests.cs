using Outreach.Geo.GeoJson;

namespace Outreach.Geo.Tests;

public class SitePointsTests
{
    [Fact]
    public void ReadCsv_HeaderInAnyOrder_ReadsNamesAndPositions()
    {
        var points = SitePoints.ReadCsv(["name,lat,lon", "Trường A,10.78,106.69", "", "\"UBND\",10.79,106.70"]);

        Assert.Equal(2, points.Count);
        Assert.Equal("UBND", points[1].Name);
        Assert.Equal(106.70, points[1].Position.X);
        Assert.Equal(10.79, points[1].Position.Y);
    }

    [Fact]
    public void ReadCsv_BadLine_NamesTheLine()
    {
        var ex = Assert.Throws<GeoDataException>(() => SitePoints.ReadCsv(["lon,lat", "106.69,10.78", "106.69,abc"]));
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }
}
