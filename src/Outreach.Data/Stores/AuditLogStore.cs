using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>What the audit page asks for: one station's events (null: every station, for an administrator), those
/// touching one booking code, older than an event id (paging), at most <see cref="Limit"/>.</summary>
public sealed record AuditQuery(long? StationId, string? BookingCode = null, long? BeforeId = null, int Limit = 100);

/// <summary>
/// The personal-data audit log (Decree 13/2023): who viewed or changed a family's data, never the data itself (codes,
/// station, page and action only). Stores that change bookings write their entry inside the change's own transaction
/// through <see cref="WriteAsync(DbConnection, DbTransaction?, AuditRecord, DateTimeOffset, CancellationToken)"/>; pages
/// that only show data write theirs on their own. Thread-safe.
/// </summary>
public sealed class AuditLogStore(Database database, TimeProvider clock)
{
    /// <summary>Codes shown per entry on the audit page (a pickup day can hold hundreds).</summary>
    public const int CodesPerEntry = 50;

    private const int CodesPerStatement = 400;

    public async Task<long> WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await database.InTransactionAsync(
            (connection, transaction) => WriteAsync(connection, transaction, record, clock.GetUtcNow(), cancellationToken),
            cancellationToken);
    }

    /// <summary>Writes <paramref name="record"/> in the caller's transaction (the change it records commits with it or not at all).</summary>
    internal static async Task<long> WriteAsync(
        DbConnection connection, DbTransaction? transaction, AuditRecord record, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var codes = record.BookingCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(BookingCode.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var id = await connection.ExecuteScalarAsync<long>(Cmd(
            """
            INSERT INTO audit_log (at, actor_kind, actor_user_id, actor_name, action, subject, station_id, booking_count, detail)
            VALUES (@at, @kind, @userId, @name, @action, @subject, @stationId, @count, @detail)
            RETURNING id
            """,
            new
            {
                at,
                kind = record.Actor.Kind.ToString(),
                userId = record.Actor.UserId,
                name = Truncate(record.Actor.Name ?? "", 200),
                action = record.Action.ToString(),
                subject = record.Subject.ToString(),
                stationId = record.StationId,
                count = codes.Count,
                detail = record.Detail is null ? null : Truncate(record.Detail, 500),
            },
            transaction, cancellationToken));
        foreach (var chunk in codes.Chunk(CodesPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO audit_log_bookings (audit_id, booking_code) VALUES ");
            var parameters = new DynamicParameters();
            parameters.Add("id", id);
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@id, @c{i})");
                parameters.Add($"c{i}", chunk[i]);
            }

            await connection.ExecuteAsync(Cmd(sql.ToString(), parameters, transaction, cancellationToken));
        }

        return id;
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var where = new List<string>();
        if (query.StationId is not null)
        {
            where.Add("a.station_id = @stationId");
        }

        if (!string.IsNullOrWhiteSpace(query.BookingCode))
        {
            where.Add("EXISTS (SELECT 1 FROM audit_log_bookings b WHERE b.audit_id = a.id AND b.booking_code = @code)");
        }

        if (query.BeforeId is not null)
        {
            where.Add("a.id < @beforeId");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(Cmd(
            $"""
            SELECT a.id, a.at, a.actor_kind, a.actor_user_id, a.actor_name, a.action, a.subject, a.station_id, a.booking_count, a.detail
            FROM audit_log a {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY a.id DESC LIMIT @limit
            """,
            new
            {
                stationId = query.StationId,
                code = query.BookingCode is null ? null : BookingCode.Normalize(query.BookingCode),
                beforeId = query.BeforeId,
                limit = query.Limit,
            },
            null, cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var codes = (await connection.QueryAsync<(long AuditId, string Code)>(Cmd(
                $"SELECT audit_id, booking_code FROM audit_log_bookings WHERE audit_id IN ({InList(rows.Select(r => r.Id))}) ORDER BY audit_id, booking_code",
                null, null, cancellationToken)))
            .GroupBy(c => c.AuditId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => c.Code).Take(CodesPerEntry)]);
        return [.. rows.Select(r => r.ToDomain(codes.GetValueOrDefault(r.Id) ?? []))];
    }

    /// <summary>Deletes entries older than <paramref name="before"/> (the log's own retention); returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(Cmd(
                "DELETE FROM audit_log_bookings WHERE audit_id IN (SELECT id FROM audit_log WHERE at < @before)", new { before }, transaction, cancellationToken));
            return await connection.ExecuteAsync(Cmd("DELETE FROM audit_log WHERE at < @before", new { before }, transaction, cancellationToken));
        }, cancellationToken);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string ActorKind { get; init; } = "";
        public long? ActorUserId { get; init; }
        public string ActorName { get; init; } = "";
        public string Action { get; init; } = "";
        public string Subject { get; init; } = "";
        public long? StationId { get; init; }
        public int BookingCount { get; init; }
        public string? Detail { get; init; }

        public AuditEntry ToDomain(IReadOnlyList<string> codes) => new(
            Id, At, new AuditActor(ParseEnum<AuditActorKind>(ActorKind), ActorUserId, ActorName), ParseEnum<AuditAction>(Action),
            ParseEnum<AuditSubject>(Subject), StationId, BookingCount, codes, Detail);
    }
}
