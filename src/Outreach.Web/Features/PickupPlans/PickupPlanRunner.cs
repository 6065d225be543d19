using Outreach.Jobs.Pickups;

namespace Outreach.Web.Features.PickupPlans;

/// <summary>The "Plan now" button's back end: the pickup planning service, which plans the day and saves a draft version.</summary>
public sealed class PickupPlanRunner(PickupPlanningService planning) : IPickupPlanRunner
{
    public bool IsAvailable => true;

    public async Task<long> PlanAsync(long stationId, DateOnly planDate, string requestedBy, CancellationToken cancellationToken)
    {
        var result = await planning.PlanDayAsync(stationId, planDate, requestedBy, cancellationToken);
        return result.Saved.Plan.Id;
    }
}
