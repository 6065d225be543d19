using Outreach.Domain;
using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

public sealed class PickupSettingsTests
{
    [Theory]
    [InlineData(5, 12)] // the demo's 5 files per desk per hour: 12 minutes a child
    [InlineData(7, 9)] // 60 / 7 = 8.6, rounded up so desks are never over-promised
    [InlineData(60, 1)]
    public void MinutesPerChild_FilesPerDeskPerHour_RoundsUp(int filesPerDeskPerHour, int expected)
    {
        var station = new Station(1, "Test", null, null, null, null, "Point", new GeoPoint(105.8, 21.4), null,
            DeskCount: 2, FilesPerDeskPerHour: filesPerDeskPerHour, MaxRideMinutes: 45, BookingSlotMinutes: 60,
            MapAreaKey: null, OpeningHours: []);
        Assert.Equal(expected, PickupSettings.MinutesPerChild(station));
    }
}
