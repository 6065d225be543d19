using Hangfire;
using Microsoft.Extensions.Hosting;
using Outreach.Jobs.Notifications;
using Outreach.Jobs.Retention;

namespace Outreach.Jobs.Hosting;

/// <summary>
/// At start-up (after the migrations): sets the recurring jobs' schedules from this instance's settings (instances
/// sharing PostgreSQL share one schedule per job: the last to start sets it).
/// </summary>
internal sealed class JobsStartup(IRecurringJobManager recurring, MessagingSettings messaging, RetentionSettings retention) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<OutboxDispatchJob>(OutboxDispatchJob.RecurringId, job => job.RunAsync(CancellationToken.None), IntervalCron.Every(messaging.Poll));
        if (retention.Enabled)
        {
            recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringId, job => job.RunAsync(CancellationToken.None), IntervalCron.Every(retention.Interval));
        }
        else
        {
            recurring.RemoveIfExists(RetentionJob.RecurringId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
