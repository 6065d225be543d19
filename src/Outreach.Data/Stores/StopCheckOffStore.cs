using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// Stops checked off from the road (<c>stop_checkoffs</c>): picked up, no-show, dropped, visited. Idempotent: the same
/// status again changes nothing and writes no audit entry; another status replaces the earlier one (a corrected tap).
/// Who may check off is the caller's to decide (the sheet's signed link); this store only refuses a row that is not
/// on the named trip of the named plan. Stateless and thread-safe.
/// </summary>
public sealed class StopCheckOffStore(Database database, TimeProvider clock)
{
    /// <summary>
    /// Records <paramref name="status"/> for the stop whose first plan row is <paramref name="planStopId"/>, which must
    /// belong to the trip (<paramref name="resourceKind"/>, <paramref name="resourceId"/>, <paramref name="date"/>,
    /// <paramref name="tripNumber"/>) of plan <paramref name="planId"/>. <paramref name="audit"/>, when given, is
    /// written in the same transaction, only when something changed.
    /// </summary>
    public async Task<CheckOffOutcome> CheckOffAsync(
        long planId, PlanResourceKind resourceKind, long resourceId, DateOnly date, int tripNumber, long planStopId, StopCheckStatus status,
        AuditRecord? audit = null, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "not a check-off status");
        }

        var now = clock.GetUtcNow();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var onTrip = await connection.ExecuteScalarAsync<long?>(Cmd(
                """
                SELECT id FROM plan_stops
                WHERE id = @planStopId AND plan_id = @planId AND resource_kind = @kind AND resource_id = @resourceId AND date = @date AND trip_number = @tripNumber
                """,
                new { planStopId, planId, kind = resourceKind.ToString(), resourceId, date, tripNumber }, transaction, cancellationToken));
            if (onTrip is null)
            {
                return CheckOffOutcome.NoSuchStop;
            }

            var current = await connection.ExecuteScalarAsync<string?>(Cmd(
                "SELECT status FROM stop_checkoffs WHERE plan_stop_id = @planStopId", new { planStopId }, transaction, cancellationToken));
            if (current == status.ToString())
            {
                return CheckOffOutcome.Unchanged;
            }

            // ON CONFLICT: two taps racing past the read above both end as one row.
            await connection.ExecuteAsync(Cmd(
                """
                INSERT INTO stop_checkoffs (plan_stop_id, plan_id, status, checked_at) VALUES (@planStopId, @planId, @status, @now)
                ON CONFLICT (plan_stop_id) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at
                """,
                new { planStopId, planId, status = status.ToString(), now }, transaction, cancellationToken));
            if (audit is not null)
            {
                await AuditLogStore.WriteAsync(connection, transaction, audit, now, cancellationToken);
            }

            return CheckOffOutcome.Saved;
        }, cancellationToken);
    }

    /// <summary>
    /// Every check-off of plan <paramref name="planId"/>, by first plan row; and those made on older versions of its
    /// period (the driver checked a stop off, then the day was re-planned and published again), carried to the row of
    /// this version with the same van or team, day, trip, kind and family or visit (getting on or off alike). One made
    /// on this version wins; of older ones, the latest.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, StopCheckOff>> ListByPlanAsync(long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var own = await connection.QueryAsync<Row>(Cmd(
            "SELECT plan_stop_id, plan_id, status, checked_at FROM stop_checkoffs WHERE plan_id = @planId",
            new { planId }, null, cancellationToken));
        var carried = await connection.QueryAsync<Row>(Cmd(
            """
            SELECT n.id AS plan_stop_id, c.plan_id, c.status, c.checked_at
            FROM stop_checkoffs c
            JOIN plan_stops o ON o.id = c.plan_stop_id
            JOIN plans op ON op.id = c.plan_id
            JOIN plans np ON np.id = @planId
            JOIN plan_stops n ON n.plan_id = np.id AND n.kind = o.kind AND n.resource_kind = o.resource_kind AND n.resource_id = o.resource_id
                AND n.date = o.date AND n.trip_number = o.trip_number
                AND COALESCE(n.booking_id, -1) = COALESCE(o.booking_id, -1) AND COALESCE(n.visit_request_id, -1) = COALESCE(o.visit_request_id, -1)
                AND n.is_repeat_visit = o.is_repeat_visit AND (n.boarding_count > 0) = (o.boarding_count > 0) AND (n.alighting_count > 0) = (o.alighting_count > 0)
            WHERE op.station_id = np.station_id AND op.kind = np.kind AND op.period_start = np.period_start AND op.period_end = np.period_end
              AND op.version < np.version AND (o.booking_id IS NOT NULL OR o.visit_request_id IS NOT NULL)
            """,
            new { planId }, null, cancellationToken));
        var found = own.Select(Of).ToDictionary(c => c.PlanStopId);
        foreach (var c in carried.Select(Of).OrderByDescending(c => c.CheckedAt))
        {
            found.TryAdd(c.PlanStopId, c);
        }

        return found;

        static StopCheckOff Of(Row r) => new(r.PlanStopId, r.PlanId, ParseEnum<StopCheckStatus>(r.Status), r.CheckedAt);
    }

    private sealed class Row
    {
        public long PlanStopId { get; init; }

        public long PlanId { get; init; }

        public string Status { get; init; } = "";

        public DateTimeOffset CheckedAt { get; init; }
    }
}
