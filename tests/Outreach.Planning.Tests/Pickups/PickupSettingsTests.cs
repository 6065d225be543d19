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

    [Fact]
    public void For_StationWithOwnLimits_TakesThemAndKeepsTheOtherDefaults()
    {
        var station = new Station(1, "Test", null, null, null, null, "Point", new GeoPoint(105.8, 21.4), null,
            DeskCount: 2, FilesPerDeskPerHour: 5, MaxRideMinutes: 45, BookingSlotMinutes: 60, MapAreaKey: null, OpeningHours: [])
        {
            MaxTripsPerVan = 2,
            MaxBookingsPerTrip = 4,
        };

        var settings = PickupSettings.For(station);

        Assert.Equal((2, 4), (settings.MaxTripsPerVan, settings.MaxBookingsPerTrip));
        Assert.Equal(PickupSettings.Default with { MaxTripsPerVan = 2, MaxBookingsPerTrip = 4 }, settings);
    }

    [Fact]
    public void Default_WaitForTheVanHome_IsThirtyMinutesLikeANewStation()
    {
        Assert.Equal(30, PickupSettings.Default.MaxReturnWaitMinutes);
        Assert.Equal(Station.DefaultMaxReturnWaitMinutes, PickupSettings.Default.MaxReturnWaitMinutes);
    }

    [Fact]
    public void For_StationWithOwnWait_TakesIt()
    {
        var station = new Station(1, "Test", null, null, null, null, "Point", new GeoPoint(105.8, 21.4), null,
            DeskCount: 2, FilesPerDeskPerHour: 5, MaxRideMinutes: 45, BookingSlotMinutes: 60, MapAreaKey: null, OpeningHours: [])
        {
            MaxReturnWaitMinutes = 75,
        };

        var settings = PickupSettings.For(station);

        Assert.Equal(75, settings.MaxReturnWaitMinutes);
        Assert.Equal(PickupSettings.Default with { MaxReturnWaitMinutes = 75 }, settings);
    }

    [Fact]
    public void WithLimitsOf_ConfiguredWait_TakesTheStationsWait()
    {
        var station = new Station(1, "Test", null, null, null, null, "Point", new GeoPoint(105.8, 21.4), null,
            DeskCount: 2, FilesPerDeskPerHour: 5, MaxRideMinutes: 45, BookingSlotMinutes: 60, MapAreaKey: null, OpeningHours: [])
        {
            MaxReturnWaitMinutes = 20,
        };
        var configured = PickupSettings.Default with { MaxReturnWaitMinutes = 90 };

        Assert.Equal(20, configured.WithLimitsOf(station).MaxReturnWaitMinutes);
    }

    [Fact]
    public void WithLimitsOf_ConfiguredTimes_KeepsTheTimesAndTakesTheStationsLimits()
    {
        var station = new Station(1, "Test", null, null, null, null, "Point", new GeoPoint(105.8, 21.4), null,
            DeskCount: 2, FilesPerDeskPerHour: 5, MaxRideMinutes: 45, BookingSlotMinutes: 60, MapAreaKey: null, OpeningHours: [])
        {
            MaxBookingsPerTrip = 2,
        };
        var configured = PickupSettings.Default with { ReloadMinutes = 20, MaxBookingsPerTrip = 9 };

        var settings = configured.WithLimitsOf(station);

        Assert.Equal((20, 3, 2), (settings.ReloadMinutes, settings.MaxTripsPerVan, settings.MaxBookingsPerTrip));
    }
}
