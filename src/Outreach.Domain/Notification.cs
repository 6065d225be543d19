namespace Outreach.Domain;

/// <summary>How a message reaches people, in the order tried: Zalo notification, then SMS, then a call list for a village head or officer.</summary>
public enum NotificationChannel
{
    Zalo,
    Sms,
    CallList,
}

public enum NotificationStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message waiting in the outbox (e.g. a booking confirmation, a day-before reminder, a driver's route
/// link). <see cref="DeduplicationKey"/> (e.g. "plan:12:booking:345:confirm") makes enqueueing idempotent;
/// <see cref="PayloadJson"/> holds the template's values. <see cref="Recipient"/> is a phone number: never log it in full.
/// <see cref="StationId"/> is the station whose plan queued it (null for messages queued before stations were recorded).
/// </summary>
public sealed record OutboxMessage(
    long Id,
    NotificationChannel Channel,
    string Recipient,
    string TemplateKey,
    string Language,
    string PayloadJson,
    string DeduplicationKey,
    DateTimeOffset DueAt,
    NotificationStatus Status,
    int AttemptCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? LastError,
    long? StationId = null);
