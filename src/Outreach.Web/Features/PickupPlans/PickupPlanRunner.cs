using Outreach.Jobs.Pickups;
using Outreach.Jobs.Telemetry;

namespace Outreach.Web.Features.PickupPlans;

/// <summary>The "Plan now" button's back end: the pickup planning service, which plans the day and saves a draft version
/// (its time and outcome go to the metrics).</summary>
public sealed class PickupPlanRunner(PickupPlanningService planning, OutreachMetrics metrics) : IPickupPlanRunner
{
    public bool IsAvailable => true;

    public async Task<PickupPlanRun> PlanAsync(long stationId, DateOnly planDate, string requestedBy, CancellationToken cancellationToken)
    {
        var result = await metrics.TimeSolveAsync("pickups", () => planning.PlanDayAsync(stationId, planDate, requestedBy, cancellationToken), r => r.Unserved.Count);
        return new PickupPlanRun(result.Saved.Plan.Id, result.Unchanged);
    }
}
