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
/// team's days could add up to more than its weekly budget, the budget is first shared out over the days by demand
/// (see <see cref="DemandShares"/>); a second run, started from the first plan, gets the budget shared again by what
/// that plan used and where its evening and holiday captures were worth most. Both runs keep every budget. Every solver result is checked by the independent <see cref="FeasibilityChecker"/>.
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
        var ids = new HashSet<long>();
        for (int i = 0; i < input.Requests.Count; i++)
        {
            var r = input.Requests[i];
            if (!ids.Add(r.Id))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"requests[{i}].id = {r.Id}: trùng mã yêu cầu / duplicate request id"), nameof(input));
            }

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
        var teamDays = TeamDay.ForWeek(week, input.Teams, input.Officers, input.Holidays, options);
        var vehicles = teamDays.Where(d => d.Available).ToList();
        var sessions = CaptureSessions.Build([.. requests.Select(r => (r, sites[r.SiteId], pointOfSite[r.SiteId]))], week, options,
            vehicles.Select(v => v.KitsInUse).DefaultIfEmpty(1).Max(), vehicles.Select(v => v.KitsInUse).DefaultIfEmpty(1).Min());

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
        model.PinPublished(input.Published);
        var runs = new List<VisitSolverRun>();
        var natural = model.NaturalCaps;
        var sharing = ExceedsBudgets(model, natural);
        var caps = sharing ? DemandShares(model, natural) : natural;
        var solveStart = options.Clock.GetTimestamp();
        var limit = options.TimeLimit - options.Clock.GetElapsedTime(started);
        // With weekly budgets to share, the first run (shares by demand) shows where evenings and holidays serve most.
        var run = Solve(model.Build(caps), options, sharing ? limit * 0.4 : limit, model.PublishedTrips(), sharing ? "budgets shared by demand" : "week");
        runs.Add(run);
        if (sharing)
        {
            // Every day keeps at least what the first plan used, so that plan stays feasible and the second run starts from it.
            var reshared = ShareBudgets(model, natural, run.Solution);
            var initial = run.Solution.Routes.Select(r => new InitialTrip(r.Vehicle, r.Trip,
                [.. r.Visits.Where(v => v.Kind == VisitKind.Visit).Select(v => v.Index)])).ToList();
            var second = Solve(model.Build(reshared), options, options.TimeLimit - options.Clock.GetElapsedTime(started), initial, "budgets shared by use");
            runs.Add(second);
            if (second.Solution.Cost <= run.Solution.Cost)
            {
                (run, caps) = (second, reshared);
            }
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
            long evening = team.Where(x => !x.v.IsRestDay).Sum(x => (long)Math.Max(0, model.LatestUsefulReturn(x.i, caps[x.i]) - model.EveningStart(x.v)));
            long holiday = team.Where(x => x.v.IsRestDay).Sum(x => (long)Math.Min(caps[x.i].MaxDuration ?? 0, model.LatestUsefulReturn(x.i, caps[x.i]) - model.ShiftStart(x.v)));
            if (evening > t.MaxEveningHoursPerWeek * 3600L || holiday > t.MaxHolidayHoursPerWeek * 3600L)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// First shares of the weekly budgets, from demand: each day's evening demand is the capture time of the sessions
    /// with a window reaching into that evening (split over their evening days), its holiday demand the same for rest
    /// days. The teams' budgets are handed out over the days in proportion to demand, busiest days first, each day
    /// going to the team with most budget left, whole days where possible; what is left goes to the busiest days.
    /// A team whose caps fit its budget anyway keeps them.
    /// </summary>
    private static DayCap[] DemandShares(VisitModel model, IReadOnlyList<DayCap> caps)
    {
        var result = caps.ToArray();
        var eveningDemand = new Dictionary<DateOnly, double>();
        var restDemand = new Dictionary<DateOnly, double>();
        var restDates = model.Vehicles.Where(v => v.IsRestDay).Select(v => v.Date).ToHashSet();
        for (int t = 0; t < model.SessionOfTask.Count; t++)
        {
            var capture = model.Sessions[model.SessionOfTask[t]].CaptureSeconds(model.MinKits);
            var dates = model.TaskWindows[t].Select(w => model.Week.DateAt(w.EndSeconds)).Distinct().ToList();
            var evening = dates.Where(d => !restDates.Contains(d)
                && model.TaskWindows[t].Any(w => model.Week.DateAt(w.EndSeconds) == d && w.EndSeconds > model.Week.Seconds(d, model.Options.EveningStarts))).ToList();
            foreach (var d in evening)
            {
                eveningDemand[d] = eveningDemand.GetValueOrDefault(d) + ((double)capture / evening.Count);
            }

            var rest = dates.Where(restDates.Contains).ToList();
            foreach (var d in rest)
            {
                restDemand[d] = restDemand.GetValueOrDefault(d) + ((double)capture / rest.Count);
            }
        }

        var all = model.Vehicles.Select((v, i) => (v, i)).ToList();
        var eveningDays = all.Where(x => !x.v.IsRestDay)
            .Select(x => (x.i, x.v, Span: Math.Max(0, model.LatestUsefulReturn(x.i, caps[x.i]) - model.EveningStart(x.v)))).ToList();
        var published = model.PublishedUse.Count == model.Vehicles.Count ? model.PublishedUse : [.. model.Vehicles.Select(_ => (0, 0))];
        foreach (var (i, allowance) in ShareByDemand(eveningDays, eveningDemand, t => t.MaxEveningHoursPerWeek * 3600, i => published[i].Evening))
        {
            result[i] = result[i] with { ShiftEnd = model.EveningStart(model.Vehicles[i]) + allowance };
        }

        var restDays = all.Where(x => x.v.IsRestDay)
            .Select(x => (x.i, x.v, Span: Math.Min(caps[x.i].MaxDuration ?? 0, model.LatestUsefulReturn(x.i, caps[x.i]) - model.ShiftStart(x.v)))).ToList();
        foreach (var (i, allowance) in ShareByDemand(restDays, restDemand, t => t.MaxHolidayHoursPerWeek * 3600, i => published[i].Duty))
        {
            result[i] = result[i] with { MaxDuration = allowance };
        }

        return result;
    }

    private static List<(int Index, int Allowance)> ShareByDemand(
        List<(int i, TeamDay v, int Span)> days, Dictionary<DateOnly, double> demand, Func<Team, int> budgetOf, Func<int, int> publishedUse)
    {
        var shared = days.GroupBy(x => x.v.Team.Id).Where(g => g.Sum(x => (long)x.Span) > budgetOf(g.First().v.Team)).ToList();
        var left = shared.ToDictionary(g => g.Key, g => budgetOf(g.First().v.Team));
        var allowance = shared.SelectMany(g => g).ToDictionary(x => x.i, _ => 0);

        // First what the published version used on each day, so its visits still fit.
        foreach (var x in shared.SelectMany(g => g))
        {
            var give = Math.Min(Math.Min(x.Span, publishedUse(x.i)), left[x.v.Team.Id]);
            allowance[x.i] = give;
            left[x.v.Team.Id] -= give;
        }

        var total = demand.Values.Sum();
        var pool = left.Values.Sum();
        var order = demand.Where(d => d.Value > 0).OrderByDescending(d => d.Value).ThenBy(d => d.Key).Select(d => d.Key).ToList();
        foreach (var date in order)
        {
            double quota = total <= 0 ? 0 : demand[date] / total * pool;
            foreach (var x in shared.SelectMany(g => g).Where(x => x.v.Date == date).OrderByDescending(x => left[x.v.Team.Id]).ThenBy(x => x.i))
            {
                if (quota <= 0)
                {
                    break;
                }

                var give = Math.Min(x.Span - allowance[x.i], left[x.v.Team.Id]);
                allowance[x.i] += give;
                left[x.v.Team.Id] -= give;
                quota -= give;
            }
        }

        // Leftover budget: busiest days first, then any day, up to each day's span.
        var rank = order.Select((d, k) => (d, k)).ToDictionary(x => x.d, x => x.k);
        foreach (var x in shared.SelectMany(g => g).OrderBy(x => rank.GetValueOrDefault(x.v.Date, int.MaxValue)).ThenBy(x => x.i))
        {
            var give = Math.Min(x.Span - allowance[x.i], left[x.v.Team.Id]);
            allowance[x.i] += give;
            left[x.v.Team.Id] -= give;
        }

        return [.. allowance.Select(a => (a.Key, a.Value))];
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
                var span = Math.Max(0, model.LatestUsefulReturn(x.i, caps[x.i]) - model.EveningStart(x.v));
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
                var span = Math.Min(caps[x.i].MaxDuration ?? 0, model.LatestUsefulReturn(x.i, caps[x.i]) - model.ShiftStart(x.v));
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
