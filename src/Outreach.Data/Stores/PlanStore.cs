using System.Data.Common;
using System.Globalization;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// Plan versions with their stops, shift assignments and unserved items, always written in one
/// transaction. Saving never overwrites: each save is a new draft version (1 + the highest version of
/// the same station, kind and period). Publishing freezes a draft; published versions are never changed
/// or deleted.
/// </summary>
public sealed class PlanStore(Database database, TimeProvider clock)
{
    private const string PlanColumns =
        "id, station_id, kind, period_start, period_end, version, status, created_at, published_at, created_by, inputs, reasons";

    private const string StopColumns =
        """
        id, plan_id, resource_kind, resource_id, date, trip_number, sequence, kind, site_id, booking_id, visit_request_id,
        arrival, departure, load_after_stop_seats, boarding_count, alighting_count, served_count, is_repeat_visit, served_by_category,
        service_start
        """;

    /// <summary>
    /// Stores <paramref name="content"/> as a new draft version (ids, version, status and created time in
    /// the input are ignored) and returns it as stored. Any bad row (e.g. a stop naming a booking that does
    /// not exist) fails the whole save and nothing is stored.
    /// </summary>
    public async Task<PlanContent> SaveNewVersionAsync(PlanContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var p = content.Plan;
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var plan = await InsertDraftRowAsync(database, connection, transaction, p, clock.GetUtcNow(), cancellationToken);
            var planId = plan.Id;

            var stops = new List<PlanStop>(content.Stops.Count);
            foreach (var s in content.Stops)
            {
                var stop = s with { PlanId = planId };
                var id = await connection.ExecuteScalarAsync<long>(Cmd(
                    """
                    INSERT INTO plan_stops (plan_id, resource_kind, resource_id, date, trip_number, sequence, kind, site_id, booking_id,
                        visit_request_id, arrival, departure, load_after_stop_seats, boarding_count, alighting_count, served_count,
                        is_repeat_visit, served_by_category, service_start)
                    VALUES (@PlanId, @ResourceKind, @ResourceId, @Date, @TripNumber, @Sequence, @Kind, @SiteId, @BookingId,
                        @VisitRequestId, @Arrival, @Departure, @LoadAfterStopSeats, @BoardingCount, @AlightingCount, @ServedCount,
                        @IsRepeatVisit, @ServedByCategory, @ServiceStart)
                    RETURNING id
                    """,
                    new
                    {
                        stop.PlanId, ResourceKind = stop.ResourceKind.ToString(), stop.ResourceId, stop.Date, stop.TripNumber, stop.Sequence,
                        Kind = stop.Kind.ToString(), stop.SiteId, stop.BookingId, stop.VisitRequestId, stop.Arrival, stop.Departure,
                        stop.LoadAfterStopSeats, stop.BoardingCount, stop.AlightingCount, stop.ServedCount,
                        stop.IsRepeatVisit, ServedByCategory = FormatCategories(stop.ServedByCategory), stop.ServiceStart,
                    },
                    transaction, cancellationToken));
                stops.Add(stop with { Id = id });
            }

            var assignments = new List<PlanShiftAssignment>(content.ShiftAssignments.Count);
            foreach (var a in content.ShiftAssignments)
            {
                var id = await connection.ExecuteScalarAsync<long>(Cmd(
                    "INSERT INTO plan_shift_assignments (plan_id, shift_demand_id, officer_id) VALUES (@planId, @ShiftDemandId, @OfficerId) RETURNING id",
                    new { planId, a.ShiftDemandId, a.OfficerId }, transaction, cancellationToken));
                assignments.Add(a with { Id = id, PlanId = planId });
            }

            var unserved = new List<UnservedItem>(content.Unserved.Count);
            foreach (var u in content.Unserved)
            {
                var id = await connection.ExecuteScalarAsync<long>(Cmd(
                    """
                    INSERT INTO plan_unserved (plan_id, item_kind, item_id, reason_code, reason_vi, reason_en)
                    VALUES (@planId, @ItemKind, @ItemId, @ReasonCode, @ReasonVi, @ReasonEn)
                    RETURNING id
                    """,
                    new { planId, ItemKind = u.ItemKind.ToString(), u.ItemId, u.ReasonCode, u.ReasonVi, u.ReasonEn }, transaction, cancellationToken));
                unserved.Add(u with { Id = id, PlanId = planId });
            }

            return new PlanContent(plan, stops, assignments, unserved);
        }, cancellationToken);
    }

    /// <summary>Freezes a draft: status Published, published now. False when the plan is missing or already published.</summary>
    public Task<bool> PublishAsync(long planId, CancellationToken cancellationToken = default) =>
        PublishAsync(planId, [], cancellationToken);

    /// <summary>
    /// Freezes a draft and queues <paramref name="notifications"/> in the same transaction: either the plan
    /// is published and every message queued, or neither. False (nothing queued) when the plan is missing or
    /// already published.
    /// </summary>
    public Task<bool> PublishAsync(long planId, IReadOnlyList<OutboxMessage> notifications, CancellationToken cancellationToken = default) =>
        PublishAsync(planId, notifications, null, cancellationToken);

    /// <summary>As <see cref="PublishAsync(long, IReadOnlyList{OutboxMessage}, CancellationToken)"/>, and when published writes
    /// <paramref name="audit"/> (the bookings whose data the queued messages carry) in the same transaction.</summary>
    public async Task<bool> PublishAsync(long planId, IReadOnlyList<OutboxMessage> notifications, AuditRecord? audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var published = await connection.ExecuteAsync(Cmd(
                "UPDATE plans SET status = @published, published_at = @now WHERE id = @planId AND status = @draft",
                new { planId, published = nameof(PlanStatus.Published), draft = nameof(PlanStatus.Draft), now = clock.GetUtcNow() },
                transaction, cancellationToken)) == 1;
            if (published && notifications.Count > 0)
            {
                await new NotificationOutboxStore(database, clock).EnqueueAsync(connection, transaction, notifications, cancellationToken);
            }

            if (published && audit is not null)
            {
                await AuditLogStore.WriteAsync(connection, transaction, audit, clock.GetUtcNow(), cancellationToken);
            }

            return published;
        }, cancellationToken);
    }

    /// <summary>Deletes a draft with everything in it; published plans are kept (returns false).</summary>
    public async Task<bool> DeleteDraftAsync(long planId, CancellationToken cancellationToken = default)
    {
        // Children go by ON DELETE CASCADE, in the same statement.
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "DELETE FROM plans WHERE id = @planId AND status = @draft", new { planId, draft = nameof(PlanStatus.Draft) }, null, cancellationToken)) == 1;
    }

    /// <summary>The plan with its stops (by resource, date, trip, sequence), assignments and unserved items.</summary>
    /// <summary>
    /// Stores <paramref name="p"/> as the next draft version of its station, kind and period (the plans row only) and
    /// returns it with its id and version. Serialises version numbering per station (PostgreSQL: the station row FOR
    /// UPDATE; SQLite: BEGIN IMMEDIATE already does). Shared by every store that saves plan versions.
    /// </summary>
    internal static async Task<Plan> InsertDraftRowAsync(
        Database database, DbConnection connection, DbTransaction transaction, Plan p, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (database.Dialect == SqlDialect.Postgres)
        {
            await connection.ExecuteAsync(Cmd("SELECT id FROM stations WHERE id = @StationId FOR UPDATE", new { p.StationId }, transaction, cancellationToken));
        }

        var version = 1 + await connection.ExecuteScalarAsync<int>(Cmd(
            """
            SELECT COALESCE(MAX(version), 0) FROM plans
            WHERE station_id = @StationId AND kind = @Kind AND period_start = @PeriodStart AND period_end = @PeriodEnd
            """, new { p.StationId, Kind = p.Kind.ToString(), p.PeriodStart, p.PeriodEnd }, transaction, cancellationToken));
        var plan = p with { Version = version, Status = PlanStatus.Draft, CreatedAt = now, PublishedAt = null };
        var planId = await connection.ExecuteScalarAsync<long>(Cmd(
            """
            INSERT INTO plans (station_id, kind, period_start, period_end, version, status, created_at, published_at, created_by, inputs, reasons)
            VALUES (@StationId, @Kind, @PeriodStart, @PeriodEnd, @Version, @Status, @CreatedAt, NULL, @CreatedBy, @Inputs, @Reasons)
            RETURNING id
            """,
            new
            {
                plan.StationId, Kind = plan.Kind.ToString(), plan.PeriodStart, plan.PeriodEnd, plan.Version, Status = plan.Status.ToString(), plan.CreatedAt,
                plan.CreatedBy, plan.Inputs, plan.Reasons,
            },
            transaction, cancellationToken));
        return plan with { Id = planId };
    }

    public async Task<PlanContent?> GetAsync(long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var plan = (await connection.QuerySingleOrDefaultAsync<PlanRow>(Cmd(
            $"SELECT {PlanColumns} FROM plans WHERE id = @planId", new { planId }, null, cancellationToken)))?.ToDomain();
        if (plan is null)
        {
            return null;
        }

        var stops = await connection.QueryAsync<StopRow>(Cmd(
            $"SELECT {StopColumns} FROM plan_stops WHERE plan_id = @planId ORDER BY resource_kind, resource_id, date, trip_number, sequence",
            new { planId }, null, cancellationToken));
        var assignments = await connection.QueryAsync<(long Id, long PlanId, long ShiftDemandId, long OfficerId)>(Cmd(
            "SELECT id, plan_id, shift_demand_id, officer_id FROM plan_shift_assignments WHERE plan_id = @planId ORDER BY id",
            new { planId }, null, cancellationToken));
        var unserved = await connection.QueryAsync<UnservedRow>(Cmd(
            "SELECT id, plan_id, item_kind, item_id, reason_code, reason_vi, reason_en FROM plan_unserved WHERE plan_id = @planId ORDER BY id",
            new { planId }, null, cancellationToken));
        return new PlanContent(
            plan,
            stops.Select(s => s.ToDomain()).ToList(),
            assignments.Select(a => new PlanShiftAssignment(a.Id, a.PlanId, a.ShiftDemandId, a.OfficerId)).ToList(),
            unserved.Select(u => u.ToDomain()).ToList());
    }

    /// <summary>All versions for a station, kind and period, newest first.</summary>
    public async Task<IReadOnlyList<Plan>> ListVersionsAsync(long stationId, PlanKind kind, DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PlanRow>(Cmd(
            $"""
            SELECT {PlanColumns} FROM plans
            WHERE station_id = @stationId AND kind = @kind AND period_start = @periodStart AND period_end = @periodEnd
            ORDER BY version DESC
            """, new { stationId, kind = kind.ToString(), periodStart, periodEnd }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>Plans of a station whose period overlaps [from, to], newest version first within a period.</summary>
    public async Task<IReadOnlyList<Plan>> ListAsync(long stationId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PlanRow>(Cmd(
            $"""
            SELECT {PlanColumns} FROM plans
            WHERE station_id = @stationId AND period_start <= @to AND period_end >= @from
            ORDER BY period_start, kind, version DESC
            """, new { stationId, from, to }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>The newest version (optionally the newest with a given status), or null.</summary>
    public async Task<Plan?> GetLatestAsync(long stationId, PlanKind kind, DateOnly periodStart, DateOnly periodEnd, PlanStatus? status = null, CancellationToken cancellationToken = default) =>
        (await ListVersionsAsync(stationId, kind, periodStart, periodEnd, cancellationToken)).FirstOrDefault(p => status is null || p.Status == status);

    private sealed class PlanRow
    {
        public long Id { get; init; }
        public long StationId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly PeriodStart { get; init; }
        public DateOnly PeriodEnd { get; init; }
        public int Version { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public string CreatedBy { get; init; } = "";
        public string? Inputs { get; init; }
        public string? Reasons { get; init; }

        public Plan ToDomain() => new(
            Id, StationId, ParseEnum<PlanKind>(Kind), PeriodStart, PeriodEnd, Version, ParseEnum<PlanStatus>(Status), CreatedAt, PublishedAt, CreatedBy)
        {
            Inputs = Inputs,
            Reasons = Reasons,
        };
    }

    private sealed class StopRow
    {
        public long Id { get; init; }
        public long PlanId { get; init; }
        public string ResourceKind { get; init; } = "";
        public long ResourceId { get; init; }
        public DateOnly Date { get; init; }
        public int TripNumber { get; init; }
        public int Sequence { get; init; }
        public string Kind { get; init; } = "";
        public long? SiteId { get; init; }
        public long? BookingId { get; init; }
        public long? VisitRequestId { get; init; }
        public DateTimeOffset Arrival { get; init; }
        public DateTimeOffset Departure { get; init; }
        public int LoadAfterStopSeats { get; init; }
        public int BoardingCount { get; init; }
        public int AlightingCount { get; init; }
        public int ServedCount { get; init; }
        public bool IsRepeatVisit { get; init; }
        public string? ServedByCategory { get; init; }
        public DateTimeOffset? ServiceStart { get; init; }

        public PlanStop ToDomain() => new(
            Id, PlanId, ParseEnum<PlanResourceKind>(ResourceKind), ResourceId, Date, TripNumber, Sequence, ParseEnum<StopKind>(Kind),
            SiteId, BookingId, VisitRequestId, Arrival, Departure, LoadAfterStopSeats, BoardingCount, AlightingCount, ServedCount,
            IsRepeatVisit, ParseCategories(ServedByCategory), ServiceStart);
    }

    /// <summary>"Age14Plus=3;Elderly=1" (non-zero categories by name, enum order), or NULL when the stop has none.</summary>
    private static string? FormatCategories(CategoryCounts? counts) =>
        counts is { } c
            ? string.Join(";", c.NonZero().Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Category}={x.Count}")))
            : null;

    private static CategoryCounts? ParseCategories(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var counts = default(CategoryCounts);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=');
            counts = counts.Add(ParseEnum<ApplicantCategory>(pair[0]), int.Parse(pair[1], CultureInfo.InvariantCulture));
        }

        return counts;
    }

    private sealed class UnservedRow
    {
        public long Id { get; init; }
        public long PlanId { get; init; }
        public string ItemKind { get; init; } = "";
        public long ItemId { get; init; }
        public string ReasonCode { get; init; } = "";
        public string ReasonVi { get; init; } = "";
        public string ReasonEn { get; init; } = "";

        public UnservedItem ToDomain() => new(Id, PlanId, ParseEnum<UnservedItemKind>(ItemKind), ItemId, ReasonCode, ReasonVi, ReasonEn);
    }
}
