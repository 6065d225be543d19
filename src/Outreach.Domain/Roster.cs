namespace Outreach.Domain;

/// <summary>
/// One officer's shift on one day of a duty roster (a Shifts plan): the shift type with its local start and length,
/// whether the chief pinned it, and the field duty it carries (the team-day or the van the officer goes with).
/// </summary>
public sealed record RosterShift(
    long Id,
    long PlanId,
    long OfficerId,
    DateOnly Date,
    string ShiftType,
    int StartMinute,
    int Minutes,
    string Kind,
    bool Pinned,
    long? TeamId = null,
    long? VehicleId = null,
    string? DutyVi = null,
    string? DutyEn = null);

/// <summary>A roster version's figures: the chief's holiday uplift, the solver's status, cost by component and CP-SAT's bound.</summary>
public sealed record RosterFigures(
    int HolidayUpliftPercent,
    string Status,
    long CostTotal,
    long CostShort,
    long CostOver,
    long CostRequests,
    long CostEveningFairness,
    long CostHolidayFairness,
    long? Bound,
    double Seconds);

/// <summary>A block the roster leaves short, with the reason in both languages.</summary>
public sealed record RosterGapItem(long Id, DateOnly Date, int StartMinute, int EndMinute, string? Skill, int Required, int Staffed, string ReasonVi, string ReasonEn);

/// <summary>A roster version with its shifts (officers' days off are the days without a row), figures and gaps.</summary>
public sealed record RosterContent(Plan Plan, IReadOnlyList<RosterShift> Shifts, RosterFigures Figures, IReadOnlyList<RosterGapItem> Gaps);
