using Quartz;

namespace Outreach.Jobs.Notifications;

/// <summary>The Quartz job that runs <see cref="OutboxDispatcher"/>; never two at once in one app instance.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await dispatcher.DispatchDueAsync(cancellationToken);
    }
}
