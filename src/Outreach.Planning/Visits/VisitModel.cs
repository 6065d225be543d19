using System.Globalization;
using Outreach.Domain;
using Outreach.Solver.Model;
using SolverProfile = Outreach.Solver.Model.TravelProfile;

namespace Outreach.Planning.Visits;

/// <summary>A window of a request on the week axis (seconds since Monday 00:00): people are there from Start to End.</summary>
public readonly record struct AxisWindow(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>The latest return and the longest duty of one team-day, the levers that keep weekly hour limits.</summary>
internal readonly record struct DayCap(int ShiftEnd, int? MaxDuration);

/// <summary>
/// The solver model of a week. One vehicle per available (team, day) with that day's work window on the week axis,
/// one task per capture session with the request's windows, links from each first session to its repeat.
/// <para>
/// Capture time depends on the team's kits, but a solver task has one service time. So service is folded into travel:
/// each session has a location of its own, and the travel profile of a (vehicle profile, day weather, kits in use)
/// key charges, on the arc into a session, the road travel, the set-up (unless the previous stop is a session at the
/// same site: the kit is already set up) and the session's capture with that many kits; the arc back to the station
/// is road travel only. The solver's "start" of a session is therefore the END of its capture, its window is
/// [window start + capture with the fewest kits of the week, window end], and any waiting falls before the capture.
/// A faster team still starts capturing no earlier than the window opens; it may lose up to the difference of the two
/// capture times at the start of a window (sessions are short, so little).
/// </para>
/// </summary>
internal sealed class VisitModel
{
    private readonly VisitWeek _week;
    private readonly VisitPlanningOptions _options;
    private readonly List<SolverProfile> _profiles = [];
    private readonly Dictionary<(VehicleProfile, string, int), int> _profileIndex = [];
    private int?[]? _longestHome;

    public VisitModel(
        VisitWeek week, VisitPlanningOptions options, IReadOnlyList<CaptureSession> sessions,
        IReadOnlyDictionary<long, IReadOnlyList<AxisWindow>> windows, IReadOnlyList<TeamDay> vehicles,
        Func<TeamDay, (TravelTable Table, string WeatherKey)> travelOf)
    {
        _week = week;
        _options = options;
        Sessions = sessions;
        TravelOf = travelOf;
        MinKits = vehicles.Count == 0 ? 1 : vehicles.Min(v => v.KitsInUse);

        // Sessions whose capture fits in at least one window get a task; the others stay out (and are explained).
        var taskOf = new int[sessions.Count];
        var taskSession = new List<int>();
        var taskWindows = new List<IReadOnlyList<TimeWindow>>();
        foreach (var s in sessions)
        {
            var capture = s.CaptureSeconds(MinKits);
            var fitting = windows.GetValueOrDefault(s.Request.Id, [])
                .Where(w => w.Start + capture <= w.End)
                .Select(w => new TimeWindow(w.Start + capture, w.End))
                .ToList();
            if (fitting.Count == 0 || vehicles.Count == 0)
            {
                taskOf[s.Index] = -1;
                continue;
            }

            taskOf[s.Index] = taskSession.Count;
            taskSession.Add(s.Index);
            taskWindows.Add(fitting);
        }

        TaskOfSession = taskOf;
        SessionOfTask = [.. taskSession];
        TaskWindows = taskWindows;

        // A team-day can only be used for windows on its own date within its work window: days without any stay out
        // of the model (a smaller search), and a day's evening and holiday use is bounded by its latest window.
        var latest = new Dictionary<DateOnly, int>();
        foreach (var w in taskWindows.SelectMany(x => x))
        {
            var date = week.DateAt(w.EndSeconds);
            latest[date] = Math.Max(latest.GetValueOrDefault(date, int.MinValue), w.EndSeconds);
        }

        LatestWindowEnd = latest;

        Vehicles = [.. vehicles.Where(v => taskWindows.SelectMany(x => x).Any(w =>
            week.DateAt(w.EndSeconds) == v.Date && w.EndSeconds > ShiftStart(v) && w.StartSeconds < ShiftEnd(v)))];

        // Natural caps: evening hours of one day at most the week's budget; duty on a rest day at most the holiday budget.
        NaturalCaps = [.. Vehicles.Select(v => new DayCap(
            v.IsRestDay ? ShiftEnd(v) : Math.Min(ShiftEnd(v), EveningStart(v) + (v.Team.MaxEveningHoursPerWeek * 3600)),
            v.IsRestDay ? Math.Min(ShiftEnd(v) - ShiftStart(v), v.Team.MaxHolidayHoursPerWeek * 3600) : null))];
    }

    /// <summary>Latest end (axis seconds) of any task window per date.</summary>
    public IReadOnlyDictionary<DateOnly, int> LatestWindowEnd { get; }

    /// <summary>
    /// The latest the vehicle can be back given its windows: its day's latest window end plus the longest drive home
    /// from any session, but never after its cap. Bounds its evening and holiday use.
    /// </summary>
    public int LatestUsefulReturn(int vehicle, DayCap cap)
    {
        var day = Vehicles[vehicle];
        _longestHome ??= new int?[Vehicles.Count];
        var home = _longestHome[vehicle] ??= LongestHome(TravelOf(day).Table);
        return Math.Min(cap.ShiftEnd, LatestWindowEnd.GetValueOrDefault(day.Date, ShiftStart(day)) + home);
    }

    public VisitWeek Week => _week;

    public VisitPlanningOptions Options => _options;

    public IReadOnlyList<CaptureSession> Sessions { get; }

    public IReadOnlyList<TeamDay> Vehicles { get; }

    public Func<TeamDay, (TravelTable Table, string WeatherKey)> TravelOf { get; }

    /// <summary>Fewest kits any team-day of the week captures with (sizes the windows, see the class remarks).</summary>
    public int MinKits { get; }

    /// <summary>Task index of each session, or -1 when no window of the session fits its capture.</summary>
    public IReadOnlyList<int> TaskOfSession { get; }

    public IReadOnlyList<int> SessionOfTask { get; }

    public IReadOnlyList<IReadOnlyList<TimeWindow>> TaskWindows { get; }

    public IReadOnlyList<DayCap> NaturalCaps { get; }

    /// <summary>Vehicle index each pinned session must stay on (published visits), by session index.</summary>
    public IReadOnlyDictionary<int, int> Pins { get; private set; } = new Dictionary<int, int>();

    /// <summary>
    /// Keeps the visits of a published version with their team and day: for each stored visit stop, sessions of the
    /// same request and kind holding no more people than it served are pinned to that team-day, provided the day is
    /// still one of the session's window days and the team still goes out.
    /// </summary>
    public void PinPublished(PlanContent? published)
    {
        var pins = new Dictionary<int, int>();
        var order = new List<int>();
        if (published is not null)
        {
            foreach (var stop in published.Stops
                .Where(s => s.Kind == StopKind.Visit && s.VisitRequestId is not null && s.ServedCount > 0)
                .OrderBy(s => s.Date).ThenBy(s => s.ResourceId).ThenBy(s => s.Sequence))
            {
                var vehicle = -1;
                for (int v = 0; v < Vehicles.Count; v++)
                {
                    if (Vehicles[v].Team.Id == stop.ResourceId && Vehicles[v].Date == stop.Date)
                    {
                        vehicle = v;
                    }
                }

                if (vehicle < 0)
                {
                    continue;
                }

                // The same sessions again where the request is unchanged: those whose people fit in what the stop captured.
                var left = stop.ServedByCategory ?? default;
                var count = stop.ServedCount;
                foreach (var s in Sessions.Where(s => s.Request.Id == stop.VisitRequestId && s.IsRepeat == stop.IsRepeatVisit && !pins.ContainsKey(s.Index)))
                {
                    var task = TaskOfSession[s.Index];
                    if (count <= 0)
                    {
                        break;
                    }

                    var fits = stop.ServedByCategory is null
                        ? s.Count <= count
                        : s.People.NonZero().All(c => c.Count <= left[c.Category]);
                    if (task < 0 || !fits || !TaskWindows[task].Any(w => _week.DateAt(w.EndSeconds) == stop.Date))
                    {
                        continue;
                    }

                    pins[s.Index] = vehicle;
                    order.Add(s.Index);
                    count -= s.Count;
                    foreach (var (category, n) in s.People.NonZero())
                    {
                        left = left.Add(category, -n);
                    }
                }
            }
        }

        Pins = pins;
        PinnedOrder = order;

        // What each team-day of the published version used, so shared budgets leave room for it.
        var use = new (int Evening, int Duty)[Vehicles.Count];
        for (int v = 0; v < Vehicles.Count && published is not null; v++)
        {
            var day = published.Stops.Where(s => s.ResourceKind == PlanResourceKind.Team && s.ResourceId == Vehicles[v].Team.Id && s.Date == Vehicles[v].Date).ToList();
            if (day.Count == 0)
            {
                continue;
            }

            var leave = _week.SecondsOf(day.Min(s => s.Departure));
            var back = _week.SecondsOf(day.Max(s => s.Arrival));
            use[v] = (Math.Max(0, back - Math.Max(leave, EveningStart(Vehicles[v]))), Math.Max(0, back - leave));
        }

        PublishedUse = use;
    }

    /// <summary>Evening and duty seconds each team-day used in the published version (zero without one).</summary>
    public IReadOnlyList<(int Evening, int Duty)> PublishedUse { get; private set; } = [];

    /// <summary>Pinned sessions in the published visiting order (by day, team and stop).</summary>
    public IReadOnlyList<int> PinnedOrder { get; private set; } = [];

    /// <summary>The published routes as a starting point for the search: pinned sessions per vehicle, in published order.</summary>
    public IReadOnlyList<Solver.Routing.InitialTrip> PublishedTrips() =>
        [.. PinnedOrder.GroupBy(s => Pins[s]).Select(g => new Solver.Routing.InitialTrip(g.Key, 0, [.. g.Select(s => TaskOfSession[s])]))];

    public int ShiftStart(TeamDay v) => _week.Seconds(v.Date, v.Team.WorkStart);

    public int ShiftEnd(TeamDay v) => _week.Seconds(v.Date, v.Team.WorkEnd);

    /// <summary>When evening hours begin on the vehicle's day (its shift start when it starts later).</summary>
    public int EveningStart(TeamDay v) => Math.Max(ShiftStart(v), _week.Seconds(v.Date, _options.EveningStarts));

    private const string MotorbikeSkill = "motorbike";

    public static int Location(CaptureSession session) => session.Index + 1;

    private static string DaySkill(int day) => string.Create(CultureInfo.InvariantCulture, $"not-{day}");

    private int LongestHome(TravelTable table) =>
        Sessions.Select(s => table.SecondsBetween(s.Point, 0)).Where(x => x >= 0).DefaultIfEmpty(0).Max();

    public RoutingModel Build(IReadOnlyList<DayCap> caps)
    {
        var builder = new RoutingModelBuilder(dimensionCount: 0);
        var profileOfVehicle = EnsureProfiles();
        foreach (var p in _profiles)
        {
            builder.AddProfile(p);
        }

        // Skills only prune the search (the windows and matrices already forbid the same): a session needs "not-d" for
        // every day d without one of its windows, and a team-day has "not-d" for every day but its own, so only
        // team-days of the session's days are tried; a site no van reaches on any day needs "motorbike".
        var vanReaches = new HashSet<int>();
        foreach (var van in Vehicles.Where(v => v.Team.Profile == VehicleProfile.Van).Select(v => TravelOf(v).Table).Distinct())
        {
            foreach (var s in Sessions.Where(s => van.Reachable(0, s.Point) && van.Reachable(s.Point, 0)))
            {
                vanReaches.Add(s.Point);
            }
        }

        for (int t = 0; t < SessionOfTask.Count; t++)
        {
            var s = Sessions[SessionOfTask[t]];
            var days = TaskWindows[t].Select(w => _week.DayIndex(_week.DateAt(w.EndSeconds))).ToHashSet();
            var skills = Enumerable.Range(0, 7).Where(d => !days.Contains(d)).Select(DaySkill).ToList();
            if (!vanReaches.Contains(s.Point))
            {
                skills.Add(MotorbikeSkill);
            }

            builder.AddTask(new TaskSpec
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"req{s.Request.Id}-{(s.IsRepeat ? "repeat" : "session")}{s.Index}"),
                Pickup = new StopSpec(Location(s), 0, TaskWindows[t]),
                DropPenalty = s.DropPenalty,
                Skills = skills,
                Pin = Pins.TryGetValue(s.Index, out var vehicle) ? new TaskPin(vehicle) : null,
            });
        }

        for (int v = 0; v < Vehicles.Count; v++)
        {
            var day = Vehicles[v];
            builder.AddVehicle(new VehicleSpec
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"team{day.Team.Id}-{day.Date:yyyyMMdd}"),
                StartLocation = 0,
                EndLocation = 0,
                Shift = new TimeWindow(ShiftStart(day), Math.Max(ShiftStart(day), caps[v].ShiftEnd)),
                MaxDurationSeconds = Math.Min(caps[v].MaxDuration ?? int.MaxValue, _options.MaxDutyHoursPerDay * 3600),
                FixedCost = day.IsRestDay ? _options.RestDayTeamCost : 0,
                CostPerSecond = _options.CostPerSecond,
                CostPerMetre = 1,
                Profile = profileOfVehicle[v],
                Skills = [.. Enumerable.Range(0, 7).Where(d => d != _week.DayIndex(day.Date)).Select(DaySkill)
                    .Concat(day.Team.Profile == VehicleProfile.Motorbike ? [MotorbikeSkill] : [])],
            });
        }

        var gap = _options.RepeatMinGapHours * 3600;
        foreach (var s in Sessions)
        {
            if (s.RepeatOf is int first && TaskOfSession[s.Index] >= 0 && TaskOfSession[first] >= 0)
            {
                builder.AddLink(new TaskLink(TaskOfSession[first], TaskOfSession[s.Index], gap));
            }
        }

        return builder.Build();
    }

    /// <summary>Builds the folded travel profiles once (they do not depend on the caps); returns each vehicle's profile.</summary>
    private int[] EnsureProfiles()
    {
        var profileOfVehicle = new int[Vehicles.Count];
        var metresCache = new Dictionary<(VehicleProfile, string), Matrix>();
        for (int v = 0; v < Vehicles.Count; v++)
        {
            var day = Vehicles[v];
            var (table, weatherKey) = TravelOf(day);
            var key = (day.Team.Profile, weatherKey, day.KitsInUse);
            if (!_profileIndex.TryGetValue(key, out var index))
            {
                if (!metresCache.TryGetValue((day.Team.Profile, weatherKey), out var metres))
                {
                    metres = _profiles.FirstOrDefault(p => p.Name.StartsWith(MetresKey(day.Team.Profile, weatherKey), StringComparison.Ordinal))?.Metres
                        ?? new Matrix(Sessions.Count + 1, MetresMatrix(table));
                    metresCache[(day.Team.Profile, weatherKey)] = metres;
                }

                var name = string.Create(CultureInfo.InvariantCulture, $"{MetresKey(day.Team.Profile, weatherKey)}kits {day.KitsInUse}");
                index = _profiles.Count;
                _profiles.Add(new SolverProfile(name, new Matrix(Sessions.Count + 1, SecondsMatrix(table, day.KitsInUse)), metres));
                _profileIndex[key] = index;
            }

            profileOfVehicle[v] = index;
        }

        if (_profiles.Count == 0)
        {
            // No vehicle at all: one empty profile keeps the model valid (everything is reported unserved).
            var empty = new Matrix(Sessions.Count + 1, new int[(Sessions.Count + 1) * (Sessions.Count + 1)]);
            _profiles.Add(new SolverProfile("none", empty, empty));
        }

        return profileOfVehicle;
    }

    private static string MetresKey(VehicleProfile profile, string weatherKey) => $"{profile}|{weatherKey}|";

    private int PointOf(int location) => location == 0 ? 0 : Sessions[location - 1].Point;

    private int[] MetresMatrix(TravelTable table)
    {
        int n = Sessions.Count + 1;
        var values = new int[n * n];
        for (int from = 0; from < n; from++)
        {
            int pf = PointOf(from);
            for (int to = 0; to < n; to++)
            {
                values[(from * n) + to] = from == to ? 0 : table.MetresBetween(pf, PointOf(to));
            }
        }

        return values;
    }

    /// <summary>Road seconds, plus set-up and capture with <paramref name="kits"/> on arcs into a session (see the class remarks).</summary>
    private int[] SecondsMatrix(TravelTable table, int kits)
    {
        int n = Sessions.Count + 1;
        var values = new int[n * n];
        var capture = new int[n];
        var setup = new int[n];
        var site = new long[n];
        site[0] = -1;
        for (int l = 1; l < n; l++)
        {
            var s = Sessions[l - 1];
            capture[l] = s.CaptureSeconds(kits);
            setup[l] = Math.Max(0, s.Request.SetupMinutes) * 60;
            site[l] = s.Site.Id;
        }

        for (int from = 0; from < n; from++)
        {
            int pf = PointOf(from);
            for (int to = 0; to < n; to++)
            {
                if (from == to)
                {
                    continue;
                }

                int road = table.SecondsBetween(pf, PointOf(to));
                values[(from * n) + to] = road < 0 ? Matrix.Unreachable
                    : to == 0 ? road
                    : road + (site[from] == site[to] ? 0 : setup[to]) + capture[to];
            }
        }

        return values;
    }
}
