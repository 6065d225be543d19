using Outreach.Domain;
using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

public sealed class PickupPointsTests
{
    private static readonly Station Station = new(1, "Test", null, null, null, null, "Point", new GeoPoint(105.85, 21.48), null,
        2, 5, 45, 60, null, []);

    [Fact]
    public void Collect_Bookings_CollectionPointFirstThenEachPlaceOnce()
    {
        // Two families at one school share a row; a home gets its own; a site the station does not know gets none.
        var school = new Site(7, 1, "Trường", SiteKind.School, new GeoPoint(105.86, 21.49), null, false, null);
        Booking Book(long id, long? site, GeoPoint? home) => new(id, "C", 1, site, home, null, 1, 1, BookingNeeds.None,
            new DateOnly(2026, 3, 10), new TimeOnly(8, 0), "Lan", "0912345678", "vi", BookingStatus.Confirmed, default, default);

        var points = PickupPoints.Collect(Station, [Book(1, 7, null), Book(2, 7, null), Book(3, null, new GeoPoint(105.9, 21.5)), Book(4, 99, null)], [school]);

        Assert.Equal([Station.CollectionPointLocation, school.Location, new GeoPoint(105.9, 21.5)], points.Locations);
        Assert.Equal((1, 1, 2), (points.IndexOf(1)!.Value, points.IndexOf(2)!.Value, points.IndexOf(3)!.Value));
        Assert.Null(points.IndexOf(4));
        Assert.Equal(105.86, points.Coordinates[1].X);
    }
}
