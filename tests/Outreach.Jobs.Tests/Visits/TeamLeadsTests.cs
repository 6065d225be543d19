using Outreach.Domain;
using Outreach.Jobs.Visits;

namespace Outreach.Jobs.Tests.Visits;

public sealed class TeamLeadsTests
{
    private static readonly DateOnly Tuesday = new(2026, 3, 10);

    private static readonly Dictionary<long, Officer> Officers = new()
    {
        [1] = new(1, 1, "Hà Thị Mai", OfficerSkills.CaptureOperator, 40, "0912345602", []),
        [2] = new(2, 1, "Lường Văn Khoa", OfficerSkills.TeamLead | OfficerSkills.CaptureOperator, 40, "0912345601", [new LeavePeriod(Tuesday, Tuesday, "Nghỉ phép")]),
        [3] = new(3, 1, "Đinh Văn Tú", OfficerSkills.TeamLead, 40, null, []),
        [4] = new(4, 1, "Vi Thị Hạnh", OfficerSkills.TeamLead, 40, "0912345604", []),
    };

    [Fact]
    public void On_MembersInTheTeamsOrder_FirstTeamLeadPresentThatDay()
    {
        // Mai is no lead; Khoa leads but is on leave on Tuesday; Tú is next (a missing phone does not change who leads).
        var team = Team([1, 2, 3, 4]);

        Assert.Equal("Lường Văn Khoa", TeamLeads.On(team, Officers, Tuesday.AddDays(1))!.Name);
        Assert.Equal("Đinh Văn Tú", TeamLeads.On(team, Officers, Tuesday)!.Name);
        Assert.Equal("Vi Thị Hạnh", TeamLeads.On(Team([4, 3]), Officers, Tuesday)!.Name);
    }

    [Fact]
    public void On_NoTeamLeadPresentOrNotInTheRoster_Null()
    {
        Assert.Null(TeamLeads.On(Team([1, 2]), Officers, Tuesday));
        Assert.Null(TeamLeads.On(Team([99]), Officers, Tuesday));
    }

    private static Team Team(IReadOnlyList<long> members) =>
        new(7, 1, "Tổ lưu động 1", members, null, VehicleProfile.Motorbike, 1, new TimeOnly(7, 0), new TimeOnly(21, 0), 12, 8);
}
