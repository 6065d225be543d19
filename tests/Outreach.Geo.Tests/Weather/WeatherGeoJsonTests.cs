using Outreach.Geo.GeoJson;
using Outreach.Geo.Weather;

namespace Outreach.Geo.Tests.Weather;

public class WeatherGeoJsonTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[105.8,21.4],[105.9,21.4],[105.9,21.5],[105.8,21.5],[105.8,21.4]]]}""";

    [Fact]
    public void Read_RainFloodAndClosure_BuildsTheState()
    {
        string json = $$$"""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"weather":"rain","mm_per_hour":12.5},"geometry":{{{Square}}}},
          {"type":"Feature","properties":{"weather":"flood","name":"Ngập Bá Xuyên"},"geometry":{{{Square}}}},
          {"type":"Feature","properties":{"weather":"closure","name":"Sạt lở đèo","kind":"landslide"},"geometry":{"type":"Point","coordinates":[105.85,21.45]}}
        ]}
        """;

        var state = WeatherGeoJson.Read(GeoJsonReader.ReadString(json));

        Assert.Equal(12.5, Assert.Single(state.Rain).MillimetresPerHour);
        Assert.Equal("Ngập Bá Xuyên", Assert.Single(state.Floods).Name);
        Assert.Equal(ClosureKind.Landslide, Assert.Single(state.Closures).Kind);
    }

    [Theory]
    [InlineData("""{"weather":"flood"}""", "needs a \"name\"")]
    [InlineData("""{"weather":"rain","mm_per_hour":"lots"}""", "mm_per_hour")]
    [InlineData("""{"weather":"closure","name":"X","kind":"aliens"}""", "kind")]
    [InlineData("""{"weather":"snow"}""", "rain, flood or closure")]
    public void Read_BadFeature_NamesFeatureAndField(string properties, string expected)
    {
        string json = $$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{{properties}},"geometry":{{Square}}}]}""";

        var ex = Assert.Throws<GeoDataException>(() => WeatherGeoJson.Read(GeoJsonReader.ReadString(json)));

        Assert.StartsWith("feature 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
