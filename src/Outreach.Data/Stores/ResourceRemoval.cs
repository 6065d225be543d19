using System.Data.Common;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// How a van, team, officer or site is removed (<see cref="FleetStore.RemoveVehicleAsync"/>, <see cref="FleetStore.RemoveTeamAsync"/>,
/// <see cref="OfficerStore.RemoveAsync"/>, <see cref="SiteStore.RemoveAsync"/>): in one transaction, with the station
/// locked the way a booking locks it (PostgreSQL: its row FOR UPDATE; SQLite: BEGIN IMMEDIATE), the row is looked for
/// among the unit's current ones, its current uses are read, and only when there are none is it stamped removed_at. A
/// booking or a plan saved at the same moment therefore lands wholly before the check (and is named) or wholly after the
/// removal (and no longer sees the row in its lists).
/// </summary>
internal static class ResourceRemoval
{
    /// <summary>
    /// A condition on plan <c>p</c>: it is one of its period's current versions, the newest (what the next publish would
    /// tell) or the newest published (what families and drivers were told). Older versions are history.
    /// </summary>
    private const string CurrentVersion =
        """
        (p.version = (SELECT MAX(q.version) FROM plans q
                      WHERE q.station_id = p.station_id AND q.kind = p.kind AND q.period_start = p.period_start AND q.period_end = p.period_end)
         OR p.version = (SELECT MAX(q.version) FROM plans q
                      WHERE q.station_id = p.station_id AND q.kind = p.kind AND q.period_start = p.period_start AND q.period_end = p.period_end
                        AND q.status = 'Published'))
        """;

    /// <summary>
    /// Removes row <paramref name="id"/> of <paramref name="table"/> when it is a current one of station
    /// <paramref name="stationId"/> (<paramref name="stationColumn"/>) and <paramref name="uses"/> (given the connection,
    /// the transaction and today) finds none. <paramref name="localNow"/> is now as a wall clock in Vietnam: its date is
    /// "today", and it is the instant stored.
    /// </summary>
    public static async Task<Removal> RemoveAsync(
        Database database, string table, string stationColumn, long stationId, long id, DateTimeOffset localNow,
        Func<DbConnection, DbTransaction, DateOnly, Task<List<ResourceUse>>> uses, CancellationToken cancellationToken)
    {
        // A van, team or site gone changes what the station's booking pages are made of.
        using var counted = database.ConfigWrite();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            if (database.Dialect == SqlDialect.Postgres)
            {
                await connection.ExecuteAsync(Cmd("SELECT id FROM stations WHERE id = @stationId FOR UPDATE", new { stationId }, transaction, cancellationToken));
            }

            var current = await connection.ExecuteScalarAsync<int>(Cmd(
                $"SELECT COUNT(*) FROM {table} WHERE id = @id AND {stationColumn} = @stationId AND removed_at IS NULL",
                new { id, stationId }, transaction, cancellationToken));
            if (current == 0)
            {
                return Removal.NotFound;
            }

            var found = await uses(connection, transaction, DateOnly.FromDateTime(localNow.DateTime));
            if (found.Count > 0)
            {
                return Removal.Refused(found);
            }

            await connection.ExecuteAsync(Cmd(
                $"UPDATE {table} SET removed_at = @localNow WHERE id = @id", new { id, localNow }, transaction, cancellationToken));
            return Removal.Removed;
        }, cancellationToken);
    }

    /// <summary>
    /// The days from <paramref name="today"/> on, in order, on which a current version of the station's plans of
    /// <paramref name="kinds"/> has a stop <c>s</c> (of plan_stops) matching <paramref name="stopCondition"/> (with
    /// <c>@id</c> as the thing's id).
    /// </summary>
    public static async Task<List<DateOnly>> PlannedDaysAsync(
        DbConnection connection, DbTransaction transaction, long stationId, long id, DateOnly today, IReadOnlyList<PlanKind> kinds, string stopCondition,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<DateOnly>(Cmd(
            $"""
            SELECT DISTINCT s.date FROM plan_stops s JOIN plans p ON p.id = s.plan_id
            WHERE p.station_id = @stationId AND p.kind IN ({string.Join(", ", kinds.Select(k => $"'{k}'"))})
              AND s.date >= @today AND {stopCondition} AND {CurrentVersion}
            ORDER BY s.date
            """, new { stationId, id, today }, transaction, cancellationToken))).ToList();

    /// <summary>The days from <paramref name="today"/> on, in order, on which the station's current duty roster gives officer <paramref name="id"/> a shift.</summary>
    public static async Task<List<DateOnly>> RosterDaysAsync(
        DbConnection connection, DbTransaction transaction, long stationId, long id, DateOnly today, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<DateOnly>(Cmd(
            $"""
            SELECT DISTINCT r.date FROM roster_shifts r JOIN plans p ON p.id = r.plan_id
            WHERE p.station_id = @stationId AND r.officer_id = @id AND r.date >= @today AND {CurrentVersion}
            ORDER BY r.date
            """, new { stationId, id, today }, transaction, cancellationToken))).ToList();
}
