using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Jobs.Replanning;
using Outreach.Planning.Pickups;
using Outreach.Jobs.Tests.Pickups;

namespace Outreach.Jobs.Tests.Replanning;

/// <summary>
/// Writes of plan inputs and the re-plans they ask for, on the seeded demo (clock: Sunday 8 March 2026). Sông Công has
/// a plan (empty, hand-saved) for Tuesday's pickups and for the mobile-team week of Monday 9 March; none later.
/// </summary>
public sealed class PlanInputsTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = DemoDatabase.Monday;
    private static readonly DateOnly Tuesday = ReplanWorld.Tuesday;
    private ReplanWorld world = null!;
    private PlanInputs inputs = null!;

    public async Task InitializeAsync()
    {
        world = await ReplanWorld.CreateAsync();
        inputs = new PlanInputs(world.Stores.Fleet, world.Stores.Officers, world.Stores.Sites, world.Stores.VisitRequests, world.Stores.Weather, world.Requests);
        await SavePlanAsync(PlanKind.Pickups, Tuesday, Tuesday);
        await SavePlanAsync(PlanKind.Visits, Monday, Monday.AddDays(6));
    }

    public Task DisposeAsync()
    {
        world.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SaveVehicleAsync_NewVan_PlannedPickupDayAndVisitWeekRequested()
    {
        var id = await inputs.SaveVehicleAsync(new Vehicle(0, world.SongCong, "Xe đón 3", null, 16, 1, 2, VehicleProfile.Van));

        Assert.NotNull(id);
        var requests = await PendingAsync();
        Assert.Equal([(PlanKind.Visits, Monday), (PlanKind.Pickups, Tuesday)], requests.Select(r => (r.Kind, r.PeriodStart)));
        Assert.All(requests, r => Assert.Equal(ReplanReasons.FleetChanged, r.Reasons));
    }

    [Fact]
    public async Task SaveVehicleAsync_NoSeats_ErrorNamesFieldAndValueAndNothingRequested()
    {
        var error = await Assert.ThrowsAsync<DomainValidationException>(
            () => inputs.SaveVehicleAsync(new Vehicle(0, world.SongCong, "Xe đón 3", null, 0, 0, 0, VehicleProfile.Van)));

        var field = Assert.Single(error.Errors);
        Assert.Equal(("seatCount", "0"), (field.Field, field.Value));
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task SaveVisitRequestAsync_WindowMovedToAnUnplannedWeek_TheWeekItLeftRequested()
    {
        var request = (await world.Stores.VisitRequests.ListByStationAsync(world.SongCong)).First(r => r.Windows.Any(w => w.Date >= Monday && w.Date <= Monday.AddDays(6)));

        var id = await inputs.SaveVisitRequestAsync(request with { Windows = [new AvailabilityWindow(Monday.AddDays(9), new TimeOnly(8, 0), new TimeOnly(11, 0))] });

        Assert.Equal(request.Id, id);
        var pending = Assert.Single(await PendingAsync());
        Assert.Equal((PlanKind.Visits, Monday, ReplanReasons.VisitRequestsChanged), (pending.Kind, pending.PeriodStart, pending.Reasons));
    }

    [Fact]
    public async Task UnknownIds_FalseOrNullAndNothingRequested()
    {
        Assert.False(await inputs.AddLeaveAsync(987654, new LeavePeriod(Tuesday, Tuesday, null)));
        Assert.False(await inputs.SetVisitRequestStatusAsync(987654, VisitRequestStatus.Cancelled));
        Assert.Null(await inputs.SaveVehicleAsync(new Vehicle(987654, world.SongCong, "Xe đón 9", null, 16, 1, 2, VehicleProfile.Van)));

        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task SaveTeamAsync_TeamChanged_PlannedPeriodsRequested()
    {
        var team = (await world.Stores.Fleet.ListTeamsAsync(world.SongCong))[0];

        Assert.Equal(team.Id, await inputs.SaveTeamAsync(team with { KitCount = team.KitCount + 1 }));

        Assert.Equal(2, (await PendingAsync()).Count);
    }

    [Fact]
    public async Task RemoveOfficerAsync_TeamMemberRefusedAndNothingRequested_AFreeOfficerRemovedAndTheVisitWeekRequested()
    {
        // Sunday 8 March 2026, 09:00 in Vietnam.
        var localNow = new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.FromHours(7));
        var member = (await world.Stores.Fleet.ListTeamsAsync(world.SongCong)).First(t => t.MemberOfficerIds.Count > 0).MemberOfficerIds[0];
        var free = await world.Stores.Officers.InsertAsync(new Officer(0, world.SongCong, "Cán bộ chuyển công tác", OfficerSkills.IntakeClerk, 40, null, []));

        var refused = await inputs.RemoveOfficerAsync(world.SongCong, member, localNow);
        Assert.Empty(await PendingAsync());
        var removed = await inputs.RemoveOfficerAsync(world.SongCong, free, localNow);

        Assert.Equal(ResourceUseKind.TeamMember, refused.Uses[0].Kind);
        Assert.Equal(RemovalOutcome.Removed, removed.Outcome);
        var pending = Assert.Single(await PendingAsync());
        Assert.Equal((PlanKind.Visits, Monday, ReplanReasons.OfficersChanged), (pending.Kind, pending.PeriodStart, pending.Reasons));
    }

    [Fact]
    public async Task RemoveVehicleAsync_FamiliesBookedOntoItInTheLivePlan_RefusedWithTheirCountAndNothingRequested()
    {
        // The live plan as the booking path writes it (LivePlanJson): Wednesday, two families on a spare van. The store
        // reads that JSON without knowing the planner's types, so this pins the two together.
        var localNow = new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.FromHours(7));
        var wednesday = Tuesday.AddDays(1);
        var van = (await inputs.SaveVehicleAsync(new Vehicle(0, world.SongCong, "Xe đón 3", null, 16, 1, 2, VehicleProfile.Van)))!.Value;
        var asked = await PendingAsync(); // by saving the van

        PickupStop Stop(int sequence, PickupStopKind kind, long? booking) =>
            new(sequence, kind, new GeoPoint(105.85, 21.46), null, booking, 28_800 + (sequence * 300), 28_900 + (sequence * 300), 0, 0, 0, 0, 0);
        var plan = new PickupPlan(world.SongCong, wednesday,
            [new PickupTrip(van, 1, [Stop(0, PickupStopKind.Start, null), Stop(1, PickupStopKind.Pickup, 501), Stop(2, PickupStopKind.Pickup, 502),
                Stop(3, PickupStopKind.CollectionPointDropOff, 501), Stop(4, PickupStopKind.CollectionPointDropOff, 502), Stop(5, PickupStopKind.End, null)], 9_000, 1_500)],
            [], [], new PickupPlanFigures(2, 0, 4, 0, 1, 1, 9_000, 900, 0, 2, 20), false, "test", []);
        await using (var connection = await world.Demo.Database.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO pickup_live_plans (station_id, date, version, content, updated_at) VALUES (@station, @date, 1, @content, @now)",
                new { station = world.SongCong, date = wednesday, content = LivePlanJson.Write(plan), now = localNow });
        }

        var refused = await inputs.RemoveVehicleAsync(world.SongCong, van, localNow);

        Assert.Equal([new ResourceUse(ResourceUseKind.LivePickups, Date: wednesday, Count: 2)], refused.Uses);
        Assert.Equal(asked, await PendingAsync());
        Assert.Contains(await world.Stores.Fleet.ListVehiclesAsync(world.SongCong), v => v.Id == van);
    }

    private async Task<List<Outreach.Data.Stores.ReplanRequest>> PendingAsync() =>
        [.. (await world.Stores.ReplanRequests.ListPendingAsync()).Where(r => r.StationId == world.SongCong).OrderBy(r => r.PeriodStart)];

    private Task<PlanContent> SavePlanAsync(PlanKind kind, DateOnly start, DateOnly end) =>
        world.Stores.Plans.SaveNewVersionAsync(new PlanContent(new Plan(0, world.SongCong, kind, start, end, 0, PlanStatus.Draft, default, null, "trưởng công an"), [], [], []));
}
