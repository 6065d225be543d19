using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Jobs.Telemetry;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Notifications;

/// <summary>How the dispatcher paces itself.</summary>
public sealed record OutboxDispatchOptions
{
    /// <summary>Due messages taken per run.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>How long a claimed message is hidden from other senders while this one hands it over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Waits before the 1st, 2nd, ... retry of a message the gateway failed; after the last one it is given up.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];
}

/// <summary>What one run did.</summary>
public sealed record OutboxDispatchReport(int Sent, int Retrying, int Failed, int Withdrawn, int TakenByAnother)
{
    public int Handled => Sent + Retrying + Failed + Withdrawn;
}

/// <summary>
/// Sends the outbox's due messages through the gateway, at least once each: claim (so another app instance skips it),
/// check it still holds, put it into words, hand it over, mark it sent. A message is withdrawn, not sent, when its day
/// has passed (a reminder also on the day itself: "tomorrow" would be wrong) or, for a family's pickup message, when
/// the booking was cancelled or moved to another day. Gateway failures are retried after growing waits, then given up
/// with the reason kept; a refused message (bad number) or one that cannot be worded is given up at once. Phone
/// numbers are logged masked.
/// </summary>
public sealed class OutboxDispatcher(
    NotificationOutboxStore outbox, BookingStore bookings, IMessageGateway gateway, TimeProvider clock, ILogger<OutboxDispatcher> logger,
    OutboxDispatchOptions? options = null, OutreachMetrics? metrics = null)
{
    /// <summary>How the sender names itself in the personal-data audit log.</summary>
    public const string JobName = "outbox-dispatch";

    private readonly OutboxDispatchOptions _options = options ?? new OutboxDispatchOptions();

    public async Task<OutboxDispatchReport> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        int sent = 0, retrying = 0, failed = 0, withdrawn = 0, taken = 0;
        foreach (var message in await outbox.ListDueAsync(_options.BatchSize, cancellationToken))
        {
            if (!await outbox.TryClaimAsync(message.Id, _options.Lease, cancellationToken))
            {
                taken++;
                continue;
            }

            if (await WithdrawalReasonAsync(message, cancellationToken) is { } reason)
            {
                await outbox.MarkAttemptFailedAsync(message.Id, reason, null, cancellationToken);
                logger.LogInformation("Outbox message {Id} ({Template}) to {Recipient} withdrawn: {Reason}", message.Id, message.TemplateKey, VietnamPhone.Mask(message.Recipient), reason);
                metrics?.Message(message.Channel.ToString(), "withdrawn");
                withdrawn++;
                continue;
            }

            string text;
            try
            {
                text = MessageText.Render(message);
            }
            catch (MessageTextException e)
            {
                await outbox.MarkAttemptFailedAsync(message.Id, e.Message, null, cancellationToken);
                logger.LogError("Outbox message {Id} cannot be worded and is given up: {Error}", message.Id, e.Message);
                metrics?.Message(message.Channel.ToString(), "failed");
                failed++;
                continue;
            }

            try
            {
                await gateway.SendAsync(
                    new OutgoingMessage(message.Id, message.Channel, message.Recipient, text, message.TemplateKey, message.Language, message.DeduplicationKey),
                    cancellationToken);
            }
            catch (MessageDeliveryException e)
            {
                int attempt = message.AttemptCount + 1;
                DateTimeOffset? retryAt = !e.Permanent && attempt <= _options.RetryDelays.Count ? clock.GetUtcNow() + _options.RetryDelays[attempt - 1] : null;
                await outbox.MarkAttemptFailedAsync(message.Id, e.Message, retryAt, cancellationToken);
                if (retryAt is null)
                {
                    logger.LogWarning("Outbox message {Id} ({Template}) to {Recipient} given up after {Attempts} attempts: {Error}",
                        message.Id, message.TemplateKey, VietnamPhone.Mask(message.Recipient), attempt, e.Message);
                    metrics?.Message(message.Channel.ToString(), "failed");
                    failed++;
                }
                else
                {
                    logger.LogInformation("Outbox message {Id} attempt {Attempt} failed ({Error}); next try {RetryAt:o}", message.Id, attempt, e.Message, retryAt);
                    metrics?.Message(message.Channel.ToString(), "retrying");
                    retrying++;
                }

                continue;
            }

            // A family's message carries its booking code: the audit log records that the job sent that family's data.
            var code = NotificationOutboxStore.BookingCodeOf(message);
            await outbox.MarkSentAsync(message.Id, code is null ? null : new AuditRecord(
                AuditActor.System(JobName), AuditAction.Send, AuditSubject.Message, message.StationId, [code],
                $"message {message.Id} ({message.TemplateKey}, {message.Channel})"), cancellationToken);
            metrics?.Message(message.Channel.ToString(), "sent");
            logger.LogInformation("Outbox message {Id} ({Template}) sent to {Recipient} by {Channel}", message.Id, message.TemplateKey, VietnamPhone.Mask(message.Recipient), message.Channel);
            sent++;
        }

        return new OutboxDispatchReport(sent, retrying, failed, withdrawn, taken);
    }

    private async Task<string?> WithdrawalReasonAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VisitWeek.VietnamOffset).DateTime);
        if (MessageText.EventDate(message) is { } date)
        {
            bool reminder = message.TemplateKey is MessageText.PickupReminder or MessageText.VisitReminder;
            if (date < today || (reminder && date == today))
            {
                return $"expired: {date:dd/MM/yyyy} {(reminder ? "is today or past" : "has passed")}";
            }

            if (message.TemplateKey is MessageText.PickupConfirmation or MessageText.PickupReminder && NotificationOutboxStore.BookingCodeOf(message) is { } code)
            {
                var booking = await bookings.GetByCodeAsync(code, cancellationToken);
                if (booking is null || booking.Status == BookingStatus.Cancelled)
                {
                    return $"booking {code} was cancelled";
                }

                if (booking.Date != date)
                {
                    return $"booking {code} moved to {booking.Date:dd/MM/yyyy}";
                }
            }
        }

        return null;
    }
}
