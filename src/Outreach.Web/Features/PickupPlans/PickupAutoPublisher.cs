using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Planning.Versions;

namespace Outreach.Web.Features.PickupPlans;

/// <summary>
/// The web app's <see cref="IPickupAutoPublisher"/>: compares the re-plan's draft with the day's newest published version
/// (<see cref="PlanDiff"/>) and publishes it through <see cref="PickupPlanPublisher"/> when every told pickup time stays
/// within the station's tolerance at the same place and nobody is left out. Links in messages need
/// <c>Outreach:PublicBaseUrl</c> (there is no request to take the address from); without it the draft waits for the chief.
/// Thread-safe.
/// </summary>
public sealed class PickupAutoPublisher(PlanStore plans, StationStore stations, PickupPlanPublisher publisher, IConfiguration configuration) : IPickupAutoPublisher
{
    public async Task<AutoPublishOutcome> PublishIfWithinToleranceAsync(long planId, CancellationToken cancellationToken)
    {
        if (await plans.GetAsync(planId, cancellationToken) is not { Plan.Status: PlanStatus.Draft } draft
            || await plans.GetLatestAsync(draft.Plan.StationId, PlanKind.Pickups, draft.Plan.PeriodStart, draft.Plan.PeriodEnd, PlanStatus.Published, cancellationToken) is not { } latest
            || await plans.GetAsync(latest.Id, cancellationToken) is not { } published)
        {
            return AutoPublishOutcome.NotPublishedYet;
        }

        var station = await stations.GetAsync(draft.Plan.StationId, cancellationToken);
        int tolerance = station?.ReplanToleranceMinutes ?? 0;
        if (tolerance <= 0 || !PlanDiff.Between(published, draft).KeepsEveryTimeWithin(TimeSpan.FromMinutes(tolerance)))
        {
            return AutoPublishOutcome.BeyondTolerance;
        }

        if (configuration[PickupPlanEndpoints.PublicBaseUrlKey] is not { Length: > 0 } configured || !Uri.TryCreate(configured, UriKind.Absolute, out var baseUrl))
        {
            return AutoPublishOutcome.NoPublicAddress;
        }

        var result = await publisher.PublishAsync(planId, baseUrl, new Dictionary<long, string?>(), AuditActor.System(ReplanService.JobName), cancellationToken);
        return result.Outcome is PublishOutcome.Published or PublishOutcome.AlreadyPublished ? AutoPublishOutcome.Published : AutoPublishOutcome.BeyondTolerance;
    }
}
