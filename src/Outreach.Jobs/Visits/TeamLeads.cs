using Outreach.Domain;

namespace Outreach.Jobs.Visits;

/// <summary>
/// Who leads a mobile team on a day: the team sheet marks them, and publishing sends them the team-day's phone link.
/// The rule (documented for chiefs): the team's members in the order the team lists them
/// (<see cref="Team.MemberOfficerIds"/>); the first who has the <see cref="OfficerSkills.TeamLead"/> skill and is not
/// on leave that day leads. No such member present: the team has no lead that day, nobody gets the link, and
/// publishing reports the day so the chief names one (gives an officer the skill) or hands the printed sheet over.
/// The link goes only to a valid Vietnamese mobile number (<see cref="Officer.Phone"/>). Stateless.
/// </summary>
public static class TeamLeads
{
    /// <summary>The lead of <paramref name="team"/> on <paramref name="date"/>, or null when no team lead is present.</summary>
    public static Officer? On(Team team, IReadOnlyDictionary<long, Officer> officers, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(officers);
        foreach (var id in team.MemberOfficerIds)
        {
            if (officers.TryGetValue(id, out var officer) && officer.Skills.HasFlag(OfficerSkills.TeamLead) && !officer.Leave.Any(l => l.Covers(date)))
            {
                return officer;
            }
        }

        return null;
    }
}
