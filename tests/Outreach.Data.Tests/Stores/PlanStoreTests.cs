using Dapper;
using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class PlanStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private sealed record Setup(Database Database, PlanStore Plans, ManualClock Clock, long StationId, long SiteId, long BookingId, long VehicleId);

    private async Task<Setup> SetUpAsync()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var clock = new ManualClock(Now);
        var booking = await new BookingStore(database, clock).TryBookAsync(TestData.Booking(stationId, siteId) with { Date = Monday }, new BookingCapacity(20));
        var vehicleId = await new FleetStore(database).InsertVehicleAsync(new Vehicle(0, stationId, "Xe 01", null, 15, 1, 2, VehicleProfile.Van));
        return new Setup(database, new PlanStore(database, clock), clock, stationId, siteId, booking.Booking!.Id, vehicleId);
    }

    /// <summary>One van trip: start, pick up the booking (2 children + 1 guardian = 3 seats) at the school, unload at the collection point.</summary>
    private static PlanContent PickupDay(Setup s, long? bookingId = null) => new(
        new Plan(0, s.StationId, PlanKind.Pickups, Monday, Monday, 0, PlanStatus.Draft, default, null, "chief"),
        [
            Stop(s, 0, StopKind.Start, null, null, 7, 0, 7, 0, load: 0, on: 0, off: 0),
            Stop(s, 1, StopKind.Pickup, s.SiteId, bookingId ?? s.BookingId, 7, 25, 7, 30, load: 3, on: 3, off: 0),
            Stop(s, 2, StopKind.CollectionPoint, null, bookingId ?? s.BookingId, 7, 55, 8, 0, load: 0, on: 0, off: 3),
        ],
        [],
        [new UnservedItem(0, 0, UnservedItemKind.Booking, 999, "trip-full", "Chuyến 08:00 thứ Hai đã đầy; còn chỗ: 14:00", "Monday 08:00 trip full; next free: 14:00")]);

    private static PlanStop Stop(Setup s, int sequence, StopKind kind, long? siteId, long? bookingId, int ah, int am, int dh, int dm, int load, int on, int off) => new(
        0, 0, PlanResourceKind.Vehicle, s.VehicleId, Monday, 1, sequence, kind, siteId, bookingId, null,
        new DateTimeOffset(2026, 3, 2, ah, am, 0, Vietnam), new DateTimeOffset(2026, 3, 2, dh, dm, 0, Vietnam), load, on, off, 0);

    [SkippableFact]
    public async Task SaveNewVersionAsync_PickupDay_StoresDraftVersionOneWithEverything()
    {
        var s = await SetUpAsync();

        var saved = await s.Plans.SaveNewVersionAsync(PickupDay(s));

        var back = await s.Plans.GetAsync(saved.Plan.Id);
        Assert.Equal(saved.Plan, back!.Plan);
        Assert.Equal((1, PlanStatus.Draft, Now, (DateTimeOffset?)null), (back.Plan.Version, back.Plan.Status, back.Plan.CreatedAt, back.Plan.PublishedAt));
        Assert.Equal(saved.Stops, back.Stops);
        Assert.Equal(saved.Unserved, back.Unserved);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 25, 0, TimeSpan.Zero), back.Stops[1].Arrival);
    }

    [SkippableFact]
    public async Task SaveNewVersionAsync_StopNamesMissingBooking_StoresNothing()
    {
        var s = await SetUpAsync();

        // The plan row and the first stop insert fine; the second stop's booking does not exist.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => s.Plans.SaveNewVersionAsync(PickupDay(s, bookingId: s.BookingId + 1000)));

        await using var connection = await s.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM plans"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM plan_stops"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM plan_unserved"));
    }

    [SkippableFact]
    public async Task PublishAsync_ThenSaveAgain_PublishedStaysAndNewDraftIsVersionTwo()
    {
        var s = await SetUpAsync();
        var first = await s.Plans.SaveNewVersionAsync(PickupDay(s));
        s.Clock.Now = Now.AddMinutes(30);

        Assert.True(await s.Plans.PublishAsync(first.Plan.Id));
        Assert.False(await s.Plans.PublishAsync(first.Plan.Id));
        Assert.False(await s.Plans.DeleteDraftAsync(first.Plan.Id));
        var second = await s.Plans.SaveNewVersionAsync(PickupDay(s) with { Stops = [] });

        var versions = await s.Plans.ListVersionsAsync(s.StationId, PlanKind.Pickups, Monday, Monday);
        Assert.Equal([(2, PlanStatus.Draft), (1, PlanStatus.Published)], versions.Select(v => (v.Version, v.Status)));
        Assert.Equal(Now.AddMinutes(30), versions[1].PublishedAt);
        Assert.Equal(3, (await s.Plans.GetAsync(first.Plan.Id))!.Stops.Count);
        Assert.Equal(first.Plan.Id, (await s.Plans.GetLatestAsync(s.StationId, PlanKind.Pickups, Monday, Monday, PlanStatus.Published))!.Id);
        Assert.Equal(second.Plan.Id, (await s.Plans.GetLatestAsync(s.StationId, PlanKind.Pickups, Monday, Monday))!.Id);
    }

    [SkippableFact]
    public async Task DeleteDraftAsync_Draft_RemovesPlanAndChildren()
    {
        var s = await SetUpAsync();
        var draft = await s.Plans.SaveNewVersionAsync(PickupDay(s));

        Assert.True(await s.Plans.DeleteDraftAsync(draft.Plan.Id));

        Assert.Null(await s.Plans.GetAsync(draft.Plan.Id));
        await using var connection = await s.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM plan_stops"));
    }

    [SkippableFact]
    public async Task SaveNewVersionAsync_TeamVisitDay_KeepsRepeatFlagAndCategoryCounts()
    {
        var s = await SetUpAsync();
        // A team's Tuesday: 5 people captured at the care centre (3 residents, 2 elderly), then a repeat visit
        // the same day elsewhere for 1 bedridden person whose capture failed before; start and end capture nobody.
        var day = Monday.AddDays(1);
        PlanStop TeamStop(int sequence, StopKind kind, int served, bool repeat, CategoryCounts? counts) => new(
            0, 0, PlanResourceKind.Team, 7, day, 0, sequence, kind, kind == StopKind.Visit ? s.SiteId : null, null, null,
            new DateTimeOffset(2026, 3, 3, 8 + sequence, 0, 0, Vietnam), new DateTimeOffset(2026, 3, 3, 8 + sequence, 30, 0, Vietnam),
            0, 0, 0, served, repeat, counts, kind == StopKind.Visit ? new DateTimeOffset(2026, 3, 3, 8 + sequence, 10, 0, Vietnam) : null);
        var content = new PlanContent(
            new Plan(0, s.StationId, PlanKind.Visits, Monday, Monday.AddDays(6), 0, PlanStatus.Draft, default, null, "chief"),
            [
                TeamStop(0, StopKind.Start, 0, false, null),
                TeamStop(1, StopKind.Visit, 5, false, new CategoryCounts(0, 0, 2, 0, 3)),
                TeamStop(2, StopKind.Visit, 1, true, new CategoryCounts(0, 0, 0, 1, 0)),
                TeamStop(3, StopKind.End, 0, false, null),
            ],
            [], []);

        var saved = await s.Plans.SaveNewVersionAsync(content);

        var back = (await s.Plans.GetAsync(saved.Plan.Id))!.Stops;
        Assert.Equal(saved.Stops, back);
        Assert.Equal([false, false, true, false], back.Select(x => x.IsRepeatVisit));
        Assert.Equal(new CategoryCounts(0, 0, 2, 0, 3), back[1].ServedByCategory);
        Assert.Equal(1, back[2].ServedByCategory!.Value[ApplicantCategory.BedriddenOrDisabled]);
        Assert.Null(back[0].ServedByCategory);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 2, 10, 0, TimeSpan.Zero), back[1].ServiceStart);
        Assert.Null(back[3].ServiceStart);
    }

    [SkippableFact]
    public async Task SaveNewVersionAsync_ShiftPlan_StoresAssignments()
    {
        var s = await SetUpAsync();
        var officerId = await new OfficerStore(s.Database).InsertAsync(new Officer(0, s.StationId, "Hà Linh", OfficerSkills.CaptureOperator, 40, null, []));
        var demandId = (await new CalendarStore(s.Database).InsertShiftDemandsAsync(
            [new ShiftDemand(0, s.StationId, Monday, new TimeOnly(18, 0), 180, ShiftKind.Desk, OfficerSkills.CaptureOperator, 1, null)]))[0];
        var content = new PlanContent(
            new Plan(0, s.StationId, PlanKind.Shifts, Monday, Monday.AddDays(6), 0, PlanStatus.Draft, default, null, "chief"),
            [], [new PlanShiftAssignment(0, 0, demandId, officerId)], []);

        var saved = await s.Plans.SaveNewVersionAsync(content);

        var back = await s.Plans.GetAsync(saved.Plan.Id);
        Assert.Equal([new PlanShiftAssignment(saved.ShiftAssignments[0].Id, saved.Plan.Id, demandId, officerId)], back!.ShiftAssignments);
        Assert.Equal([saved.Plan], await s.Plans.ListAsync(s.StationId, Monday.AddDays(3), Monday.AddDays(3)));
    }
}

public sealed class SqlitePlanStoreTests() : PlanStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresPlanStoreTests(PostgresServer server) : PlanStoreTests(new PostgresTarget(server, "plans"));
