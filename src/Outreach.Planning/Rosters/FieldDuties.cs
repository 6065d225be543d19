using Outreach.Solver.Rosters;

namespace Outreach.Planning.Rosters;

/// <summary>An officer's field duty on a day: a team-day they go with, or a van they drive.</summary>
public sealed record FieldDuty(long OfficerId, DateOnly Date, long? TeamId, long? VehicleId, string WhatVi, string WhatEn);

/// <summary>A place where the roster and the field plans disagree.</summary>
public sealed record ConsistencyProblem(long OfficerId, DateOnly Date, string Vi, string En);

/// <summary>
/// Who does which field duty given a roster: team-days go to their present members, each day's vans to the drivers on
/// a field shift covering the vans' hours who are not with a team that day (in officer order). And the check that the
/// three plans agree: every duty's officer is on a field shift covering it, nobody has two duties a day, no duty falls
/// on leave, and every van-day has a driver. Pure.
/// </summary>
public static class FieldDuties
{
    public static IReadOnlyList<FieldDuty> Assign(RosterProblem problem, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var model = problem.Model;
        var duties = new List<FieldDuty>();
        foreach (var teamDay in problem.TeamDays)
        {
            foreach (long member in teamDay.MemberOfficerIds)
            {
                var officer = problem.Officers.FirstOrDefault(o => o.Id == member);
                if (officer is not null && !officer.Leave.Any(l => l.Covers(teamDay.Date)))
                {
                    duties.Add(new FieldDuty(member, teamDay.Date, teamDay.TeamId, null, $"tổ {teamDay.TeamName}", $"team {teamDay.TeamName}"));
                }
            }
        }

        foreach (var day in problem.VanDays.GroupBy(v => v.Date))
        {
            int d = day.Key.DayNumber - model.StartDate.DayNumber;
            var busy = duties.Where(x => x.Date == day.Key).Select(x => x.OfficerId).ToHashSet();
            var drivers = Enumerable.Range(0, model.OfficerCount)
                .Where(o => d is >= 0 && d < model.DayCount && roster[o, d] >= 0 && model.ShiftTypes[roster[o, d]].Kind == RosterShiftKind.Field
                    && model.Officers[o].Skills.Contains(RosterShiftCatalogue.Driver) && !busy.Contains(problem.Officers[o].Id))
                .ToList();
            // The longest van-day first, each to the first free driver whose shift covers its hours.
            foreach (var van in day.OrderByDescending(v => v.EndMinute - v.StartMinute).ThenBy(v => v.VehicleId))
            {
                int found = drivers.FindIndex(o => Covers(model.ShiftTypes[roster[o, d]], van.StartMinute, van.EndMinute));
                if (found >= 0)
                {
                    duties.Add(new FieldDuty(problem.Officers[drivers[found]].Id, van.Date, null, van.VehicleId, $"lái xe {van.VehicleName} ({van.Trips} chuyến)", $"drives {van.VehicleName} ({van.Trips} trips)"));
                    drivers.RemoveAt(found);
                }
            }
        }

        return duties;
    }

    /// <summary>
    /// True when a field shift covers a duty's hours as far as any field shift can: the part of [start, end) inside the
    /// catalogue's field shift for those hours (a van day longer than every field shift is covered by the best of them).
    /// </summary>
    public static bool Covers(RosterShiftTypeSpec shift, int startMinute, int endMinute)
    {
        ArgumentNullException.ThrowIfNull(shift);
        var best = RosterProblemBuilder.FieldTypeFor(startMinute, endMinute);
        int from = Math.Max(startMinute, Math.Min(best.StartMinute, startMinute + 1440));
        int to = shift.Id.StartsWith("team-", StringComparison.Ordinal) ? endMinute / 15 * 15 : Math.Min(endMinute, best.EndMinute);
        return shift.StartMinute <= from / 15 * 15 && shift.EndMinute >= to;
    }

    public static IReadOnlyList<ConsistencyProblem> Check(RosterProblem problem, Roster roster, IReadOnlyList<FieldDuty> duties)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(duties);
        var model = problem.Model;
        var problems = new List<ConsistencyProblem>();
        foreach (var twice in duties.GroupBy(x => (x.OfficerId, x.Date)).Where(g => g.Count() > 1))
        {
            problems.Add(new(twice.Key.OfficerId, twice.Key.Date, $"hai việc cùng ngày: {string.Join(", ", twice.Select(x => x.WhatVi))}", $"two duties on one day: {string.Join(", ", twice.Select(x => x.WhatEn))}"));
        }

        foreach (var duty in duties)
        {
            int o = problem.OfficerIndex(duty.OfficerId);
            int d = duty.Date.DayNumber - model.StartDate.DayNumber;
            var officer = problem.Officers[o];
            if (officer.Leave.Any(l => l.Covers(duty.Date)))
            {
                problems.Add(new(duty.OfficerId, duty.Date, $"nghỉ phép nhưng {duty.WhatVi}", $"on leave but {duty.WhatEn}"));
            }

            (int start, int end) = duty.TeamId is { } team
                ? problem.TeamDays.Where(t => t.TeamId == team && t.Date == duty.Date).Select(t => (t.StartMinute, t.EndMinute)).First()
                : problem.VanDays.Where(v => v.VehicleId == duty.VehicleId && v.Date == duty.Date).Select(v => (v.StartMinute, v.EndMinute)).First();
            int t = roster[o, d];
            if (t < 0 || model.ShiftTypes[t].Kind != RosterShiftKind.Field)
            {
                problems.Add(new(duty.OfficerId, duty.Date, $"{duty.WhatVi} nhưng không có ca lưu động", $"{duty.WhatEn} without a field shift"));
            }
            else if (!Covers(model.ShiftTypes[t], start, end))
            {
                problems.Add(new(duty.OfficerId, duty.Date, $"ca {model.ShiftTypes[t].Name} không phủ giờ {duty.WhatVi}", $"shift {model.ShiftTypes[t].Id} does not cover the hours of {duty.WhatEn}"));
            }
        }

        foreach (var van in problem.VanDays.Where(v => !duties.Any(x => x.VehicleId == v.VehicleId && x.Date == v.Date)))
        {
            problems.Add(new(0, van.Date, $"xe {van.VehicleName} chưa có lái xe trong lịch trực", $"van {van.VehicleName} has no rostered driver"));
        }

        return problems;
    }
}
