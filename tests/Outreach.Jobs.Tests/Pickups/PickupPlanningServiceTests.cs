using Outreach.Data.Demo;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Jobs.Pickups;
using Outreach.Planning.Pickups;

namespace Outreach.Jobs.Tests.Pickups;

/// <summary>
/// The planning service on SQLite with the seeded demo: Sông Công (outline only, estimated travel, 2 vans of 15
/// seats; its pickup truck belongs to a mobile team) and Xuân Hòa (a real OpenStreetMap road sample, one 6-seat van).
/// </summary>
public sealed class PickupPlanningServiceTests : IDisposable
{
    private static readonly DateOnly Tuesday = DemoDatabase.Monday.AddDays(1);
    private DemoDatabase? _demo;

    public void Dispose() => _demo?.Dispose();

    [Fact]
    public async Task PlanDayAsync_SongCongWeekday_EveryBookingOnATripOrUnservedWithAReason()
    {
        var (service, stores) = await CreateAsync();
        long songCong = StationId(SongCongDemoName);
        var bookings = await stores.Bookings.ListAsync(songCong, Tuesday, Tuesday);

        var result = await service.PlanDayAsync(songCong, Tuesday, "trưởng công an", CancellationToken.None);

        var onTrips = result.Saved.Stops.Where(s => s.BookingId is not null).Select(s => s.BookingId!.Value).ToHashSet();
        var unserved = result.Saved.Unserved.ToDictionary(u => u.ItemId);
        Assert.NotEmpty(bookings);
        Assert.All(bookings, b => Assert.True(onTrips.Contains(b.Id) ^ unserved.ContainsKey(b.Id), $"booking {b.Code}"));
        Assert.All(unserved.Values, u => Assert.True(u.ReasonCode.Length > 0 && u.ReasonVi.Length > 0 && u.ReasonEn.Length > 0));
        // A served family has its four stops: boarding, off at the point, on again, home.
        Assert.All(onTrips, id => Assert.Equal(4, result.Saved.Stops.Count(s => s.BookingId == id)));
        Assert.Equal((PlanKind.Pickups, Tuesday, Tuesday, 1, PlanStatus.Draft, "trưởng công an"),
            (result.Saved.Plan.Kind, result.Saved.Plan.PeriodStart, result.Saved.Plan.PeriodEnd, result.Saved.Plan.Version, result.Saved.Plan.Status, result.Saved.Plan.CreatedBy));
        Assert.True(result.Plan!.TravelIsEstimated);
        // Only the two pickup vans drive: the mobile team's pickup truck and the motorbikes stay out.
        var vans = (await stores.Fleet.ListVehiclesAsync(songCong)).Where(v => v.Name.StartsWith("Xe đón", StringComparison.Ordinal)).Select(v => v.Id).ToHashSet();
        Assert.All(result.Saved.Stops, s => Assert.Contains(s.ResourceId, vans));
    }

    [Fact]
    public async Task PlanDayAsync_SongCongDemoWeek_ServesTheCaoLanhSizedDaysWithinTheRules()
    {
        // The seeded week: 20-30 children and guardians a day, two 15-seat vans, three trips each. Every booking is
        // on a trip or unserved with a reason; families ride at most 45 min, and the vans keep to their seats.
        var (service, stores) = await CreateAsync();
        long songCong = StationId(SongCongDemoName);
        var week = await stores.Bookings.ListAsync(songCong, DemoDatabase.Monday, DemoDatabase.Monday.AddDays(6));

        foreach (var date in week.Select(b => b.Date).Distinct().Order())
        {
            var result = await service.PlanDayAsync(songCong, date, "demo", CancellationToken.None);

            var day = week.Where(b => b.Date == date).ToList();
            Assert.InRange(day.Sum(b => b.SeatCount), 20, 34);
            Assert.Equal(day.Select(b => b.Id).Order(), result.Plan!.Bookings.Select(b => b.BookingId).Concat(result.Unserved.Select(u => u.BookingId)).Order());
            Assert.All(result.Unserved, u => Assert.True(u.ReasonVi.Length > 0 && u.ReasonEn.Length > 0));
            Assert.All(result.Plan.Bookings, b => Assert.True(b.OutboundRideSeconds <= 45 * 60 && b.ReturnRideSeconds <= 45 * 60));
            Assert.All(result.Plan.Trips, t => Assert.True(t.PeakSeats <= 15));
            Assert.True(result.Plan.Trips.GroupBy(t => t.VehicleId).All(g => g.Count() <= 3), $"{date}: more than 3 trips for a van");
        }
    }

    [Fact]
    public async Task PlanDayAsync_SavedPlan_ReloadsFromTheDatabaseIdentical()
    {
        var (service, stores) = await CreateAsync();
        long songCong = StationId(SongCongDemoName);

        var saved = (await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None)).Saved;
        var loaded = await stores.Plans.GetAsync(saved.Plan.Id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(saved.Plan, loaded.Plan);
        Assert.Equal(Ordered(saved.Stops), Ordered(loaded.Stops));
        Assert.Equal(saved.Unserved.OrderBy(u => u.Id), loaded.Unserved.OrderBy(u => u.Id));
        Assert.NotEmpty(loaded.Stops);

        static List<PlanStop> Ordered(IEnumerable<PlanStop> stops) =>
            stops.OrderBy(s => s.ResourceId).ThenBy(s => s.TripNumber).ThenBy(s => s.Sequence).ToList();
    }

    [Fact]
    public async Task PlanDayAsync_AfterPublishingAndANewBooking_KeepsThePublishedTrips()
    {
        var (service, stores) = await CreateAsync();
        long songCong = StationId(SongCongDemoName);
        var first = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);
        Assert.True(await stores.Plans.PublishAsync(first.Saved.Plan.Id, CancellationToken.None));
        var site = (await stores.Sites.ListByStationAsync(songCong, SiteKind.School, CancellationToken.None))[0];
        var booked = await stores.Bookings.TryBookAsync(new Booking(0, "", songCong, site.Id, null, null, 1, 1, BookingNeeds.None,
            Tuesday, new TimeOnly(14, 0), "Mai", "0987654321", "vi", BookingStatus.Confirmed, default, default), new BookingCapacity(60), CancellationToken.None);
        Assert.Equal(BookingOutcome.Booked, booked.Outcome);

        var second = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);

        Assert.Equal(2, second.Saved.Plan.Version);
        Assert.True(second.Saved.Stops.Any(s => s.BookingId == booked.Booking!.Id) || second.Unserved.Any(u => u.BookingId == booked.Booking!.Id));
        // Every family of the published version rides the same van and trip both ways.
        foreach (var stop in first.Saved.Stops.Where(s => s.BookingId is not null))
        {
            Assert.Contains(second.Saved.Stops, s => s.BookingId == stop.BookingId && s.Kind == stop.Kind
                && s.ResourceId == stop.ResourceId && s.TripNumber == stop.TripNumber
                && s.BoardingCount == stop.BoardingCount && s.AlightingCount == stop.AlightingCount);
        }
    }

    [Fact]
    public async Task PlanDayAsync_TwiceWithNoChange_KeepsTheVersionAndPlansNothing()
    {
        var (service, stores) = await CreateAsync();
        long songCong = StationId(SongCongDemoName);
        var first = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);
        Assert.False(first.Unchanged);
        Assert.NotNull(first.Saved.Plan.Inputs);

        var second = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);
        Assert.True(await stores.Plans.PublishAsync(first.Saved.Plan.Id, CancellationToken.None));
        var third = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);

        Assert.True(second.Unchanged);
        Assert.True(third.Unchanged);
        Assert.Equal(first.Saved.Plan.Id, second.Saved.Plan.Id);
        Assert.Equal(first.Saved.Plan.Id, third.Saved.Plan.Id);
        Assert.Equal(first.Saved.Stops.Count, third.Saved.Stops.Count);
        Assert.Equal(first.Unserved.Select(u => (u.BookingId, u.Reason)).Order(), third.Unserved.Select(u => (u.BookingId, u.Reason)).Order());
        Assert.Single(await stores.Plans.ListVersionsAsync(songCong, PlanKind.Pickups, Tuesday, Tuesday, CancellationToken.None));
    }

    [Fact]
    public async Task PlanDayAsync_ACancellationOrAClosure_IsAChangeAndPlansANewVersion()
    {
        var (service, stores) = await CreateAsync();
        long songCong = StationId(SongCongDemoName);
        var first = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);
        var booking = (await stores.Bookings.ListAsync(songCong, Tuesday, Tuesday, cancellationToken: CancellationToken.None))[0];
        Assert.True(await stores.Bookings.CancelAsync(booking.Id, CancellationToken.None));

        var afterCancel = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);
        var station = (await stores.Stations.GetAsync(songCong, CancellationToken.None))!;
        var centre = station.CollectionPointLocation;
        var square = new[] { (-0.001, -0.001), (0.001, -0.001), (0.001, 0.001), (-0.001, 0.001), (-0.001, -0.001) }
            .Select(d => new GeoPoint(centre.Longitude + d.Item1, centre.Latitude + d.Item2)).ToList();
        await stores.Weather.SaveAsync(new WeatherState(0, songCong, Tuesday, [], [new FloodArea("Ngập cầu thử", new GeoPolygon([square]))], [], _demo!.Clock.GetUtcNow(), "chief"));
        var afterFlood = await service.PlanDayAsync(songCong, Tuesday, "chief", CancellationToken.None);

        Assert.False(afterCancel.Unchanged);
        Assert.Equal(2, afterCancel.Saved.Plan.Version);
        Assert.DoesNotContain(afterCancel.Saved.Stops, s => s.BookingId == booking.Id);
        Assert.NotEqual(first.Saved.Plan.Inputs, afterCancel.Saved.Plan.Inputs);
        Assert.False(afterFlood.Unchanged);
        Assert.Equal(3, afterFlood.Saved.Plan.Version);
    }

    [Fact]
    public async Task PlanDayAsync_XuanHoa_RoutesOnTheRoadNetworkLoadedOnce()
    {
        var (service, _) = await CreateAsync();
        long xuanHoa = StationId(XuanHoaDemoName);

        var first = await service.PlanDayAsync(xuanHoa, Tuesday, "chief", CancellationToken.None);
        var second = await service.PlanDayAsync(xuanHoa, Tuesday.AddDays(1), "chief", CancellationToken.None);

        Assert.False(first.Plan!.TravelIsEstimated);
        Assert.False(second.Plan!.TravelIsEstimated);
        Assert.Equal(1, _networks.Count);
        Assert.NotEmpty(first.Plan.Bookings);
    }

    [Fact]
    public async Task PlanDayAsync_UnknownStation_FailsNamingTheField()
    {
        var (service, _) = await CreateAsync();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => service.PlanDayAsync(987654, Tuesday, "chief", CancellationToken.None));

        Assert.Equal("stationId", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task LoadAsync_StationWithItsOwnLimits_PlansWithThem()
    {
        var (service, stores) = await CreateAsync();
        long songCong = StationId(SongCongDemoName);
        var station = (await stores.Stations.GetAsync(songCong))!;
        Assert.True(await stores.Stations.UpdateSettingsAsync(songCong, StationSettings.From(station) with { MaxTripsPerVan = 1, MaxBookingsPerTrip = 4 }));

        var request = await service.LoadAsync((await stores.Stations.GetAsync(songCong))!, Tuesday);

        Assert.Equal((1, 4), (request.Settings.MaxTripsPerVan, request.Settings.MaxBookingsPerTrip));
        Assert.Equal(PickupSettings.Default.ReloadMinutes, request.Settings.ReloadMinutes);
    }

    private const string SongCongDemoName = "Công an thành phố Sông Công";
    private const string XuanHoaDemoName = "Công an phường Xuân Hòa";
    private readonly RoadNetworks _networks = new();

    private long StationId(string name) => _demo!.Seeded.Stations.Single(s => s.StationName == name).StationId;

    private async Task<(PickupPlanningService Service, Data.DataStores Stores)> CreateAsync()
    {
        _demo = await DemoDatabase.CreateAsync();
        var stores = new Data.DataStores(_demo.Database, _demo.Clock);
        var service = new PickupPlanningService(stores.Stations, stores.Fleet, stores.Bookings, stores.Sites, stores.Weather, stores.Plans,
            _networks, new MatrixCache(), new PickupPlanningOptions { MapsFolder = DemoDatabase.MapsFolder, TimeLimit = TimeSpan.FromSeconds(2) },
            TimeProvider.System);
        return (service, stores);
    }
}
