using Outreach.Solver.Rosters;
using static Outreach.Solver.Tests.Rosters.TinyRoster;

namespace Outreach.Solver.Tests.Rosters;

public class ShortageExplainerTests
{
    [Fact]
    public void Explain_SaturdayEveningSurge_CountsOfficersWithFullWeeksAndOnLeave()
    {
        // Saturday (day 5) 19:00-21:00 needs 4 intake officers. a and b have worked five mornings (2400 minutes, their
        // weekly maximum); c is on leave; d works the evening; e is on Saturday's morning.
        var full = Officer("a", "intake") with { MaxWeekMinutes = 2400 };
        var builder = Builder(7, full, full with { Id = "b" }, Officer("c", "intake") with { DaysOff = [5] }, Officer("d", "intake"), Officer("e", "intake"));
        builder.AddCover(new RosterCoverSpec { Day = 5, BlockStartMinute = 19 * 60, BlockEndMinute = 21 * 60, Skill = "intake", Required = 4 });
        var model = builder.Build();
        var roster = Rows(model, "MMMMM..", "MMMMM..", ".......", ".....E.", ".....M.");

        var shortage = Assert.Single(ShortageExplainer.Explain(model, roster));

        Assert.Equal(3, shortage.ShortBy);
        Assert.Equal(2, shortage.Reasons[ShortageReason.Rule]);
        Assert.Equal(2, shortage.Rules[RosterRule.MaxWeekMinutes]);
        Assert.Equal(1, shortage.Reasons[ShortageReason.DayOff]);
        Assert.Equal(1, shortage.Reasons[ShortageReason.OtherShift]);
    }
}
