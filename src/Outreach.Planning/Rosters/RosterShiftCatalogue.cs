using Outreach.Domain;
using Outreach.Solver.Rosters;

namespace Outreach.Planning.Rosters;

/// <summary>
/// The shift types a station's roster uses, their Vietnamese and English names, and the skill names the roster model
/// uses for <see cref="OfficerSkills"/>. Times are local (Asia/Ho_Chi_Minh). Stateless.
/// </summary>
public static class RosterShiftCatalogue
{
    public const string Capture = "capture";
    public const string Intake = "intake";
    public const string Driver = "driver";
    public const string TeamLead = "teamlead";

    /// <summary>Day desk 07:30-17:00, evening desk 16:30-22:00, night duty 22:00-07:00, field day 07:00-17:30, field evening 13:00-22:00, holiday desk 07:00-19:00.</summary>
    public static IReadOnlyList<RosterShiftTypeSpec> Types { get; } =
    [
        new("desk", "Ca ngày", (7 * 60) + 30, 570, RosterShiftKind.Desk),
        new("evening", "Ca tối", (16 * 60) + 30, 330, RosterShiftKind.Evening),
        new("night", "Trực đêm", 22 * 60, 540, RosterShiftKind.Night),
        new("field", "Lưu động", 7 * 60, 630, RosterShiftKind.Field),
        new("field-evening", "Lưu động tối", 13 * 60, 540, RosterShiftKind.Field),
        new("holiday", "Trực lễ", 7 * 60, 720, RosterShiftKind.Holiday),
    ];

    /// <summary>The shift of a team-day in the team plan's own hours: id "team-0730-1600", a field shift.</summary>
    public static RosterShiftTypeSpec TeamDayType(int startMinute, int minutes)
    {
        string from = $"{startMinute / 60 % 24:00}{startMinute % 60:00}", to = $"{(startMinute + minutes) / 60 % 24:00}{(startMinute + minutes) % 60:00}";
        return new RosterShiftTypeSpec($"team-{from}-{to}", $"Lưu động {from[..2]}:{from[2..]}-{to[..2]}:{to[2..]}", startMinute, minutes, RosterShiftKind.Field);
    }

    public static string NameEn(string typeId) => typeId switch
    {
        _ when typeId.StartsWith("team-", StringComparison.Ordinal) => $"Team day {typeId[5..7]}:{typeId[7..9]}-{typeId[10..12]}:{typeId[12..14]}",
        "desk" => "Day desk",
        "evening" => "Evening desk",
        "night" => "Night duty",
        "field" => "Field day",
        "field-evening" => "Field evening",
        "holiday" => "Holiday desk",
        _ => typeId,
    };

    /// <summary>Short code printed in a grid cell.</summary>
    public static string Code(string typeId) => typeId switch
    {
        _ when typeId.StartsWith("team-", StringComparison.Ordinal) => "LĐ",
        "desk" => "N",
        "evening" => "T",
        "night" => "Đ",
        "field" => "LĐ",
        "field-evening" => "LT",
        "holiday" => "L",
        _ => typeId,
    };

    public static IReadOnlyList<string> SkillNames(OfficerSkills skills)
    {
        var names = new List<string>();
        if (skills.HasFlag(OfficerSkills.CaptureOperator))
        {
            names.Add(Capture);
        }

        if (skills.HasFlag(OfficerSkills.IntakeClerk))
        {
            names.Add(Intake);
        }

        if (skills.HasFlag(OfficerSkills.Driver))
        {
            names.Add(Driver);
        }

        if (skills.HasFlag(OfficerSkills.TeamLead))
        {
            names.Add(TeamLead);
        }

        return names;
    }

    /// <summary>The people a skill names, for sentences ("cán bộ thu nhận").</summary>
    public static (string Vi, string En) SkillPeople(string? skill) => skill switch
    {
        Capture => ("cán bộ thu nhận", "capture officer"),
        Intake => ("cán bộ tiếp nhận hồ sơ", "intake clerk"),
        Driver => ("lái xe", "driver"),
        TeamLead => ("tổ trưởng", "team lead"),
        _ => ("cán bộ", "officer"),
    };
}
