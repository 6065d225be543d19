using System.Globalization;
using Outreach.Domain;

namespace Outreach.Planning.Visits;

/// <summary>
/// Whether a team can go out on one date, with how many kits, and why not. The rule (documented for chiefs):
/// <list type="bullet">
/// <item>A team that lists no members found in the roster (no roster yet) goes out with all its kits.</item>
/// <item>Otherwise the officers present are the listed members not on leave that day. Fewer than
/// <see cref="VisitPlanningOptions.MinimumCrew"/> present: the team stays in (unavailable).</item>
/// <item>Each kit needs a capture operator: kits in use = min(kits, present officers with the CaptureOperator skill);
/// none: unavailable. A team with fewer kits in use than it owns is short-handed and captures more slowly.</item>
/// <item>On rest days and public holidays a team goes out only if it has holiday hours (and at most that long).</item>
/// </list>
/// </summary>
public sealed record TeamDay(
    Team Team,
    DateOnly Date,
    bool Available,
    int KitsInUse,
    IReadOnlyList<long> PresentOfficerIds,
    IReadOnlyList<long> OnLeaveOfficerIds,
    bool IsRestDay,
    string? HolidayName,
    string? UnavailableVi,
    string? UnavailableEn)
{
    /// <summary>Fewer kits in use than the team owns, because capture operators are on leave.</summary>
    public bool IsShortHanded => Available && KitsInUse < Team.KitCount;

    /// <summary>The team-days of a week, team by team, Monday first.</summary>
    public static IReadOnlyList<TeamDay> ForWeek(
        VisitWeek week, IReadOnlyList<Team> teams, IReadOnlyList<Officer> officers, IReadOnlyList<Holiday> holidays, VisitPlanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(officers);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(options);
        var byId = officers.ToDictionary(o => o.Id);
        var holidayByDate = holidays.Where(h => week.Contains(h.Date)).GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
        var result = new List<TeamDay>();
        foreach (var team in teams)
        {
            foreach (var date in week.Dates)
            {
                result.Add(For(team, date, byId, holidayByDate.GetValueOrDefault(date), options));
            }
        }

        return result;
    }

    private static TeamDay For(Team team, DateOnly date, Dictionary<long, Officer> officers, Holiday? holiday, VisitPlanningOptions options)
    {
        var rest = holiday is not null || options.RestDays.Contains(date.DayOfWeek);
        var onLeave = team.MemberOfficerIds.Where(id => officers.TryGetValue(id, out var o) && o.Leave.Any(l => l.Covers(date))).ToList();
        var present = team.MemberOfficerIds.Where(id => !onLeave.Contains(id)).ToList();
        TeamDay Make(bool available, int kits, string? vi = null, string? en = null) =>
            new(team, date, available, kits, present, onLeave, rest, holiday?.NameVi, vi, en);

        if (team.KitCount <= 0)
        {
            return Make(false, 0, "tổ không có bộ máy thu nhận", "the team has no capture kit");
        }

        if (rest && team.MaxHolidayHoursPerWeek <= 0)
        {
            return Make(false, 0, "tổ không có giờ làm ngày nghỉ", "the team has no holiday hours");
        }

        if (team.MemberOfficerIds.All(id => !officers.ContainsKey(id)))
        {
            return Make(true, team.KitCount);
        }

        if (present.Count < options.MinimumCrew)
        {
            return Make(false, 0,
                string.Create(CultureInfo.InvariantCulture, $"chỉ {present.Count}/{team.MemberOfficerIds.Count} cán bộ có mặt (nghỉ phép)"),
                string.Create(CultureInfo.InvariantCulture, $"only {present.Count} of {team.MemberOfficerIds.Count} officers present (leave)"));
        }

        // A listed member missing from the roster is counted present but not as a capture operator.
        var operators = present.Count(id => officers.TryGetValue(id, out var o) && o.Skills.HasFlag(OfficerSkills.CaptureOperator));
        var kits = Math.Min(team.KitCount, operators);
        return kits == 0
            ? Make(false, 0, "không có cán bộ thu nhận nào có mặt", "no capture operator present")
            : Make(true, kits);
    }
}
