using Hangfire;
using Outreach.Jobs.Telemetry;

namespace Outreach.Jobs.Notifications;

/// <summary>
/// The recurring job that sends the outbox's due messages (<see cref="OutboxDispatcher"/>). Without a message gateway
/// there is no dispatcher and the run does nothing: the messages stay pending for staff, who send them by hand from the
/// call list. Runs of several app instances, or two runs of one, may overlap: each message is claimed before it is sent.
/// A failed run is not retried; the next one comes within the poll interval.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class OutboxDispatchJob(OutboxDispatcher? dispatcher, OutreachMetrics? metrics = null)
{
    public const string RecurringId = "outbox-dispatch";

    /// <summary>What the run did; null when no gateway is configured.</summary>
    [JobDisplayName("Send due messages")]
    public async Task<OutboxDispatchReport?> RunAsync(CancellationToken cancellationToken)
    {
        if (dispatcher is null)
        {
            return null;
        }

        return metrics is null
            ? await dispatcher.DispatchDueAsync(cancellationToken)
            : await metrics.TimeJobAsync(OutboxDispatcher.JobName, () => dispatcher.DispatchDueAsync(cancellationToken));
    }
}
