using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data;
using Outreach.Jobs.Notifications;
using Outreach.Jobs.Retention;

namespace Outreach.Jobs.Hosting;

public static class JobsExtensions
{
    /// <summary>
    /// The background jobs on Hangfire: the storage of the database mode (<see cref="JobStorageFactory"/>), this
    /// instance's server (<see cref="JobSettings"/>) and the recurring jobs
    /// (sending messages, retention). The host registers the database, the stores and a <see cref="TimeProvider"/>
    /// (the web app's AddOutreachDatabase and AddLocalTime).
    /// </summary>
    public static IServiceCollection AddOutreachJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = JobSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddOutboxDispatch(configuration);
        services.AddRetention(configuration);

        // This host's own storage and activator, registered before AddHangfire (which only adds what is missing): its
        // defaults are process-wide statics, which two app hosts in one process (tests) would overwrite for each other.
        services.AddSingleton(sp => JobStorageFactory.Create(sp.GetRequiredService<Database>(), settings));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHostedService<JobsStartup>();
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = settings.Workers;
            options.SchedulePollingInterval = settings.Poll;
        });
        return services;
    }
}
