using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// A station's period whose plan should be made again (<c>replan_requests</c>): the changes since it was requested
/// coalesce into it, <see cref="Token"/> naming the latest.
/// </summary>
/// <param name="Reasons">The distinct reason codes of the changes, comma-separated ("booking.cancelled,station.settings").</param>
/// <param name="Changes">How many changes coalesced into the request.</param>
/// <param name="Token">Names the latest change: a job run for an older token has nothing to do.</param>
/// <param name="RequestedAt">The first change of the request.</param>
/// <param name="ChangedAt">The latest change.</param>
/// <param name="DueAt">When the re-plan may run (a while after the latest change, the debounce).</param>
/// <param name="ClaimedToken">The token the latest job run claimed the request for (planning it now, or done with it), null when none.</param>
/// <param name="ClaimedUntil">Until when that run's claim holds; null once it ended.</param>
/// <param name="ClaimedVersion">The period's newest plan version when that run began (0: none).</param>
public sealed record ReplanRequest(
    long Id, long StationId, PlanKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, string Reasons, int Changes, string Token,
    DateTimeOffset RequestedAt, DateTimeOffset ChangedAt, DateTimeOffset DueAt, string? ClaimedToken, DateTimeOffset? ClaimedUntil, int? ClaimedVersion);

/// <summary>
/// Re-plan requests (<c>replan_requests</c>): the durable list of what needs planning again, one row per station, kind
/// and period. <see cref="RecordAsync"/> coalesces changes into the row (a new token each time, the due time pushed back);
/// the job claims the row for its token, plans, and <see cref="CompleteAsync"/> deletes it only if no change came
/// meanwhile. Stateless and thread-safe; several app instances may record and claim at once (PostgreSQL: the row is
/// locked while a change is recorded; SQLite: BEGIN IMMEDIATE).
/// </summary>
public sealed partial class ReplanRequestStore(Database database, TimeProvider clock)
{
    /// <summary>Longest reason code accepted, and longest reasons list kept (further codes are dropped).</summary>
    public const int MaxReasonLength = 64;

    /// <summary>Longest name after a reason code's ':' (see <see cref="RecordAsync"/>).</summary>
    public const int MaxLabelLength = 80;

    private const int MaxReasonsLength = 512;

    private const string Columns =
        """
        id, station_id, kind, period_start, period_end, reasons, changes, token, requested_at, changed_at, due_at,
        claimed_token, claimed_until, claimed_version
        """;

    /// <summary>
    /// Records a change of the station's period: creates its request, or coalesces the change into the pending one. The
    /// request gets a new token and is due <paramref name="delay"/> from now, but never later than
    /// <paramref name="maxDelay"/> after its first change (a steady trickle of changes cannot put the re-plan off for ever).
    /// </summary>
    /// <param name="reason">
    /// A code: letters, digits, '.', '_' or '-', starting with a letter; optionally followed by ':' and the name of what
    /// changed as staff entered it (a flood area drawn on the week board: "weather.flood:Cầu Rẽo"), at most
    /// <see cref="MaxLabelLength"/> characters without commas or control characters. Never anything about a family.
    /// </param>
    /// <exception cref="ArgumentException">The kind is not Pickups or Visits, the period is reversed, or the reason is not a code.</exception>
    public async Task<ReplanRequest> RecordAsync(
        long stationId, PlanKind kind, DateOnly periodStart, DateOnly periodEnd, string reason, TimeSpan delay, TimeSpan maxDelay,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentOutOfRangeException.ThrowIfLessThan(stationId, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, delay);
        if (kind is not (PlanKind.Pickups or PlanKind.Visits))
        {
            throw new ArgumentException($"kind = '{kind}': only Pickups and Visits plans are re-planned", nameof(kind));
        }

        if (periodEnd < periodStart)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"period {periodStart:yyyy-MM-dd}..{periodEnd:yyyy-MM-dd}: ends before it starts"), nameof(periodEnd));
        }

        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? reason : reason[..colon];
        if (code.Length > MaxReasonLength || !ReasonCode().IsMatch(code))
        {
            throw new ArgumentException($"reason = '{TextRules.Visible(reason)}': a code of letters, digits, '.', '_' or '-' starting with a letter, at most {MaxReasonLength} characters", nameof(reason));
        }

        if (colon >= 0 && reason[(colon + 1)..] is var label
            && (label.Length is 0 or > MaxLabelLength || label.Contains(',', StringComparison.Ordinal) || TextRules.HasForbidden(label)))
        {
            throw new ArgumentException($"reason = '{TextRules.Visible(reason)}': the name after ':' must be 1 to {MaxLabelLength} characters without commas or control characters", nameof(reason));
        }

        var now = clock.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var key = new { stationId, kind = kind.ToString(), periodStart, periodEnd };
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(Cmd(
                $"""
                INSERT INTO replan_requests (station_id, kind, period_start, period_end, reasons, changes, token, requested_at, changed_at, due_at)
                VALUES (@stationId, @kind, @periodStart, @periodEnd, @reason, 0, @token, @now, @now, @now)
                ON CONFLICT (station_id, kind, period_start, period_end) DO NOTHING
                """,
                new { key.stationId, key.kind, key.periodStart, key.periodEnd, reason, token, now }, transaction, cancellationToken));
            var lockRow = database.Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";
            var row = (await connection.QuerySingleAsync<Row>(Cmd(
                $"""
                SELECT {Columns} FROM replan_requests
                WHERE station_id = @stationId AND kind = @kind AND period_start = @periodStart AND period_end = @periodEnd{lockRow}
                """, key, transaction, cancellationToken))).ToDomain();

            var latest = row.RequestedAt + maxDelay;
            var due = now + delay < latest ? now + delay : latest;
            var updated = row with
            {
                Reasons = WithReason(row.Reasons, reason),
                Changes = row.Changes + 1,
                Token = token,
                ChangedAt = now,
                DueAt = due < now ? now : due,
            };
            await connection.ExecuteAsync(Cmd(
                "UPDATE replan_requests SET reasons = @Reasons, changes = @Changes, token = @Token, changed_at = @ChangedAt, due_at = @DueAt WHERE id = @Id",
                updated, transaction, cancellationToken));
            return updated;
        }, cancellationToken);
    }

    public async Task<ReplanRequest?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM replan_requests WHERE id = @id", new { id }, null, cancellationToken)))?.ToDomain();
    }

    /// <summary>Every pending request, soonest due first.</summary>
    public async Task<IReadOnlyList<ReplanRequest>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM replan_requests ORDER BY due_at, id", null, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// Claims the request for the run planning <paramref name="token"/>, for <paramref name="lease"/>: only while the
    /// token is still the request's latest and no other run's claim holds. <paramref name="latestVersion"/> is the
    /// period's newest plan version now (0: none). False when the token moved on, the request is gone or it is claimed.
    /// </summary>
    public async Task<bool> TryClaimAsync(long id, string token, TimeSpan lease, int latestVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            """
            UPDATE replan_requests SET claimed_token = @token, claimed_until = @until, claimed_version = @latestVersion
            WHERE id = @id AND token = @token AND (claimed_until IS NULL OR claimed_until <= @now)
            """,
            new { id, token, until = now + lease, latestVersion, now }, null, cancellationToken)) == 1;
    }

    /// <summary>The change named by <paramref name="token"/> is planned: deletes the request, unless a later change came
    /// meanwhile (then false, and the request stays for that change).</summary>
    public async Task<bool> CompleteAsync(long id, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "DELETE FROM replan_requests WHERE id = @id AND token = @token", new { id, token }, null, cancellationToken)) == 1;
    }

    /// <summary>
    /// Ends the claim of the run for <paramref name="token"/> (it failed, or a later change is still to plan), so the next
    /// run need not wait for the lease. The claimed token and version stay: a later run of the same token still sees
    /// what the plan versions were when this one began. False when that run held no claim.
    /// </summary>
    public async Task<bool> ReleaseAsync(long id, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE replan_requests SET claimed_until = NULL WHERE id = @id AND claimed_token = @token AND claimed_until IS NOT NULL",
            new { id, token }, null, cancellationToken)) == 1;
    }

    /// <summary>
    /// Ends every claim, keeping what each claim knew of the plan versions. Only for a single app instance at its
    /// start-up (the embedded default): no run can still hold a claim then, so a crash does not leave requests waiting
    /// for their lease to run out.
    /// </summary>
    public async Task<int> ReleaseAllClaimsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE replan_requests SET claimed_until = NULL WHERE claimed_until IS NOT NULL", null, null, cancellationToken));
    }

    private static string WithReason(string reasons, string reason)
    {
        var list = reasons.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (list.Contains(reason, StringComparer.Ordinal))
        {
            return reasons;
        }

        var joined = string.Join(",", list.Append(reason));
        return joined.Length <= MaxReasonsLength ? joined : reasons;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonCode();

    private sealed class Row
    {
        public long Id { get; init; }
        public long StationId { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly PeriodStart { get; init; }
        public DateOnly PeriodEnd { get; init; }
        public string Reasons { get; init; } = "";
        public int Changes { get; init; }
        public string Token { get; init; } = "";
        public DateTimeOffset RequestedAt { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public DateTimeOffset DueAt { get; init; }
        public string? ClaimedToken { get; init; }
        public DateTimeOffset? ClaimedUntil { get; init; }
        public int? ClaimedVersion { get; init; }

        public ReplanRequest ToDomain() => new(
            Id, StationId, ParseEnum<PlanKind>(Kind), PeriodStart, PeriodEnd, Reasons, Changes, Token, RequestedAt, ChangedAt, DueAt,
            ClaimedToken, ClaimedUntil, ClaimedVersion);
    }
}
