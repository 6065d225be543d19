using Hangfire;

namespace Outreach.Jobs.Nightly;

/// <summary>
/// The recurring job that runs <see cref="NightlyService"/> each evening at <see cref="NightlySettings.LocalTime"/>.
/// Safe to run twice: a day already asked for, or planned since, asks for nothing more. A failed run is retried twice.
/// </summary>
[AutomaticRetry(Attempts = 2)]
public sealed class NightlyJob(NightlyService nightly)
{
    public const string RecurringId = "nightly";

    [JobDisplayName("Prepare tomorrow's plans")]
    public Task<NightlyReport> RunAsync(CancellationToken cancellationToken) => nightly.RunAsync(cancellationToken);
}
