using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// The notification outbox. Enqueueing skips messages whose deduplication key is already queued, so a
/// retried publish never messages a family twice. A sender job reads due messages and marks each sent or
/// failed; senders may run at once (several app instances, overlapping runs): each message is claimed first.
/// </summary>
public sealed class NotificationOutboxStore(Database database, TimeProvider clock)
{
    private const string Columns =
        """
        id, channel, recipient, template_key, language, payload_json, deduplication_key, due_at, status, attempt_count,
        created_at, sent_at, last_error, station_id
        """;

    /// <summary>Queues the messages (status Pending, created now) in one transaction; returns how many were new.</summary>
    public async Task<int> EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return await database.InTransactionAsync((connection, transaction) => EnqueueAsync(connection, transaction, messages, cancellationToken), cancellationToken);
    }

    /// <summary>Pending messages due at or before now, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListDueAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM notification_outbox WHERE status = @pending AND due_at <= @now ORDER BY due_at, id LIMIT @limit",
            new { pending = nameof(NotificationStatus.Pending), now = clock.GetUtcNow(), limit }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken = default) => MarkSentAsync(id, null, cancellationToken);

    /// <summary>
    /// Marks a pending message sent and, for a family's message (one that carries a booking code), writes the audit entry
    /// (<paramref name="audit"/>: the sender job's <see cref="AuditAction.Send"/>, or staff's <see cref="AuditAction.MarkSent"/>)
    /// in the same transaction.
    /// </summary>
    public async Task<bool> MarkSentAsync(long id, AuditRecord? audit, CancellationToken cancellationToken = default)
    {
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow();
            var sent = await connection.ExecuteAsync(Cmd(
                "UPDATE notification_outbox SET status = @sent, sent_at = @now, attempt_count = attempt_count + 1, last_error = NULL WHERE id = @id AND status = @pending",
                new { id, sent = nameof(NotificationStatus.Sent), pending = nameof(NotificationStatus.Pending), now },
                transaction, cancellationToken)) == 1;
            if (sent && audit is not null)
            {
                await AuditLogStore.WriteAsync(connection, transaction, audit, now, cancellationToken);
            }

            return sent;
        }, cancellationToken);
    }

    /// <summary>
    /// Marks sent, in one transaction, those of <paramref name="ids"/> that are still pending (sent, withdrawn or unknown ids
    /// are left as they are, so the same call again marks nothing), and writes the audit entries <paramref name="audit"/>
    /// makes of the messages it marked (staff's <see cref="AuditAction.MarkSent"/>) in that transaction. Returns the
    /// messages it marked, as stored now.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> MarkSentManyAsync(
        IReadOnlyCollection<long> ids, Func<IReadOnlyList<OutboxMessage>, IEnumerable<AuditRecord>>? audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        return await database.InTransactionAsync<IReadOnlyList<OutboxMessage>>(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow();
            var marked = new List<OutboxMessage>();
            // Ids are longs, inlined (portable: SQLite has no array parameters); chunks keep each statement short.
            foreach (var chunk in ids.Distinct().Chunk(500))
            {
                var rows = await connection.QueryAsync<Row>(Cmd(
                    $"""
                    UPDATE notification_outbox SET status = @sent, sent_at = @now, attempt_count = attempt_count + 1, last_error = NULL
                    WHERE status = @pending AND id IN ({InList(chunk)})
                    RETURNING {Columns}
                    """,
                    new { sent = nameof(NotificationStatus.Sent), pending = nameof(NotificationStatus.Pending), now },
                    transaction, cancellationToken));
                marked.AddRange(rows.Select(r => r.ToDomain()));
            }

            marked.Sort((a, b) => a.Id.CompareTo(b.Id));
            foreach (var record in audit?.Invoke(marked) ?? [])
            {
                await AuditLogStore.WriteAsync(connection, transaction, record, now, cancellationToken);
            }

            return marked;
        }, cancellationToken);
    }

    /// <summary>
    /// The ids of the pending messages to <paramref name="recipient"/> of station <paramref name="stationId"/> (null: of no
    /// station) no newer than <paramref name="throughId"/>: one recipient's part of the call list as a page showed it, without
    /// what was queued after (ids only grow).
    /// </summary>
    public async Task<IReadOnlyList<long>> PendingIdsOfRecipientAsync(long? stationId, string recipient, long throughId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var station = stationId is null ? "station_id IS NULL" : "station_id = @stationId";
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(Cmd(
            $"SELECT id FROM notification_outbox WHERE status = @pending AND recipient = @recipient AND {station} AND id <= @throughId ORDER BY id",
            new { pending = nameof(NotificationStatus.Pending), recipient, stationId, throughId }, null, cancellationToken));
        return ids.ToList();
    }

    /// <summary>The booking code a family's message carries in its payload ("Code"), or null (a driver's or team lead's message).</summary>
    public static string? BookingCodeOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var document = JsonDocument.Parse(message.PayloadJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records a failed attempt. With <paramref name="retryAt"/> the message stays pending and becomes due
    /// again then; without it the message is given up (status Failed).
    /// </summary>
    public async Task<bool> MarkAttemptFailedAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            """
            UPDATE notification_outbox
            SET attempt_count = attempt_count + 1, last_error = @error, status = @status, due_at = COALESCE(@retryAt, due_at)
            WHERE id = @id AND status = @pending
            """,
            new
            {
                id,
                error = error.Length > 1000 ? error[..1000] : error,
                status = (retryAt is null ? NotificationStatus.Failed : NotificationStatus.Pending).ToString(),
                retryAt,
                pending = nameof(NotificationStatus.Pending),
            },
            null, cancellationToken)) == 1;
    }

    /// <summary>
    /// Takes a due pending message for one sender by moving its due time to now + <paramref name="lease"/>: a second sender
    /// (another app instance sharing the database) then skips it. False when another sender took it first or it is no
    /// longer due. A sender that stops mid-send leaves the message to be sent again once the lease has passed.
    /// </summary>
    public async Task<bool> TryClaimAsync(long id, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE notification_outbox SET due_at = @until WHERE id = @id AND status = @pending AND due_at <= @now",
            new { id, until = now + lease, now, pending = nameof(NotificationStatus.Pending) }, null, cancellationToken)) == 1;
    }

    /// <summary>
    /// Messages of one status for the staff outbox page, soonest due first (most recently sent first for
    /// <see cref="NotificationStatus.Sent"/>): of <paramref name="stationId"/>, or of every station (and those without one)
    /// when it is null.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(long? stationId, NotificationStatus status, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var order = status == NotificationStatus.Sent ? "sent_at DESC, id DESC" : "due_at, id";
        var where = stationId is null ? "status = @status" : "status = @status AND station_id = @stationId";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM notification_outbox WHERE {where} ORDER BY {order} LIMIT @limit",
            new { status = status.ToString(), stationId, limit }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>How many messages are in each status, for one station or (null) all.</summary>
    public async Task<IReadOnlyDictionary<NotificationStatus, int>> CountByStatusAsync(long? stationId, CancellationToken cancellationToken = default)
    {
        var where = stationId is null ? "" : "WHERE station_id = @stationId";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(Cmd(
            $"SELECT status, COUNT(*) FROM notification_outbox {where} GROUP BY status", new { stationId }, null, cancellationToken));
        var counts = Enum.GetValues<NotificationStatus>().ToDictionary(s => s, _ => 0);
        foreach (var (status, count) in rows)
        {
            counts[ParseEnum<NotificationStatus>(status)] = (int)count;
        }

        return counts;
    }

    public async Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM notification_outbox WHERE id = @id", new { id }, null, cancellationToken));
        return row?.ToDomain();
    }

    public async Task<OutboxMessage?> GetByDeduplicationKeyAsync(string deduplicationKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM notification_outbox WHERE deduplication_key = @deduplicationKey", new { deduplicationKey }, null, cancellationToken));
        return row?.ToDomain();
    }

    /// <summary>Queues inside a caller's transaction (used by <see cref="PlanStore.PublishAsync(long, IReadOnlyList{OutboxMessage}, CancellationToken)"/>).</summary>
    internal async Task<int> EnqueueAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var m in messages)
        {
            added += await connection.ExecuteAsync(Cmd(
                """
                INSERT INTO notification_outbox (channel, recipient, template_key, language, payload_json, deduplication_key, due_at,
                    status, attempt_count, created_at, sent_at, last_error, station_id)
                VALUES (@Channel, @Recipient, @TemplateKey, @Language, @PayloadJson, @DeduplicationKey, @DueAt,
                    @Status, 0, @CreatedAt, NULL, NULL, @StationId)
                ON CONFLICT (deduplication_key) DO NOTHING
                """,
                new
                {
                    Channel = m.Channel.ToString(),
                    m.Recipient,
                    m.TemplateKey,
                    m.Language,
                    m.PayloadJson,
                    m.DeduplicationKey,
                    m.DueAt,
                    Status = nameof(NotificationStatus.Pending),
                    CreatedAt = now,
                    m.StationId,
                },
                transaction, cancellationToken));
        }

        return added;
    }

    /// <summary>
    /// Withdraws the booking's messages still waiting (deduplication keys "pickup:{day}:booking:{id}:...", as pickup
    /// publishing writes them; only those of <paramref name="date"/> when given): status Failed with
    /// <paramref name="withdrawal"/> as the reason, so a cancelled or moved family's confirmation and reminder leave the
    /// call list in the transaction that cancels or moves the booking, not at their send time. Returns how many.
    /// </summary>
    internal static async Task<int> WithdrawForBookingAsync(
        DbConnection connection, DbTransaction transaction, long bookingId, DateOnly? date, string withdrawal, CancellationToken cancellationToken)
    {
        var pattern = date is { } day
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"%:{day:yyyyMMdd}:booking:{bookingId}:%")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"%:booking:{bookingId}:%");
        return await connection.ExecuteAsync(Cmd(
            "UPDATE notification_outbox SET status = @failed, last_error = @withdrawal WHERE status = @pending AND deduplication_key LIKE @pattern",
            new { failed = nameof(NotificationStatus.Failed), pending = nameof(NotificationStatus.Pending), withdrawal, pattern },
            transaction, cancellationToken));
    }

    /// <summary>
    /// For bookings made anonymous: their family messages (deduplication keys "...:booking:{id}:...", as pickup
    /// publishing writes them) keep a masked phone and lose the first name and a home address; pending ones are withdrawn
    /// (status Failed, <paramref name="withdrawal"/> as the reason).
    /// </summary>
    internal static async Task AnonymiseForBookingsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<long> bookingIds, string withdrawal, CancellationToken cancellationToken)
    {
        foreach (var bookingId in bookingIds)
        {
            var pattern = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"%:booking:{bookingId}:%");
            var rows = await connection.QueryAsync<(long Id, string Recipient, string PayloadJson, string Status)>(Cmd(
                "SELECT id, recipient, payload_json, status FROM notification_outbox WHERE deduplication_key LIKE @pattern",
                new { pattern }, transaction, cancellationToken));
            foreach (var (id, recipient, payload, status) in rows)
            {
                var pending = status == nameof(NotificationStatus.Pending);
                await connection.ExecuteAsync(Cmd(
                    """
                    UPDATE notification_outbox SET recipient = @recipient, payload_json = @payload,
                        status = @status, last_error = CASE WHEN @pending THEN @withdrawal ELSE last_error END
                    WHERE id = @id
                    """,
                    new
                    {
                        id,
                        recipient = Outreach.Domain.Validation.VietnamPhone.Mask(recipient),
                        payload = WithoutPersonalData(payload),
                        status = pending ? nameof(NotificationStatus.Failed) : status,
                        pending,
                        withdrawal,
                    },
                    transaction, cancellationToken));
            }
        }
    }

    /// <summary>The payload with the first name blanked and, for a pickup at home, the address note dropped.</summary>
    private static string WithoutPersonalData(string payload)
    {
        try
        {
            if (JsonNode.Parse(payload) is not JsonObject json)
            {
                return "{}";
            }

            if (json.ContainsKey("FirstName"))
            {
                json["FirstName"] = "";
            }

            if (json["AtHome"] is JsonValue atHome && atHome.TryGetValue<bool>(out var home) && home)
            {
                json["PickupPlace"] = null;
            }

            return json.ToJsonString();
        }
        catch (JsonException)
        {
            return "{}";
        }
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string TemplateKey { get; init; } = "";
        public string Language { get; init; } = "";
        public string PayloadJson { get; init; } = "";
        public string DeduplicationKey { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public string Status { get; init; } = "";
        public int AttemptCount { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public string? LastError { get; init; }
        public long? StationId { get; init; }

        public OutboxMessage ToDomain() => new(
            Id, ParseEnum<NotificationChannel>(Channel), Recipient, TemplateKey, Language, PayloadJson, DeduplicationKey, DueAt,
            ParseEnum<NotificationStatus>(Status), AttemptCount, CreatedAt, SentAt, LastError, StationId);
    }
}
