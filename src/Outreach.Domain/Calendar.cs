namespace Outreach.Domain;

public enum HolidayKind
{
    /// <summary>A public holiday in the Labour Code.</summary>
    Holiday,

    /// <summary>A government-bridged day off (compensated by a working weekend day).</summary>
    Bridge,
}

public enum HolidayStatus
{
    Official,
    Computed,
    Unverified,
}

/// <summary>One day off; yearly data a chief can edit (seeded from holidays-vn.csv).</summary>
public sealed record Holiday(
    long Id,
    DateOnly Date,
    string NameVi,
    string NameEn,
    HolidayKind Kind,
    HolidayStatus Status,
    string? Source);

public enum ShiftKind
{
    Desk,
    Field,
}

/// <summary>
/// A staffed time block (ca trực) that needs officers: at a desk or in the field, including evenings and
/// holidays. Starts at a local date and time and may run past midnight (peak days ran until 2-3 am).
/// </summary>
public sealed record ShiftDemand(
    long Id,
    long StationId,
    DateOnly Date,
    TimeOnly Start,
    int DurationMinutes,
    ShiftKind Kind,
    OfficerSkills RequiredSkills,
    int OfficerCount,
    string? Note);
