namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Runs <see cref="LivePlanImprover"/> for each station day <see cref="LivePlanChanges"/> says is due, one at a time. Only
/// the schedule: moving it to a Hangfire job is a delayed job per change calling the improver. A failed improvement is
/// logged and forgotten (the day's next change asks again); the family whose request signalled never waits for it.
/// </summary>
public sealed partial class LivePlanImprovementService(LivePlanChanges changes, LivePlanImprover improver, ILogger<LivePlanImprovementService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var day = await changes.NextDueAsync(stoppingToken);
                try
                {
                    await improver.ImproveAsync(day.StationId, day.Date, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, day.StationId, day.Date, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Improving the live plan of station {StationId} on {Date} failed; the day's next change tries again")]
    private static partial void LogFailed(ILogger logger, long stationId, DateOnly date, Exception exception);
}
