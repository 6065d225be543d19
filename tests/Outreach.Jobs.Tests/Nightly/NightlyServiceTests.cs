using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Nightly;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Tests.Pickups;
using Outreach.Jobs.Tests.Replanning;

namespace Outreach.Jobs.Tests.Nightly;

/// <summary>
/// The nightly job's service on the seeded demo (clock: Sunday 8 March 2026, so tomorrow is the demo week's Monday,
/// which has bookings at both stations). Sông Công's Monday is planned first (short search); Xuân Hòa's is not.
/// </summary>
public sealed class NightlyServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = DemoDatabase.Monday;
    private ReplanWorld world = null!;
    private NightlyService nightly = null!;
    private Plan planned = null!;

    public async Task InitializeAsync()
    {
        world = await ReplanWorld.CreateAsync();
        var s = world.Stores;
        nightly = new NightlyService(s.Stations, s.Bookings, s.Fleet, s.Weather, s.Plans, s.ReplanRequests, world.Requests, world.Demo.Clock,
            NullLogger<NightlyService>.Instance);
        planned = (await world.Pickups.PlanDayAsync(world.SongCong, Monday, "trưởng công an")).Saved.Plan;
    }

    public Task DisposeAsync()
    {
        world.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_PlanMadeFromTomorrowAsItIs_NothingRequested()
    {
        var report = await nightly.RunAsync();

        Assert.Equal(new NightlyReport(Monday, Current: 1, Requested: 0, Pending: 0, NotPlanned: 1, NotOnPublishedPlan: 0), report);
        Assert.Empty(await world.Stores.ReplanRequests.ListPendingAsync());
    }

    [Fact]
    public async Task RunAsync_BookedAfterThePlanTwice_OneRequestAndTheSecondRunAddsNothing()
    {
        await BookMondayAsync();

        var first = await nightly.RunAsync();
        var second = await nightly.RunAsync();

        Assert.Equal((1, 0), (first.Requested, first.Pending));
        Assert.Equal((0, 1), (second.Requested, second.Pending));
        var request = Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync());
        Assert.Equal((world.SongCong, PlanKind.Pickups, Monday, ReplanReasons.NightlyStale, 1), (request.StationId, request.Kind, request.PeriodStart, request.Reasons, request.Changes));
        Assert.Single(world.Queue.Replans);
    }

    [Fact]
    public async Task RunAsync_AfterTheReplanRan_PlanCurrentAndNothingMoreRequested()
    {
        await BookMondayAsync();
        await nightly.RunAsync();
        var request = Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync());
        Assert.Equal(ReplanOutcome.Planned, (await world.Service.RunAsync(request.Id, request.Token)).Outcome);

        var again = await nightly.RunAsync();

        Assert.Equal((1, 0, 0), (again.Current, again.Requested, again.Pending));
        Assert.Empty(await world.Stores.ReplanRequests.ListPendingAsync());
    }

    [Fact]
    public async Task RunAsync_WeatherChangedAfterThePlan_ReplanRequested()
    {
        await world.Stores.Weather.SaveAsync(new WeatherState(0, world.SongCong, Monday, [], [new FloodArea("Ngập ngầm Bá Xuyên",
            new GeoPolygon([[new(105.80, 21.45), new(105.85, 21.45), new(105.85, 21.50), new(105.80, 21.45)]]))], [], planned.CreatedAt.AddMinutes(1), "chief"));

        var report = await nightly.RunAsync();

        Assert.Equal(1, report.Requested);
        Assert.Equal(ReplanReasons.NightlyStale, Assert.Single(await world.Stores.ReplanRequests.ListPendingAsync()).Reasons);
    }

    [Fact]
    public async Task RunAsync_PublishedPlanAndALaterBooking_CountsTheFamilyNotOnIt()
    {
        Assert.True(await world.Stores.Plans.PublishAsync(planned.Id));
        await BookMondayAsync();

        var report = await nightly.RunAsync();

        Assert.Equal(1, report.NotOnPublishedPlan);
    }

    /// <summary>A family books Monday straight in the store (the capacity rule aside).</summary>
    private async Task BookMondayAsync()
    {
        var site = (await world.Stores.Sites.ListByStationAsync(world.SongCong, SiteKind.School))[0];
        var result = await world.Stores.Bookings.TryBookAsync(
            new Booking(0, "", world.SongCong, site.Id, null, null, 1, 1, BookingNeeds.None, Monday, new TimeOnly(9, 0), "Lan", "0912345678", "vi",
                BookingStatus.Requested, default, default),
            new BookingCapacity(SeatsPerSlot: 1000));
        Assert.Equal(BookingOutcome.Booked, result.Outcome);
    }
}
