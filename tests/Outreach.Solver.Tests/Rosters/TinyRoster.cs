using Outreach.Solver.Rosters;

namespace Outreach.Solver.Tests.Rosters;

/// <summary>Tiny named roster cases. The horizon starts on Monday 28 April 2025, so days 5 and 6 are a weekend.</summary>
internal static class TinyRoster
{
    public static readonly DateOnly Monday = new(2025, 4, 28);

    /// <summary>07:00-15:00 at a desk.</summary>
    public static RosterShiftTypeSpec Morning => new("morning", "Ca sáng", 7 * 60, 480, RosterShiftKind.Desk);

    /// <summary>17:00-21:00 evening desk.</summary>
    public static RosterShiftTypeSpec Evening => new("evening", "Ca tối", 17 * 60, 240, RosterShiftKind.Evening);

    /// <summary>22:00-06:00, ends the next morning.</summary>
    public static RosterShiftTypeSpec Night => new("night", "Ca đêm", 22 * 60, 480, RosterShiftKind.Night);

    /// <summary>A builder with morning, evening and night shifts and the given officers.</summary>
    public static RosterModelBuilder Builder(int days, params RosterOfficerSpec[] officers)
    {
        var builder = new RosterModelBuilder(Monday, days);
        builder.AddShiftType(Morning).AddShiftType(Evening).AddShiftType(Night);
        foreach (var officer in officers)
        {
            builder.AddOfficer(officer);
        }

        return builder;
    }

    public static RosterOfficerSpec Officer(string id, params string[] skills) => new() { Id = id, Name = id, Skills = skills };

    /// <summary>A roster from rows of letters: M morning, E evening, N night, '.' off.</summary>
    public static Roster Rows(RosterModel model, params string[] rows)
    {
        var roster = new Roster(model.OfficerCount, model.DayCount);
        for (int o = 0; o < rows.Length; o++)
        {
            for (int d = 0; d < rows[o].Length; d++)
            {
                roster[o, d] = rows[o][d] switch
                {
                    'M' => model.TypeIndex["morning"],
                    'E' => model.TypeIndex["evening"],
                    'N' => model.TypeIndex["night"],
                    _ => RosterModel.Off,
                };
            }
        }

        return roster;
    }

    public static List<RosterRule> Rules(RosterModel model, Roster roster)
        => [.. RosterChecker.Check(model, roster).Violations.Select(v => v.Rule)];
}
