using Hangfire;

namespace Outreach.Jobs.Weather;

/// <summary>
/// The recurring job that runs <see cref="WeatherPollService"/> every <see cref="WeatherSettings.Interval"/> when the poll
/// is enabled. Safe to run twice: a forecast that did not change stores nothing and asks for no re-plan. A failed run
/// is not retried; the next one comes at the next interval.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class WeatherPollJob(WeatherPollService poll)
{
    public const string RecurringId = "weather-poll";

    [JobDisplayName("Poll the weather forecast of every station")]
    public Task<WeatherPollReport> RunAsync(CancellationToken cancellationToken) => poll.RunAsync(cancellationToken);
}
