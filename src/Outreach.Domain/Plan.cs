namespace Outreach.Domain;

public enum PlanKind
{
    Pickups,
    Visits,
    Shifts,
}

public enum PlanStatus
{
    Draft,
    Published,
}

/// <summary>
/// One version of a plan for a station and period. Published versions are frozen: re-planning makes a
/// new version, it never overwrites one that drivers and families were told about.
/// </summary>
public sealed record Plan(
    long Id,
    long StationId,
    PlanKind Kind,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int Version,
    PlanStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    string CreatedBy);

public enum PlanResourceKind
{
    Vehicle,
    Team,
}

public enum StopKind
{
    Start,
    Pickup,
    CollectionPoint,
    DropOff,
    Visit,
    End,
}

/// <summary>
/// One stop of a vehicle trip or a team's day. <see cref="LoadAfterStopSeats"/> is the seats in use when
/// leaving; <see cref="BoardingCount"/>/<see cref="AlightingCount"/> are people getting on/off (vans),
/// <see cref="ServedCount"/> people captured at the stop (teams).
/// </summary>
public sealed record PlanStop(
    long Id,
    long PlanId,
    PlanResourceKind ResourceKind,
    long ResourceId,
    DateOnly Date,
    int TripNumber,
    int Sequence,
    StopKind Kind,
    long? SiteId,
    long? BookingId,
    long? VisitRequestId,
    DateTimeOffset Arrival,
    DateTimeOffset Departure,
    int LoadAfterStopSeats,
    int BoardingCount,
    int AlightingCount,
    int ServedCount);

/// <summary>An officer assigned to a shift demand in a Shifts plan.</summary>
public sealed record PlanShiftAssignment(long Id, long PlanId, long ShiftDemandId, long OfficerId);

public enum UnservedItemKind
{
    Booking,
    VisitRequest,
    ShiftDemand,
}

/// <summary>Something the plan could not do, with a reason a chief can act on (Vietnamese and English).</summary>
public sealed record UnservedItem(
    long Id,
    long PlanId,
    UnservedItemKind ItemKind,
    long ItemId,
    string ReasonCode,
    string ReasonVi,
    string ReasonEn);

/// <summary>A plan with everything it assigns, saved and loaded as one unit.</summary>
public sealed record PlanContent(
    Plan Plan,
    IReadOnlyList<PlanStop> Stops,
    IReadOnlyList<PlanShiftAssignment> ShiftAssignments,
    IReadOnlyList<UnservedItem> Unserved);
