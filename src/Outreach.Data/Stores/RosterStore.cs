using System.Data.Common;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// Duty-roster versions (Shifts plans) with their shifts, figures and gaps, written in one transaction. Saving makes a
/// new draft version; a draft's content may be replaced by the chief's edits; publishing goes through
/// <see cref="PlanStore.PublishAsync(long, IReadOnlyList{OutboxMessage}, CancellationToken)"/> and freezes it.
/// </summary>
public sealed class RosterStore(Database database, TimeProvider clock)
{
    private static readonly string[] ContentTables = ["roster_shifts", "roster_figures", "roster_gaps"];

    private const string ShiftColumns = "id, plan_id, officer_id, date, shift_type, start_minute, minutes, kind, pinned, team_id, vehicle_id, duty_vi, duty_en";

    /// <summary>Stores a new draft version of the station's roster for the period and returns it as stored.</summary>
    public async Task<RosterContent> SaveNewVersionAsync(RosterContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var p = content.Plan with { Kind = PlanKind.Shifts };
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var plan = await PlanStore.InsertDraftRowAsync(database, connection, transaction, p, clock.GetUtcNow(), cancellationToken);
            var planId = plan.Id;
            var (shifts, gaps) = await InsertContentAsync(connection, transaction, planId, content, cancellationToken);
            return content with { Plan = plan, Shifts = shifts, Gaps = gaps };
        }, cancellationToken);
    }

    /// <summary>Replaces a draft's shifts, figures and gaps (the chief's edits). False when the plan is missing or published.</summary>
    public async Task<bool> ReplaceDraftAsync(long planId, IReadOnlyList<RosterShift> shifts, RosterFigures figures, IReadOnlyList<RosterGapItem> gaps, CancellationToken cancellationToken = default)
    {
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var status = await connection.ExecuteScalarAsync<string?>(Cmd("SELECT status FROM plans WHERE id = @planId AND kind = @kind", new { planId, kind = nameof(PlanKind.Shifts) }, transaction, cancellationToken));
            if (status != nameof(PlanStatus.Draft))
            {
                return false;
            }

            foreach (var table in ContentTables)
            {
                await connection.ExecuteAsync(Cmd($"DELETE FROM {table} WHERE plan_id = @planId", new { planId }, transaction, cancellationToken));
            }

            await InsertContentAsync(connection, transaction, planId, new RosterContent(null!, shifts, figures, gaps), cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<RosterContent?> GetAsync(long planId, CancellationToken cancellationToken = default)
    {
        var plan = (await new PlanStore(database, clock).GetAsync(planId, cancellationToken))?.Plan;
        if (plan is null || plan.Kind != PlanKind.Shifts)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var shifts = await connection.QueryAsync<ShiftRow>(Cmd($"SELECT {ShiftColumns} FROM roster_shifts WHERE plan_id = @planId ORDER BY officer_id, date", new { planId }, null, cancellationToken));
        var figures = await connection.QuerySingleOrDefaultAsync<FiguresRow>(Cmd(
            """
            SELECT holiday_uplift_percent, status, cost_total, cost_short, cost_over, cost_requests, cost_evening_fairness, cost_holiday_fairness, bound, seconds
            FROM roster_figures WHERE plan_id = @planId
            """, new { planId }, null, cancellationToken));
        var gaps = await connection.QueryAsync<GapRow>(Cmd(
            "SELECT id, date, start_minute, end_minute, skill, required, staffed, reason_vi, reason_en FROM roster_gaps WHERE plan_id = @planId ORDER BY date, start_minute, id",
            new { planId }, null, cancellationToken));
        return new RosterContent(
            plan,
            [.. shifts.Select(s => s.ToDomain())],
            figures?.ToDomain() ?? new RosterFigures(0, "unknown", 0, 0, 0, 0, 0, 0, null, 0),
            [.. gaps.Select(g => g.ToDomain())]);
    }

    private static async Task<(List<RosterShift>, List<RosterGapItem>)> InsertContentAsync(
        DbConnection connection, DbTransaction transaction, long planId, RosterContent content, CancellationToken cancellationToken)
    {
        var shifts = new List<RosterShift>(content.Shifts.Count);
        foreach (var s in content.Shifts)
        {
            var id = await connection.ExecuteScalarAsync<long>(Cmd(
                """
                INSERT INTO roster_shifts (plan_id, officer_id, date, shift_type, start_minute, minutes, kind, pinned, team_id, vehicle_id, duty_vi, duty_en)
                VALUES (@planId, @OfficerId, @Date, @ShiftType, @StartMinute, @Minutes, @Kind, @Pinned, @TeamId, @VehicleId, @DutyVi, @DutyEn)
                RETURNING id
                """,
                new { planId, s.OfficerId, s.Date, s.ShiftType, s.StartMinute, s.Minutes, s.Kind, s.Pinned, s.TeamId, s.VehicleId, s.DutyVi, s.DutyEn },
                transaction, cancellationToken));
            shifts.Add(s with { Id = id, PlanId = planId });
        }

        var f = content.Figures;
        await connection.ExecuteAsync(Cmd(
            """
            INSERT INTO roster_figures (plan_id, holiday_uplift_percent, status, cost_total, cost_short, cost_over, cost_requests, cost_evening_fairness, cost_holiday_fairness, bound, seconds)
            VALUES (@planId, @HolidayUpliftPercent, @Status, @CostTotal, @CostShort, @CostOver, @CostRequests, @CostEveningFairness, @CostHolidayFairness, @Bound, @Seconds)
            """,
            new { planId, f.HolidayUpliftPercent, f.Status, f.CostTotal, f.CostShort, f.CostOver, f.CostRequests, f.CostEveningFairness, f.CostHolidayFairness, f.Bound, f.Seconds },
            transaction, cancellationToken));

        var gaps = new List<RosterGapItem>(content.Gaps.Count);
        foreach (var g in content.Gaps)
        {
            var id = await connection.ExecuteScalarAsync<long>(Cmd(
                """
                INSERT INTO roster_gaps (plan_id, date, start_minute, end_minute, skill, required, staffed, reason_vi, reason_en)
                VALUES (@planId, @Date, @StartMinute, @EndMinute, @Skill, @Required, @Staffed, @ReasonVi, @ReasonEn)
                RETURNING id
                """,
                new { planId, g.Date, g.StartMinute, g.EndMinute, g.Skill, g.Required, g.Staffed, g.ReasonVi, g.ReasonEn }, transaction, cancellationToken));
            gaps.Add(g with { Id = id });
        }

        return (shifts, gaps);
    }

    private sealed class ShiftRow
    {
        public long Id { get; init; }
        public long PlanId { get; init; }
        public long OfficerId { get; init; }
        public DateOnly Date { get; init; }
        public string ShiftType { get; init; } = "";
        public int StartMinute { get; init; }
        public int Minutes { get; init; }
        public string Kind { get; init; } = "";
        public bool Pinned { get; init; }
        public long? TeamId { get; init; }
        public long? VehicleId { get; init; }
        public string? DutyVi { get; init; }
        public string? DutyEn { get; init; }

        public RosterShift ToDomain() => new(Id, PlanId, OfficerId, Date, ShiftType, StartMinute, Minutes, Kind, Pinned, TeamId, VehicleId, DutyVi, DutyEn);
    }

    private sealed class FiguresRow
    {
        public int HolidayUpliftPercent { get; init; }
        public string Status { get; init; } = "";
        public long CostTotal { get; init; }
        public long CostShort { get; init; }
        public long CostOver { get; init; }
        public long CostRequests { get; init; }
        public long CostEveningFairness { get; init; }
        public long CostHolidayFairness { get; init; }
        public long? Bound { get; init; }
        public double Seconds { get; init; }

        public RosterFigures ToDomain() => new(HolidayUpliftPercent, Status, CostTotal, CostShort, CostOver, CostRequests, CostEveningFairness, CostHolidayFairness, Bound, Seconds);
    }

    private sealed class GapRow
    {
        public long Id { get; init; }
        public DateOnly Date { get; init; }
        public int StartMinute { get; init; }
        public int EndMinute { get; init; }
        public string? Skill { get; init; }
        public int Required { get; init; }
        public int Staffed { get; init; }
        public string ReasonVi { get; init; } = "";
        public string ReasonEn { get; init; } = "";

        public RosterGapItem ToDomain() => new(Id, Date, StartMinute, EndMinute, Skill, Required, Staffed, ReasonVi, ReasonEn);
    }
}
