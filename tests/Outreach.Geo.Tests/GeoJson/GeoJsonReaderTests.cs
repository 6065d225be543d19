using Outreach.Geo.GeoJson;

namespace Outreach.Geo.Tests.GeoJson;

public class GeoJsonReaderTests
{
    [Fact]
    public void ReadString_BadFeatures_ReportsEachByIndexAndKeepsTheGoodOnes()
    {
        // Feature 0 is fine; 1 has an unclosed ring; 2 has latitude 95; 3 has no geometry.
        const string json = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"ok","properties":{"name":"Trường A"},"geometry":{"type":"Point","coordinates":[106.69,10.78]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
          {"type":"Feature","id":"way/7","properties":{},"geometry":{"type":"LineString","coordinates":[[106.69,95],[106.7,10.7]]}},
          {"type":"Feature","properties":{}}
        ]}
        """;

        var result = GeoJsonReader.ReadString(json);

        Assert.Single(result.Features);
        Assert.Equal("Trường A", result.Features[0].GetString("name"));
        Assert.Equal(4326, result.Features[0].Geometry.SRID);
        Assert.Equal(3, result.Errors.Count);
        Assert.Equal("feature 1", result.Errors[0].Location);
        Assert.Contains("not closed", result.Errors[0].Problem, StringComparison.Ordinal);
        Assert.Equal("feature 2 (way/7)", result.Errors[1].Location);
        Assert.Contains("latitude", result.Errors[1].Problem, StringComparison.Ordinal);
        Assert.Equal("feature 3", result.Errors[2].Location);
    }

    [Fact]
    public void ReadString_NotGeoJson_Throws()
    {
        Assert.Throws<GeoDataException>(() => GeoJsonReader.ReadString("[1,2]"));
        Assert.Throws<GeoDataException>(() => GeoJsonReader.ReadString("{oops"));
    }

    [Fact]
    public void ReadFile_SongCongOutline_IsOneMultiPolygonWithVietnameseName()
    {
        var result = GeoJsonReader.ReadFile(Path.Combine(TestMaps.Map("song-cong"), "boundaries.geojson"));

        Assert.Empty(result.Errors);
        var f = Assert.Single(result.Features);
        Assert.Equal("Thành phố Sông Công", f.GetString("name"));
        Assert.Equal("MultiPolygon", f.Geometry.GeometryType);
        Assert.True(f.Geometry.IsValid);
    }
}
