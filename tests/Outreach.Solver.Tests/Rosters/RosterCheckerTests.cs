using Outreach.Solver.Model;
using Outreach.Solver.Rosters;
using static Outreach.Solver.Tests.Rosters.TinyRoster;

namespace Outreach.Solver.Tests.Rosters;

/// <summary>Each hard rule on a tiny named case, and the soft costs by component.</summary>
public class RosterCheckerTests
{
    [Fact]
    public void Check_MorningAfterNight_BreaksRestDerivedFromMinimumRest()
    {
        // The night ends at 06:00 on day 1; the morning starts at 07:00: one hour of rest, 11 hours required.
        var builder = Builder(3, Officer("a"));
        builder.MinRestMinutes = 11 * 60;
        var model = builder.Build();

        var violation = Assert.Single(RosterChecker.Check(model, Rows(model, "NM.")).Violations);

        Assert.Equal(RosterRule.Rest, violation.Rule);
        Assert.Equal(1, violation.Day);
        Assert.Contains("60 minutes", violation.Detail, StringComparison.Ordinal);
        Assert.True(model.IsForbiddenSuccession(model.TypeIndex["night"], model.TypeIndex["morning"]));
        // Evening (ends 21:00) then morning (07:00) leaves 10 hours: also too little; morning then night 7 hours: too.
        Assert.Equal([RosterRule.Rest], Rules(model, Rows(model, "EM.")));
        Assert.Empty(Rules(model, Rows(model, "M.N")));
    }

    [Fact]
    public void Check_ExplicitForbiddenSuccessionAndHistory_BreakRest()
    {
        // No minimum rest, but "no evening after a night" is named; the previous roster ended on a night.
        var model = Builder(2, Officer("a") with { History = ["morning", "night"] }).ForbidSuccession("night", "evening").Build();

        var violation = Assert.Single(RosterChecker.Check(model, Rows(model, "E.")).Violations);

        Assert.Equal((RosterRule.Rest, 0), (violation.Rule, violation.Day));
        Assert.Empty(Rules(model, Rows(model, "M.")));
    }

    [Fact]
    public void Check_ConsecutiveWorkDays_HeldWithinBoundsAndOnlyWhereTheEdgesAreKnown()
    {
        var officer = Officer("a") with { MinConsecutiveWorkDays = 2, MaxConsecutiveWorkDays = 3 };
        var model = Builder(7, officer).Build();

        Assert.Equal([RosterRule.MaxConsecutiveWorkDays], Rules(model, Rows(model, "MMMM...")));
        // A single working day inside the horizon is too short...
        Assert.Equal([RosterRule.MinConsecutiveWorkDays], Rules(model, Rows(model, "..M....")));
        // ...but one touching the first or the last day is not held to the minimum: the days beyond are unknown.
        Assert.Empty(Rules(model, Rows(model, "M......")));
        Assert.Empty(Rules(model, Rows(model, "......M")));

        // With history the first day's run is bounded: off the day before, so one day is too short.
        var withHistory = Builder(7, officer with { History = [null] }).Build();
        Assert.Equal([RosterRule.MinConsecutiveWorkDays], Rules(withHistory, Rows(withHistory, "M......")));
        // Three days worked at the end of the previous roster plus one more is four in a row.
        var tired = Builder(7, officer with { History = [null, "morning", "morning", "morning"] }).Build();
        Assert.Equal([RosterRule.MaxConsecutiveWorkDays], Rules(tired, Rows(tired, "M......")));
        // A single day of work that ended the previous roster, followed by a day off on day 0, is too short as well.
        var ended = Builder(7, officer with { History = [null, "morning"] }).Build();
        Assert.Equal([RosterRule.MinConsecutiveWorkDays], Rules(ended, Rows(ended, ".......")));
    }

    [Fact]
    public void Check_DaysOff_LeaveAndMinimumRunOfDaysOff()
    {
        var officer = Officer("a") with { DaysOff = [2], MinConsecutiveDaysOff = 2 };
        var model = Builder(7, officer).Build();

        // Day 2 is leave: a shift there breaks it. Days 3-4 are a run of two days off: fine.
        Assert.Equal([RosterRule.DayOff], Rules(model, Rows(model, "MMM..MM")));
        // A single day off between shifts is too short a rest.
        Assert.Equal([RosterRule.MinConsecutiveDaysOff], Rules(model, Rows(model, "MM.M..M")));
        Assert.Empty(Rules(model, Rows(model, "MM..MMM")));
    }

    [Fact]
    public void Check_WeekendLimit_CountsEachWeekendOnce()
    {
        // Days 5-6 and 12-13 are the two weekends of a 14-day horizon.
        var model = Builder(14, Officer("a") with { MaxWorkingWeekends = 1 }).Build();

        Assert.Equal(2, model.WeekendCount);
        Assert.Empty(Rules(model, Rows(model, ".....MM.......")));
        var violation = Assert.Single(RosterChecker.Check(model, Rows(model, ".....M......M.")).Violations);
        Assert.Equal((RosterRule.MaxWorkingWeekends, 12), (violation.Rule, violation.Day));
    }

    [Fact]
    public void Check_TotalAndWeekMinutes_MinimumAndMaximum()
    {
        // Two weeks plus one day: the partial third week is held to the maximum but not to the minimum.
        var officer = Officer("a") with { MinTotalMinutes = 3000, MaxTotalMinutes = 5000, MinWeekMinutes = 960, MaxWeekMinutes = 2400 };
        var model = Builder(15, officer).Build();

        // 3 x 480 + 3 x 480 = 2880 minutes: below 3000 in total.
        Assert.Equal([RosterRule.MinTotalMinutes], Rules(model, Rows(model, "MMM....MMM.....")));
        // Six mornings in week 1 (2880 > 2400) and one in week 2 (480 < 960).
        Assert.Equal([RosterRule.MinWeekMinutes, RosterRule.MaxWeekMinutes], Rules(model, Rows(model, "MMMMMM.M.......")).Order().ToList());
        // 11 shifts of 480 = 5280 minutes: above the total.
        Assert.Equal([RosterRule.MaxTotalMinutes], Rules(model, Rows(model, "MMMMM..MMMMM..M")));
        Assert.Empty(Rules(model, Rows(model, "MMMM...MMMM..M.")));
    }

    [Fact]
    public void Check_Skill_OnlyQualifiedOfficersWorkTheTypeAndCountForTheCover()
    {
        var builder = new RosterModelBuilder(Monday, 1);
        builder.AddShiftType(new RosterShiftTypeSpec("drive", "Lái xe", 7 * 60, 480, RosterShiftKind.Field, ["driver"]));
        builder.AddShiftType(Morning);
        builder.AddOfficer(Officer("clerk", "intake")).AddOfficer(Officer("driver", "driver"));
        builder.AddCover(new RosterCoverSpec { Day = 0, ShiftTypeId = "morning", Skill = "intake", Required = 1, ShortWeight = 50 });
        var model = builder.Build();
        var roster = new Roster(2, 1);

        roster[0, 0] = model.TypeIndex["drive"];
        roster[1, 0] = model.TypeIndex["morning"];
        var evaluation = RosterChecker.Check(model, roster);

        Assert.Equal(RosterRule.Skill, Assert.Single(evaluation.Violations).Rule);
        // The driver at the desk has no intake skill: the cover is one short, 50.
        Assert.Equal(0, evaluation.CoverStaffed[0]);
        Assert.Equal(50, evaluation.Cost.CoverShort);
    }

    [Fact]
    public void Check_Pin_HeldAsAHardRule()
    {
        var model = Builder(2, Officer("a")).AddPin(new RosterPinSpec("a", 1, "evening")).Build();

        Assert.Equal([RosterRule.Pin], Rules(model, Rows(model, "M.")));
        Assert.Empty(Rules(model, Rows(model, "ME")));
    }

    [Fact]
    public void Check_SoftCosts_ByComponent()
    {
        // Cover: 2 mornings wanted on day 0 (short 10 each, over 3 each), 0 evenings wanted on day 1 (over 7 each).
        // Requests: a wants day 1 off (weight 4); b wants an evening on day 0 (weight 6).
        // Fairness (weight 5 per shift of spread): a works 2 evenings, b none.
        var builder = Builder(2, Officer("a"), Officer("b"));
        builder.EveningFairnessWeight = 5;
        builder.AddCover(new RosterCoverSpec { Day = 0, ShiftTypeId = "morning", Required = 2, ShortWeight = 10, OverWeight = 3 });
        builder.AddCover(new RosterCoverSpec { Day = 1, ShiftTypeId = "evening", Required = 0, OverWeight = 7 });
        builder.AddRequest(new RosterRequestSpec("a", 1, null, false, 4));
        builder.AddRequest(new RosterRequestSpec("b", 0, "evening", true, 6));
        var model = builder.Build();

        var cost = RosterChecker.Check(model, Rows(model, "EE", "M.")).Cost;

        Assert.Equal(10, cost.CoverShort);          // one of two mornings
        Assert.Equal(7, cost.CoverOver);            // one evening not wanted
        Assert.Equal(4 + 6, cost.Requests);         // a works day 1, b is not on the evening
        Assert.Equal(5 * 2, cost.EveningFairness);  // 2 - 0 evenings
        Assert.Equal(10 + 7 + 10 + 10, cost.Total);
    }

    [Fact]
    public void Check_BlockCover_CountsShiftsContainingTheBlock()
    {
        // 19:00-21:00 is inside the evening (17:00-21:00) but not the morning; the night starts after it.
        var builder = Builder(1, Officer("a"), Officer("b"), Officer("c"));
        builder.AddCover(new RosterCoverSpec { Day = 0, BlockStartMinute = 19 * 60, BlockEndMinute = 21 * 60, Required = 2, ShortWeight = 10 });
        var model = builder.Build();

        var evaluation = RosterChecker.Check(model, Rows(model, "E", "M", "N"));

        Assert.Equal(1, evaluation.CoverStaffed[0]);
        Assert.Equal(10, evaluation.Cost.CoverShort);
    }

    [Fact]
    public void Build_PinOnLeave_NamesFieldAndValue()
    {
        var builder = Builder(3, Officer("a") with { DaysOff = [1] }).AddPin(new RosterPinSpec("a", 1, "morning"));

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("pins[0].day", error.Field);
        Assert.Contains("must be off", error.Message, StringComparison.Ordinal);
    }
}
