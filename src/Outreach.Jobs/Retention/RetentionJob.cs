using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Outreach.Jobs.Retention;

/// <summary>
/// Runs <see cref="RetentionService"/> after start-up and then every <see cref="RetentionSettings.Interval"/>. A hosted
/// service with a timer, not a Quartz job: Quartz is being replaced by Hangfire and takes no new jobs, and this class is
/// only the schedule, so moving it to a Hangfire recurring job is one line calling the service. A failed run is logged
/// and tried again at the next tick.
/// </summary>
public sealed partial class RetentionJob(RetentionService retention, RetentionSettings settings, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(settings.FirstRunDelay, clock, stoppingToken);
            using var timer = new PeriodicTimer(settings.Interval, clock);
            do
            {
                try
                {
                    await retention.RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class RetentionExtensions
{
    /// <summary>The retention settings and service, and (when enabled) the hosted service that runs it.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RetentionSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<RetentionService>();
        if (settings.Enabled)
        {
            services.AddHostedService<RetentionJob>();
        }

        return services;
    }
}
