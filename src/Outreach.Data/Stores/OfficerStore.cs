using System.Data.Common;
using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// Officers with their leave periods (written together with the officer). A removed officer (<see cref="RemoveAsync"/>)
/// is kept for history: found by id, left out of the lists unless asked, and no longer changed.
/// </summary>
public sealed class OfficerStore(Database database)
{
    private const string Columns = "id, station_id, name, skills, contract_hours_per_week, phone, removed_at";

    public async Task<long> InsertAsync(Officer officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return (await InsertManyAsync([officer], cancellationToken))[0];
    }

    /// <summary>Inserts all officers and their leave in one transaction; ids in input order.</summary>
    /// <exception cref="DomainValidationException">An officer is invalid (fields prefixed "[index]." when several); nothing is stored.</exception>
    public async Task<IReadOnlyList<long>> InsertManyAsync(IReadOnlyList<Officer> officers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(officers);
        DomainValidationException.ThrowIfAny(Indexed(officers, DomainValidators.Validate));
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var ids = new List<long>(officers.Count);
            foreach (var officer in officers)
            {
                var id = await connection.ExecuteScalarAsync<long>(Cmd(
                    """
                    INSERT INTO officers (station_id, name, skills, contract_hours_per_week, phone)
                    VALUES (@StationId, @Name, @Skills, @ContractHoursPerWeek, @Phone)
                    RETURNING id
                    """, Parameters(officer), transaction, cancellationToken));
                await InsertLeaveAsync(connection, transaction, id, officer.Leave, cancellationToken);
                ids.Add(id);
            }

            return (IReadOnlyList<long>)ids;
        }, cancellationToken);
    }

    /// <summary>Replaces the officer's fields and leave periods; false when no officer has this id.</summary>
    public async Task<bool> UpdateAsync(Officer officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(officer);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(officer));
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var parameters = new DynamicParameters(Parameters(officer));
            parameters.Add("Id", officer.Id);
            var changed = await connection.ExecuteAsync(Cmd(
                """
                UPDATE officers SET station_id = @StationId, name = @Name, skills = @Skills,
                    contract_hours_per_week = @ContractHoursPerWeek, phone = @Phone
                WHERE id = @Id AND removed_at IS NULL
                """, parameters, transaction, cancellationToken));
            if (changed == 0)
            {
                return false;
            }

            await connection.ExecuteAsync(Cmd("DELETE FROM officer_leave WHERE officer_id = @id", new { id = officer.Id }, transaction, cancellationToken));
            await InsertLeaveAsync(connection, transaction, officer.Id, officer.Leave, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Adds one leave period; false when no officer has this id.</summary>
    public async Task<bool> AddLeaveAsync(long officerId, LeavePeriod leave, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leave);
        if (leave.LastDay < leave.FirstDay)
        {
            throw new DomainValidationException([new ValidationError(
                "lastDay", leave.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "Ngày cuối phải từ ngày đầu trở đi.", "The last day must not be before the first day.")]);
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var exists = await connection.ExecuteScalarAsync<int>(Cmd(
                "SELECT COUNT(*) FROM officers WHERE id = @officerId AND removed_at IS NULL", new { officerId }, transaction, cancellationToken));
            if (exists == 0)
            {
                return false;
            }

            await InsertLeaveAsync(connection, transaction, officerId, [leave], cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<Officer?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault();

    /// <summary>The station's current officers (not removed), by name.</summary>
    public Task<IReadOnlyList<Officer>> ListByStationAsync(long stationId, CancellationToken cancellationToken = default) =>
        ListByStationAsync(stationId, includeRemoved: false, cancellationToken);

    /// <summary>The station's officers by name; with <paramref name="includeRemoved"/>, the removed ones too (to name them in history).</summary>
    public Task<IReadOnlyList<Officer>> ListByStationAsync(long stationId, bool includeRemoved, CancellationToken cancellationToken = default) =>
        QueryAsync("WHERE station_id = @stationId AND (@includeRemoved OR removed_at IS NULL)", new { stationId, includeRemoved }, cancellationToken);

    /// <summary>
    /// Removes the station's officer unless a team (not removed) has the officer as a member or the current duty roster
    /// gives the officer a shift from today on (one transaction, the station locked: <see cref="ResourceRemoval"/>).
    /// <paramref name="localNow"/> is now in Vietnam. Another unit's, an unknown or a removed one: <see cref="Removal.NotFound"/>.
    /// </summary>
    public Task<Removal> RemoveAsync(long stationId, long officerId, DateTimeOffset localNow, CancellationToken cancellationToken = default) =>
        ResourceRemoval.RemoveAsync(database, "officers", "station_id", stationId, officerId, localNow, async (connection, transaction, today) =>
        {
            var teams = await connection.QueryAsync<string>(Cmd(
                """
                SELECT t.name FROM team_members m JOIN teams t ON t.id = m.team_id
                WHERE m.officer_id = @officerId AND t.removed_at IS NULL ORDER BY t.name, t.id
                """, new { officerId }, transaction, cancellationToken));
            var days = await ResourceRemoval.RosterDaysAsync(connection, transaction, stationId, officerId, today, cancellationToken);
            return
            [
                .. teams.Select(t => new ResourceUse(ResourceUseKind.TeamMember, TeamName: t)),
                .. days.Select(d => new ResourceUse(ResourceUseKind.RosterShift, Date: d)),
            ];
        }, cancellationToken);

    private async Task<IReadOnlyList<Officer>> QueryAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM officers {where} ORDER BY name, id", parameters, null, cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var leave = (await connection.QueryAsync<LeaveRow>(Cmd(
            $"SELECT officer_id, first_day, last_day, reason FROM officer_leave WHERE officer_id IN ({InList(rows.Select(r => r.Id))}) ORDER BY officer_id, first_day, id",
            null, null, cancellationToken))).ToLookup(l => l.OfficerId);
        return rows.Select(r => r.ToDomain(leave[r.Id].Select(l => new LeavePeriod(l.FirstDay, l.LastDay, l.Reason)).ToList())).ToList();
    }

    private static async Task InsertLeaveAsync(DbConnection connection, DbTransaction transaction, long officerId, IReadOnlyList<LeavePeriod> leave, CancellationToken cancellationToken)
    {
        foreach (var l in leave)
        {
            await connection.ExecuteAsync(Cmd(
                "INSERT INTO officer_leave (officer_id, first_day, last_day, reason) VALUES (@officerId, @FirstDay, @LastDay, @Reason)",
                new { officerId, l.FirstDay, l.LastDay, l.Reason }, transaction, cancellationToken));
        }
    }

    private static object Parameters(Officer o) => new
    {
        o.StationId,
        o.Name,
        Skills = (int)o.Skills,
        o.ContractHoursPerWeek,
        o.Phone,
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public long StationId { get; init; }
        public string Name { get; init; } = "";
        public int Skills { get; init; }
        public int ContractHoursPerWeek { get; init; }
        public string? Phone { get; init; }
        public DateTimeOffset? RemovedAt { get; init; }

        public Officer ToDomain(IReadOnlyList<LeavePeriod> leave) =>
            new(Id, StationId, Name, (OfficerSkills)Skills, ContractHoursPerWeek, Phone, leave) { RemovedAt = RemovedAt };
    }

    private sealed class LeaveRow
    {
        public long OfficerId { get; init; }
        public DateOnly FirstDay { get; init; }
        public DateOnly LastDay { get; init; }
        public string? Reason { get; init; }
    }
}
