using System.Globalization;
using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Visits;

/// <summary>
/// Turns what blocked a request's sessions into one sentence for the chief, Vietnamese and English, e.g.
/// "Nhà văn hóa Xóm Lát Đá: không tổ nào rảnh trong khung giờ tối thứ Ba–thứ Năm; đã phục vụ 34/60" /
/// "Nhà văn hóa Xóm Lát Đá: no team free in its evening window on Tue-Thu; 34 of 60 served".
/// The solver counts constraint codes; the causes here are decided from the facts, first match wins:
/// no window this week, no team on duty in the windows (with who is away and why), no team on duty can reach the
/// site (the road reason from Geo), windows shorter than one capture, no team on duty gets there in time even on an
/// empty day, weekly evening or holiday hours used up, and otherwise every team on duty was busy with more valuable
/// visits.
/// </summary>
internal sealed class VisitReasons(
    VisitWeek week,
    VisitPlanningOptions options,
    VisitModel model,
    IReadOnlyList<DayCap> caps,
    IReadOnlyList<TeamDay> teamDays,
    Func<VehicleProfile, DateOnly, (TravelTable Table, string WeatherKey)> travelOf,
    IReadOnlyDictionary<long, (int EveningMinutes, int HolidayMinutes)> used)
{
    /// <summary>A weekly budget counts as used up when less than this is left: too little for a drive out, set-up, a session and the drive back.</summary>
    private const int BudgetSlackMinutes = 120;

    /// <summary>The windows of the request being explained (one request at a time: not thread-safe).</summary>
    private IReadOnlyList<AxisWindow> windows = [];

    public VisitReason Explain(
        VisitRequest request, IReadOnlyList<AxisWindow> requestWindows, Site site, int planned, int total, int expected, int repeatPlanned,
        IReadOnlyList<DateOnly> firstDates, IReadOnlyList<CaptureSession> sessions, bool[] served, IReadOnlyDictionary<int, UnassignedReason> unassigned)
    {
        windows = requestWindows;
        var (code, vi, en) = planned < total
            ? FirstCause(request, site, sessions.Where(s => !s.IsRepeat && !served[s.Index]).ToList(), unassigned)
            : RepeatCause(firstDates);
        var coverageVi = string.Create(CultureInfo.InvariantCulture, $"đã phục vụ {planned}/{total}");
        var coverageEn = string.Create(CultureInfo.InvariantCulture, $"{planned} of {total} served");
        if (expected > 0 && repeatPlanned < expected)
        {
            coverageVi += string.Create(CultureInfo.InvariantCulture, $"; thu nhận lại {repeatPlanned}/{expected} người dự kiến lỗi");
            coverageEn += string.Create(CultureInfo.InvariantCulture, $"; repeat for {repeatPlanned} of {expected} expected failures");
            if (planned >= total)
            {
                code = "repeat-" + code;
            }
        }

        return new VisitReason(code, $"{site.Name}: {vi}; {coverageVi}", $"{site.Name}: {en}; {coverageEn}");
    }

    private (string Code, string Vi, string En) FirstCause(
        VisitRequest request, Site site, List<CaptureSession> unserved, IReadOnlyDictionary<int, UnassignedReason> unassigned)
    {
        if (windows.Count == 0)
        {
            var (from, to) = (week.Monday.ToString("dd/MM", CultureInfo.InvariantCulture), week.Sunday.ToString("dd/MM", CultureInfo.InvariantCulture));
            return request.Deadline is { } d && d < week.Monday
                ? ("deadline-passed", $"đã quá hạn {d:dd/MM/yyyy}", $"its deadline {d:dd/MM/yyyy} has passed")
                : ("no-window", $"không có khung giờ hẹn nào trong tuần {from}–{to}", $"no agreed time window in the week {from}-{to}");
        }

        var onDuty = teamDays.Where(d => d.Available && windows.Any(w => Overlaps(d, w))).ToList();
        if (onDuty.Count == 0)
        {
            var (vi, en) = Describe(windows);
            var away = teamDays.Where(d => !d.Available && windows.Any(w => week.DateAt(w.Start) == d.Date) && d.UnavailableVi is not null)
                .GroupBy(d => d.Team.Id).Select(g => g.First()).ToList();
            var whyVi = away.Count == 0 ? "" : " (" + string.Join("; ", away.Select(d => $"{d.Team.Name}: {d.UnavailableVi}")) + ")";
            var whyEn = away.Count == 0 ? "" : " (" + string.Join("; ", away.Select(d => $"{d.Team.Name}: {d.UnavailableEn}")) + ")";
            return ("no-team-on-duty", $"không tổ nào làm việc trong {vi}{whyVi}", $"no team on duty in its {en}{whyEn}");
        }

        var reaching = onDuty.Where(d => Reaches(d, site)).ToList();
        if (reaching.Count == 0)
        {
            var cuts = onDuty.GroupBy(d => d.Team.Profile).Select(g =>
            {
                var (table, _) = travelOf(g.Key, g.First().Date);
                var point = model.Sessions.First(s => s.Site.Id == site.Id).Point;
                var why = table.ReasonFor(0, point) ?? table.ReasonFor(point, 0);
                var (rvi, ren) = Road(why);
                return (Vi: $"{ProfileVi(g.Key)}: {rvi}", En: $"{ProfileEn(g.Key)}: {ren}");
            }).ToList();
            return ("unreachable", "không tổ nào đang làm việc đi tới được (" + string.Join("; ", cuts.Select(c => c.Vi)) + ")",
                "no team on duty can reach it (" + string.Join("; ", cuts.Select(c => c.En)) + ")");
        }

        var outOfModel = unserved.Where(s => model.TaskOfSession[s.Index] < 0).ToList();
        if (outOfModel.Count > 0 && outOfModel.Count == unserved.Count)
        {
            var minutes = (outOfModel.Min(s => s.CaptureSeconds(model.MinKits)) + 59) / 60;
            return ("window-too-short",
                string.Create(CultureInfo.InvariantCulture, $"khung giờ quá ngắn cho một lượt thu nhận (cần {minutes} phút)"),
                string.Create(CultureInfo.InvariantCulture, $"its windows are too short for one capture session ({minutes} min needed)"));
        }

        var smallest = unserved.Where(s => model.TaskOfSession[s.Index] >= 0).MinBy(s => s.CaptureSeconds(model.MinKits));
        if (smallest is not null && !reaching.Any(d => windows.Any(w => Overlaps(d, w) && FitsAlone(d, w, smallest))))
        {
            var (tvi, ten) = Describe([.. windows.Where(w => reaching.Any(d => Overlaps(d, w)))]);
            var fastest = (reaching.Min(d => Road(d, smallest.Point)) + 59) / 60;
            return ("too-far",
                string.Create(CultureInfo.InvariantCulture, $"không tổ nào tới kịp trong {tvi} (nhanh nhất {fastest} phút đi đường)"),
                string.Create(CultureInfo.InvariantCulture, $"no team on duty can get there in time for its {ten} (fastest {fastest} min on the road)"));
        }

        if (unserved.Count > 0 && unserved.All(s => model.Pins.ContainsKey(s.Index)))
        {
            return ("published-no-longer-fits",
                "lượt đã công bố không còn xếp được vào tổ và ngày cũ (đổi giờ hẹn hoặc tổ thiếu người?)",
                "a published visit no longer fits its team and day (window changed or team short-handed?)");
        }

        var usable = windows.Where(w => reaching.Any(d => Overlaps(d, w))).ToList();
        var (wvi, wen) = Describe(usable);
        var blocked = unserved.Where(s => unassigned.ContainsKey(s.Index)).Select(s => unassigned[s.Index]).ToList();
        // Skills only encode days and reach (see VisitModel), so "skill" is a matter of time here too.
        var timeBound = blocked.Count > 0 && blocked.All(b => b is not UnassignedReason.Unreachable);
        if (timeBound && usable.All(w => !IsRest(w))
            && usable.All(w => reaching.Where(d => Overlaps(d, w)).All(d =>
                CapOf(d).ShiftEnd < Math.Min(w.End, model.ShiftEnd(d))
                && (w.End <= model.EveningStart(d) ? false : EveningLeft(d.Team) < BudgetSlackMinutes))))
        {
            // Every team on duty in those windows must be back before the window ends, its evening hours used up.
            var hours = reaching.Max(d => d.Team.MaxEveningHoursPerWeek);
            return ("evening-hours",
                string.Create(CultureInfo.InvariantCulture, $"các tổ đã hết giờ làm buổi tối trong tuần (tối đa {hours} giờ) cho {wvi}"),
                string.Create(CultureInfo.InvariantCulture, $"the teams' evening hours for the week (at most {hours} h) are used up for its {wen}"));
        }

        if (timeBound && usable.All(IsRest) && reaching.All(d => HolidayLeft(d.Team) < BudgetSlackMinutes))
        {
            // Every team on duty on those rest days has used its holiday hours of the week.
            var hours = reaching.Max(d => d.Team.MaxHolidayHoursPerWeek);
            return ("holiday-hours",
                string.Create(CultureInfo.InvariantCulture, $"các tổ đã hết giờ làm ngày nghỉ trong tuần (tối đa {hours} giờ) cho {wvi}"),
                string.Create(CultureInfo.InvariantCulture, $"the teams' holiday hours for the week (at most {hours} h) are used up for its {wen}"));
        }

        return ("teams-busy", $"không tổ nào rảnh trong {wvi}", $"no team free in its {wen}");
    }

    private (string Code, string Vi, string En) RepeatCause(IReadOnlyList<DateOnly> firstDates)
    {
        var first = firstDates.Count == 0 ? week.Monday : firstDates.Min();
        var later = windows.Where(w => week.DateAt(w.Start) > first).ToList();
        if (later.Count == 0)
        {
            return ("no-later-window", "không còn khung giờ ngày sau trong tuần để thu nhận lại", "no later window this week for a repeat visit");
        }

        var (vi, en) = Describe(later);
        return ("teams-busy", $"không tổ nào rảnh để quay lại thu nhận lại trong {vi}", $"no team free for a repeat visit in its {en}");
    }

    private DayCap CapOf(TeamDay day) => Find(caps, day);

    private int EveningLeft(Team team) => team.MaxEveningHoursPerWeek * 60 - used.GetValueOrDefault(team.Id).EveningMinutes;

    private int HolidayLeft(Team team) => team.MaxHolidayHoursPerWeek * 60 - used.GetValueOrDefault(team.Id).HolidayMinutes;

    private DayCap Find(IReadOnlyList<DayCap> list, TeamDay day)
    {
        for (int v = 0; v < model.Vehicles.Count; v++)
        {
            if (ReferenceEquals(model.Vehicles[v], day))
            {
                return list[v];
            }
        }

        return new DayCap(model.ShiftEnd(day), null);
    }

    /// <summary>
    /// Whether the team-day could serve the session in the window on an otherwise empty day within its own work
    /// window (weekly caps aside): leave at shift start, drive, set up, capture, drive back before the shift ends.
    /// </summary>
    private bool FitsAlone(TeamDay day, AxisWindow w, CaptureSession s)
    {
        var (table, _) = travelOf(day.Team.Profile, day.Date);
        var captureEnd = Math.Max(
            model.ShiftStart(day) + table.SecondsBetween(0, s.Point) + (s.Request.SetupMinutes * 60) + s.CaptureSeconds(day.KitsInUse),
            w.Start + s.CaptureSeconds(model.MinKits));
        return captureEnd <= w.End && captureEnd + table.SecondsBetween(s.Point, 0) <= model.ShiftEnd(day);
    }

    private int Road(TeamDay day, int point) => travelOf(day.Team.Profile, day.Date).Table.SecondsBetween(0, point);

    private bool Overlaps(TeamDay day, AxisWindow w) =>
        week.DateAt(w.Start) == day.Date && model.ShiftStart(day) < w.End && model.ShiftEnd(day) > w.Start;

    private bool IsRest(AxisWindow w) => teamDays.Any(d => d.Date == week.DateAt(w.Start) && d.IsRestDay);

    private bool Reaches(TeamDay day, Site site)
    {
        var (table, _) = travelOf(day.Team.Profile, day.Date);
        var point = model.Sessions.First(s => s.Site.Id == site.Id).Point;
        return table.Reachable(0, point) && table.Reachable(point, 0);
    }

    /// <summary>"khung giờ tối thứ Ba–thứ Năm và khung giờ sáng thứ Bảy" / "evening window on Tue-Thu and morning window on Sat".</summary>
    private (string Vi, string En) Describe(IReadOnlyList<AxisWindow> list)
    {
        var groups = list
            .GroupBy(w => Period(VisitWeek.TimeAt(w.Start)))
            .OrderBy(g => g.Min(w => w.Start))
            .Select(g => (g.Key, Days: VisitDayNames.Ranges(g.Select(w => week.DateAt(w.Start).DayOfWeek))))
            .ToList();
        return (string.Join(" và ", groups.Select(g => $"khung giờ {g.Key.Vi} {g.Days.Vi}")),
            string.Join(" and ", groups.Select(g => $"{g.Key.En} window on {g.Days.En}")));
    }

    private (string Vi, string En) Period(TimeOnly start) =>
        start < new TimeOnly(12, 0) ? ("sáng", "morning")
        : start < options.EveningStarts ? ("chiều", "afternoon")
        : ("tối", "evening");

    private static (string Vi, string En) Road(UnreachableReason? why) => why?.Kind switch
    {
        UnreachableKind.NotSnapped => ("không có đường tới nơi", "no road reaches the site"),
        UnreachableKind.Flood => ($"đường bị ngập ({why.Name})", $"road closed by flood area {why.Name}"),
        UnreachableKind.Closure => ($"đường bị cấm ({why.Name})", $"road closed: {why.Name}"),
        UnreachableKind.Combined => ($"các đoạn đường bị chặn ({why.Name})", $"roads closed together by {why.Name}"),
        _ => ("mạng đường không nối tới nơi", "the road network does not connect it"),
    };

    private static string ProfileVi(VehicleProfile p) => p == VehicleProfile.Motorbike ? "xe máy" : "xe ô tô";

    private static string ProfileEn(VehicleProfile p) => p == VehicleProfile.Motorbike ? "motorbike" : "van";
}
