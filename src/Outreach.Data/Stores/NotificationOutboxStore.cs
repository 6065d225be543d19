using System.Data.Common;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// The notification outbox. Enqueueing skips messages whose deduplication key is already queued, so a
/// retried publish never messages a family twice. A sender job reads due messages and marks each sent or
/// failed; one sender runs at a time (Quartz, non-concurrent job).
/// </summary>
public sealed class NotificationOutboxStore(Database database, TimeProvider clock)
{
    private const string Columns =
        """
        id, channel, recipient, template_key, language, payload_json, deduplication_key, due_at, status, attempt_count,
        created_at, sent_at, last_error
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

    public async Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE notification_outbox SET status = @sent, sent_at = @now, attempt_count = attempt_count + 1, last_error = NULL WHERE id = @id AND status = @pending",
            new { id, sent = nameof(NotificationStatus.Sent), pending = nameof(NotificationStatus.Pending), now = clock.GetUtcNow() },
            null, cancellationToken)) == 1;
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
                    status, attempt_count, created_at, sent_at, last_error)
                VALUES (@Channel, @Recipient, @TemplateKey, @Language, @PayloadJson, @DeduplicationKey, @DueAt,
                    @Status, 0, @CreatedAt, NULL, NULL)
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
                },
                transaction, cancellationToken));
        }

        return added;
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

        public OutboxMessage ToDomain() => new(
            Id, ParseEnum<NotificationChannel>(Channel), Recipient, TemplateKey, Language, PayloadJson, DeduplicationKey, DueAt,
            ParseEnum<NotificationStatus>(Status), AttemptCount, CreatedAt, SentAt, LastError);
    }
}
