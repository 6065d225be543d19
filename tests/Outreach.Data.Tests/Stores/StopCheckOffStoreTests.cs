using Dapper;
using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class StopCheckOffStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private sealed record Setup(Database Database, StopCheckOffStore Store, ManualClock Clock, PlanContent Plan, long StationId, long VehicleId);

    /// <summary>A saved pickup plan with two trips of one van: trip 1 (start, pickup, collection point) and trip 2 (start, pickup).</summary>
    private async Task<Setup> SetUpAsync()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var clock = new ManualClock(Now);
        var booking = (await new BookingStore(database, clock).TryBookAsync(TestData.Booking(stationId, siteId) with { Date = Monday }, new BookingCapacity(20))).Booking!;
        var vehicleId = await new FleetStore(database).InsertVehicleAsync(new Vehicle(0, stationId, "Xe 01", null, 15, 1, 2, VehicleProfile.Van));
        PlanStop Stop(int trip, int sequence, StopKind kind, long? site, long? bookingId, int hour, int load, int on, int off) => new(
            0, 0, PlanResourceKind.Vehicle, vehicleId, Monday, trip, sequence, kind, site, bookingId, null,
            new DateTimeOffset(2026, 3, 2, hour, 0, 0, Vietnam), new DateTimeOffset(2026, 3, 2, hour, 5, 0, Vietnam), load, on, off, 0);
        var plan = await new PlanStore(database, clock).SaveNewVersionAsync(new PlanContent(
            new Plan(0, stationId, PlanKind.Pickups, Monday, Monday, 0, PlanStatus.Draft, default, null, "chief"),
            [
                Stop(1, 0, StopKind.Start, null, null, 7, 0, 0, 0),
                Stop(1, 1, StopKind.Pickup, siteId, booking.Id, 8, 3, 3, 0),
                Stop(1, 2, StopKind.CollectionPoint, null, booking.Id, 9, 0, 0, 3),
                Stop(2, 0, StopKind.Start, null, null, 13, 0, 0, 0),
                Stop(2, 1, StopKind.Pickup, siteId, booking.Id, 14, 3, 3, 0),
            ],
            [],
            []));
        return new Setup(database, new StopCheckOffStore(database, clock), clock, plan, stationId, vehicleId);
    }

    private static PlanStop Row(Setup s, int trip, int sequence) => s.Plan.Stops.Single(r => r.TripNumber == trip && r.Sequence == sequence);

    private static Task<CheckOffOutcome> CheckOffAsync(Setup s, int trip, long planStopId, StopCheckStatus status, AuditRecord? audit = null) =>
        s.Store.CheckOffAsync(s.Plan.Plan.Id, PlanResourceKind.Vehicle, s.VehicleId, Monday, trip, planStopId, status, audit);

    private static async Task<int> AuditCountAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log");
    }

    [SkippableFact]
    public async Task CheckOffAsync_StopOfTheTrip_StoredWithTheTimeAndAudited()
    {
        var s = await SetUpAsync();
        var pickup = Row(s, 1, 1);
        var audit = new AuditRecord(AuditActor.Link("plan trip 1"), AuditAction.Change, AuditSubject.DriverLink, s.StationId, ["ABC234"], "stop 2: NoShow");

        var outcome = await CheckOffAsync(s, 1, pickup.Id, StopCheckStatus.NoShow, audit);

        Assert.Equal(CheckOffOutcome.Saved, outcome);
        var stored = await s.Store.ListByPlanAsync(s.Plan.Plan.Id);
        Assert.Equal(new StopCheckOff(pickup.Id, s.Plan.Plan.Id, StopCheckStatus.NoShow, Now), Assert.Single(stored.Values));
        Assert.Equal(1, await AuditCountAsync(s.Database));
    }

    [SkippableFact]
    public async Task CheckOffAsync_SameStatusTwice_SecondChangesNothingAndWritesNoAudit()
    {
        var s = await SetUpAsync();
        var pickup = Row(s, 1, 1);
        var audit = new AuditRecord(AuditActor.Link("plan trip 1"), AuditAction.Change, AuditSubject.DriverLink, s.StationId, [], "stop 2: PickedUp");
        Assert.Equal(CheckOffOutcome.Saved, await CheckOffAsync(s, 1, pickup.Id, StopCheckStatus.PickedUp, audit));

        s.Clock.Now = Now.AddMinutes(3);
        var second = await CheckOffAsync(s, 1, pickup.Id, StopCheckStatus.PickedUp, audit);

        // The time stays the first tap's: the dispatcher sees when the families actually got on.
        Assert.Equal(CheckOffOutcome.Unchanged, second);
        Assert.Equal(Now, (await s.Store.ListByPlanAsync(s.Plan.Plan.Id))[pickup.Id].CheckedAt);
        Assert.Equal(1, await AuditCountAsync(s.Database));
    }

    [SkippableFact]
    public async Task CheckOffAsync_OtherStatusLater_ReplacesTheFirstWithItsTime()
    {
        var s = await SetUpAsync();
        var pickup = Row(s, 1, 1);
        await CheckOffAsync(s, 1, pickup.Id, StopCheckStatus.NoShow);

        s.Clock.Now = Now.AddMinutes(4);
        var outcome = await CheckOffAsync(s, 1, pickup.Id, StopCheckStatus.PickedUp);

        Assert.Equal(CheckOffOutcome.Saved, outcome);
        Assert.Equal(new StopCheckOff(pickup.Id, s.Plan.Plan.Id, StopCheckStatus.PickedUp, Now.AddMinutes(4)), (await s.Store.ListByPlanAsync(s.Plan.Plan.Id))[pickup.Id]);
    }

    [SkippableFact]
    public async Task CheckOffAsync_StopOfAnotherTrip_RefusedAndNothingStored()
    {
        var s = await SetUpAsync();
        var audit = new AuditRecord(AuditActor.Link("plan trip 1"), AuditAction.Change, AuditSubject.DriverLink, s.StationId, [], "stop");

        // Trip 1's link names trip 2's pickup row.
        var outcome = await CheckOffAsync(s, 1, Row(s, 2, 1).Id, StopCheckStatus.PickedUp, audit);

        Assert.Equal(CheckOffOutcome.NoSuchStop, outcome);
        Assert.Empty(await s.Store.ListByPlanAsync(s.Plan.Plan.Id));
        Assert.Equal(0, await AuditCountAsync(s.Database));
    }

    [SkippableFact]
    public async Task CheckOffAsync_RowOfAnotherPlanOrNone_Refused()
    {
        var s = await SetUpAsync();

        var otherPlan = await s.Store.CheckOffAsync(s.Plan.Plan.Id + 1, PlanResourceKind.Vehicle, s.VehicleId, Monday, 1, Row(s, 1, 1).Id, StopCheckStatus.PickedUp);
        var noRow = await CheckOffAsync(s, 1, s.Plan.Stops.Max(r => r.Id) + 100, StopCheckStatus.PickedUp);

        Assert.Equal((CheckOffOutcome.NoSuchStop, CheckOffOutcome.NoSuchStop), (otherPlan, noRow));
        Assert.Empty(await s.Store.ListByPlanAsync(s.Plan.Plan.Id));
    }

    [SkippableFact]
    public async Task ListByPlanAsync_DayReplannedAfterACheckOff_TheNewVersionCarriesItToTheSameFamilysStop()
    {
        // The driver marked trip 1's pickup a no-show; the day is then re-planned (version 2: the same trips, the
        // trip 2 pickup ten minutes later, new rows). The dispatcher and the driver, now on version 2, still see it.
        var s = await SetUpAsync();
        await CheckOffAsync(s, 1, Row(s, 1, 1).Id, StopCheckStatus.NoShow);
        s.Clock.Now = Now.AddMinutes(5);
        var plans = new PlanStore(s.Database, s.Clock);
        var second = await plans.SaveNewVersionAsync(s.Plan with
        {
            Plan = s.Plan.Plan with { Id = 0, Version = 0 },
            Stops = [.. s.Plan.Stops.Select(r => r.TripNumber == 2 && r.Sequence == 1 ? r with { Id = 0, Arrival = r.Arrival.AddMinutes(10), Departure = r.Departure.AddMinutes(10) } : r with { Id = 0 })],
        });
        PlanStop Now2(int trip, int sequence) => second.Stops.Single(r => r.TripNumber == trip && r.Sequence == sequence);

        var carried = await s.Store.ListByPlanAsync(second.Plan.Id);

        Assert.Equal(new StopCheckOff(Now2(1, 1).Id, s.Plan.Plan.Id, StopCheckStatus.NoShow, Now), Assert.Single(carried.Values));

        // A check-off made on version 2 wins over the carried one.
        Assert.Equal(CheckOffOutcome.Saved, await s.Store.CheckOffAsync(second.Plan.Id, PlanResourceKind.Vehicle, s.VehicleId, Monday, 1, Now2(1, 1).Id, StopCheckStatus.PickedUp));
        Assert.Equal(StopCheckStatus.PickedUp, (await s.Store.ListByPlanAsync(second.Plan.Id))[Now2(1, 1).Id].Status);
        // The first version keeps its own.
        Assert.Equal(StopCheckStatus.NoShow, (await s.Store.ListByPlanAsync(s.Plan.Plan.Id))[Row(s, 1, 1).Id].Status);
    }

    [SkippableFact]
    public async Task DeleteDraft_WithCheckOffs_TakesThemAlong()
    {
        var s = await SetUpAsync();
        await CheckOffAsync(s, 1, Row(s, 1, 1).Id, StopCheckStatus.PickedUp);

        Assert.True(await new PlanStore(s.Database, s.Clock).DeleteDraftAsync(s.Plan.Plan.Id));

        Assert.Empty(await s.Store.ListByPlanAsync(s.Plan.Plan.Id));
    }
}

public sealed class SqliteStopCheckOffStoreTests() : StopCheckOffStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresStopCheckOffStoreTests(PostgresServer server) : StopCheckOffStoreTests(new PostgresTarget(server, "checkoffs"));
