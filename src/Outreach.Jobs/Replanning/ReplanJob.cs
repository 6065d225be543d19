using Hangfire;

namespace Outreach.Jobs.Replanning;

/// <summary>
/// The job that re-plans one request's latest change (<see cref="ReplanService"/>), on the planning queue (its own
/// workers: a search keeps a core busy). At least once: a run that finds its change planned or superseded does nothing.
/// A failed run is retried a few times; after that the request waits for its next change or the next start-up.
/// </summary>
[Queue(Queue)]
[AutomaticRetry(Attempts = 3)]
public sealed class ReplanJob(ReplanService replanning)
{
    public const string Queue = "planning";

    [JobDisplayName("Re-plan request {0}")]
    public async Task<string> RunAsync(long requestId, string token, CancellationToken cancellationToken) =>
        (await replanning.RunAsync(requestId, token, cancellationToken)).ToString();
}
