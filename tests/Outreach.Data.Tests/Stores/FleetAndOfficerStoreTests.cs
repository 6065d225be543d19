using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class FleetAndOfficerStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static Officer Officer(long stationId, string name, OfficerSkills skills) =>
        new(0, stationId, name, skills, 40, "0987654321", []);

    [SkippableFact]
    public async Task InsertOfficerWithLeave_ThenAddLeave_ReturnsAllPeriodsInDateOrder()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new OfficerStore(database);
        var officer = Officer(stationId, "Trần Thị Hoa", OfficerSkills.CaptureOperator | OfficerSkills.TeamLead) with
        {
            Leave = [new LeavePeriod(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12), "nghỉ phép")],
        };
        var id = await store.InsertAsync(officer);

        Assert.True(await store.AddLeaveAsync(id, new LeavePeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), null)));
        Assert.False(await store.AddLeaveAsync(id + 1, new LeavePeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), null)));

        var back = await store.GetAsync(id);
        Assert.Equal(officer with { Id = id, Leave = [] }, back! with { Leave = [] });
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 10)], back.Leave.Select(l => l.FirstDay));
        Assert.True(back.Leave[1].Covers(new DateOnly(2026, 3, 12)));
    }

    [SkippableFact]
    public async Task InsertTeam_WithVehicleAndMembers_KeepsMemberOrder()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var officers = new OfficerStore(database);
        var fleet = new FleetStore(database);
        var ids = await officers.InsertManyAsync(
        [
            Officer(stationId, "Lê Văn Bình", OfficerSkills.Driver),
            Officer(stationId, "Phạm Thu", OfficerSkills.CaptureOperator | OfficerSkills.TeamLead),
            Officer(stationId, "Đỗ Minh", OfficerSkills.IntakeClerk),
        ]);
        var bike = new Vehicle(0, stationId, "Xe máy 01", "20B1-123.45", 2, 0, 0, VehicleProfile.Motorbike);
        var bikeId = await fleet.InsertVehicleAsync(bike);
        var team = new Team(0, stationId, "Tổ lưu động 1", [ids[1], ids[0], ids[2]], bikeId, VehicleProfile.Motorbike, 1,
            new TimeOnly(7, 0), new TimeOnly(21, 0), 12, 16);

        var teamId = await fleet.InsertTeamAsync(team);

        var back = await fleet.GetTeamAsync(teamId);
        Assert.Equal(team with { Id = teamId, MemberOfficerIds = [] }, back! with { MemberOfficerIds = [] });
        Assert.Equal([ids[1], ids[0], ids[2]], back.MemberOfficerIds);
        Assert.Equal([bike with { Id = bikeId }], await fleet.ListVehiclesAsync(stationId));
    }

    [SkippableFact]
    public async Task UpdateTeamAsync_UnknownOfficer_KeepsOldMembers()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var officerId = await new OfficerStore(database).InsertAsync(Officer(stationId, "Vũ An", OfficerSkills.CaptureOperator));
        var fleet = new FleetStore(database);
        var team = new Team(0, stationId, "Tổ 2", [officerId], null, VehicleProfile.Van, 2, new TimeOnly(7, 30), new TimeOnly(17, 0), 8, 8);
        var teamId = await fleet.InsertTeamAsync(team);

        // The old members are deleted first, then the unknown officer fails its foreign key: all of it rolls back.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            fleet.UpdateTeamAsync(team with { Id = teamId, Name = "Tổ 2 mới", MemberOfficerIds = [officerId + 50] }));

        var back = await fleet.GetTeamAsync(teamId);
        Assert.Equal(("Tổ 2", officerId), (back!.Name, Assert.Single(back.MemberOfficerIds)));
    }

    [SkippableFact]
    public async Task InsertManyAsync_SecondOfficerInvalid_NamesIndexedFieldAndStoresNone()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new OfficerStore(database);

        var error = await Assert.ThrowsAsync<Outreach.Domain.Validation.DomainValidationException>(() => store.InsertManyAsync(
            [Officer(stationId, "Lý Tâm", OfficerSkills.Driver), Officer(stationId, "Mai Lan", OfficerSkills.Driver) with { ContractHoursPerWeek = 200 }]));

        Assert.Equal(("[1].contractHoursPerWeek", "200"), (error.Errors[0].Field, error.Errors[0].Value));
        Assert.Empty(await store.ListByStationAsync(stationId));
    }

    [SkippableFact]
    public async Task UpdateVehicleAsync_MoreSeats_IsStored()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var fleet = new FleetStore(database);
        var van = new Vehicle(0, stationId, "Xe 16 chỗ", "20A-555.01", 15, 1, 2, VehicleProfile.Van);
        var id = await fleet.InsertVehicleAsync(van);

        Assert.True(await fleet.UpdateVehicleAsync(van with { Id = id, SeatCount = 16 }));

        Assert.Equal(16, (await fleet.GetVehicleAsync(id))!.SeatCount);
    }
}

public sealed class SqliteFleetAndOfficerStoreTests() : FleetAndOfficerStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresFleetAndOfficerStoreTests(PostgresServer server) : FleetAndOfficerStoreTests(new PostgresTarget(server, "fleet"));
