namespace Outreach.Domain;

public enum ApplicantCategory
{
    Child6To14WithGuardian,
    Age14Plus,
    Elderly,
    BedriddenOrDisabled,
    CareCentreResident,
}

[Flags]
public enum RequiredPresence
{
    None = 0,
    Doctor = 1,
    Relative = 2,
    VillageHead = 4,
}

public enum VisitRequestStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>How many applicants of one category a site has; <paramref name="CaptureMinutesOverride"/> replaces the default per person.</summary>
public sealed record ApplicantGroup(ApplicantCategory Category, int Count, int? CaptureMinutesOverride)
{
    public int CaptureMinutesPerPerson => CaptureMinutesOverride ?? ApplicantDefaults.CaptureMinutes(Category);
}

/// <summary>When people are at the site on a given local date, e.g. Sunday 08:00-11:30 at a care centre.</summary>
public sealed record AvailabilityWindow(DateOnly Date, TimeOnly Start, TimeOnly End);

/// <summary>
/// A mobile-team visit to capture applicants who cannot come to the collection point. <see cref="ContactName"/> and
/// <see cref="ContactPhone"/> are who agreed the windows and is told the visit time when the plan is published
/// (a village head, a relative, the centre's staff): a role or given name, not a full name. Never log the phone in full.
/// </summary>
public sealed record VisitRequest(
    long Id,
    long StationId,
    long SiteId,
    IReadOnlyList<ApplicantGroup> Applicants,
    int SetupMinutes,
    IReadOnlyList<AvailabilityWindow> Windows,
    RequiredPresence RequiredPresence,
    int Priority,
    DateOnly? Deadline,
    double ExpectedFailureShare,
    VisitRequestStatus Status,
    string? Note,
    string? ContactName = null,
    string? ContactPhone = null)
{
    public int ApplicantCount => Applicants.Sum(a => a.Count);
}

/// <summary>Default capture times from DOMAIN.md; a chief overrides them per visit request.</summary>
public static class ApplicantDefaults
{
    /// <summary>Minutes per person: a child's file takes 10-15 min with the guardian present; bedridden applicants much longer.</summary>
    public static int CaptureMinutes(ApplicantCategory category) => category switch
    {
        ApplicantCategory.Child6To14WithGuardian => 12,
        ApplicantCategory.Age14Plus => 8,
        ApplicantCategory.Elderly => 15,
        ApplicantCategory.BedriddenOrDisabled => 30,
        ApplicantCategory.CareCentreResident => 20,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
