using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo.Fallback;
using Outreach.Geo.Matrices;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;
using GeoProfile = Outreach.Geo.Roads.TravelProfile;
using GeoWeather = Outreach.Geo.Weather.WeatherState;

namespace Outreach.Planning.Visits;

/// <summary>
/// Plans a station's week of mobile-team visits: which team goes where, on which day, at what time, serving how
/// many. Pure (no IO): the facts come in as a <see cref="VisitPlanningInput"/>, the plan goes out as a
/// <see cref="WeekVisitPlan"/>; travel comes from Geo matrices computed with each day's weather.
/// <para>
/// Model (see <see cref="VisitModel"/>): one solver vehicle per available (team, day) with that day's work window on
/// a week-long axis, one optional task per capture session (requests are split into sessions of about half an hour, see
/// <see cref="CaptureSessions"/>) with the request's windows of the week, drop penalties from priority x category x
/// deadline x people (so serving people always wins over travel), links from each first session to the repeat that
/// retries its expected failures at least <see cref="VisitPlanningOptions.RepeatMinGapHours"/> later.
/// </para>
/// <para>
/// Weekly limits: evening hours cap each day's return, holiday hours cap each rest day's duty. When the caps of a
/// team's days could add up to more than its weekly budget, a first run with per-day caps shows where evenings and
/// holidays serve most; the budget is then shared out over the days in that order and a second run, started from
/// the first plan, keeps to it. Every solver result is checked by the independent <see cref="FeasibilityChecker"/>.
/// </para>
/// Thread-safe if the <see cref="MatrixCache"/> is (it is).
/// </summary>
public sealed class WeekVisitPlanner(MatrixCache? cache = null)
{
    private readonly MatrixCache _cache = cache ?? new MatrixCache();

    public WeekVisitPlan Plan(VisitPlanningInput input, VisitPlanningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= VisitPlanningOptions.Default;
        var week = new VisitWeek(input.Monday);
        var started = options.Clock.GetTimestamp();

        var sites = new Dictionary<long, Site>();
        foreach (var site in input.Sites)
        {
            sites.TryAdd(site.Id, site);
        }

        var requests = new List<VisitRequest>();
        for (int i = 0; i < input.Requests.Count; i++)
        {
            var r = input.Requests[i];
            if (r.Status != VisitRequestStatus.Open || r.ApplicantCount <= 0)
            {
                continue;
            }

            if (!sites.ContainsKey(r.SiteId))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"requests[{i}].siteId = {r.SiteId}: không có địa điểm này / no such site"), nameof(input));
            }

            requests.Add(r);
        }

        // Points of the travel tables: the station, then each visited site once.
        var pointOfSite = new Dictionary<long, int>();
        var points = new List<Coordinate> { new(input.Station.CollectionPointLocation.Longitude, input.Station.CollectionPointLocation.Latitude) };
        var terrain = new List<TerrainClass> { input.StationTerrain };
        foreach (var r in requests)
        {
            if (!pointOfSite.ContainsKey(r.SiteId))
            {
                var site = sites[r.SiteId];
                pointOfSite[r.SiteId] = points.Count;
                points.Add(new Coordinate(site.Location.Longitude, site.Location.Latitude));
                terrain.Add(input.SiteTerrain.GetValueOrDefault(site.Id, TerrainClass.Rural));
            }
        }

        var windows = requests.ToDictionary(r => r.Id, r => (IReadOnlyList<AxisWindow>)WindowsInWeek(r, week));
        var sessions = CaptureSessions.Build([.. requests.Select(r => (r, sites[r.SiteId], pointOfSite[r.SiteId]))], week, options);
        var teamDays = TeamDay.ForWeek(week, input.Teams, input.Officers, input.Holidays, options);
        var vehicles = teamDays.Where(d => d.Available).ToList();

        var weatherOfDate = week.Dates.ToDictionary(d => d, d => VisitWeather.ToGeo(input.Weather.FirstOrDefault(w => w.Date == d)));
        var tables = new Dictionary<(GeoProfile, string), TravelTable>();
        (TravelTable Table, string WeatherKey) TravelOf(VehicleProfile profile, DateOnly date)
        {
            var weather = weatherOfDate[date];
            var geoProfile = profile == VehicleProfile.Motorbike ? GeoProfile.Motorbike : GeoProfile.Van;
            var key = (geoProfile, weather.Fingerprint);
            if (!tables.TryGetValue(key, out var table))
            {
                var snap = profile == VehicleProfile.Motorbike ? options.MotorbikeSnap : options.VanSnap;
                table = VisitTravel.Compute(_cache, input.Network, geoProfile, weather, points, terrain, snap);
                tables[key] = table;
            }

            return (table, weather.Fingerprint);
        }

        var model = new VisitModel(week, options, sessions, windows, vehicles, d => TravelOf(d.Team.Profile, d.Date));
        var runs = new List<VisitSolverRun>();
        var caps = model.NaturalCaps;
        var twoPhases = ExceedsBudgets(model, caps);
        var routing = model.Build(caps);
        var solveStart = options.Clock.GetTimestamp();
        var limit = options.TimeLimit - options.Clock.GetElapsedTime(started);
        var run = Solve(routing, options, twoPhases ? limit / 2 : limit, [], twoPhases ? "per-day caps" : "week");
        runs.Add(run);
        if (twoPhases)
        {
            caps = ShareBudgets(model, caps, run.Solution);
            routing = model.Build(caps);
            var initial = run.Solution.Routes.Select(r => new InitialTrip(r.Vehicle, r.Trip,
                [.. r.Visits.Where(v => v.Kind == VisitKind.Visit).Select(v => v.Index)])).ToList();
            run = Solve(routing, options, options.TimeLimit - options.Clock.GetElapsedTime(started), initial, "weekly budgets");
            runs.Add(run);
        }

        var solveTime = options.Clock.GetElapsedTime(solveStart);
        return new VisitPlanReader(week, input.Station, options, model, caps, run.Solution, requests, sites, windows, teamDays, TravelOf)
            .Read(runs, solveTime, TravelSource(tables.Values));
    }

    /// <summary>Windows of the request inside the week and not after its deadline, on the axis, sorted and merged.</summary>
    public static IReadOnlyList<AxisWindow> WindowsInWeek(VisitRequest request, VisitWeek week)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(week);
        var list = request.Windows
            .Where(w => week.Contains(w.Date) && (request.Deadline is null || w.Date <= request.Deadline) && w.End > w.Start)
            .Select(w => new AxisWindow(week.Seconds(w.Date, w.Start), week.Seconds(w.Date, w.End)))
            .OrderBy(w => w.Start)
            .ToList();
        var merged = new List<AxisWindow>();
        foreach (var w in list)
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, w.End) };
            }
            else
            {
                merged.Add(w);
            }
        }

        return merged;
    }

    private static VisitSolverRun Solve(RoutingModel model, VisitPlanningOptions options, TimeSpan limit, IReadOnlyList<InitialTrip> initial, string phase)
    {
        var start = options.Clock.GetTimestamp();
        var solution = RoutingSolver.Solve(model, new SearchOptions
        {
            Seed = options.Seed,
            MaxIterations = options.MaxIterations,
            TimeLimit = limit < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : limit,
            Clock = options.Clock,
            Parallelism = Math.Max(1, options.Parallelism),
            InitialTrips = initial,
        });
        return new VisitSolverRun(phase, model, solution, FeasibilityChecker.Check(model, solution), options.Clock.GetElapsedTime(start));
    }

    /// <summary>True when some team's day caps could add up to more evening or holiday hours than its week allows.</summary>
    private static bool ExceedsBudgets(VisitModel model, IReadOnlyList<DayCap> caps)
    {
        foreach (var team in model.Vehicles.Select((v, i) => (v, i)).GroupBy(x => x.v.Team.Id))
        {
            var t = team.First().v.Team;
            long evening = team.Where(x => !x.v.IsRestDay).Sum(x => (long)Math.Max(0, caps[x.i].ShiftEnd - model.EveningStart(x.v)));
            long holiday = team.Where(x => x.v.IsRestDay).Sum(x => (long)(caps[x.i].MaxDuration ?? 0));
            if (evening > t.MaxEveningHoursPerWeek * 3600L || holiday > t.MaxHolidayHoursPerWeek * 3600L)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Shares each team's weekly evening (and holiday) budget over its days: first what the previous plan used, days
    /// with the most valuable evening (holiday) captures first, then what is left, in the same order, up to each day's
    /// own cap. The new caps of a team never add up to more than its budget.
    /// </summary>
    private static DayCap[] ShareBudgets(VisitModel model, IReadOnlyList<DayCap> caps, RoutingSolution previous)
    {
        var routes = previous.Routes.ToDictionary(r => r.Vehicle);
        var result = caps.ToArray();
        foreach (var team in model.Vehicles.Select((v, i) => (v, i)).GroupBy(x => x.v.Team.Id))
        {
            var t = team.First().v.Team;
            var weekdays = team.Where(x => !x.v.IsRestDay).ToList();
            var evening = weekdays.Select(x =>
            {
                var span = Math.Max(0, caps[x.i].ShiftEnd - model.EveningStart(x.v));
                var (used, value) = routes.TryGetValue(x.i, out var r) ? Use(model, r, model.EveningStart(x.v)) : (0, 0.0);
                return (x.i, Span: span, Used: Math.Min(used, span), Value: value);
            }).ToList();
            if (evening.Sum(e => (long)e.Span) > t.MaxEveningHoursPerWeek * 3600L)
            {
                foreach (var (i, allowance) in Share(evening, t.MaxEveningHoursPerWeek * 3600))
                {
                    result[i] = result[i] with { ShiftEnd = model.EveningStart(model.Vehicles[i]) + allowance };
                }
            }

            var rest = team.Where(x => x.v.IsRestDay).Select(x =>
            {
                var span = caps[x.i].MaxDuration ?? 0;
                var (used, value) = routes.TryGetValue(x.i, out var r) ? Use(model, r, int.MinValue) : (0, 0.0);
                return (x.i, Span: span, Used: Math.Min(used, span), Value: value);
            }).ToList();
            if (rest.Sum(e => (long)e.Span) > t.MaxHolidayHoursPerWeek * 3600L)
            {
                foreach (var (i, allowance) in Share(rest, t.MaxHolidayHoursPerWeek * 3600))
                {
                    result[i] = result[i] with { MaxDuration = allowance };
                }
            }
        }

        return result;
    }

    /// <summary>Seconds of the route after <paramref name="from"/> (its whole duty for int.MinValue) and the value captured then.</summary>
    private static (int Used, double Value) Use(VisitModel model, RoutePlan route, int from)
    {
        var leave = route.Visits[0].DepartureSeconds;
        var back = route.Visits[^1].ArrivalSeconds;
        var used = Math.Max(0, back - Math.Max(leave, from));
        var value = route.Visits.Where(v => v.Kind == VisitKind.Visit && v.StartSeconds > from)
            .Sum(v => model.Sessions[model.SessionOfTask[v.Index]].Value);
        return (used, value);
    }

    private static IEnumerable<(int Index, int Allowance)> Share(List<(int i, int Span, int Used, double Value)> days, int budget)
    {
        var order = days.OrderByDescending(d => d.Value).ThenByDescending(d => d.Used).ThenBy(d => d.i).ToList();
        var allowance = new Dictionary<int, int>();
        var left = budget;
        foreach (var d in order)
        {
            var give = Math.Min(d.Used, left);
            allowance[d.i] = give;
            left -= give;
        }

        foreach (var d in order)
        {
            var give = Math.Min(d.Span - allowance[d.i], left);
            allowance[d.i] += give;
            left -= give;
        }

        return allowance.Select(a => (a.Key, a.Value));
    }

    private static string TravelSource(IEnumerable<TravelTable> tables) =>
        string.Join("; ", tables.Select(t => t.Source).Distinct());
}
