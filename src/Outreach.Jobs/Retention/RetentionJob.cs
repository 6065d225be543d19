using Hangfire;

namespace Outreach.Jobs.Retention;

/// <summary>
/// The recurring job that runs <see cref="RetentionService"/> every <see cref="RetentionSettings.Interval"/>. Two runs at
/// once (two app instances) share the work. A failed run is not retried; the next one comes at the next interval.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class RetentionJob(RetentionService retention)
{
    public const string RecurringId = "retention";

    [JobDisplayName("Remove personal data past the retention period")]
    public Task<RetentionReport> RunAsync(CancellationToken cancellationToken) => retention.RunAsync(cancellationToken);
}
