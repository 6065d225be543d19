namespace Outreach.Web.Features.PickupPlans;

/// <summary>
/// The "Plan now" button's back end: plans a station's pickups for a date and saves the result as a new draft
/// version (PlanStore.SaveNewVersionAsync), returning its plan id.
/// <para>
/// LEAD: this is the place to wire the pickup planner (Outreach.Planning.Pickups / Outreach.Jobs.Pickups). Register
/// an implementation before <c>AddPickupPlans()</c> (it uses TryAdd) and the button on /staff/pickups starts working;
/// until then <see cref="PickupPlannerNotConnected"/> keeps the button disabled with a note.
/// </para>
/// </summary>
public interface IPickupPlanRunner
{
    /// <summary>False while no planner is connected: the page shows the button disabled.</summary>
    bool IsAvailable { get; }

    /// <summary>Plans <paramref name="planDate"/> for the station: the draft version saved, or the newest version kept when nothing it reads changed.</summary>
    Task<PickupPlanRun> PlanAsync(long stationId, DateOnly planDate, string requestedBy, CancellationToken cancellationToken);
}

/// <summary>What "Plan now" did.</summary>
/// <param name="PlanId">The draft version saved, or the newest version kept.</param>
/// <param name="Unchanged">Nothing the plan reads changed since the newest version: it stands, no new version was made.</param>
public sealed record PickupPlanRun(long PlanId, bool Unchanged);

/// <summary>The stand-in until the planner is wired: not available, and says so if called.</summary>
public sealed class PickupPlannerNotConnected : IPickupPlanRunner
{
    public bool IsAvailable => false;

    public Task<PickupPlanRun> PlanAsync(long stationId, DateOnly planDate, string requestedBy, CancellationToken cancellationToken) =>
        throw new NotSupportedException("No pickup planner is connected yet (see IPickupPlanRunner).");
}
