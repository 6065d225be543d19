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
    string CreatedBy)
{
    /// <summary>
    /// A fingerprint of everything the planner read for this version (bookings, vehicles, settings, sites, travel times
    /// with the day's weather, the published version it kept), or null when none was kept: a re-plan whose inputs give
    /// the same fingerprint as the newest version's changes nothing and saves no version.
    /// </summary>
    public string? Inputs { get; init; }

    /// <summary>Why this version was made: the re-plan request's reason codes, comma-separated; null when a chief asked for it.</summary>
    public string? Reasons { get; init; }
}

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
/// <see cref="ServedCount"/> people captured at the stop (teams). For team visits,
/// <see cref="IsRepeatVisit"/> marks a return for the expected failed captures of earlier visits of the same
/// visit request, <see cref="ServedByCategory"/> splits <see cref="ServedCount"/> by applicant category, and
/// <see cref="ServiceStart"/> is when capture starts (after set-up and any wait for people to come home; null when
/// service starts on arrival).
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
    int ServedCount,
    bool IsRepeatVisit = false,
    CategoryCounts? ServedByCategory = null,
    DateTimeOffset? ServiceStart = null);

/// <summary>People per applicant category (a value: equal counts are equal).</summary>
public readonly record struct CategoryCounts(
    int Child6To14WithGuardian, int Age14Plus, int Elderly, int BedriddenOrDisabled, int CareCentreResident)
{
    public int Total => Child6To14WithGuardian + Age14Plus + Elderly + BedriddenOrDisabled + CareCentreResident;

    public int this[ApplicantCategory category] => category switch
    {
        ApplicantCategory.Child6To14WithGuardian => Child6To14WithGuardian,
        ApplicantCategory.Age14Plus => Age14Plus,
        ApplicantCategory.Elderly => Elderly,
        ApplicantCategory.BedriddenOrDisabled => BedriddenOrDisabled,
        ApplicantCategory.CareCentreResident => CareCentreResident,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>These counts with <paramref name="count"/> more people of <paramref name="category"/>.</summary>
    public CategoryCounts Add(ApplicantCategory category, int count) => category switch
    {
        ApplicantCategory.Child6To14WithGuardian => this with { Child6To14WithGuardian = Child6To14WithGuardian + count },
        ApplicantCategory.Age14Plus => this with { Age14Plus = Age14Plus + count },
        ApplicantCategory.Elderly => this with { Elderly = Elderly + count },
        ApplicantCategory.BedriddenOrDisabled => this with { BedriddenOrDisabled = BedriddenOrDisabled + count },
        ApplicantCategory.CareCentreResident => this with { CareCentreResident = CareCentreResident + count },
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public CategoryCounts Add(CategoryCounts other) => new(
        Child6To14WithGuardian + other.Child6To14WithGuardian, Age14Plus + other.Age14Plus, Elderly + other.Elderly,
        BedriddenOrDisabled + other.BedriddenOrDisabled, CareCentreResident + other.CareCentreResident);

    /// <summary>The non-zero categories in enum order.</summary>
    public IReadOnlyList<(ApplicantCategory Category, int Count)> NonZero()
    {
        var result = new List<(ApplicantCategory, int)>();
        foreach (var category in Enum.GetValues<ApplicantCategory>())
        {
            if (this[category] != 0)
            {
                result.Add((category, this[category]));
            }
        }

        return result;
    }
}

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
