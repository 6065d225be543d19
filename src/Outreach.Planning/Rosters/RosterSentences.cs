using System.Globalization;
using Outreach.Planning.Pickups;
using Outreach.Solver.Rosters;

namespace Outreach.Planning.Rosters;

/// <summary>A cover the roster leaves short, told to the chief in both languages.</summary>
public sealed record RosterGap(DateOnly Date, int StartMinute, int EndMinute, string? Skill, int Required, int Staffed, string Vi, string En);

/// <summary>
/// Sentences for short covers: "Thứ Bảy 19:00-21:00: thiếu 1 cán bộ thu nhận; 6 người đã đủ giờ tuần" (day, block,
/// how many of whom are short, then why the others with the skill could not come, most frequent first). Pure.
/// </summary>
public static class RosterSentences
{
    public static IReadOnlyList<RosterGap> Gaps(RosterProblem problem, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var evaluation = RosterChecker.Check(problem.Model, roster);
        var gaps = new List<RosterGap>();
        foreach (var shortage in ShortageExplainer.Explain(problem.Model, roster))
        {
            var info = problem.Covers[shortage.Cover];
            var (whoVi, whoEn) = RosterShiftCatalogue.SkillPeople(info.Skill);
            string when = $"{PlanClock.Hhmm(info.StartMinute * 60)}-{PlanClock.Hhmm(info.EndMinute * 60)}";
            var reasonsVi = new List<(int Count, string Text)>();
            var reasonsEn = new List<(int Count, string Text)>();
            foreach (var (rule, count) in shortage.Rules)
            {
                reasonsVi.Add((count, $"{count} người {RuleVi(rule)}"));
                reasonsEn.Add((count, $"{count} {RuleEn(rule, count)}"));
            }

            foreach (var (reason, count) in shortage.Reasons.Where(r => r.Key != ShortageReason.Rule))
            {
                reasonsVi.Add((count, $"{count} người {ReasonVi(reason)}"));
                reasonsEn.Add((count, $"{count} {ReasonEn(reason, count)}"));
            }

            string day = PlanClock.DayVi(info.Date.DayOfWeek);
            string vi = string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(day[0])}{day[1..]} {when}: thiếu {shortage.ShortBy} {whoVi}");
            string en = string.Create(CultureInfo.InvariantCulture, $"{info.Date.DayOfWeek} {when}: {shortage.ShortBy} {whoEn}{(shortage.ShortBy == 1 ? "" : "s")} short");
            if (reasonsVi.Count > 0)
            {
                vi += "; " + string.Join(", ", reasonsVi.OrderByDescending(r => r.Count).Select(r => r.Text));
                en += "; " + string.Join(", ", reasonsEn.OrderByDescending(r => r.Count).Select(r => r.Text));
            }

            gaps.Add(new RosterGap(info.Date, info.StartMinute, info.EndMinute, info.Skill, problem.Model.Covers[shortage.Cover].Required, evaluation.CoverStaffed[shortage.Cover], vi, en));
        }

        return gaps;
    }

    /// <summary>The rule's name as a chief knows it, for an edit refused because of it.</summary>
    public static (string Vi, string En) RuleTitle(RosterRule rule) => rule switch
    {
        RosterRule.Rest => ("nghỉ giữa hai ca", "rest between shifts"),
        RosterRule.MaxWeekMinutes or RosterRule.MinWeekMinutes => ("giờ làm trong tuần", "weekly hours"),
        RosterRule.MaxTotalMinutes or RosterRule.MinTotalMinutes => ("giờ làm cả kỳ", "hours over the period"),
        RosterRule.MaxConsecutiveWorkDays or RosterRule.MinConsecutiveWorkDays => ("số ngày làm liền", "consecutive working days"),
        RosterRule.MinConsecutiveDaysOff => ("số ngày nghỉ liền", "consecutive days off"),
        RosterRule.MaxWorkingWeekends => ("số cuối tuần trực", "working weekends"),
        RosterRule.MaxShiftsOfType => ("số ca mỗi loại", "shifts of a type"),
        RosterRule.Skill => ("kỹ năng", "skill"),
        RosterRule.DayOff => ("ngày nghỉ phép", "leave"),
        RosterRule.Pin => ("ca đã xếp cố định", "pinned shift"),
        _ => (rule.ToString(), rule.ToString()),
    };

    /// <summary>The figures behind a violation in Vietnamese ("Ca ngày sau Ca tối: nghỉ 9 giờ 30 phút"); the checker's own words otherwise.</summary>
    public static string DetailVi(RosterModel model, Roster roster, RosterViolation violation)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(violation);
        int o = violation.Officer, d = violation.Day;
        switch (violation.Rule)
        {
            case RosterRule.Rest when d >= 0 && roster[o, d] >= 0:
            {
                var history = model.HistoryOf(o);
                int before = d > 0 ? roster[o, d - 1] : history.Length > 0 ? history[^1] : RosterModel.Off;
                if (before < 0)
                {
                    break;
                }

                var first = model.ShiftTypes[before];
                var next = model.ShiftTypes[roster[o, d]];
                int rest = 1440 + next.StartMinute - first.EndMinute;
                return rest < 0
                    ? $"{next.Name} sau {first.Name}: hai ca chồng lên nhau"
                    : $"{next.Name} sau {first.Name}: nghỉ {rest / 60} giờ {rest % 60:00} phút, cần {model.MinRestMinutes / 60} giờ";
            }

            case RosterRule.MaxWeekMinutes when d >= 0:
            {
                int minutes = Enumerable.Range(d, Math.Min(7, model.DayCount - d)).Sum(x => roster[o, x] >= 0 ? model.ShiftTypes[roster[o, x]].LengthMinutes : 0);
                int max = model.Officers[o].MaxWeekMinutes;
                return $"{minutes / 60.0:0.#} giờ trong tuần, tối đa {max / 60.0:0.#} giờ";
            }
        }

        return violation.Detail;
    }

    public static string RuleVi(RosterRule rule) => rule switch
    {
        RosterRule.MaxWeekMinutes => "đã đủ giờ tuần",
        RosterRule.MaxTotalMinutes => "đã đủ giờ cả kỳ",
        RosterRule.Rest => "chưa đủ thời gian nghỉ giữa hai ca",
        RosterRule.MaxConsecutiveWorkDays => "đã làm liền quá số ngày cho phép",
        RosterRule.MinConsecutiveWorkDays => "sẽ có chuỗi ngày làm quá ngắn",
        RosterRule.MinConsecutiveDaysOff => "sẽ có chuỗi ngày nghỉ quá ngắn",
        RosterRule.MaxWorkingWeekends => "đã trực đủ số cuối tuần",
        RosterRule.MaxShiftsOfType => "đã đủ số ca loại này",
        RosterRule.MinTotalMinutes => "sẽ thiếu giờ tối thiểu",
        RosterRule.MinWeekMinutes => "sẽ thiếu giờ tối thiểu trong tuần",
        RosterRule.Skill => "thiếu kỹ năng cho ca này",
        RosterRule.DayOff => "phải nghỉ ngày này",
        RosterRule.Pin => "đã được trưởng công an xếp cố định",
        _ => rule.ToString(),
    };

    public static string RuleEn(RosterRule rule, int count = 1) => rule switch
    {
        RosterRule.MaxWeekMinutes => count == 1 ? "has worked the week's hours" : "have worked the week's hours",
        RosterRule.MaxTotalMinutes => "at the horizon's hours",
        RosterRule.Rest => "too little rest between shifts",
        RosterRule.MaxConsecutiveWorkDays => "too many days in a row",
        RosterRule.MinConsecutiveWorkDays => "too short a run of working days",
        RosterRule.MinConsecutiveDaysOff => "too short a run of days off",
        RosterRule.MaxWorkingWeekends => "weekend limit reached",
        RosterRule.MaxShiftsOfType => "at the limit of this shift type",
        RosterRule.MinTotalMinutes => "below the minimum hours",
        RosterRule.MinWeekMinutes => "below the week's minimum hours",
        RosterRule.Skill => "lacks the shift's skill",
        RosterRule.DayOff => "must be off that day",
        RosterRule.Pin => "pinned by the chief",
        _ => rule.ToString(),
    };

    private static string ReasonVi(ShortageReason reason) => reason switch
    {
        ShortageReason.DayOff => "nghỉ phép",
        ShortageReason.OtherShift => "đang làm ca khác",
        ShortageReason.Skill => "không có kỹ năng của ca",
        _ => "còn rảnh",
    };

    private static string ReasonEn(ShortageReason reason, int count) => reason switch
    {
        ShortageReason.DayOff => "on leave",
        ShortageReason.OtherShift => "on another shift",
        ShortageReason.Skill => "lack the shift's skill",
        _ => count == 1 ? "was free" : "were free",
    };
}
