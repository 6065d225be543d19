using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo;
using Outreach.Geo.Fallback;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Planning.Visits;
using Outreach.Solver.Solutions;
using DomainWeather = Outreach.Domain.WeatherState;

namespace Outreach.Bench.Visits;

/// <summary>Parameters of a generated province-sized week.</summary>
/// <param name="MapFolder">Map folder with roads.geojson and pois.geojson (Andorra: a real routable network standing in for a Vietnamese province).</param>
/// <param name="Sites">Visit requests (one site each).</param>
/// <param name="Teams">Mobile teams of the station.</param>
/// <param name="Seed">Seed of the generator and the search.</param>
/// <param name="Seconds">Search time budget.</param>
/// <param name="Threads">Parallel searches.</param>
/// <param name="Iterations">Iteration limit per solver run (reproducible runs), or null.</param>
public sealed record VisitBenchmarkOptions(string MapFolder, int Sites, int Teams, long Seed, double Seconds, int Threads, long? Iterations);

/// <summary>Figures of one visit benchmark run.</summary>
public sealed record VisitBenchmarkResult(
    string Scenario, int Sites, int Teams, int Applicants, int Planned, int Visits, int RepeatVisits, double Km, double MatrixSeconds,
    double SolveSeconds, double TotalSeconds, int Sessions, long Iterations, int CheckerErrors, IReadOnlyList<(int Priority, int Planned, int Total)> ByPriority)
{
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"visits bench: {Scenario} {Sites} sites {Teams} teams: served {Planned}/{Applicants} ({100.0 * Planned / Math.Max(1, Applicants):0.0} %), {Visits} visits + {RepeatVisits} repeat visits, {Km:0} km, {Sessions} sessions, plan {TotalSeconds:0.0} s (matrices {MatrixSeconds:0.0} s, search {SolveSeconds:0.0} s), {Environment.ProcessorCount} cores, checker {(CheckerErrors == 0 ? "ok" : $"{CheckerErrors} errors")}");
}

/// <summary>
/// `outreach bench visits`: generates a province-sized week of visit requests on a real road network (seeded), plans
/// it with <see cref="WeekVisitPlanner"/> and reports served applicants by priority, visits, repeat visits, km and
/// the independent checker's verdict; and the Thanh Hóa-style care-centre Sunday (81 residents) on the Quảng Xương
/// outline. Not thread-safe to run concurrently with itself (it times the process).
/// </summary>
public static class VisitBenchmark
{
    /// <summary>The generated week: Monday 31 August 2026, with the National Day holidays on Tuesday 1 and Wednesday 2 September.</summary>
    public static readonly DateOnly ProvinceMonday = new(2026, 8, 31);

    public static VisitBenchmarkResult RunProvince(VisitBenchmarkOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        var network = RoadNetwork.Load(options.MapFolder) ?? throw new FileNotFoundException($"no roads.geojson in {options.MapFolder}");
        var input = GenerateProvince(options, network);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated: {options.Sites} sites on {Path.GetFileName(options.MapFolder.TrimEnd('/', '\\'))} (real OpenStreetMap roads standing in for a province; names and demand are generated), {options.Teams} teams, week {ProvinceMonday:yyyy-MM-dd} with holidays 01-02/09, rain Tue-Wed, seed {options.Seed}; load {watch.Elapsed.TotalSeconds:0.0} s"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demand: {input.Requests.Sum(r => r.ApplicantCount)} applicants, {input.Requests.Sum(r => r.Applicants.Sum(a => a.Count * a.CaptureMinutesPerPerson)) / 60.0:0} capture hours at one kit; teams: {input.Teams.Count(t => t.Profile == VehicleProfile.Van)} vans, {input.Teams.Count(t => t.Profile == VehicleProfile.Motorbike)} motorbikes, {input.Teams.Sum(t => t.KitCount)} kits"));
        return Plan("province", input, options, log, itineraries: false);
    }

    /// <summary>
    /// Operation 1 of DOMAIN.md: a social protection centre in Quảng Hợp commune (Quảng Xương, Thanh Hóa), 81 residents
    /// to capture on a Sunday with doctors and relatives present (07:30-11:30 and 13:30-17:00), slow capture (25 min,
    /// 45 min for the 9 bedridden), 15 % expected failures. Three teams with two kits each (the district police and the
    /// province's PC06 office). No
    /// road data exists for Thanh Hóa, so travel is estimated on the outline (and labelled so); the centre's position is
    /// illustrative, inside the district outline.
    /// </summary>
    public static VisitPlanningInput ThanhHoaSunday(string mapsRoot)
    {
        ArgumentNullException.ThrowIfNull(mapsRoot);
        var outline = GeoJsonReader.ReadFile(Path.Combine(mapsRoot, "thanh-hoa", "boundaries.geojson")).Features
            .First(f => f.GetString("name")?.Contains("Quảng Xương", StringComparison.Ordinal) == true).Geometry;
        var inside = outline.InteriorPoint.Coordinate;
        var env = outline.EnvelopeInternal;
        // The district police sit near the middle of the district; the centre towards its coast (both illustrative).
        var stationAt = inside;
        var centreAt = Inside(outline, new Coordinate(inside.X + (env.Width * 0.2), inside.Y - (env.Height * 0.1))) ?? inside;
        var station = new Station(1, "Công an huyện Quảng Xương (minh họa)", "406", "Huyện Quảng Xương", null, null,
            "Điểm thu nhận Công an huyện", new GeoPoint(stationAt.X, stationAt.Y), null, 2, 5, 45, 60, "thanh-hoa", []);
        var centre = new Site(10, 1, "Trung tâm Bảo trợ xã hội tỉnh (Quảng Hợp, minh họa)", SiteKind.CareCentre,
            new GeoPoint(centreAt.X, centreAt.Y), null, true, "Vị trí minh họa");
        var sunday = new DateOnly(2026, 3, 8);
        var request = new VisitRequest(100, 1, 10,
            [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 9, 45), new ApplicantGroup(ApplicantCategory.CareCentreResident, 72, 25)],
            SetupMinutes: 40,
            [new AvailabilityWindow(sunday, new TimeOnly(7, 30), new TimeOnly(11, 30)), new AvailabilityWindow(sunday, new TimeOnly(13, 30), new TimeOnly(17, 0))],
            RequiredPresence.Doctor | RequiredPresence.Relative, Priority: 4, Deadline: sunday.AddDays(21), ExpectedFailureShare: 0.15,
            VisitRequestStatus.Open, "Chủ nhật: bác sĩ và người thân có mặt", "Phòng Công tác xã hội", null);
        var teams = Enumerable.Range(1, 3)
            .Select(t => new Team(t, 1, $"Tổ lưu động {t}", [], null, VehicleProfile.Van, 2, new TimeOnly(6, 30), new TimeOnly(18, 30), 4, 11))
            .ToList();
        return new VisitPlanningInput
        {
            Station = station,
            Monday = sunday.AddDays(-6),
            Requests = [request],
            Sites = [centre],
            Teams = teams,
            SiteTerrain = new Dictionary<long, TerrainClass> { [10] = TerrainClass.Rural },
            StationTerrain = TerrainClass.Rural,
        };
    }

    public static VisitBenchmarkResult RunThanhHoa(string mapsRoot, VisitBenchmarkOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var input = ThanhHoaSunday(mapsRoot);
        log.WriteLine("scenario: Thanh Hóa care-centre Sunday 08/03/2026: 81 residents (9 bedridden at 45 min, 72 at 25 min), doctors and relatives 07:30-11:30 and 13:30-17:00, 3 teams x 2 kits; travel estimated on the Quảng Xương outline, positions illustrative");
        return Plan("thanh-hoa", input, options, log, itineraries: true);
    }

    /// <summary>Plans <paramref name="input"/> and prints the figures (and every itinerary when asked).</summary>
    public static VisitBenchmarkResult Plan(string scenario, VisitPlanningInput input, VisitBenchmarkOptions options, TextWriter log, bool itineraries)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        var plan = new WeekVisitPlanner(new MatrixCache()).Plan(input, VisitPlanningOptions.Default with
        {
            TimeLimit = TimeSpan.FromSeconds(options.Seconds),
            MaxIterations = options.Iterations,
            Seed = options.Seed,
            Parallelism = Math.Max(1, options.Threads),
        });
        var total = watch.Elapsed.TotalSeconds;
        var solve = plan.Figures.SolveTime.TotalSeconds;
        // Independent check of every solver run, again, outside the planner.
        var errors = plan.SolverRuns.Sum(r => FeasibilityChecker.Check(r.Model, r.Solution).Count);
        Report(plan, log, itineraries);
        var byPriority = plan.Coverage.GroupBy(c => c.Request.Priority).OrderByDescending(g => g.Key)
            .Select(g => (g.Key, g.Sum(c => c.Planned), g.Sum(c => c.Total))).ToList();
        var f = plan.Figures;
        return new VisitBenchmarkResult(scenario, input.Requests.Count, input.Teams.Count, f.Applicants, f.Planned, f.Visits, f.RepeatVisits,
            f.Metres / 1000.0, total - solve, solve, total, f.Sessions, f.Iterations, errors, byPriority);
    }

    public static void Report(WeekVisitPlan plan, TextWriter log, bool itineraries)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(log);
        var f = plan.Figures;
        log.WriteLine($"travel: {f.TravelSource}");
        foreach (var run in plan.SolverRuns)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"solver run '{run.Phase}': {run.Elapsed.TotalSeconds:0.0} s, {run.Solution.Iterations} iterations, {run.Model.Tasks.Count} tasks, {run.Model.Vehicles.Count} team-days, {run.Solution.Unassigned.Count} sessions left; checker: {(run.CheckerErrors.Count == 0 ? "feasible" : string.Join("; ", run.CheckerErrors.Take(3)))}"));
        }

        log.WriteLine("served by priority (first captures planned / applicants):");
        foreach (var g in plan.Coverage.GroupBy(c => c.Request.Priority).OrderByDescending(g => g.Key))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  priority {g.Key}: {g.Sum(c => c.Planned)}/{g.Sum(c => c.Total)} ({g.Count(c => c.FullyServed)} of {g.Count()} requests in full)"));
        }

        foreach (var category in Enum.GetValues<ApplicantCategory>())
        {
            var total = plan.Coverage.Sum(c => c.Request.Applicants.Where(a => a.Category == category).Sum(a => a.Count));
            if (total > 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {category}: {plan.Coverage.Sum(c => c.PlannedByCategory[category])}/{total}"));
            }
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"visits: {f.Visits}, repeat visits: {f.RepeatVisits} ({f.RepeatCaptures} people, {plan.Coverage.Sum(c => c.ExpectedFailures)} expected failures), team-days used {f.TeamDaysUsed} of {f.TeamDaysAvailable}, {f.Metres / 1000.0:0.0} km, {f.TravelSeconds / 3600.0:0.0} h on the road, evening {f.EveningMinutes / 60.0:0.0} h, rest days/holidays {f.HolidayMinutes / 60.0:0.0} h"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timing: waiting at sites with the kit set up {f.SiteWaitMinutes / 60.0:0.0} h, idle in the field (not driving, setting up or capturing) {f.IdleMinutes / 60.0:0.0} h, {f.StationReturns} returns to the station between visits ({f.StationMinutes / 60.0:0.0} h there)"));
        var teams = plan.TeamDays.Select(d => d.Team).DistinctBy(t => t.Id).ToList();
        log.WriteLine("weekly hours per team (evening used/limit, rest days and holidays used/limit): " + string.Join("; ", teams.Select(t =>
        {
            var days = plan.Itineraries.Where(i => i.TeamId == t.Id).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"{t.Id}: {days.Sum(i => i.EveningMinutes) / 60.0:0.0}/{t.MaxEveningHoursPerWeek}, {days.Sum(i => i.HolidayMinutes) / 60.0:0.0}/{t.MaxHolidayHoursPerWeek}");
        })));
        var reasons = plan.Coverage.Where(c => c.Reason is not null).GroupBy(c => c.Reason!.Code).OrderByDescending(g => g.Count());
        log.WriteLine("left over: " + string.Join(", ", reasons.Select(g => $"{g.Key} {g.Count()}")));
        foreach (var c in plan.Coverage.Where(c => c.Reason is not null).Take(itineraries ? 20 : 3))
        {
            log.WriteLine($"  {c.Reason!.En}");
        }

        if (!itineraries)
        {
            return;
        }

        foreach (var day in plan.Itineraries)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day.TeamName} {day.Date:ddd dd/MM}: leave {day.LeaveStation:HH:mm}, back {day.ReturnStation:HH:mm}, {day.KitsInUse} kits, {day.Metres / 1000.0:0.0} km"));
            foreach (var s in day.Stops)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.SiteName}: arrive {s.Arrive:HH:mm}, {(s.ContinuesAtSameSite ? "continue" : $"set up to {s.SetupEnds:HH:mm}")}, capture {s.CaptureStarts:HH:mm}-{s.Leave:HH:mm}: {Who(s.People, s.Captured)}{(s.RepeatPeople > 0 ? $"; repeat {Who(s.RepeatPeople, s.RepeatCaptured)}" : "")}"));
                foreach (var r in day.StationReturns.Where(r => r.AfterStop == s.Sequence))
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  back at the station {r.Back:HH:mm}, leave the station {r.Leave:HH:mm}"));
                }
            }
        }
    }

    private static string Who(int people, CategoryCounts counts) =>
        people == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{people} ({string.Join(", ", counts.NonZero().Select(x => $"{x.Count} {x.Category}"))})");

    /// <summary>
    /// A generated week on a real road network: the station at the main town, requests near the area's villages and
    /// hamlets (65 %) and on random roads and tracks (35 %, some reachable by motorbike only); 55 % hamlets of 3-30
    /// people with evening windows on 2-3 weekdays, half with a market-day morning, some with a weekend morning, 30 % homes of bedridden or elderly people (two agreed
    /// slots, a relative present), 15 % care centres of 10-45 residents (holiday mornings and afternoons and Sunday morning, doctors present);
    /// a tenth with a deadline in the week. Teams: 40 % vans, the rest motorbikes, every fourth with two kits, 07:00-21:00,
    /// 12 evening and 8 holiday hours a week; a few officers on leave. Rain on Tuesday and Wednesday.
    /// </summary>
    public static VisitPlanningInput GenerateProvince(VisitBenchmarkOptions options, RoadNetwork network)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(network);
        var rng = new Random((int)options.Seed);
        var pois = GeoJsonReader.ReadFile(Path.Combine(options.MapFolder, "pois.geojson")).Features;
        var places = pois.Where(f => f.GetString("place") is "village" or "hamlet" or "isolated_dwelling")
            .Select(f => (Name: f.GetString("name") ?? "?", At: f.Geometry.Coordinate)).ToList();
        var town = pois.FirstOrDefault(f => f.GetString("place") == "town")?.Geometry.Coordinate ?? places[0].At;
        var moto = network.Graph(TravelProfile.Motorbike);
        var station = new Station(1, "Công an tỉnh (bản đồ thử nghiệm)", null, null, null, null, "Điểm thu nhận", new GeoPoint(town.X, town.Y),
            null, 4, 5, 45, 60, null, []);
        var monday = ProvinceMonday;
        var sites = new List<Site>();
        var requests = new List<VisitRequest>();
        for (int i = 0; i < options.Sites; i++)
        {
            Coordinate at;
            string near;
            if (rng.NextDouble() < 0.65)
            {
                var p = places[rng.Next(places.Count)];
                at = Jitter(p.At, 800, rng);
                near = p.Name;
            }
            else
            {
                var line = moto.SegmentGeometry(rng.Next(moto.SegmentCount));
                var c = line.Coordinates[rng.Next(line.NumPoints)];
                at = Jitter(c, 40, rng);
                near = places.MinBy(p => Geodesy.HaversineMetres(p.At, c)).Name;
            }

            var kind = rng.NextDouble() switch { < 0.55 => SiteKind.VillageCulturalHouse, < 0.85 => SiteKind.Home, _ => SiteKind.CareCentre };
            var id = 10 + i;
            var name = kind switch
            {
                SiteKind.VillageCulturalHouse => $"Nhà văn hóa {near} {i + 1}",
                SiteKind.Home => $"Nhà riêng {i + 1} ({near})",
                _ => $"Trung tâm bảo trợ {i + 1} ({near})",
            };
            sites.Add(new Site(id, 1, name, kind, new GeoPoint(at.X, at.Y), null, true, "Sinh ngẫu nhiên cho bài đo"));
            requests.Add(Request(id, kind, monday, rng) with { Id = 1000 + i });
        }

        var teams = new List<Team>();
        var officers = new List<Officer>();
        for (int t = 0; t < options.Teams; t++)
        {
            var members = new List<long>();
            for (int m = 0; m < 3; m++)
            {
                var officerId = 1000 + (t * 10) + m;
                var leave = rng.NextDouble() < 0.08
                    ? new[] { new LeavePeriod(monday.AddDays(rng.Next(5)), monday.AddDays(rng.Next(5, 7)), "Nghỉ phép") }
                    : [];
                officers.Add(new Officer(officerId, 1, $"Cán bộ {t + 1}.{m + 1}", m == 2 ? OfficerSkills.Driver | OfficerSkills.IntakeClerk : OfficerSkills.CaptureOperator,
                    40, null, leave));
                members.Add(officerId);
            }

            teams.Add(new Team(t + 1, 1, $"Tổ lưu động {t + 1}", members, null, t % 5 < 2 ? VehicleProfile.Van : VehicleProfile.Motorbike,
                t % 4 == 3 ? 2 : 1, new TimeOnly(7, 0), new TimeOnly(21, 0), 12, 8));
        }

        var box = Geodesy.Factory.ToGeometry(new Envelope(town.X - 0.5, town.X + 0.5, town.Y - 0.5, town.Y + 0.5));
        var rain = new RainArea(20, Polygon(box));
        var weather = Enumerable.Range(1, 2).Select(d => new DomainWeather(d, 1, monday.AddDays(d), [rain], [], [], default, "generated")).ToList();
        var holidays = new[]
        {
            new Holiday(1, new DateOnly(2026, 9, 1), "Quốc khánh", "National Day (adjacent day)", HolidayKind.Holiday, HolidayStatus.Unverified, null),
            new Holiday(2, new DateOnly(2026, 9, 2), "Quốc khánh", "National Day", HolidayKind.Holiday, HolidayStatus.Computed, null),
        };
        return new VisitPlanningInput
        {
            Station = station,
            Monday = monday,
            Requests = requests,
            Sites = sites,
            Teams = teams,
            Officers = officers,
            Holidays = holidays,
            Weather = weather,
            Network = network,
        };
    }

    private static VisitRequest Request(long siteId, SiteKind kind, DateOnly monday, Random rng)
    {
        AvailabilityWindow W(int day, int h1, int m1, int h2, int m2) => new(monday.AddDays(day), new TimeOnly(h1, m1), new TimeOnly(h2, m2));
        DateOnly? deadline = rng.NextDouble() < 0.1 ? monday.AddDays(rng.Next(3, 7)) : monday.AddDays(28);
        switch (kind)
        {
            case SiteKind.VillageCulturalHouse:
            {
                // People are home in the evening, on the hamlet's market day and (some) on a weekend morning.
                var days = Enumerable.Range(0, 5).OrderBy(_ => rng.Next()).Take(rng.Next(2, 4)).Order().ToList();
                var windows = days.Select(d => W(d, 17, 30, 20, 30)).ToList();
                if (rng.NextDouble() < 0.5)
                {
                    windows.Add(W(rng.Next(0, 6), 7, 0, 11, 0));
                }

                if (rng.NextDouble() < 0.4)
                {
                    windows.Add(W(5 + rng.Next(2), 7, 0, 10, 0));
                }

                windows = [.. windows.GroupBy(w => w.Date).Select(g => g.First())];
                return new VisitRequest(0, 1, siteId,
                    [new ApplicantGroup(ApplicantCategory.Child6To14WithGuardian, rng.Next(1, 10), null), new ApplicantGroup(ApplicantCategory.Age14Plus, rng.Next(2, 16), null),
                        new ApplicantGroup(ApplicantCategory.Elderly, rng.Next(0, 5), null)],
                    20, [.. windows.OrderBy(w => w.Date)], RequiredPresence.VillageHead, rng.Next(2, 4), deadline, 0.05, VisitRequestStatus.Open, null);
            }

            case SiteKind.Home:
            {
                var d1 = rng.Next(0, 4);
                var d2 = rng.Next(d1 + 1, 6);
                var h = 8 + rng.Next(7);
                return new VisitRequest(0, 1, siteId,
                    rng.NextDouble() < 0.6 ? [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 1, null)]
                        : [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 1, null), new ApplicantGroup(ApplicantCategory.Elderly, 1, null)],
                    15, [W(d1, h, 0, h + 2, 0), W(d2, 14, 0, 16, 0)], RequiredPresence.Relative, 5, deadline, 0.3, VisitRequestStatus.Open, null);
            }

            default:
                return new VisitRequest(0, 1, siteId,
                    [new ApplicantGroup(ApplicantCategory.CareCentreResident, rng.Next(10, 40), null), new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, rng.Next(0, 5), null)],
                    30, [W(1, 8, 0, 11, 30), W(2, 14, 0, 16, 30), W(6, 8, 0, 11, 30)], RequiredPresence.Doctor | RequiredPresence.Relative, 4, deadline, 0.15,
                    VisitRequestStatus.Open, null);
        }
    }

    private static Coordinate Jitter(Coordinate c, double metres, Random rng)
    {
        var angle = rng.NextDouble() * 2 * Math.PI;
        var d = Math.Sqrt(rng.NextDouble()) * metres;
        return new Coordinate(
            c.X + (d * Math.Sin(angle) / (Geodesy.MetresPerDegree * Math.Cos(c.Y * Math.PI / 180))),
            c.Y + (d * Math.Cos(angle) / Geodesy.MetresPerDegree));
    }

    private static Coordinate? Inside(Geometry area, Coordinate c) => area.Covers(Geodesy.Factory.CreatePoint(c)) ? c : null;

    private static GeoPolygon Polygon(Geometry box) =>
        new([[.. box.Coordinates.Select(c => new GeoPoint(c.X, c.Y))]]);
}
