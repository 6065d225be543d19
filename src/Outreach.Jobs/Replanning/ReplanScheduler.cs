using Hangfire;
using Outreach.Data.Stores;

namespace Outreach.Jobs.Replanning;

/// <summary>Puts a <see cref="ReplanJob"/> for a request's latest change on the job queue, at its due time. Thread-safe.</summary>
public sealed class ReplanScheduler(IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Queues the run for <paramref name="request"/>'s latest change at its due time; returns the job id.</summary>
    public string Schedule(ReplanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return At(request.Id, request.Token, request.DueAt);
    }

    /// <summary>Queues the run for request <paramref name="requestId"/> and <paramref name="token"/> at <paramref name="at"/> (now if past).</summary>
    public string At(long requestId, string token, DateTimeOffset at)
    {
        var delay = at - clock.GetUtcNow();
        return delay <= TimeSpan.Zero
            ? jobs.Enqueue<ReplanJob>(job => job.RunAsync(requestId, token, CancellationToken.None))
            : jobs.Schedule<ReplanJob>(job => job.RunAsync(requestId, token, CancellationToken.None), delay);
    }
}
