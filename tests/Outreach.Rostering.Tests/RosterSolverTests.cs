using Outreach.Solver.Rosters;

namespace Outreach.Rostering.Tests;

/// <summary>CP-SAT and the neighbourhood search on small cases; every roster is re-checked by the independent checker.</summary>
public class RosterSolverTests
{
    private static readonly DateOnly Thursday = new(2025, 5, 1);

    private static RosterModelBuilder Builder(int days)
    {
        var builder = new RosterModelBuilder(Thursday, days) { MinRestMinutes = 11 * 60, EveningFairnessWeight = 3, HolidayFairnessWeight = 4 };
        builder.AddShiftType(new RosterShiftTypeSpec("morning", "Ca sáng", 7 * 60, 480, RosterShiftKind.Desk));
        builder.AddShiftType(new RosterShiftTypeSpec("evening", "Ca tối", 17 * 60, 300, RosterShiftKind.Evening));
        builder.AddShiftType(new RosterShiftTypeSpec("night", "Ca đêm", 22 * 60, 540, RosterShiftKind.Night, ["night"]));
        builder.AddHoliday(0);
        return builder;
    }

    [Fact]
    public void Solve_TinyCase_IsOptimalAndMatchesBruteForce()
    {
        // 2 officers x 4 days: 4^8 rosters, small enough to enumerate.
        var builder = Builder(4);
        builder.AddOfficer(new RosterOfficerSpec { Id = "a", Skills = ["intake", "night"], MaxConsecutiveWorkDays = 2, MaxWeekMinutes = 1200 });
        builder.AddOfficer(new RosterOfficerSpec { Id = "b", Skills = ["intake"], MinConsecutiveDaysOff = 2, MaxWorkingWeekends = 0 });
        for (int d = 0; d < 4; d++)
        {
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "morning", Skill = "intake", Required = 1, ShortWeight = 20, OverWeight = 2 });
            builder.AddCover(new RosterCoverSpec { Day = d, BlockStartMinute = 19 * 60, BlockEndMinute = 22 * 60, Required = 1, ShortWeight = 15 });
        }

        builder.AddRequest(new RosterRequestSpec("a", 1, null, false, 9));
        var model = builder.Build();

        long best = long.MaxValue;
        var roster = new Roster(2, 4);
        for (int code = 0; code < 1 << 16; code++)
        {
            for (int i = 0, rest = code; i < 8; i++, rest /= 4)
            {
                roster[i / 4, i % 4] = (rest % 4) - 1;
            }

            var evaluation = RosterChecker.Check(model, roster);
            if (evaluation.IsFeasible)
            {
                best = Math.Min(best, evaluation.Cost.Total);
            }
        }

        var result = RosterSolver.Solve(model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(5), Seed = 3 });

        Assert.Equal(RosterSolveStatus.Optimal, result.Status);
        Assert.NotNull(result.Roster);
        Assert.True(RosterChecker.Check(model, result.Roster).IsFeasible);
        Assert.Equal(best, result.Cost.Total);
        Assert.Equal(best, result.Bound);
        Assert.Equal(0, result.Gap);
    }

    /// <summary>A random medium case: 30 officers over 14 days with leave, requests, limits and surge covers.</summary>
    private static RosterModel Medium(int seed)
    {
        var random = new Random(seed);
        var builder = Builder(14);
        builder.AddShiftType(new RosterShiftTypeSpec("field", "Lưu động", 7 * 60 + 30, 540, RosterShiftKind.Field, ["driver"]));
        builder.ForbidSuccession("night", "field");
        for (int o = 0; o < 30; o++)
        {
            var skills = new List<string> { "intake" };
            if (o % 3 == 0)
            {
                skills.Add("night");
            }

            if (o % 4 == 0)
            {
                skills.Add("driver");
            }

            builder.AddOfficer(new RosterOfficerSpec
            {
                Id = $"cb{o:00}",
                Skills = skills,
                Group = o % 2 == 0 ? "desk" : "field",
                DaysOff = random.Next(4) == 0 ? [.. Enumerable.Range(random.Next(10), 3)] : [],
                MaxShiftsPerType = new Dictionary<string, int> { ["night"] = 3 },
                MinTotalMinutes = 2400,
                MaxWeekMinutes = 2880,
                MinConsecutiveWorkDays = 2,
                MaxConsecutiveWorkDays = 5,
                MinConsecutiveDaysOff = 1,
                MaxWorkingWeekends = 1,
                History = random.Next(2) == 0 ? ["morning", "night"] : [null],
            });
            if (random.Next(3) == 0)
            {
                builder.AddRequest(new RosterRequestSpec($"cb{o:00}", random.Next(14), null, false, 10));
            }
        }

        for (int d = 0; d < 14; d++)
        {
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "morning", Skill = "intake", Required = d is 0 or 1 ? 9 : 6, ShortWeight = 50, OverWeight = 5 });
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "evening", Skill = "intake", Required = 3, ShortWeight = 40, OverWeight = 5 });
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "night", Required = 1, ShortWeight = 60 });
            builder.AddCover(new RosterCoverSpec { Day = d, ShiftTypeId = "field", Skill = "driver", Required = 2, ShortWeight = 60, OverWeight = 10 });
        }

        return builder.Build();
    }

    [Fact]
    public void Solve_MediumCase_KeepsEveryHardRuleAndReportsTheBound()
    {
        var model = Medium(5);

        var result = RosterSolver.Solve(model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(3), Seed = 1 });

        Assert.NotNull(result.Roster);
        var evaluation = RosterChecker.Check(model, result.Roster);
        Assert.Empty(evaluation.Violations);
        Assert.Equal(evaluation.Cost, result.Cost);
        Assert.NotNull(result.Bound);
        Assert.True(result.Bound <= result.Cost.Total);
        Assert.True(result.Cost.Total <= result.ConstructionCost);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10), $"3 s asked, {result.Elapsed} taken");
    }

    [Fact]
    public void Solve_NeighbourhoodSearchOnly_ImprovesOnTheConstructionWithinTheLimit()
    {
        // CP-SAT on the whole model gets 1 % of the time: the neighbourhood steps and the programme do the work.
        var model = Medium(9);

        var result = RosterSolver.Solve(model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(3), Seed = 2, FullModelShare = 0.01 });

        Assert.NotNull(result.Roster);
        Assert.True(RosterChecker.Check(model, result.Roster).IsFeasible);
        Assert.True(result.LnsSteps > 0);
        Assert.True(result.Cost.Total <= result.FullModelCost);
        Assert.True(result.Cost.Total < result.ConstructionCost);
    }

    [Fact]
    public void Solve_OfficerWhoseRulesCannotAllHold_IsInfeasibleAndNamed()
    {
        // b must work 3000 minutes in 4 days but at most 480 a day (4 x 540 = 2160 at best with nights).
        var builder = Builder(4);
        builder.AddOfficer(new RosterOfficerSpec { Id = "a", Skills = ["intake"] });
        builder.AddOfficer(new RosterOfficerSpec { Id = "b", Skills = ["intake", "night"], MinTotalMinutes = 3000 });
        var model = builder.Build();

        var result = RosterSolver.Solve(model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(2) });

        Assert.Equal(RosterSolveStatus.Infeasible, result.Status);
        Assert.Null(result.Roster);
        Assert.Equal([1], result.InfeasibleOfficers);
    }

    [Fact]
    public void Solve_InitialRosterWithABrokenRow_RepairsOnlyThatRow()
    {
        var builder = Builder(3);
        builder.AddOfficer(new RosterOfficerSpec { Id = "a", Skills = ["intake"] });
        builder.AddOfficer(new RosterOfficerSpec { Id = "b", Skills = ["intake"] });
        builder.AddCover(new RosterCoverSpec { Day = 1, ShiftTypeId = "morning", Required = 2, ShortWeight = 10 });
        var model = builder.Build();
        var initial = new Roster(2, 3);
        initial[0, 0] = model.TypeIndex["evening"];
        initial[0, 1] = model.TypeIndex["morning"]; // 10 hours of rest after the evening: breaks the 11-hour rule

        var result = RosterSolver.Solve(model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(2), Initial = initial });

        Assert.NotNull(result.Roster);
        Assert.True(RosterChecker.Check(model, result.Roster).IsFeasible);
        Assert.Equal(0, result.Cost.CoverShort);
    }
}
