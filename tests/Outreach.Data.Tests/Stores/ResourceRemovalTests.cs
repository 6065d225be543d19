using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

/// <summary>Removing vans, teams, officers and sites: refused while something current uses them, else kept for history.</summary>
public abstract class ResourceRemovalTests(IDatabaseTarget target) : StoreTestBase(target)
{
    /// <summary>Today in Vietnam is Monday 2026-03-02 (08:00 there).</summary>
    private static readonly DateTimeOffset LocalNow = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

    private static readonly DateOnly Today = new(2026, 3, 2);

    private sealed record World(Database Database, long StationId, long SiteId, FleetStore Fleet, OfficerStore Officers, SiteStore Sites);

    private async Task<World> WorldAsync()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        return new World(database, stationId, siteId, new FleetStore(database), new OfficerStore(database), new SiteStore(database));
    }

    /// <summary>A live-plan reader for worlds with no live plan stored.</summary>
    private static int NoLivePlan(string content, long vehicleId) => 0;

    private static Vehicle Van(long stationId, string name = "Xe 16 chỗ") => new(0, stationId, name, "20A-555.01", 15, 1, 2, VehicleProfile.Van);

    private static Team Team(long stationId, string name, IReadOnlyList<long> members, long? vehicleId) =>
        new(0, stationId, name, members, vehicleId, VehicleProfile.Van, 2, new TimeOnly(7, 30), new TimeOnly(17, 0), 8, 8);

    /// <summary>A pickup (or visit) plan of <paramref name="date"/> with one stop of <paramref name="resourceId"/>, at <paramref name="siteId"/> when given.</summary>
    private static async Task SavePlanAsync(World w, PlanKind kind, PlanResourceKind resource, long resourceId, DateOnly date, long? siteId = null)
    {
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(7, 0)), TimeSpan.FromHours(7));
        await new PlanStore(w.Database, new ManualClock(Now)).SaveNewVersionAsync(new PlanContent(
            new Plan(0, w.StationId, kind, date, date, 0, PlanStatus.Draft, default, null, "chief"),
            [new PlanStop(0, 0, resource, resourceId, date, 1, 0, siteId is null ? StopKind.Start : StopKind.Pickup, siteId, null, null, at, at, 0, 0, 0, 0)],
            [],
            []));
    }

    [SkippableFact]
    public async Task RemoveVehicleAsync_TeamDrivesIt_RefusedNamingTheTeamAndKept()
    {
        var w = await WorldAsync();
        var vanId = await w.Fleet.InsertVehicleAsync(Van(w.StationId));
        await w.Fleet.InsertTeamAsync(Team(w.StationId, "Tổ lưu động Bình Sơn", [], vanId));

        var removal = await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, NoLivePlan);

        Assert.Equal(RemovalOutcome.InUse, removal.Outcome);
        Assert.Equal([new ResourceUse(ResourceUseKind.TeamVehicle, TeamName: "Tổ lưu động Bình Sơn")], removal.Uses);
        Assert.Equal([vanId], (await w.Fleet.ListVehiclesAsync(w.StationId)).Select(v => v.Id));
        Assert.Null((await w.Fleet.GetVehicleAsync(vanId))!.RemovedAt);
    }

    [SkippableFact]
    public async Task RemoveVehicleAsync_InTodaysAndALaterPlan_RefusedNamingEachDay_YesterdaysPlanDoesNot()
    {
        var w = await WorldAsync();
        var vanId = await w.Fleet.InsertVehicleAsync(Van(w.StationId));
        var otherId = await w.Fleet.InsertVehicleAsync(Van(w.StationId, "Xe 7 chỗ"));
        await SavePlanAsync(w, PlanKind.Pickups, PlanResourceKind.Vehicle, vanId, Today);
        await SavePlanAsync(w, PlanKind.Pickups, PlanResourceKind.Vehicle, vanId, Today.AddDays(6));
        await SavePlanAsync(w, PlanKind.Pickups, PlanResourceKind.Vehicle, otherId, Today.AddDays(-1));

        var refused = await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, NoLivePlan);
        var removed = await w.Fleet.RemoveVehicleAsync(w.StationId, otherId, LocalNow, NoLivePlan);

        Assert.Equal(
            [new ResourceUse(ResourceUseKind.PickupPlan, Date: Today), new ResourceUse(ResourceUseKind.PickupPlan, Date: Today.AddDays(6))],
            refused.Uses);
        Assert.Equal(RemovalOutcome.Removed, removed.Outcome);
    }

    [SkippableFact]
    public async Task RemoveVehicleAsync_FamiliesBookedOntoItInTomorrowsLivePlan_RefusedWithTheirCount()
    {
        // No version of tomorrow is saved yet, but two families' bookings were accepted into the live plan on this van:
        // each was promised a seat, so the van stays until the day is planned without it. The store hands each stored
        // live plan from today on to the caller's reader (here: "vehicle id:families" pairs; PlanInputs reads the real
        // JSON, tested there); yesterday's is history.
        var w = await WorldAsync();
        var vanId = await w.Fleet.InsertVehicleAsync(Van(w.StationId));
        var otherId = await w.Fleet.InsertVehicleAsync(Van(w.StationId, "Xe 7 chỗ"));
        var live = $"{vanId}:2 {otherId + 1000}:1";
        await using (var connection = await w.Database.OpenAsync())
        {
            foreach (var date in new[] { Today.AddDays(1), Today.AddDays(-1) })
            {
                await Dapper.SqlMapper.ExecuteAsync(connection,
                    "INSERT INTO pickup_live_plans (station_id, date, version, content, updated_at) VALUES (@stationId, @date, 1, @live, @now)",
                    new { stationId = w.StationId, date, live, now = Now });
            }
        }

        static int Riders(string content, long vehicle) =>
            content.Split(' ').Select(pair => pair.Split(':')).Where(p => long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture) == vehicle)
                .Sum(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

        var refused = await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, Riders);
        var removed = await w.Fleet.RemoveVehicleAsync(w.StationId, otherId, LocalNow, Riders);

        Assert.Equal([new ResourceUse(ResourceUseKind.LivePickups, Date: Today.AddDays(1), Count: 2)], refused.Uses);
        Assert.Equal(RemovalOutcome.Removed, removed.Outcome);
    }

    [SkippableFact]
    public async Task RemoveVehicleAsync_OnlyInASupersededDraft_IsRemoved()
    {
        var w = await WorldAsync();
        var vanId = await w.Fleet.InsertVehicleAsync(Van(w.StationId));
        var otherId = await w.Fleet.InsertVehicleAsync(Van(w.StationId, "Xe 7 chỗ"));
        // Version 1 used the van; version 2 of the same day, the newest and none published, uses the other one.
        await SavePlanAsync(w, PlanKind.Pickups, PlanResourceKind.Vehicle, vanId, Today.AddDays(1));
        await SavePlanAsync(w, PlanKind.Pickups, PlanResourceKind.Vehicle, otherId, Today.AddDays(1));

        Assert.Equal(RemovalOutcome.Removed, (await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, NoLivePlan)).Outcome);
        Assert.Equal(RemovalOutcome.InUse, (await w.Fleet.RemoveVehicleAsync(w.StationId, otherId, LocalNow, NoLivePlan)).Outcome);
    }

    [SkippableFact]
    public async Task RemoveVehicleAsync_Unused_GoneFromTheListButFoundByIdAndNoLongerChanged()
    {
        var w = await WorldAsync();
        var vanId = await w.Fleet.InsertVehicleAsync(Van(w.StationId));
        var keptId = await w.Fleet.InsertVehicleAsync(Van(w.StationId, "Xe 7 chỗ"));

        var removal = await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, NoLivePlan);

        Assert.Equal(RemovalOutcome.Removed, removal.Outcome);
        Assert.Equal([keptId], (await w.Fleet.ListVehiclesAsync(w.StationId)).Select(v => v.Id));
        Assert.Equal([vanId, keptId], (await w.Fleet.ListVehiclesAsync(w.StationId, includeRemoved: true)).Select(v => v.Id));
        var back = await w.Fleet.GetVehicleAsync(vanId);
        Assert.Equal(("Xe 16 chỗ", LocalNow), (back!.Name, back.RemovedAt));
        Assert.False(await w.Fleet.UpdateVehicleAsync(back with { SeatCount = 20 }));
        Assert.Equal(RemovalOutcome.NotFound, (await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, NoLivePlan)).Outcome);
    }

    [SkippableFact]
    public async Task RemoveVehicleAsync_AnotherUnitsVan_NotFoundAndKept()
    {
        var w = await WorldAsync();
        var otherStation = await new StationStore(w.Database).InsertAsync(TestData.Station("Công an phường Mỏ Chè"));
        var vanId = await w.Fleet.InsertVehicleAsync(Van(otherStation));

        var removal = await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, NoLivePlan);

        Assert.Equal(RemovalOutcome.NotFound, removal.Outcome);
        Assert.Single(await w.Fleet.ListVehiclesAsync(otherStation));
    }

    [SkippableFact]
    public async Task RemoveTeamAsync_InThisWeeksVisitPlan_Refused_ThenItsVanAndMembersAreFree()
    {
        var w = await WorldAsync();
        var officerId = await w.Officers.InsertAsync(new Officer(0, w.StationId, "Vũ An", OfficerSkills.CaptureOperator, 40, null, []));
        var vanId = await w.Fleet.InsertVehicleAsync(Van(w.StationId));
        var teamId = await w.Fleet.InsertTeamAsync(Team(w.StationId, "Tổ 2", [officerId], vanId));
        var otherTeamId = await w.Fleet.InsertTeamAsync(Team(w.StationId, "Tổ 3", [], null));
        await SavePlanAsync(w, PlanKind.Visits, PlanResourceKind.Team, otherTeamId, Today.AddDays(2));

        var refused = await w.Fleet.RemoveTeamAsync(w.StationId, otherTeamId, LocalNow);
        var removed = await w.Fleet.RemoveTeamAsync(w.StationId, teamId, LocalNow);

        Assert.Equal([new ResourceUse(ResourceUseKind.VisitPlan, Date: Today.AddDays(2))], refused.Uses);
        Assert.Equal(RemovalOutcome.Removed, removed.Outcome);
        Assert.Equal([otherTeamId], (await w.Fleet.ListTeamsAsync(w.StationId)).Select(t => t.Id));
        Assert.Equal([officerId], (await w.Fleet.GetTeamAsync(teamId))!.MemberOfficerIds);
        // A removed team uses nothing any more.
        Assert.Equal(RemovalOutcome.Removed, (await w.Fleet.RemoveVehicleAsync(w.StationId, vanId, LocalNow, NoLivePlan)).Outcome);
        Assert.Equal(RemovalOutcome.Removed, (await w.Officers.RemoveAsync(w.StationId, officerId, LocalNow)).Outcome);
    }

    [SkippableFact]
    public async Task RemoveOfficerAsync_TeamMemberWithATomorrowShift_RefusedNamingTeamAndDay()
    {
        var w = await WorldAsync();
        var officerId = await w.Officers.InsertAsync(new Officer(0, w.StationId, "Trần Thị Hoa", OfficerSkills.Driver, 40, "0987654321", []));
        var freeId = await w.Officers.InsertAsync(new Officer(0, w.StationId, "Lê Văn Bình", OfficerSkills.Driver, 40, null, []));
        await w.Fleet.InsertTeamAsync(Team(w.StationId, "Tổ lưu động 1", [officerId], null));
        await new RosterStore(w.Database, new ManualClock(Now)).SaveNewVersionAsync(new RosterContent(
            new Plan(0, w.StationId, PlanKind.Shifts, Today.AddDays(-1), Today.AddDays(5), 0, PlanStatus.Draft, default, null, "chief"),
            [
                new RosterShift(0, 0, officerId, Today.AddDays(1), "desk", 450, 570, "Desk", false),
                // Yesterday's shift is history: it keeps nobody.
                new RosterShift(0, 0, freeId, Today.AddDays(-1), "desk", 450, 570, "Desk", false),
            ],
            new RosterFigures(0, "optimal", 0, 0, 0, 0, 0, 0, 0, 0.1),
            []));

        var refused = await w.Officers.RemoveAsync(w.StationId, officerId, LocalNow);
        var removed = await w.Officers.RemoveAsync(w.StationId, freeId, LocalNow);

        Assert.Equal(
            [new ResourceUse(ResourceUseKind.TeamMember, TeamName: "Tổ lưu động 1"), new ResourceUse(ResourceUseKind.RosterShift, Date: Today.AddDays(1))],
            refused.Uses);
        Assert.Equal(RemovalOutcome.Removed, removed.Outcome);
        Assert.Equal([officerId], (await w.Officers.ListByStationAsync(w.StationId)).Select(o => o.Id));
        Assert.NotNull((await w.Officers.GetAsync(freeId))!.RemovedAt);
    }

    [SkippableFact]
    public async Task RemoveSiteAsync_BookingsOpenRequestAndPlan_RefusedWithCountsAndDaysOnly()
    {
        var w = await WorldAsync();
        var bookings = new BookingStore(w.Database, new ManualClock(Now));
        var capacity = new BookingCapacity(SeatsPerSlot: 30);
        await bookings.TryBookAsync(TestData.Booking(w.StationId, w.SiteId) with { Date = Today.AddDays(1) }, capacity);
        await bookings.TryBookAsync(TestData.Booking(w.StationId, w.SiteId) with { Date = Today.AddDays(1), Phone = "0912345679" }, capacity);
        var cancelled = await bookings.TryBookAsync(TestData.Booking(w.StationId, w.SiteId) with { Date = Today.AddDays(3), Phone = "0912345670" }, capacity);
        Assert.True(await bookings.CancelAsync(cancelled.Booking!.Id));
        await new VisitRequestStore(w.Database).InsertAsync(new VisitRequest(
            0, w.StationId, w.SiteId, [new ApplicantGroup(ApplicantCategory.Elderly, 3, null)], 15,
            [new AvailabilityWindow(Today.AddDays(4), new TimeOnly(8, 0), new TimeOnly(11, 0))], RequiredPresence.None, 50, null, 0.1,
            VisitRequestStatus.Open, null));
        var vanId = await w.Fleet.InsertVehicleAsync(Van(w.StationId));
        await SavePlanAsync(w, PlanKind.Pickups, PlanResourceKind.Vehicle, vanId, Today.AddDays(1), w.SiteId);

        var removal = await w.Sites.RemoveAsync(w.StationId, w.SiteId, LocalNow);

        Assert.Equal(
            [
                new ResourceUse(ResourceUseKind.Booking, Date: Today.AddDays(1), Count: 2),
                new ResourceUse(ResourceUseKind.VisitRequest, Count: 1),
                new ResourceUse(ResourceUseKind.PlanStop, Date: Today.AddDays(1)),
            ],
            removal.Uses);
        Assert.Single(await w.Sites.ListByStationAsync(w.StationId));
    }

    [SkippableFact]
    public async Task RemoveSiteAsync_TheCollectionPoint_Refused_AnUnusedPickupPointIsRemovedAndRefusedToNewBookings()
    {
        var w = await WorldAsync();
        // 21.4690, 105.8430 is the station's collection point (TestData.Station).
        var collection = await w.Sites.InsertAsync(TestData.Site(w.StationId, "Điểm thu nhận", SiteKind.CollectionPoint) with { Location = new GeoPoint(105.8431, 21.4691) });
        var twice = await w.Sites.InsertAsync(TestData.Site(w.StationId, "Cổng chợ (nhập trùng)", SiteKind.PickupPoint));

        var refused = await w.Sites.RemoveAsync(w.StationId, collection, LocalNow);
        var removed = await w.Sites.RemoveAsync(w.StationId, twice, LocalNow);

        Assert.Equal([new ResourceUse(ResourceUseKind.CollectionPoint)], refused.Uses);
        Assert.Equal(RemovalOutcome.Removed, removed.Outcome);
        Assert.DoesNotContain(twice, (await w.Sites.ListByStationAsync(w.StationId)).Select(s => s.Id));
        Assert.Contains(twice, (await w.Sites.ListByStationAsync(w.StationId, null, includeRemoved: true)).Select(s => s.Id));
        Assert.Equal("Cổng chợ (nhập trùng)", (await w.Sites.GetAsync(twice))!.Name);
        await Assert.ThrowsAsync<Outreach.Domain.Validation.DomainValidationException>(() =>
            new BookingStore(w.Database, new ManualClock(Now)).TryBookAsync(TestData.Booking(w.StationId, twice), new BookingCapacity(SeatsPerSlot: 30)));
    }
}

public sealed class SqliteResourceRemovalTests() : ResourceRemovalTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresResourceRemovalTests(PostgresServer server) : ResourceRemovalTests(new PostgresTarget(server, "removal"));
