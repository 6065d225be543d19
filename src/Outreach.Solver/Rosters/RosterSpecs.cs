namespace Outreach.Solver.Rosters;

/// <summary>What a shift type is, for the rules that treat kinds differently (fairness counts evenings, nights and holidays).</summary>
public enum RosterShiftKind
{
    Desk,
    Field,
    Evening,
    Night,
    Holiday,
}

/// <summary>
/// A shift type: starts at <see cref="StartMinute"/> minutes after local midnight of its day and lasts
/// <see cref="LengthMinutes"/> minutes (it may run past midnight: a night shift). Only officers with every one of
/// <see cref="RequiredSkills"/> may work it.
/// </summary>
public sealed record RosterShiftTypeSpec(
    string Id,
    string Name,
    int StartMinute,
    int LengthMinutes,
    RosterShiftKind Kind,
    IReadOnlyList<string>? RequiredSkills = null)
{
    /// <summary>Minutes after midnight of the shift's own day when it ends (above 1440 for a shift past midnight).</summary>
    public int EndMinute => StartMinute + LengthMinutes;
}

/// <summary>
/// An officer's hard rules and personal data. Minutes are shift lengths summed by the day a shift starts; a week is a
/// block of 7 days from the horizon's first day. <see cref="History"/> holds the last days of the previous roster, oldest
/// first: a shift type id, or null for a day off.
/// </summary>
public sealed record RosterOfficerSpec
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Officers with the same group are compared by the fairness term (empty: everyone in one group).</summary>
    public string Group { get; init; } = "";

    /// <summary>Day indices that must be off (leave, exams, training).</summary>
    public IReadOnlyList<int> DaysOff { get; init; } = [];

    /// <summary>At most this many shifts of a type (by id) over the horizon.</summary>
    public IReadOnlyDictionary<string, int> MaxShiftsPerType { get; init; } = new Dictionary<string, int>();

    public int MinTotalMinutes { get; init; }
    public int MaxTotalMinutes { get; init; } = int.MaxValue;

    /// <summary>Minimum minutes in each complete week (a partial last week is not held to it).</summary>
    public int MinWeekMinutes { get; init; }

    /// <summary>Maximum minutes in each week, partial ones included.</summary>
    public int MaxWeekMinutes { get; init; } = int.MaxValue;

    public int MinConsecutiveWorkDays { get; init; } = 1;
    public int MaxConsecutiveWorkDays { get; init; } = int.MaxValue;
    public int MinConsecutiveDaysOff { get; init; } = 1;

    /// <summary>Weekends (Saturday and Sunday of one week) with at least one shift, over the horizon.</summary>
    public int MaxWorkingWeekends { get; init; } = int.MaxValue;

    public IReadOnlyList<string?> History { get; init; } = [];
}

/// <summary>
/// A wish to work (<see cref="Work"/> true) or not to work a shift on a day; <see cref="ShiftTypeId"/> null means any
/// shift. Costs <see cref="Weight"/> when not granted.
/// </summary>
public sealed record RosterRequestSpec(string OfficerId, int Day, string? ShiftTypeId, bool Work, int Weight);

/// <summary>A fixed cell: the officer works <see cref="ShiftTypeId"/> that day, or is off when it is null (hard).</summary>
public sealed record RosterPinSpec(string OfficerId, int Day, string? ShiftTypeId);

/// <summary>
/// Cover wanted on a day: either officers on one shift type (<see cref="ShiftTypeId"/>), or officers on any shift whose
/// time contains the block [<see cref="BlockStartMinute"/>, <see cref="BlockEndMinute"/>) (optionally of the given kinds).
/// Only officers with <see cref="Skill"/> count (null: any officer). Each officer short costs
/// <see cref="ShortWeight"/>, each officer over costs <see cref="OverWeight"/>.
/// </summary>
public sealed record RosterCoverSpec
{
    public required int Day { get; init; }
    public string? ShiftTypeId { get; init; }
    public int? BlockStartMinute { get; init; }
    public int? BlockEndMinute { get; init; }
    public IReadOnlyList<RosterShiftKind>? Kinds { get; init; }
    public string? Skill { get; init; }
    public required int Required { get; init; }
    public int ShortWeight { get; init; } = 100;
    public int OverWeight { get; init; }

    /// <summary>Free text carried to reports (e.g. the collection point).</summary>
    public string? Label { get; init; }
}
