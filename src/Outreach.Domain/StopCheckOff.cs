namespace Outreach.Domain;

/// <summary>What the driver or team lead saw at a stop.</summary>
public enum StopCheckStatus
{
    /// <summary>The families due to board here got on.</summary>
    PickedUp,

    /// <summary>Nobody came (families to pick up, or the people a team came to capture).</summary>
    NoShow,

    /// <summary>The families due to get off here were dropped.</summary>
    Dropped,

    /// <summary>A mobile team's visit took place.</summary>
    Visited,
}

/// <summary>
/// A stop checked off from the road. The stop is named by its first plan row (<see cref="PlanStop.Id"/>): a sheet
/// merges consecutive rows at one place into one numbered stop, and the first row is fixed for a plan version.
/// </summary>
/// <param name="PlanStopId">The stop's first plan row.</param>
/// <param name="PlanId">The plan version the row belongs to.</param>
/// <param name="Status">What happened.</param>
/// <param name="CheckedAt">When it was checked off (the latest change).</param>
public sealed record StopCheckOff(long PlanStopId, long PlanId, StopCheckStatus Status, DateTimeOffset CheckedAt);

/// <summary>What a check-off did.</summary>
public enum CheckOffOutcome
{
    /// <summary>Stored (a new check-off, or a different status replacing the earlier one).</summary>
    Saved,

    /// <summary>The stop already had this status: nothing changed (pressing twice is harmless).</summary>
    Unchanged,

    /// <summary>No such stop on that trip of that plan: nothing stored.</summary>
    NoSuchStop,
}
