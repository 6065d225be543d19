using Outreach.Jobs.Telemetry;
using Quartz;

namespace Outreach.Jobs.Notifications;

/// <summary>The Quartz job that runs <see cref="OutboxDispatcher"/>; never two at once in one app instance.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, OutreachMetrics metrics) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await metrics.TimeJobAsync(OutboxDispatcher.JobName, () => dispatcher.DispatchDueAsync(cancellationToken));
    }
}
