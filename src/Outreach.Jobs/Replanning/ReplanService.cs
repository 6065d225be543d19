using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Pickups;
using Outreach.Jobs.Telemetry;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Replanning;

/// <summary>What a run of <see cref="ReplanService.RunAsync"/> did.</summary>
public enum ReplanOutcome
{
    /// <summary>A new draft version was saved for the request's latest change (nothing is published).</summary>
    Planned,

    /// <summary>The request is gone: its change was planned already (a second run of the same job).</summary>
    Gone,

    /// <summary>A later change came; the run for that change plans it.</summary>
    Superseded,

    /// <summary>Another run holds the request; this run was put back on the queue for when that claim ends.</summary>
    Busy,

    /// <summary>An earlier run of this change saved its plan and died before finishing the request; the request is finished now.</summary>
    AlreadyPlanned,

    /// <summary>Nothing to re-plan: the period has no plan yet (the chief has not planned it), or it is over.</summary>
    NothingToReplan,

    /// <summary>The change left everything the plan reads as it was (same inputs as the newest version): no new version.</summary>
    Unchanged,
}

/// <param name="PlanId">The draft version saved, when <see cref="Outcome"/> is <see cref="ReplanOutcome.Planned"/>; the newest version, kept, when
/// <see cref="ReplanOutcome.Unchanged"/>.</param>
/// <param name="Published">For a published pickup day planned again: whether the new version published by itself (see <see cref="IPickupAutoPublisher"/>).</param>
public sealed record ReplanRun(ReplanOutcome Outcome, long? PlanId = null, AutoPublishOutcome? Published = null);

/// <summary>
/// Re-plans one request's latest change with the planners behind the pages' "Plan now" and "Plan the week" buttons,
/// saving a new draft version (never publishing). Safe to run any number of times for the same change: a run plans only
/// while its token is the request's latest, under a claim no other run holds, and deletes the request when done, so a
/// second run finds nothing to do and saves no version. A run retried after dying between saving and finishing sees the
/// plan's version count grown since its claim began and finishes without planning again. Thread-safe.
/// </summary>
public sealed class ReplanService(
    ReplanRequestStore requests,
    PlanStore plans,
    PickupPlanningService pickups,
    VisitPlanningService visits,
    ReplanScheduler scheduler,
    ReplanSettings settings,
    TimeProvider clock,
    ILogger<ReplanService> logger,
    OutreachMetrics? metrics = null,
    IPickupAutoPublisher? autoPublisher = null)
{
    /// <summary>How the job names itself: the plans' "created by" and the job metrics.</summary>
    public const string JobName = "replan";

    public async Task<ReplanRun> RunAsync(long requestId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Job"] = JobName, ["ReplanRequest"] = requestId });
        return metrics is null ? await RunOnceAsync(requestId, token, cancellationToken) : await metrics.TimeJobAsync(JobName, () => RunOnceAsync(requestId, token, cancellationToken));
    }

    private async Task<ReplanRun> RunOnceAsync(long requestId, string token, CancellationToken cancellationToken)
    {
        if (await requests.GetAsync(requestId, cancellationToken) is not { } request)
        {
            logger.LogInformation("Re-plan request {RequestId}: already done", requestId);
            return new ReplanRun(ReplanOutcome.Gone);
        }

        if (request.Token != token)
        {
            // This run's change was overtaken. If it held the claim (it died, or ended planning just as the change came),
            // it hands the request on at once instead of leaving the later change's run to wait for the lease.
            if (request.ClaimedToken == token && await requests.ReleaseAsync(requestId, token, cancellationToken))
            {
                scheduler.Schedule(request);
            }

            logger.LogInformation("Re-plan request {RequestId}: superseded by a later change", requestId);
            return new ReplanRun(ReplanOutcome.Superseded);
        }

        var latestVersion = await LatestVersionAsync(request, cancellationToken);
        if (request.ClaimedToken == token && request.ClaimedVersion is { } before && latestVersion > before && !ClaimHolds(request))
        {
            await requests.CompleteAsync(requestId, token, cancellationToken);
            logger.LogWarning("Re-plan request {RequestId}: an earlier run saved version {Version} and stopped before finishing; finished now", requestId, latestVersion);
            return new ReplanRun(ReplanOutcome.AlreadyPlanned);
        }

        if (!await requests.TryClaimAsync(requestId, token, settings.Lease, latestVersion, cancellationToken))
        {
            return await NotClaimedAsync(requestId, token, cancellationToken);
        }

        (long Id, bool Unchanged) planned;
        try
        {
            if (request.PeriodEnd < Today() || latestVersion == 0)
            {
                await requests.CompleteAsync(requestId, token, cancellationToken);
                logger.LogInformation("Re-plan request {RequestId}: nothing to re-plan for {Kind} {Start:yyyy-MM-dd} of station {StationId} ({Why})",
                    requestId, request.Kind, request.PeriodStart, request.StationId, latestVersion == 0 ? "not planned yet" : "over");
                return new ReplanRun(ReplanOutcome.NothingToReplan);
            }

            planned = await PlanAsync(request, cancellationToken);
        }
        catch
        {
            // The next run (Hangfire's retry, or the next change's) need not wait for the lease.
            await requests.ReleaseAsync(requestId, token, CancellationToken.None);
            throw;
        }

        if (!await requests.CompleteAsync(requestId, token, cancellationToken))
        {
            // A change came while planning: its own run plans it, now that this claim ends.
            await requests.ReleaseAsync(requestId, token, cancellationToken);
            if (await requests.GetAsync(requestId, cancellationToken) is { } later)
            {
                scheduler.Schedule(later);
            }
        }

        if (planned.Unchanged)
        {
            logger.LogInformation("Re-plan request {RequestId}: {Kind} {Start:yyyy-MM-dd} of station {StationId} unchanged: plan {PlanId} stands ({Changes} changes: {Reasons})",
                requestId, request.Kind, request.PeriodStart, request.StationId, planned.Id, request.Changes, request.Reasons);
            return new ReplanRun(ReplanOutcome.Unchanged, planned.Id);
        }

        logger.LogInformation("Re-plan request {RequestId}: {Kind} {Start:yyyy-MM-dd} of station {StationId} planned as draft {PlanId} ({Changes} changes: {Reasons})",
            requestId, request.Kind, request.PeriodStart, request.StationId, planned.Id, request.Changes, request.Reasons);
        AutoPublishOutcome? published = null;
        if (request.Kind == PlanKind.Pickups && autoPublisher is not null)
        {
            // After the request is finished: a publish that fails leaves a draft for the chief, never a lost re-plan. A run
            // of the same change again finds the request gone and publishes nothing twice.
            published = await autoPublisher.PublishIfWithinToleranceAsync(planned.Id, cancellationToken);
            logger.LogInformation("Re-plan request {RequestId}: draft {PlanId} {Outcome}", requestId, planned.Id, published);
        }

        return new ReplanRun(ReplanOutcome.Planned, planned.Id, published);
    }

    private async Task<ReplanRun> NotClaimedAsync(long requestId, string token, CancellationToken cancellationToken)
    {
        var now = await requests.GetAsync(requestId, cancellationToken);
        if (now is null)
        {
            return new ReplanRun(ReplanOutcome.Gone);
        }

        if (now.Token != token)
        {
            return new ReplanRun(ReplanOutcome.Superseded);
        }

        // Another run of the same change holds it (a duplicate delivery, or a run that died with its lease still
        // running): look again when the claim ends, in case that run never finishes.
        var retryAt = (now.ClaimedUntil ?? clock.GetUtcNow()) + TimeSpan.FromSeconds(1);
        scheduler.At(requestId, token, retryAt);
        logger.LogInformation("Re-plan request {RequestId}: another run holds it; looking again at {RetryAt:o}", requestId, retryAt);
        return new ReplanRun(ReplanOutcome.Busy);
    }

    private bool ClaimHolds(ReplanRequest request) => request.ClaimedUntil is { } until && until > clock.GetUtcNow();

    private async Task<int> LatestVersionAsync(ReplanRequest request, CancellationToken cancellationToken) =>
        (await plans.GetLatestAsync(request.StationId, request.Kind, request.PeriodStart, request.PeriodEnd, null, cancellationToken))?.Version ?? 0;

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VisitWeek.VietnamOffset).DateTime);

    private async Task<(long Id, bool Unchanged)> PlanAsync(ReplanRequest request, CancellationToken cancellationToken)
    {
        switch (request.Kind)
        {
            case PlanKind.Pickups:
            {
                Task<PickupPlanningResult> Solve() => pickups.PlanDayAsync(request.StationId, request.PeriodStart, JobName, request.Reasons, cancellationToken);
                var result = metrics is null ? await Solve() : await metrics.TimeSolveAsync("pickups", Solve, r => r.Unserved.Count);
                return (result.Saved.Plan.Id, result.Unchanged);
            }

            case PlanKind.Visits:
            {
                Task<PlannedWeek> Solve() => visits.PlanWeekAsync(request.StationId, request.PeriodStart, JobName, request.Reasons, cancellationToken);
                var week = metrics is null ? await Solve() : await metrics.TimeSolveAsync("visits", Solve);
                return (week.Saved.Plan.Id, week.Unchanged);
            }

            default:
                throw new InvalidOperationException($"Re-plan request {request.Id}: plans of kind {request.Kind} are not re-planned.");
        }
    }
}
