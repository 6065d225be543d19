using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo;
using Outreach.Geo.Roads;
using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Tests.Features.Bookings;

public sealed class AreaMapTests
{
    // A 0.1 x 0.1 degree square around Sông Công (about 10.4 x 11.1 km).
    private static readonly Polygon Square = Geodesy.Factory.CreatePolygon(
    [
        new Coordinate(105.80, 21.40), new Coordinate(105.90, 21.40), new Coordinate(105.90, 21.50), new Coordinate(105.80, 21.50), new Coordinate(105.80, 21.40),
    ]);

    private static readonly Station Station = new(
        1, "Công an phường", null, null, null, "Phường Sông Công", "Điểm thu nhận", new GeoPoint(105.85, 21.45), null,
        3, 5, 45, 60, null, []);

    private static readonly AreaData Area = new("test", null, Square, new Dictionary<string, string>());

    private static AreaMap Map(IReadOnlyList<PickupPoint>? points = null) => AreaMap.For(Station, Area, points ?? []);

    [Fact]
    public void ToPoint_OfToPixel_ComesBackWithinAPixel()
    {
        var map = Map();
        var view = map.ZoomIn(map.Whole, new GeoPoint(105.86, 21.46));
        var home = new GeoPoint(105.8612, 21.4587);

        var (x, y) = map.ToPixel(view, home);
        var back = map.ToPoint(view, (int)Math.Floor(x), (int)Math.Floor(y));

        // At zoom 2 a pixel is about 11.1 km x 1.06 / 2 / 320 = 18 m: the tap lands within 20 m of the home.
        Assert.True(Geodesy.HaversineMetres(home.Longitude, home.Latitude, back.Longitude, back.Latitude) < 20);
    }

    [Fact]
    public void Whole_CentresOnTheOutlineAndShowsAllOfIt()
    {
        var map = Map();

        var (left, top) = map.ToPixel(map.Whole, new GeoPoint(105.80, 21.50));
        var (right, bottom) = map.ToPixel(map.Whole, new GeoPoint(105.90, 21.40));

        Assert.Equal((105.85, 21.45), (Math.Round(map.Whole.Longitude, 6), Math.Round(map.Whole.Latitude, 6)));
        Assert.InRange(left, 0, AreaMap.Size);
        Assert.InRange(right, 0, AreaMap.Size);
        Assert.InRange(top, 0, AreaMap.Size);
        Assert.InRange(bottom, 0, AreaMap.Size);
    }

    [Fact]
    public void Normalize_ZoomIsAPowerOfTwoAndNearbyCentresShareOneView()
    {
        var map = Map();

        var a = map.Normalize(new MapView(105.8612, 21.4587, 3));
        var b = map.Normalize(new MapView(105.8614, 21.4589, 3));

        Assert.Equal(2, a.Zoom);
        Assert.Equal(a, b); // a view does not pinpoint the home it was zoomed to
        Assert.Equal(AreaMap.MaxZoom, map.Normalize(new MapView(105.86, 21.46, 1000)).Zoom);
        Assert.Equal(map.Whole, map.Normalize(new MapView(double.NaN, double.NaN, 1)));
    }

    [Fact]
    public void Normalize_CentreOutsideTheArea_PulledBackInside()
    {
        var map = Map();

        var view = map.Normalize(new MapView(110, 30, 4));

        Assert.InRange(view.Longitude, 105.80, 105.90);
        Assert.InRange(view.Latitude, 21.40, 21.50);
    }

    [Fact]
    public void Contains_InsideAndOutsideTheOutline()
    {
        Assert.True(Map().Contains(new GeoPoint(105.85, 21.45)));
        Assert.False(Map().Contains(new GeoPoint(105.95, 21.45)));
    }

    [Fact]
    public void PointAt_TapOnOrBesideAMarker_ChoosesItOnlyWhenClose()
    {
        var site = new Site(7, 1, "Nhà văn hóa", SiteKind.VillageCulturalHouse, new GeoPoint(105.85, 21.45), null, false, null);
        var points = new[] { new PickupPoint(1, site, "Phường") };
        var map = Map(points);
        var (x, y) = map.ToPixel(map.Whole, site.Location);

        Assert.Equal(site, map.PointAt(map.Whole, (int)x + 5, (int)y - 5, points)?.Site);
        Assert.Null(map.PointAt(map.Whole, (int)x + 30, (int)y, points));
    }

    [Fact]
    public void Svg_OutlineRoadsAndNumberedPoints_AllDrawn()
    {
        var site = new Site(7, 1, "Trường <Tiểu học> & Co", SiteKind.School, new GeoPoint(105.86, 21.46), null, false, null);
        var road = new RoadWay(1, [1, 2], [new Coordinate(105.81, 21.45), new Coordinate(105.89, 21.45)],
            new Dictionary<string, string> { ["highway"] = "primary" });
        var area = new AreaData("test", new RoadNetwork([road], "v1", []), Square, new Dictionary<string, string>());
        var points = new[] { new PickupPoint(12, site, "Phường") };
        var map = AreaMap.For(Station, area, points);

        var svg = map.Svg(map.Whole, Station, area, points, "Bản đồ <Sông Công>");

        Assert.Contains("<title>Bản đồ &lt;Sông Công&gt;</title>", svg, StringComparison.Ordinal);
        Assert.Contains("fill-rule=\"evenodd\"", svg, StringComparison.Ordinal); // the outline
        Assert.Contains("stroke=\"#e0a84f\"", svg, StringComparison.Ordinal); // the primary road
        Assert.Contains(">12</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Tiểu học", svg, StringComparison.Ordinal); // names stay in the accessible list
    }
}
