using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Data;
using Outreach.Jobs.Nightly;
using Outreach.Jobs.Notifications;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Retention;
using Outreach.Jobs.Weather;

namespace Outreach.Jobs.Hosting;

public static class JobsExtensions
{
    /// <summary>
    /// The background jobs on Hangfire: the storage of the database mode (<see cref="JobStorageFactory"/>), this
    /// instance's servers (<see cref="JobSettings"/>: one for the light jobs, one for re-planning), the recurring jobs
    /// (sending messages, retention) and re-planning on change. The host registers the database, the stores, a
    /// <see cref="TimeProvider"/> and the planning services (the web app's AddOutreachDatabase, AddLocalTime,
    /// AddPickupPlans and AddVisitPlans).
    /// </summary>
    public static IServiceCollection AddOutreachJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = JobSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddOutboxDispatch(configuration);
        services.AddRetention(configuration);
        services.AddWeatherPoll(configuration);
        services.AddNightly(configuration);
        services.AddSingleton(ReplanSettings.From(configuration));
        services.AddSingleton<ReplanScheduler>();
        services.AddSingleton<ReplanRequests>();
        services.AddSingleton<ReplanService>();
        services.AddSingleton<PlanInputs>();
        services.AddTransient<ReplanJob>();

        // This host's own storage and activator, registered before AddHangfire (which only adds what is missing): its
        // defaults are process-wide statics, which two app hosts in one process (tests) would overwrite for each other.
        services.AddSingleton(sp => JobStorageFactory.Create(sp.GetRequiredService<Database>(), settings));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHostedService<JobsStartup>();
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = settings.Workers;
            options.Queues = ["default"];
            options.SchedulePollingInterval = settings.Poll;
        });
        // Workers only: the first server already runs the schedulers that move due jobs to their queues.
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = settings.PlanningWorkers;
            options.Queues = [ReplanJob.Queue];
            options.IsLightweightServer = true;
        });
        return services;
    }
}
