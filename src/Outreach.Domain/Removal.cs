namespace Outreach.Domain;

/// <summary>What a current use of a van, team, officer or site is (see <see cref="ResourceUse"/>).</summary>
public enum ResourceUseKind
{
    /// <summary>A team (not removed) drives this vehicle: <see cref="ResourceUse.TeamName"/>.</summary>
    TeamVehicle,

    /// <summary>The current pickup plan of <see cref="ResourceUse.Date"/> (today or later) has a route on this vehicle.</summary>
    PickupPlan,

    /// <summary>
    /// <see cref="ResourceUse.Count"/> families confirmed for <see cref="ResourceUse.Date"/> ride this vehicle in the day's
    /// live plan (the plan their bookings were accepted into, before any version is saved): each was promised a seat.
    /// </summary>
    LivePickups,

    /// <summary>The current mobile-team plan has a route of this team on <see cref="ResourceUse.Date"/>.</summary>
    VisitPlan,

    /// <summary>The officer is a member of the team <see cref="ResourceUse.TeamName"/>.</summary>
    TeamMember,

    /// <summary>The current duty roster gives the officer a shift on <see cref="ResourceUse.Date"/>.</summary>
    RosterShift,

    /// <summary><see cref="ResourceUse.Count"/> bookings (not cancelled) are picked up at this site on <see cref="ResourceUse.Date"/>.</summary>
    Booking,

    /// <summary><see cref="ResourceUse.Count"/> open visit requests are at this site.</summary>
    VisitRequest,

    /// <summary>A current plan (pickups or visits) stops at this site on <see cref="ResourceUse.Date"/>.</summary>
    PlanStop,

    /// <summary>The site is the station's collection point, where every van starts and ends.</summary>
    CollectionPoint,
}

/// <summary>
/// One current use that keeps a van, team, officer or site from being removed: a team's name, a day or a count, never
/// anything about a family (pages and the API show these to staff as the reason).
/// </summary>
public sealed record ResourceUse(ResourceUseKind Kind, string? TeamName = null, DateOnly? Date = null, int Count = 0);

public enum RemovalOutcome
{
    Removed,

    /// <summary>No such thing in the unit (another unit's, or already removed): nothing changed.</summary>
    NotFound,

    /// <summary>Something current uses it (<see cref="Removal.Uses"/>): nothing changed.</summary>
    InUse,
}

/// <summary>
/// What asking to remove a van, team, officer or site did. A removal keeps the row for history (old plans, route sheets
/// and exports still name it) and takes it out of everything current; it is refused while anything current uses it.
/// </summary>
public sealed record Removal(RemovalOutcome Outcome, IReadOnlyList<ResourceUse> Uses)
{
    public static Removal Removed { get; } = new(RemovalOutcome.Removed, []);

    public static Removal NotFound { get; } = new(RemovalOutcome.NotFound, []);

    public static Removal Refused(IReadOnlyList<ResourceUse> uses) => new(RemovalOutcome.InUse, uses);
}
