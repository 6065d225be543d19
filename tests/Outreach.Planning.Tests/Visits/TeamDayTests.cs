using Outreach.Domain;
using Outreach.Planning.Visits;
using static Outreach.Planning.Tests.Visits.VisitScenario;

namespace Outreach.Planning.Tests.Visits;

public sealed class TeamDayTests
{
    private static readonly VisitWeek Week = new(Monday);

    private static readonly Officer[] Roster =
    [
        new(1, 1, "Lead", OfficerSkills.TeamLead | OfficerSkills.CaptureOperator, 40, null, []),
        new(2, 1, "Operator", OfficerSkills.CaptureOperator, 40, null, [new LeavePeriod(Monday.AddDays(1), Monday.AddDays(2), "Nghỉ phép")]),
        new(3, 1, "Clerk", OfficerSkills.IntakeClerk, 40, null, [new LeavePeriod(Monday.AddDays(2), Monday.AddDays(2), null)]),
    ];

    [Fact]
    public void ForWeek_LeaveOfMembers_ShortHandedThenUnavailable()
    {
        // Two kits, three officers. Tuesday: the second operator is away, 2 of 3 present: one kit staffed.
        // Wednesday: the clerk is away too, only the lead is left: below the crew of two, the team stays in.
        var team = Team(7, "Tổ 1", kits: 2, members: [1, 2, 3]);

        var days = TeamDay.ForWeek(Week, [team], Roster, [], VisitPlanningOptions.Default);

        Assert.Equal(7, days.Count);
        Assert.Equal((true, 2, false), (days[0].Available, days[0].KitsInUse, days[0].IsShortHanded));
        Assert.Equal((true, 1, true), (days[1].Available, days[1].KitsInUse, days[1].IsShortHanded));
        Assert.Equal([2L], days[1].OnLeaveOfficerIds);
        Assert.False(days[2].Available);
        Assert.Equal("only 1 of 3 officers present (leave)", days[2].UnavailableEn);
    }

    [Fact]
    public void ForWeek_RestDaysAndHolidays_OnlyWithHolidayHours()
    {
        // Sunday is a rest day and Wednesday a public holiday: a team without holiday hours stays in on both.
        var holiday = new Holiday(1, Monday.AddDays(2), "Quốc khánh", "National Day", HolidayKind.Holiday, HolidayStatus.Official, null);
        var none = Team(7, "Không làm ngày nghỉ", holidayHours: 0);
        var some = Team(8, "Có giờ ngày nghỉ", holidayHours: 8);

        var days = TeamDay.ForWeek(Week, [none, some], [], [holiday], VisitPlanningOptions.Default);

        Assert.Equal([true, true, false, true, true, true, false], days.Where(d => d.Team.Id == 7).Select(d => d.Available));
        Assert.Equal([false, false, true, false, false, false, true], days.Where(d => d.Team.Id == 8).Select(d => d.IsRestDay));
        Assert.True(days.Where(d => d.Team.Id == 8).All(d => d.Available));
        Assert.Equal("Quốc khánh", days.Single(d => d.Team.Id == 8 && d.Date == Monday.AddDays(2)).HolidayName);
    }

    [Fact]
    public void ForWeek_NoRosterYet_AllKits()
    {
        var days = TeamDay.ForWeek(Week, [Team(7, "Tổ 1", kits: 3, members: [41, 42])], [], [], VisitPlanningOptions.Default);

        Assert.All(days.Take(6), d => Assert.Equal((true, 3), (d.Available, d.KitsInUse)));
    }
}
