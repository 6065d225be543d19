using Hangfire;
using Microsoft.Extensions.Hosting;
using Outreach.Data;
using Outreach.Data.Stores;
using Outreach.Jobs.Nightly;
using Outreach.Jobs.Notifications;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Retention;
using Outreach.Jobs.Weather;

namespace Outreach.Jobs.Hosting;

/// <summary>
/// At start-up (after the migrations): sets the recurring jobs' schedules from this instance's settings (instances
/// sharing PostgreSQL share one schedule per job: the last to start sets it), and queues the pending re-plan requests
/// again. In the embedded default no other instance can hold a claim, so the claims of runs that died with the last
/// process end first.
/// </summary>
internal sealed class JobsStartup(
    IRecurringJobManager recurring,
    MessagingSettings messaging,
    RetentionSettings retention,
    WeatherSettings weather,
    NightlySettings nightly,
    Database database,
    ReplanRequestStore requests,
    ReplanRequests replans) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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

        // Off by default: no network call for weather unless configured, and none at start-up either way.
        if (weather.Enabled)
        {
            recurring.AddOrUpdate<WeatherPollJob>(WeatherPollJob.RecurringId, job => job.RunAsync(CancellationToken.None), IntervalCron.Every(weather.Interval));
        }
        else
        {
            recurring.RemoveIfExists(WeatherPollJob.RecurringId);
        }

        if (nightly.Enabled)
        {
            recurring.AddOrUpdate<NightlyJob>(NightlyJob.RecurringId, job => job.RunAsync(CancellationToken.None), nightly.Cron);
        }
        else
        {
            recurring.RemoveIfExists(NightlyJob.RecurringId);
        }

        if (database.Dialect == SqlDialect.Sqlite)
        {
            await requests.ReleaseAllClaimsAsync(cancellationToken);
        }

        await replans.RescheduleAllAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
