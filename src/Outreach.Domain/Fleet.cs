namespace Outreach.Domain;

public enum VehicleProfile
{
    Van,
    Motorbike,
}

public sealed record Vehicle(
    long Id,
    long HomeStationId,
    string Name,
    string? Plate,
    int SeatCount,
    int WheelchairPlaces,
    int ChildSeatCount,
    VehicleProfile Profile)
{
    /// <summary>When the unit removed it (sold, written off); null while current. A removed vehicle is kept for history.</summary>
    public DateTimeOffset? RemovedAt { get; init; }
}

/// <summary>A mobile team (tổ lưu động): 2-4 officers with capture kits and a vehicle.</summary>
public sealed record Team(
    long Id,
    long HomeStationId,
    string Name,
    IReadOnlyList<long> MemberOfficerIds,
    long? VehicleId,
    VehicleProfile Profile,
    int KitCount,
    TimeOnly WorkStart,
    TimeOnly WorkEnd,
    int MaxEveningHoursPerWeek,
    int MaxHolidayHoursPerWeek)
{
    /// <summary>When the unit removed it; null while current. A removed team is kept for history.</summary>
    public DateTimeOffset? RemovedAt { get; init; }
}

[Flags]
public enum OfficerSkills
{
    None = 0,
    CaptureOperator = 1,
    IntakeClerk = 2,
    Driver = 4,
    TeamLead = 8,
}

public sealed record Officer(
    long Id,
    long StationId,
    string Name,
    OfficerSkills Skills,
    int ContractHoursPerWeek,
    string? Phone,
    IReadOnlyList<LeavePeriod> Leave)
{
    /// <summary>When the unit removed the officer (moved to another station, left); null while current. Kept for history.</summary>
    public DateTimeOffset? RemovedAt { get; init; }
}

/// <summary>Days off, both ends inclusive.</summary>
public sealed record LeavePeriod(DateOnly FirstDay, DateOnly LastDay, string? Reason)
{
    public bool Covers(DateOnly day) => day >= FirstDay && day <= LastDay;
}
