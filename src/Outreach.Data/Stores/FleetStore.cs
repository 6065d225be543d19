using System.Data.Common;
using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// Vehicles and mobile teams (with their members, written together with the team). A removed vehicle or team
/// (<see cref="RemoveVehicleAsync"/>, <see cref="RemoveTeamAsync"/>) is kept for history: lookups by id still find it,
/// the lists leave it out unless asked, and it can no longer be changed.
/// </summary>
public sealed class FleetStore(Database database)
{
    private const string VehicleColumns = "id, home_station_id, name, plate, seat_count, wheelchair_places, child_seat_count, profile, removed_at";

    private const string TeamColumns =
        "id, home_station_id, name, vehicle_id, profile, kit_count, work_start, work_end, max_evening_hours_per_week, max_holiday_hours_per_week, removed_at";

    /// <exception cref="DomainValidationException">The vehicle is invalid; nothing is stored.</exception>
    public async Task<long> InsertVehicleAsync(Vehicle vehicle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(vehicle));
        using var counted = database.ConfigWrite();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(Cmd(
            """
            INSERT INTO vehicles (home_station_id, name, plate, seat_count, wheelchair_places, child_seat_count, profile)
            VALUES (@HomeStationId, @Name, @Plate, @SeatCount, @WheelchairPlaces, @ChildSeatCount, @Profile)
            RETURNING id
            """, VehicleParameters(vehicle), null, cancellationToken));
    }

    public async Task<bool> UpdateVehicleAsync(Vehicle vehicle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(vehicle));
        using var counted = database.ConfigWrite();
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters(VehicleParameters(vehicle));
        parameters.Add("Id", vehicle.Id);
        return await connection.ExecuteAsync(Cmd(
            """
            UPDATE vehicles SET home_station_id = @HomeStationId, name = @Name, plate = @Plate, seat_count = @SeatCount,
                wheelchair_places = @WheelchairPlaces, child_seat_count = @ChildSeatCount, profile = @Profile
            WHERE id = @Id AND removed_at IS NULL
            """, parameters, null, cancellationToken)) == 1;
    }

    public async Task<Vehicle?> GetVehicleAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<VehicleRow>(Cmd(
            $"SELECT {VehicleColumns} FROM vehicles WHERE id = @id", new { id }, null, cancellationToken));
        return row?.ToDomain();
    }

    /// <summary>The station's current vehicles (not removed), by name.</summary>
    public Task<IReadOnlyList<Vehicle>> ListVehiclesAsync(long homeStationId, CancellationToken cancellationToken = default) =>
        ListVehiclesAsync(homeStationId, includeRemoved: false, cancellationToken);

    /// <summary>The station's vehicles by name; with <paramref name="includeRemoved"/>, the removed ones too (to name them in history).</summary>
    public async Task<IReadOnlyList<Vehicle>> ListVehiclesAsync(long homeStationId, bool includeRemoved, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<VehicleRow>(Cmd(
            $"SELECT {VehicleColumns} FROM vehicles WHERE home_station_id = @homeStationId AND (@includeRemoved OR removed_at IS NULL) ORDER BY name, id",
            new { homeStationId, includeRemoved }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// Removes the station's vehicle unless something current uses it: a team (not removed) driving it, a current
    /// pickup plan version with a route on it from today on, or families a day's live pickup plan from today on carries
    /// on it (<see cref="ResourceRemoval"/>: one transaction, the station locked). <paramref name="liveRiders"/> says how
    /// many families a stored live plan carries on a vehicle (the store does not know the plan's format).
    /// <paramref name="localNow"/> is now in Vietnam. Another unit's, an unknown or a removed one: <see cref="Removal.NotFound"/>.
    /// </summary>
    public Task<Removal> RemoveVehicleAsync(long stationId, long vehicleId, DateTimeOffset localNow, Func<string, long, int> liveRiders,
        CancellationToken cancellationToken = default) =>
        ResourceRemoval.RemoveAsync(database, "vehicles", "home_station_id", stationId, vehicleId, localNow, async (connection, transaction, today) =>
        {
            var teams = await connection.QueryAsync<string>(Cmd(
                "SELECT name FROM teams WHERE vehicle_id = @vehicleId AND removed_at IS NULL ORDER BY name, id",
                new { vehicleId }, transaction, cancellationToken));
            var days = await ResourceRemoval.PlannedDaysAsync(connection, transaction, stationId, vehicleId, today, [PlanKind.Pickups],
                "s.resource_kind = 'Vehicle' AND s.resource_id = @id", cancellationToken);
            var live = await LiveRidersAsync(connection, transaction, stationId, vehicleId, today, liveRiders, cancellationToken);
            return
            [
                .. teams.Select(t => new ResourceUse(ResourceUseKind.TeamVehicle, TeamName: t)),
                .. days.Select(d => new ResourceUse(ResourceUseKind.PickupPlan, Date: d)),
                .. live.Where(l => !days.Contains(l.Date)).Select(l => new ResourceUse(ResourceUseKind.LivePickups, Date: l.Date, Count: l.Families)),
            ];
        }, cancellationToken);

    /// <summary>Per day from <paramref name="today"/> on, how many families the day's stored live pickup plan carries on the vehicle (<paramref name="riders"/>), where any.</summary>
    private static async Task<List<(DateOnly Date, int Families)>> LiveRidersAsync(
        DbConnection connection, DbTransaction transaction, long stationId, long vehicleId, DateOnly today, Func<string, long, int> riders,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(DateOnly Date, string Content)>(Cmd(
            "SELECT date, content FROM pickup_live_plans WHERE station_id = @stationId AND date >= @today ORDER BY date",
            new { stationId, today }, transaction, cancellationToken));
        return [.. rows.Select(r => (r.Date, Families: riders(r.Content, vehicleId))).Where(r => r.Families > 0)];
    }

    /// <summary>
    /// Removes the station's team unless a current mobile-team plan version has a route of it from today on (one
    /// transaction, the station locked). Its members stay recorded for history; a removed team keeps no officer or
    /// vehicle from being removed. Another unit's, an unknown or a removed one: <see cref="Removal.NotFound"/>.
    /// </summary>
    public Task<Removal> RemoveTeamAsync(long stationId, long teamId, DateTimeOffset localNow, CancellationToken cancellationToken = default) =>
        ResourceRemoval.RemoveAsync(database, "teams", "home_station_id", stationId, teamId, localNow, async (connection, transaction, today) =>
        {
            var days = await ResourceRemoval.PlannedDaysAsync(connection, transaction, stationId, teamId, today, [PlanKind.Visits],
                "s.resource_kind = 'Team' AND s.resource_id = @id", cancellationToken);
            return [.. days.Select(d => new ResourceUse(ResourceUseKind.VisitPlan, Date: d))];
        }, cancellationToken);

    /// <summary>Inserts the team and its members in one transaction and returns the team id.</summary>
    /// <exception cref="DomainValidationException">The team is invalid; nothing is stored.</exception>
    public async Task<long> InsertTeamAsync(Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(team));
        using var counted = database.ConfigWrite();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var id = await connection.ExecuteScalarAsync<long>(Cmd(
                """
                INSERT INTO teams (home_station_id, name, vehicle_id, profile, kit_count, work_start, work_end,
                    max_evening_hours_per_week, max_holiday_hours_per_week)
                VALUES (@HomeStationId, @Name, @VehicleId, @Profile, @KitCount, @WorkStart, @WorkEnd,
                    @MaxEveningHoursPerWeek, @MaxHolidayHoursPerWeek)
                RETURNING id
                """, TeamParameters(team), transaction, cancellationToken));
            await InsertMembersAsync(connection, transaction, id, team.MemberOfficerIds, cancellationToken);
            return id;
        }, cancellationToken);
    }

    /// <summary>Replaces the team's fields and members in one transaction; false when no team has this id.</summary>
    public async Task<bool> UpdateTeamAsync(Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(team));
        using var counted = database.ConfigWrite();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var parameters = new DynamicParameters(TeamParameters(team));
            parameters.Add("Id", team.Id);
            var changed = await connection.ExecuteAsync(Cmd(
                """
                UPDATE teams SET home_station_id = @HomeStationId, name = @Name, vehicle_id = @VehicleId, profile = @Profile,
                    kit_count = @KitCount, work_start = @WorkStart, work_end = @WorkEnd,
                    max_evening_hours_per_week = @MaxEveningHoursPerWeek, max_holiday_hours_per_week = @MaxHolidayHoursPerWeek
                WHERE id = @Id AND removed_at IS NULL
                """, parameters, transaction, cancellationToken));
            if (changed == 0)
            {
                return false;
            }

            await connection.ExecuteAsync(Cmd("DELETE FROM team_members WHERE team_id = @id", new { id = team.Id }, transaction, cancellationToken));
            await InsertMembersAsync(connection, transaction, team.Id, team.MemberOfficerIds, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<Team?> GetTeamAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryTeamsAsync("WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault();

    /// <summary>The station's current teams (not removed), by name.</summary>
    public Task<IReadOnlyList<Team>> ListTeamsAsync(long homeStationId, CancellationToken cancellationToken = default) =>
        ListTeamsAsync(homeStationId, includeRemoved: false, cancellationToken);

    /// <summary>The station's teams by name; with <paramref name="includeRemoved"/>, the removed ones too (to name them in history).</summary>
    public Task<IReadOnlyList<Team>> ListTeamsAsync(long homeStationId, bool includeRemoved, CancellationToken cancellationToken = default) =>
        QueryTeamsAsync("WHERE home_station_id = @homeStationId AND (@includeRemoved OR removed_at IS NULL)", new { homeStationId, includeRemoved }, cancellationToken);

    private async Task<IReadOnlyList<Team>> QueryTeamsAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TeamRow>(Cmd(
            $"SELECT {TeamColumns} FROM teams {where} ORDER BY name, id", parameters, null, cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var members = (await connection.QueryAsync<(long TeamId, long OfficerId)>(Cmd(
            $"SELECT team_id, officer_id FROM team_members WHERE team_id IN ({InList(rows.Select(r => r.Id))}) ORDER BY team_id, position",
            null, null, cancellationToken))).ToLookup(m => m.TeamId, m => m.OfficerId);
        return rows.Select(r => r.ToDomain(members[r.Id].ToList())).ToList();
    }

    private static async Task InsertMembersAsync(DbConnection connection, DbTransaction transaction, long teamId, IReadOnlyList<long> officerIds, CancellationToken cancellationToken)
    {
        for (var i = 0; i < officerIds.Count; i++)
        {
            await connection.ExecuteAsync(Cmd(
                "INSERT INTO team_members (team_id, officer_id, position) VALUES (@teamId, @officerId, @position)",
                new { teamId, officerId = officerIds[i], position = i }, transaction, cancellationToken));
        }
    }

    private static object VehicleParameters(Vehicle v) => new
    {
        v.HomeStationId,
        v.Name,
        v.Plate,
        v.SeatCount,
        v.WheelchairPlaces,
        v.ChildSeatCount,
        Profile = v.Profile.ToString(),
    };

    private static object TeamParameters(Team t) => new
    {
        t.HomeStationId,
        t.Name,
        t.VehicleId,
        Profile = t.Profile.ToString(),
        t.KitCount,
        t.WorkStart,
        t.WorkEnd,
        t.MaxEveningHoursPerWeek,
        t.MaxHolidayHoursPerWeek,
    };

    private sealed class VehicleRow
    {
        public long Id { get; init; }
        public long HomeStationId { get; init; }
        public string Name { get; init; } = "";
        public string? Plate { get; init; }
        public int SeatCount { get; init; }
        public int WheelchairPlaces { get; init; }
        public int ChildSeatCount { get; init; }
        public string Profile { get; init; } = "";
        public DateTimeOffset? RemovedAt { get; init; }

        public Vehicle ToDomain() => new(
            Id, HomeStationId, Name, Plate, SeatCount, WheelchairPlaces, ChildSeatCount, ParseEnum<VehicleProfile>(Profile))
        {
            RemovedAt = RemovedAt,
        };
    }

    private sealed class TeamRow
    {
        public long Id { get; init; }
        public long HomeStationId { get; init; }
        public string Name { get; init; } = "";
        public long? VehicleId { get; init; }
        public string Profile { get; init; } = "";
        public int KitCount { get; init; }
        public TimeOnly WorkStart { get; init; }
        public TimeOnly WorkEnd { get; init; }
        public int MaxEveningHoursPerWeek { get; init; }
        public int MaxHolidayHoursPerWeek { get; init; }
        public DateTimeOffset? RemovedAt { get; init; }

        public Team ToDomain(IReadOnlyList<long> members) => new(
            Id, HomeStationId, Name, members, VehicleId, ParseEnum<VehicleProfile>(Profile), KitCount, WorkStart, WorkEnd,
            MaxEveningHoursPerWeek, MaxHolidayHoursPerWeek)
        {
            RemovedAt = RemovedAt,
        };
    }
}
