using Outreach.Solver.Rosters;
using static Outreach.Solver.Tests.Rosters.TinyRoster;

namespace Outreach.Solver.Tests.Rosters;

/// <summary>The one-officer dynamic programme against brute force, and its cost delta against the checker.</summary>
public class RowDpTests
{
    /// <summary>A random tiny case: 3 officers, 6 days from a Thursday (days 2-3 a weekend), every rule drawn at random.</summary>
    private static RosterModel RandomModel(Random random)
    {
        var officers = new RosterOfficerSpec[3];
        string?[] historyChoices = [null, "morning", "evening", "night"];
        for (int o = 0; o < 3; o++)
        {
            int minWork = random.Next(1, 3);
            officers[o] = new RosterOfficerSpec
            {
                Id = $"o{o}",
                Skills = random.Next(2) == 0 ? ["intake"] : ["intake", "night"],
                Group = o == 2 && random.Next(2) == 0 ? "other" : "",
                DaysOff = random.Next(3) == 0 ? [random.Next(6)] : [],
                MaxShiftsPerType = random.Next(2) == 0 ? new Dictionary<string, int> { ["evening"] = random.Next(0, 3) } : new Dictionary<string, int>(),
                MinTotalMinutes = random.Next(3) == 0 ? 240 * random.Next(1, 5) : 0,
                MaxTotalMinutes = random.Next(2) == 0 ? 480 * random.Next(2, 6) : int.MaxValue,
                MinConsecutiveWorkDays = minWork,
                MaxConsecutiveWorkDays = random.Next(2) == 0 ? minWork + random.Next(0, 3) : int.MaxValue,
                MinConsecutiveDaysOff = random.Next(1, 3),
                MaxWorkingWeekends = random.Next(2) == 0 ? 0 : int.MaxValue,
                MaxWeekMinutes = random.Next(2) == 0 ? 480 * random.Next(1, 5) : int.MaxValue,
                MinWeekMinutes = random.Next(3) == 0 ? 480 : 0,
                History = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => historyChoices[random.Next(4)])],
            };
        }

        var builder = new RosterModelBuilder(new DateOnly(2025, 5, 1), 6)
        {
            MinRestMinutes = random.Next(2) == 0 ? 660 : 0,
            EveningFairnessWeight = random.Next(0, 4),
            HolidayFairnessWeight = random.Next(0, 4),
        };
        builder.AddShiftType(Morning).AddShiftType(Evening).AddShiftType(Night with { RequiredSkills = ["night"] });
        builder.AddHoliday(random.Next(6));
        foreach (var officer in officers)
        {
            builder.AddOfficer(officer);
        }

        string[] typeIds = ["morning", "evening", "night"];
        for (int c = 0; c < 6; c++)
        {
            builder.AddCover(new RosterCoverSpec
            {
                Day = random.Next(6),
                ShiftTypeId = typeIds[random.Next(3)],
                Skill = random.Next(2) == 0 ? "intake" : null,
                Required = random.Next(0, 3),
                ShortWeight = random.Next(0, 20),
                OverWeight = random.Next(0, 5),
            });
        }

        builder.AddCover(new RosterCoverSpec { Day = random.Next(6), BlockStartMinute = 18 * 60, BlockEndMinute = 20 * 60, Required = 1, ShortWeight = 7 });
        for (int r = 0; r < 3; r++)
        {
            builder.AddRequest(new RosterRequestSpec($"o{random.Next(3)}", random.Next(6), random.Next(2) == 0 ? null : typeIds[random.Next(3)], random.Next(2) == 0, random.Next(1, 9)));
        }

        if (random.Next(3) == 0)
        {
            builder.AddPin(new RosterPinSpec("o0", random.Next(6), random.Next(2) == 0 ? null : "morning"));
        }

        try
        {
            return builder.Build();
        }
        catch (Outreach.Solver.Model.ModelValidationException)
        {
            return RandomModel(random); // a drawn pin on leave or a night pin without the skill: draw again
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Solve_RandomTinyCases_MatchesBruteForceAndTheCheckersDelta(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 25; round++)
        {
            var model = RandomModel(random);
            var roster = new Roster(3, 6);
            for (int o = 0; o < 3; o++)
            {
                for (int d = 0; d < 6; d++)
                {
                    roster[o, d] = random.Next(-1, 3);
                }
            }

            int officer = random.Next(3);
            var dp = new RowDp(model);
            long before = RosterChecker.Check(model, roster).Cost.Total;
            long rowBefore = dp.RowCost(roster, officer);

            // Brute force over all 4^6 rows: feasible for this officer, total cost by the checker.
            long bestTotal = long.MaxValue;
            var trial = roster.Clone();
            for (int code = 0; code < 4096; code++)
            {
                for (int d = 0, rest = code; d < 6; d++, rest /= 4)
                {
                    trial[officer, d] = (rest % 4) - 1;
                }

                if (RosterChecker.OfficerViolations(model, trial, officer).Count == 0)
                {
                    bestTotal = Math.Min(bestTotal, RosterChecker.Check(model, trial).Cost.Total);
                }
            }

            var result = dp.Solve(roster, officer);
            if (bestTotal == long.MaxValue)
            {
                Assert.Null(result);
                continue;
            }

            Assert.NotNull(result);
            Assert.True(result.Exact);
            result.Row.CopyTo(trial.Row(officer));
            Assert.Empty(RosterChecker.OfficerViolations(model, trial, officer));
            long after = RosterChecker.Check(model, trial).Cost.Total;
            Assert.Equal(bestTotal, after);
            Assert.Equal(after - before, result.Cost - rowBefore);
        }
    }

    [Fact]
    public void Solve_TwoOfficersOneMorningWanted_TakesTheUncoveredDay()
    {
        // b covers Monday's morning; a's best row takes Tuesday's (short weight 10 each) and nothing else.
        var builder = Builder(2, Officer("a"), Officer("b"));
        builder.AddCover(new RosterCoverSpec { Day = 0, ShiftTypeId = "morning", Required = 1, ShortWeight = 10, OverWeight = 4 });
        builder.AddCover(new RosterCoverSpec { Day = 1, ShiftTypeId = "morning", Required = 1, ShortWeight = 10, OverWeight = 4 });
        var model = builder.Build();
        var roster = Rows(model, "..", "M.");

        var result = new RowDp(model).Solve(roster, 0);

        Assert.NotNull(result);
        Assert.Equal([RosterModel.Off, model.TypeIndex["morning"]], result.Row);
        // The row's cost given the others, relative to a's empty row: one short morning fewer, -10.
        Assert.Equal(-10, result.Cost);
    }
}
