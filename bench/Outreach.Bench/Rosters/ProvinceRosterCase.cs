using Outreach.Solver.Rosters;

namespace Outreach.Bench.Rosters;

/// <summary>
/// A generated province-sized roster: officers with mixed skills over whole weeks around the 30/4-1/5 break, desk,
/// evening, night, field and holiday shifts, leave blocks, requests and history. Deterministic per seed.
/// </summary>
public static class ProvinceRosterCase
{
    /// <summary>Monday 14 April 2025: four weeks take in Reunification and Labour days (30/4, 1/5).</summary>
    public static readonly DateOnly Start = new(2025, 4, 14);

    public static RosterModel Generate(int officers = 150, int weeks = 4, int seed = 1)
    {
        var random = new Random(seed);
        int days = weeks * 7;
        var builder = new RosterModelBuilder(Start, days) { MinRestMinutes = 11 * 60, EveningFairnessWeight = 8, HolidayFairnessWeight = 15 };
        var holidays = new[] { new DateOnly(2025, 4, 30), new DateOnly(2025, 5, 1), new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 2) }
            .Select(h => h.DayNumber - Start.DayNumber).Where(d => d >= 0 && d < days).ToHashSet();
        foreach (int d in holidays)
        {
            builder.AddHoliday(d);
        }

        builder.AddShiftType(new RosterShiftTypeSpec("desk", "Ca ngày", 7 * 60, 480, RosterShiftKind.Desk));
        builder.AddShiftType(new RosterShiftTypeSpec("evening", "Ca tối", (16 * 60) + 30, 330, RosterShiftKind.Evening));
        builder.AddShiftType(new RosterShiftTypeSpec("night", "Ca đêm", 22 * 60, 540, RosterShiftKind.Night, ["night"]));
        builder.AddShiftType(new RosterShiftTypeSpec("field", "Lưu động", (7 * 60) + 30, 540, RosterShiftKind.Field));
        builder.AddShiftType(new RosterShiftTypeSpec("holiday", "Trực lễ", 7 * 60, 600, RosterShiftKind.Holiday));
        builder.ForbidSuccession("night", "field");

        for (int o = 0; o < officers; o++)
        {
            var skills = new List<string>();
            bool fieldOfficer = o % 4 == 0;
            if (!fieldOfficer || random.Next(2) == 0)
            {
                skills.Add("intake");
            }

            if (random.Next(2) == 0)
            {
                skills.Add("capture");
            }

            if (fieldOfficer || random.Next(8) == 0)
            {
                skills.Add("driver");
            }

            if (fieldOfficer && random.Next(2) == 0)
            {
                skills.Add("teamlead");
            }

            if (random.Next(5) < 2)
            {
                skills.Add("night");
            }

            var daysOff = new List<int>();
            if (random.Next(100) < 15)
            {
                int first = random.Next(days - 5);
                daysOff.AddRange(Enumerable.Range(first, random.Next(2, 6)));
            }

            int contractMinutes = (random.Next(4) == 0 ? 32 : 40) * 60;
            // The previous roster's last days, consistent with the rules (runs of two or more): off, or two days' work.
            string?[][] endings = [[null, null, null], ["desk", null, null], [null, "desk", "desk"], ["desk", "evening", "evening"]];
            var history = endings[random.Next(endings.Length)];
            builder.AddOfficer(new RosterOfficerSpec
            {
                Id = $"cb{o:000}",
                Name = $"Cán bộ {o + 1}",
                Skills = skills,
                Group = fieldOfficer ? "field" : "desk",
                DaysOff = daysOff,
                MaxShiftsPerType = new Dictionary<string, int> { ["night"] = 6, ["holiday"] = 2 },
                MinTotalMinutes = Math.Max(0, (contractMinutes * weeks * 3 / 4) - (daysOff.Count * 480)),
                MaxTotalMinutes = contractMinutes * weeks * 6 / 5,
                MaxWeekMinutes = 48 * 60,
                MinConsecutiveWorkDays = 2,
                MaxConsecutiveWorkDays = 6,
                MinConsecutiveDaysOff = random.Next(2) == 0 ? 2 : 1,
                MaxWorkingWeekends = weeks / 2 + 1,
                History = history,
            });

            for (int r = 0; r < 2; r++)
            {
                int day = random.Next(days);
                if (daysOff.Contains(day))
                {
                    continue;
                }

                builder.AddRequest(random.Next(3) == 0
                    ? new RosterRequestSpec($"cb{o:000}", day, "desk", true, 5)
                    : new RosterRequestSpec($"cb{o:000}", day, null, false, random.Next(5, 21)));
            }
        }

        double scale = officers / 150.0;
        int Scaled(int count) => Math.Max(1, (int)Math.Round(count * scale));
        for (int d = 0; d < days; d++)
        {
            var dow = Start.AddDays(d).DayOfWeek;
            bool holiday = holidays.Contains(d), weekend = dow is DayOfWeek.Saturday or DayOfWeek.Sunday;
            // Desks: weekdays steady, weekends and holidays the surge of workers back home.
            builder.AddCover(new RosterCoverSpec { Day = d, BlockStartMinute = 8 * 60, BlockEndMinute = 15 * 60, Kinds = [RosterShiftKind.Desk, RosterShiftKind.Holiday], Skill = "intake", Required = Scaled(holiday ? 40 : weekend ? 30 : 34), ShortWeight = 100, OverWeight = 4, Label = "desk intake" });
            builder.AddCover(new RosterCoverSpec { Day = d, BlockStartMinute = 8 * 60, BlockEndMinute = 15 * 60, Kinds = [RosterShiftKind.Desk, RosterShiftKind.Holiday], Skill = "capture", Required = Scaled(holiday ? 26 : 20), ShortWeight = 100, OverWeight = 2, Label = "desk capture" });
            builder.AddCover(new RosterCoverSpec { Day = d, BlockStartMinute = 17 * 60, BlockEndMinute = 21 * 60, Kinds = [RosterShiftKind.Evening], Skill = "intake", Required = Scaled(holiday || weekend ? 14 : 8), ShortWeight = 80, OverWeight = 5, Label = "evening desks" });
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "night", Required = Scaled(3), ShortWeight = 120, OverWeight = 10, Label = "night duty" });
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "field", Skill = "driver", Required = Scaled(holiday ? 10 : 6), ShortWeight = 150, OverWeight = 10, Label = "van drivers" });
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "field", Skill = "teamlead", Required = Scaled(holiday || weekend ? 5 : 3), ShortWeight = 120, OverWeight = 10, Label = "team leads" });
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "field", Required = Scaled(holiday || weekend ? 18 : 12), ShortWeight = 60, OverWeight = 6, Label = "field members" });
        }

        return builder.Build();
    }
}
