using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

public sealed class WeatherConversionTests
{
    [Fact]
    public void ToGeo_StoredWeather_BecomesPolygonsAndClosureGeometries()
    {
        GeoPolygon Square(double lon, double lat) => new([[new(lon, lat), new(lon + 0.01, lat), new(lon + 0.01, lat + 0.01), new(lon, lat + 0.01), new(lon, lat)]]);
        var stored = new WeatherState(1, 1, new DateOnly(2026, 9, 1),
            [new RainArea(12, Square(105.8, 21.4))],
            [new FloodArea("Ngập suối Văn Dương", Square(105.9, 21.5))],
            [new Closure(ClosureKind.Bridge, "Cầu tràn", [new GeoPoint(105.85, 21.45)], null),
             new Closure(ClosureKind.Road, "Đường ĐT 262", [new GeoPoint(105.8, 21.4), new GeoPoint(105.81, 21.41)], "sạt lở")],
            DateTimeOffset.UnixEpoch, "test");

        var geo = WeatherConversion.ToGeo(stored);

        Assert.Equal(12, Assert.Single(geo.Rain).MillimetresPerHour);
        Assert.IsType<Polygon>(geo.Rain[0].Area);
        Assert.Equal("Ngập suối Văn Dương", Assert.Single(geo.Floods).Name);
        Assert.IsType<Point>(geo.Closures[0].Where);
        Assert.IsType<LineString>(geo.Closures[1].Where);
        Assert.NotEqual("dry", geo.Fingerprint);
        Assert.Equal("dry", WeatherConversion.ToGeo(null).Fingerprint);
    }
}
