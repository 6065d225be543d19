using Outreach.Domain;
using Outreach.Web.Features.Bookings;

namespace Outreach.Web.Tests.Features.Bookings;

public sealed class PickupPointsTests
{
    private static readonly Station Station = new(
        1, "Công an thành phố Sông Công", null, null, null, "Phường Sông Công", "Điểm thu nhận", new GeoPoint(105.85, 21.45), null,
        3, 5, 45, 60, "song-cong", []);

    [Fact]
    public void Of_MixedSites_OnlyPickupKindsGroupedByWardInVietnameseOrderAndNumbered()
    {
        var area = new AreaData("song-cong", null, null, new Dictionary<string, string> { ["05530"] = "Xã Bình Sơn", ["05512"] = "Phường Đồng Tiến" });
        Site[] sites =
        [
            Site(1, "Trường Tiểu học Bình Sơn", SiteKind.School, "05530"),
            Site(2, "Nhà riêng bà Hoa", SiteKind.Home, "05530"),
            Site(3, "Trung tâm Bảo trợ xã hội", SiteKind.CareCentre, "05530"),
            Site(4, "Điểm thu nhận", SiteKind.CollectionPoint, null),
            Site(5, "Nhà văn hóa Xóm Lát Đá", SiteKind.VillageCulturalHouse, "05530"),
            Site(6, "Trụ sở UBND", SiteKind.CommuneOffice, "05512"),
            Site(7, "Cổng chợ", SiteKind.PickupPoint, null),
            Site(8, "Điểm đón mới", SiteKind.PickupPoint, "99999"),
        ];

        var points = PickupPoints.Of(Station, sites, area);

        // Groups: "99999" (no name known), "Phường Đồng Tiến" (Đ after D, before S), "Phường Sông Công" (the station's
        // own unit for sites without a code), "Xã Bình Sơn"; homes, care centres and the collection point never appear.
        Assert.Equal(
            [(1, "99999", 8L), (2, "Phường Đồng Tiến", 6L), (3, "Phường Sông Công", 7L), (4, "Xã Bình Sơn", 5L), (5, "Xã Bình Sơn", 1L)],
            points.Select(p => (p.Number, p.Group, p.Site.Id)));
    }

    [Fact]
    public void Nearest_FivePointsAlongALine_TheClosestFirstTiesByNumber()
    {
        // Points 0.01° of longitude apart (about 1 km at this latitude) east of 105.80; points 2 and 3 sit at the same place.
        PickupPoint[] points =
        [
            Point(1, 105.84), Point(2, 105.82), Point(3, 105.82), Point(4, 105.81), Point(5, 105.86),
        ];

        var nearest = PickupPoints.Nearest(points, new GeoPoint(105.80, 21.45), 3);

        Assert.Equal([4, 2, 3], nearest.Select(p => p.Number));
        Assert.Empty(PickupPoints.Nearest(points, new GeoPoint(105.80, 21.45), 0));
        Assert.Equal(5, PickupPoints.Nearest(points, new GeoPoint(105.80, 21.45), 9).Count);
    }

    private static PickupPoint Point(int number, double longitude) =>
        new(number, Site(number, $"Điểm {number}", SiteKind.PickupPoint, null) with { Location = new GeoPoint(longitude, 21.45) }, "Xã Bình Sơn");

    private static Site Site(long id, string name, SiteKind kind, string? unit) =>
        new(id, 1, name, kind, new GeoPoint(105.85, 21.45), unit, false, null);
}
