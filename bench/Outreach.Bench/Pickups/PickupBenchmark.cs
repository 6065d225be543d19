using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using GeoWeather = Outreach.Geo.Weather.WeatherState;
using Outreach.Planning.Pickups;
using Outreach.Planning.Pickups.Slots;
using Outreach.Solver.Routing;

namespace Outreach.Bench.Pickups;

/// <summary>Parameters of the generated stress day.</summary>
/// <param name="MapFolder">A map folder with roads.geojson and pois.geojson (maps/andorra: a real routable network).</param>
/// <param name="Bookings">Booking requests to generate; each is accepted only where the booking pages' rule offers a slot.</param>
/// <param name="Vans">Vans of 15 passenger seats.</param>
/// <param name="Seconds">Planning time limit (the whole plan, repair rounds included).</param>
/// <param name="Seed">Seed of the generator and the search.</param>
public sealed record PickupBenchmarkOptions(string MapFolder, int Bookings = 300, int Vans = 8, double Seconds = 10, long Seed = 1)
{
    /// <summary>Desks at the collection point.</summary>
    public int Desks { get; init; } = 8;

    /// <summary>Files per desk per hour (8: 8 min a child).</summary>
    public int FilesPerDeskPerHour { get; init; } = 8;

    /// <summary>
    /// Trips a van may make, as the station sets it in its pickup settings (read by the booking pages' rule and the
    /// planner alike). 8: a van's trip (take families home, fetch the next ones) takes an hour to an hour and a half
    /// with the reload, so a driver does about four in the morning session and four in the afternoon.
    /// </summary>
    public int MaxTripsPerVan { get; init; } = 8;

    /// <summary>
    /// Families a van fetches on one trip, as the station sets it: the stand-in's pickup points lie 5-20 minutes out
    /// along separate mountain valleys, so a van collects about three families within its slot and the ride limit.
    /// </summary>
    public int MaxBookingsPerTrip { get; init; } = 3;

    /// <summary>
    /// Instead of the time limit, this many search iterations per engine solve (repairs get half): the same plan on
    /// every machine, to compare planner changes when the machine is too busy for timings to mean anything.
    /// </summary>
    public long? Iterations { get; init; }

    /// <summary>
    /// Accept through the live plan (<see cref="LiveBooking"/>): the booking rule only pre-filters (desks, closing,
    /// the family's own fit), and a request is accepted at the first of its nearest offered slots where the day,
    /// re-planned from the live plan with the family in, still serves everyone accepted before.
    /// </summary>
    public bool Live { get; init; }

    /// <summary>
    /// Live mode: search iterations per engine solve of one request's re-plan (repairs get half); 0: each request is
    /// answered by inserting it into the live plan alone, never searched (the booking page's quickest answer).
    /// </summary>
    public long LiveIterations { get; init; } = 100;

    /// <summary>
    /// Live mode: after every this many accepted requests the live plan is improved as the app does between bookings
    /// (<see cref="LiveBooking.Improve"/>: kept only when it serves everyone it served and is better); 0: never.
    /// </summary>
    public int ImproveEvery { get; init; } = 10;

    /// <summary>Live mode: search iterations per engine solve of one improvement.</summary>
    public long ImproveIterations { get; init; } = 500;

    /// <summary>Live mode: slots tried per request, nearest the wanted one first.</summary>
    public int LiveTries { get; init; } = 3;

    /// <summary>
    /// Live mode: each family is shown the slots the live plan can take it in (<see cref="LiveBooking.Probe"/> of every
    /// slot the rule offers, as the booking pages show them) and tries those, nearest the wanted one first; the run
    /// counts how often the first slot shown was then booked (the offer kept).
    /// </summary>
    public bool LiveOffers { get; init; }

    /// <summary>Print every trip's stops.</summary>
    public bool PrintTrips { get; init; }

    /// <summary>Pickup sites farther than this (van minutes, either way) from the collection point are not used.</summary>
    public int MaxSiteMinutes { get; init; } = 20;
}

/// <summary>Figures of one run. Times in milliseconds.</summary>
/// <param name="Requests">Booking requests generated.</param>
/// <param name="Bookings">Requests accepted (the rule offered a slot): the day that is planned.</param>
/// <param name="Refused">Requests refused by the rule, by the refusal of the slot the family wanted.</param>
public sealed record PickupBenchmarkResult(
    int Requests, int Bookings, IReadOnlyDictionary<SlotRefusal, int> Refused, int Vans, int Sites, int Homes, double LoadMs, double MatrixMs,
    double PlanMs, int Rounds, PickupPlanFigures Figures, IReadOnlyDictionary<PickupUnservedReason, int> UnservedByReason, int CheckerErrors, bool Estimated)
{
    /// <summary>Longest and 95th-percentile wait between a family's files being done and its van home, in seconds.</summary>
    public (int Max, int P95) ReturnWaits { get; init; }

    /// <summary>Live mode: milliseconds per request decision (p50, p95) and what was accepted where.</summary>
    public string? LiveFigures { get; init; }

    /// <summary>The day as planned (not live mode): the planner's input and answer, for benchmarks that go on from it (re-plans).</summary>
    public (PickupPlanRequest Request, PickupPlanResult Result, RoadNetwork Network, MatrixCache Cache)? Day { get; init; }

    /// <summary>The one-line summary printed last.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"pickups bench: requests {Requests}, accepted {Bookings} (refused {Requests - Bookings}), {Vans} vans: served {Figures.BookingsServed} of {Bookings} ({100.0 * Figures.BookingsServed / Math.Max(1, Bookings):0.0}%), unserved {Figures.BookingsUnserved}, {Figures.Trips} trips, {Figures.Metres / 1000.0:0.0} km, max ride {Figures.MaxRideSeconds / 60.0:0.0} min, wait home max {ReturnWaits.Max / 60.0:0.0} min p95 {ReturnWaits.P95 / 60.0:0.0} min, plan {PlanMs / 1000:0.00} s{(LiveFigures is null ? "" : $", {LiveFigures}")}, checker {(CheckerErrors == 0 ? "ok" : $"{CheckerErrors} violations")}");
}

/// <summary>
/// The `outreach bench pickups` harness: a generated day of booking requests on a real road network, accepted the way
/// the booking pages accept them, then planned once with a time limit. The station is a stand-in: its collection
/// point is a real town hall of the map, its pickup points are the map's real schools, villages and community centres
/// (those within <see cref="PickupBenchmarkOptions.MaxSiteMinutes"/> of it), and one request in ten is from a home a
/// few hundred metres from a village. Families, children, needs and the slot each family wants are drawn from the
/// seed; each request is put to <see cref="SlotRule"/> (what the booking pages offer) with the requests accepted so
/// far, and the family takes the offered slot nearest the one it wanted, or is refused when the day offers none.
/// Not thread-safe (it reads the clock).
/// </summary>
public static class PickupBenchmark
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    /// <summary>When the families book (local time): days ahead, so notice and horizon never refuse.</summary>
    private static readonly DateTime BookedAt = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Generates, plans and writes progress lines to <paramref name="log"/>.</summary>
    public static PickupBenchmarkResult Run(PickupBenchmarkOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        var network = RoadNetwork.Load(options.MapFolder) ?? throw new FileNotFoundException($"no roads.geojson in {options.MapFolder}");
        _ = network.Graph(Geo.Roads.TravelProfile.Van).Index;
        double loadMs = watch.Elapsed.TotalMilliseconds;
        var pois = GeoJsonReader.ReadFile(Path.Combine(options.MapFolder, "pois.geojson")).Features;
        var townHall = pois.FirstOrDefault(f => f.GetString("amenity") == "townhall" && f.GetString("name") is { } n && n.Contains("Andorra la Vella", StringComparison.Ordinal))
            ?? pois.FirstOrDefault(f => f.GetString("amenity") == "townhall")
            ?? pois[0];
        var cp = Point(townHall);
        var station = new Station(1, "Benchmark station (stand-in)", null, null, null, null,
            $"Collection point stand-in: {townHall.GetString("name") ?? "town hall"}", cp, null,
            options.Desks, options.FilesPerDeskPerHour, Station.DefaultMaxRideMinutes, 60, null,
            [new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(7, 30), new TimeOnly(11, 30)), new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(13, 30), new TimeOnly(19, 30))]);

        // Candidate pickup points: real schools (not kindergartens or universities), villages and community centres.
        var cache = new MatrixCache();
        var candidates = pois
            .Where(f => f.GetString("category") is "place" or "community_centre"
                || (f.GetString("category") == "school" && f.GetString("amenity") is null or "school"))
            .Select((f, i) => new Site(1000 + i, 1, f.GetString("name") ?? $"site {i}", f.GetString("category") == "school" ? SiteKind.School : SiteKind.PickupPoint,
                Point(f), null, false, null))
            .ToList();
        var reach = cache.Matrix(network, Geo.Roads.TravelProfile.Van, GeoWeather.None,
            [new Coordinate(cp.Longitude, cp.Latitude), .. candidates.Select(s => new Coordinate(s.Location.Longitude, s.Location.Latitude))]);
        var sites = candidates
            .Where((s, i) => reach[0, i + 1] >= 0 && reach[i + 1, 0] >= 0 && Math.Max(reach[0, i + 1], reach[i + 1, 0]) <= options.MaxSiteMinutes * 60)
            .ToList();
        var villages = sites.Where(s => s.Kind == SiteKind.PickupPoint).ToList();
        sites.Add(new Site(1, 1, station.CollectionPointName, SiteKind.CollectionPoint, cp, null, false, null));

        var rng = new Random((int)options.Seed);
        var vans = Enumerable.Range(1, options.Vans)
            .Select(v => new Vehicle(v, 1, $"Van {v}", null, 15, v % 2 == 1 ? 1 : 0, 2, VehicleProfile.Van))
            .ToList();
        var settings = PickupSettings.Default with { MaxTripsPerVan = options.MaxTripsPerVan, MaxBookingsPerTrip = options.MaxBookingsPerTrip };
        var rule = new SlotRule(station, vans, settings);
        var requests = Draw(options, rng, rule.Slots(Day), sites.Where(s => s.Kind != SiteKind.CollectionPoint).ToList(), villages);
        var rides = Rides(network, cache, cp, requests);
        if (options.Live)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"map: {options.MapFolder} (real OpenStreetMap road network; not a Vietnamese place); collection point stand-in: {townHall.GetString("name")}"));
            return RunLive(options, log, station, sites, vans, settings, requests, rides, network, cache, loadMs);
        }

        var (bookings, refused) = Accept(rule, requests, rides);
        int homes = bookings.Count(b => b.PickupSiteId is null);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"map: {options.MapFolder} (real OpenStreetMap road network; not a Vietnamese place); collection point stand-in: {townHall.GetString("name")}"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"station: {options.Vans} vans x 15 seats ({vans.Count(v => v.WheelchairPlaces > 0)} with a wheelchair place, 2 child seats each), max {options.MaxTripsPerVan} trips a van and {options.MaxBookingsPerTrip} families a trip; desks {options.Desks} x {options.FilesPerDeskPerHour} files/h; open 07:30-11:30, 13:30-19:30; slots {string.Join(' ', rule.Slots(Day).Select(s => s.Start.ToString("HH:mm", CultureInfo.InvariantCulture)))}; max ride {station.MaxRideMinutes} min"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: seed {options.Seed}; {requests.Count} requests at {sites.Count - 1} real pickup points within {options.MaxSiteMinutes} min ({candidates.Count} candidates) and {requests.Count(r => r.Site is null)} homes near villages; accepted by the booking rule (SlotRule, the booking pages' offers) {bookings.Count}, refused {requests.Count - bookings.Count} ({(refused.Count == 0 ? "none" : string.Join(", ", refused.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}")))}); {bookings.Count(b => b.SlotStart != requests[(int)b.Id - 1].Wanted)} took another slot than the one wanted"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accepted: {bookings.Count} bookings ({homes} at homes); {bookings.Sum(b => b.ChildCount)} children, {bookings.Sum(b => b.SeatCount)} seats; needs: {bookings.Count(b => b.Needs.HasFlag(BookingNeeds.Wheelchair))} wheelchair, {bookings.Count(b => b.Needs.HasFlag(BookingNeeds.ChildSeat))} child seat, {bookings.Count(b => b.Needs.HasFlag(BookingNeeds.MustBeCarried))} carried; per slot (bookings/seats): {string.Join(' ', bookings.GroupBy(b => b.SlotStart).OrderBy(g => g.Key).Select(g => $"{g.Key:HH:mm} {g.Count()}/{g.Sum(b => b.SeatCount)}"))}"));

        watch.Restart();
        var points = PickupPoints.Collect(station, bookings, sites);
        var travel = cache.Matrix(network, Geo.Roads.TravelProfile.Van, GeoWeather.None, points.Coordinates);
        double matrixMs = watch.Elapsed.TotalMilliseconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: road network {loadMs:0} ms; matrix {points.Count}x{points.Count} {matrixMs:0} ms"));

        var request = new PickupPlanRequest
        {
            Station = station,
            Date = Day,
            Vans = vans,
            Bookings = bookings,
            Sites = sites,
            Points = points,
            Travel = travel,
            Settings = settings,
            Search = options.Iterations is long iterations
                ? new SearchOptions { Seed = options.Seed, MaxIterations = iterations }
                : new SearchOptions { Seed = options.Seed, TimeLimit = TimeSpan.FromSeconds(options.Seconds) },
        };
        watch.Restart();
        var result = PickupPlanner.Plan(request);
        double planMs = watch.Elapsed.TotalMilliseconds;
        var plan = result.Plan;
        if (options.PrintTrips)
        {
            PickupPlanText.Write(plan, bookings.ToDictionary(b => b.Id, b => b.Code), log);
        }

        var reasons = plan.Unserved.GroupBy(u => u.Reason).ToDictionary(g => g.Key, g => g.Count());
        var f = plan.Figures;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plan: {planMs:0} ms wall ({(options.Iterations is long n ? $"{n} iterations a solve, no time limit" : $"limit {options.Seconds:0.#} s")}); {result.Solves.Count} parts planned in turn, {result.Rounds} engine solves, {result.Solves.Sum(s => s.Log.Sum(r => r.Iterations))} search iterations"));
        foreach (var (solve, k) in result.Solves.Select((s, k) => (s, k + 1)))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  part {k}: {solve.Log[0].Families} families, {solve.Solution.Routes.Count} trips ({solve.Model.Vehicles.Count} vans, {solve.Model.Vehicles.Sum(v => v.MaxTrips)} trips allowed, from {PlanClock.Hhmm(solve.Model.Vehicles.Min(v => v.Shift.StartSeconds))}); solves (ms/iterations/unserved tasks[/tasks started greedily]): {string.Join(", ", solve.Log.Select(r => $"{r.Elapsed.TotalMilliseconds:0}/{r.Iterations}/{r.UnassignedTasks}{(r.GreedyStartTasks > 0 ? $"/g{r.GreedyStartTasks}" : "")}"))}"));
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"served: {f.BookingsServed} of {bookings.Count} accepted bookings, {f.PeopleServed} people; unserved: {f.BookingsUnserved} bookings, {f.PeopleUnserved} people ({(reasons.Count == 0 ? "none" : string.Join(", ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}")))})"));
        var unservedBySlot = plan.Unserved.Join(bookings, u => u.BookingId, b => b.Id, (u, b) => b.SlotStart).GroupBy(s => s).OrderBy(g => g.Key).ToList();
        if (unservedBySlot.Count > 0)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  unserved by slot: {string.Join(' ', unservedBySlot.Select(g => $"{g.Key:HH:mm} {g.Count()}"))}"));
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trips: {f.Trips} on {f.VansUsed} vans ({plan.Trips.Count(t => t.PassesThroughCollectionPoint)} pass through the point), {f.Metres / 1000.0:0.0} km, max ride {f.MaxRideSeconds / 60.0:0.0} min, longest wait for the ride home {f.MaxReturnWaitSeconds / 60.0:0} min, most children per half hour {f.MaxChildrenPerHalfHour} (cap {f.ChildrenPerHalfHourCap}), warnings {plan.Warnings.Count}"));
        log.WriteLine(result.CheckerErrors.Count == 0
            ? "checker: feasible (independent FeasibilityChecker, 0 violations)"
            : string.Create(CultureInfo.InvariantCulture, $"checker: {result.CheckerErrors.Count} violations, first: {result.CheckerErrors[0]}"));
        return new PickupBenchmarkResult(requests.Count, bookings.Count, refused, options.Vans, sites.Count - 1, homes, loadMs, matrixMs, planMs,
            result.Rounds, f, reasons, result.CheckerErrors.Count, travel.IsEstimated) { ReturnWaits = Waits(plan), Day = (request, result, network, cache) };
    }

    /// <summary>
    /// Live mode: each request, in the order they come, is put to the booking rule as a pre-filter only (desks, closing,
    /// the family's own fit), then to the live plan at its nearest offered slots (<see cref="PickupBenchmarkOptions.LiveTries"/>):
    /// accepted at the first slot where the day re-planned from the live plan with the family in still serves everyone
    /// accepted before (<see cref="LiveBooking"/>). The live plan is then improved once within the time limit; the
    /// improvement is kept only when it serves every accepted family and drives less.
    /// </summary>
    private static PickupBenchmarkResult RunLive(PickupBenchmarkOptions options, TextWriter log, Station station, List<Site> sites, List<Vehicle> vans,
        PickupSettings settings, List<BookingRequest> requests, List<RideTime> rides, RoadNetwork network, MatrixCache cache, double loadMs)
    {
        var watch = Stopwatch.StartNew();
        var all = requests.Select((r, i) => Make(i, r, r.Wanted)).ToList();
        var points = PickupPoints.Collect(station, all, sites);
        var travel = cache.Matrix(network, Geo.Roads.TravelProfile.Van, GeoWeather.None, points.Coordinates);
        double matrixMs = watch.Elapsed.TotalMilliseconds;
        var rule = new SlotRule(station, vans, settings) { PlanDecidesVans = true };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"station: {options.Vans} vans x 15 seats, max {options.MaxTripsPerVan} trips a van; desks {options.Desks} x {options.FilesPerDeskPerHour} files/h; max ride {station.MaxRideMinutes} min; wait for the ride home at most {settings.MaxReturnWaitMinutes} min; matrix {points.Count}x{points.Count} {matrixMs:0} ms"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: each request inserted into the live plan, {(options.LiveIterations == 0 ? "never searched" : $"else re-planned from it with {options.LiveIterations} iterations a solve")}, up to {options.LiveTries} slots tried, nearest the wanted one first; the plan improved after every {options.ImproveEvery} accepted ({options.ImproveIterations} iterations a solve)"));

        var accepted = new List<Booking>();
        var groups = new List<SlotGroup>();
        var refusedByRule = new Dictionary<SlotRefusal, int>();
        var refusedByPlan = new Dictionary<PickupUnservedReason, int>();
        var decisionMs = new List<double>();
        var insertionMs = new List<double>();
        double insertionCpuMs = 0;
        int searched = 0;
        PickupPlanResult? live = null;
        long tries = 0;
        int improvements = 0, improvementsKept = 0;
        double improveMs = 0;
        var probeMs = new List<double>();
        int firstShown = 0, firstKept = 0, notShown = 0;
        watch.Restart();
        for (int i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var started = Stopwatch.GetTimestamp();
            var offer = rule.Offer(Day, groups, new SlotCandidate(r.Children, r.Guardians, r.Needs, rides[i]), BookedAt);
            int wanted = (int)r.Wanted.ToTimeSpan().TotalMinutes;
            var shown = offer.Offered.ToList();
            if (options.LiveOffers && live is not null && shown.Count > 0)
            {
                // What the booking page shows the family: the rule's slots the live plan can take it in.
                var probeStart = Stopwatch.GetTimestamp();
                var variants = shown.Select((d, k) => Make(i, r, d.Slot.Start) with { Id = 1_000_000 + (i * 100L) + k }).ToList();
                var answers = LiveBooking.Probe(DayRequest(accepted, live.Plan, new SearchOptions { Seed = options.Seed, MaxIterations = 0 })
                    with { Points = PickupPoints.Collect(station, [.. all, .. variants], sites) }, variants);
                probeMs.Add(Stopwatch.GetElapsedTime(probeStart).TotalMilliseconds);
                shown = answers is null ? shown : [.. shown.Where((_, k) => answers[k] is null)];
                if (shown.Count == 0)
                {
                    notShown++;
                }
            }

            var slots = shown
                .OrderBy(d => Math.Abs((int)d.Slot.Start.ToTimeSpan().TotalMinutes - wanted))
                .ThenBy(d => d.Slot.Start)
                .Take(Math.Max(1, options.LiveTries))
                .ToList();
            if (slots.Count == 0)
            {
                if (offer.Offered.Any())
                {
                    refusedByPlan[PickupUnservedReason.VansBusy] = refusedByPlan.GetValueOrDefault(PickupUnservedReason.VansBusy) + 1;
                }
                else
                {
                    var reason = offer.DayRefusal ?? offer.Slots.FirstOrDefault(d => d.Slot.Start == r.Wanted)?.Refusal ?? SlotRefusal.OutsideOpeningHours;
                    refusedByRule[reason] = refusedByRule.GetValueOrDefault(reason) + 1;
                }

                decisionMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                continue;
            }

            LiveDecision? last = null;
            bool first = true;
            foreach (var slot in slots)
            {
                var candidate = Make(i, r, slot.Slot.Start);
                tries++;
                var tryStart = Stopwatch.GetTimestamp();
                double tryCpu = ThreadCpu.Milliseconds();
                last = LiveBooking.TryAccept(DayRequest([.. accepted, candidate], live?.Plan, new SearchOptions { Seed = options.Seed, MaxIterations = options.LiveIterations }), candidate.Id);
                if (last.Searched)
                {
                    searched++;
                }
                else
                {
                    insertionMs.Add(Stopwatch.GetElapsedTime(tryStart).TotalMilliseconds);
                    insertionCpuMs += ThreadCpu.Milliseconds() - tryCpu;
                }

                if (options.LiveOffers && live is not null && first)
                {
                    firstShown++;
                    firstKept += last.Accepted ? 1 : 0;
                }

                first = false;
                if (last.Accepted)
                {
                    live = last.Result;
                    accepted.Add(candidate);
                    groups.Add(new SlotGroup(candidate.SlotStart, r.Children, r.Guardians, r.Needs));
                    break;
                }
            }

            if (last is { Accepted: false })
            {
                var reason = last.Reason?.Reason ?? PickupUnservedReason.VansBusy;
                refusedByPlan[reason] = refusedByPlan.GetValueOrDefault(reason) + 1;
            }

            decisionMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            // Between bookings, as the app's background job: a better plan that keeps every promise replaces the live one.
            if (options.ImproveEvery > 0 && live is not null && last is { Accepted: true } && accepted.Count % options.ImproveEvery == 0)
            {
                var improveStart = Stopwatch.GetTimestamp();
                improvements++;
                var better = LiveBooking.Improve(DayRequest(accepted, live.Plan, new SearchOptions { Seed = options.Seed + accepted.Count, MaxIterations = options.ImproveIterations }));
                if (better is not null)
                {
                    improvementsKept++;
                    live = live with { Plan = better };
                }

                improveMs += Stopwatch.GetElapsedTime(improveStart).TotalMilliseconds;
            }
        }

        double acceptMs = watch.Elapsed.TotalMilliseconds - improveMs;

        PickupPlanRequest DayRequest(List<Booking> bookings, PickupPlan? start, SearchOptions search) => new()
        {
            Station = station,
            Date = Day,
            Vans = vans,
            Bookings = bookings,
            Sites = sites,
            Points = points,
            Travel = travel,
            Settings = settings,
            Start = start,
            Search = search,
        };
        decisionMs.Sort();
        probeMs.Sort();
        insertionMs.Sort();
        double P(double q) => Percentile(decisionMs, q);
        double Insertion(double q) => Percentile(insertionMs, q);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: seed {options.Seed}; {requests.Count}; accepted {accepted.Count}; refused by the pre-filter {refusedByRule.Values.Sum()} ({Reasons(refusedByRule)}), by the live plan {refusedByPlan.Values.Sum()} ({Reasons(refusedByPlan)}); {accepted.Count(b => b.SlotStart != requests[(int)b.Id - 1].Wanted)} took another slot than the one wanted; {tries} re-plans, {acceptMs / 1000:0.0} s, per request p50 {P(0.5):0} ms, p95 {P(0.95):0} ms; {tries - searched} answered by insertion alone (p50 {Insertion(0.5):0} ms, p95 {Insertion(0.95):0} ms{(ThreadCpu.Available ? $", CPU {insertionCpuMs / 1000:0.00} s, {insertionCpuMs / Math.Max(1, insertionMs.Count):0.0} ms each" : "")}), {searched} searched; {improvements} improvements between requests ({improveMs / 1000:0.0} s), {improvementsKept} kept"));

        var final = live;
        string improvedNote = "no plan";
        double planMs = 0;
        if (live is not null)
        {
            watch.Restart();
            var improved = PickupPlanner.Plan(DayRequest(accepted, live.Plan, options.Iterations is long iterations
                ? new SearchOptions { Seed = options.Seed, MaxIterations = iterations }
                : new SearchOptions { Seed = options.Seed, TimeLimit = TimeSpan.FromSeconds(options.Seconds) }));
            planMs = watch.Elapsed.TotalMilliseconds;
            bool keeps = improved.Plan.Unserved.Count == 0 && improved.CheckerErrors.Count == 0;
            bool better = keeps && improved.Plan.Figures.Metres < live.Plan.Figures.Metres;
            improvedNote = string.Create(CultureInfo.InvariantCulture,
                $"improvement run {planMs / 1000:0.0} s: {improved.Plan.Figures.BookingsServed} served, {improved.Plan.Figures.Metres / 1000.0:0.0} km against the live plan's {live.Plan.Figures.Metres / 1000.0:0.0} km: {(better ? "kept" : keeps ? "not shorter, live plan kept" : "leaves someone out, live plan kept")}");
            final = better ? improved : live;
        }

        log.WriteLine(improvedNote);
        var plan = final?.Plan ?? new PickupPlan(station.Id, Day, [], [], [], new PickupPlanFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), false, "", []);
        if (options.PrintTrips)
        {
            PickupPlanText.Write(plan, accepted.ToDictionary(b => b.Id, b => b.Code), log);
        }

        var f = plan.Figures;
        var waits = Waits(plan);
        var unserved = plan.Unserved.GroupBy(u => u.Reason).ToDictionary(g => g.Key, g => g.Count());
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"served: {f.BookingsServed} of {accepted.Count} accepted; trips {f.Trips} on {f.VansUsed} vans, {f.Metres / 1000.0:0.0} km, max ride {f.MaxRideSeconds / 60.0:0.0} min, wait for the ride home max {waits.Max / 60.0:0.0} min, p95 {waits.P95 / 60.0:0.0} min, most children per half hour {f.MaxChildrenPerHalfHour} (cap {f.ChildrenPerHalfHourCap})"));
        int checkerErrors = final?.CheckerErrors.Count ?? 0;
        log.WriteLine(checkerErrors == 0
            ? "checker: feasible (independent FeasibilityChecker, 0 violations)"
            : string.Create(CultureInfo.InvariantCulture, $"checker: {checkerErrors} violations, first: {final!.CheckerErrors[0]}"));
        return new PickupBenchmarkResult(requests.Count, accepted.Count, refusedByRule, options.Vans, sites.Count - 1, accepted.Count(b => b.PickupSiteId is null),
            loadMs, matrixMs, acceptMs + planMs, final?.Rounds ?? 0, f, unserved, checkerErrors, travel.IsEstimated)
        {
            ReturnWaits = waits,
            LiveFigures = string.Create(CultureInfo.InvariantCulture, $"live: refused by plan {refusedByPlan.Values.Sum()}, per request p50 {P(0.5):0} ms p95 {P(0.95):0} ms, insertion p50 {Insertion(0.5):0} ms p95 {Insertion(0.95):0} ms")
                + (options.LiveOffers ? string.Create(CultureInfo.InvariantCulture, $", offers: first slot shown booked {firstKept} of {firstShown} ({100.0 * firstKept / Math.Max(1, firstShown):0.0}%), no slot shown {notShown}, offer list p50 {Percentile(probeMs, 0.5):0} ms p95 {Percentile(probeMs, 0.95):0} ms") : ""),
        };
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static string Reasons<T>(Dictionary<T, int> counts)
        where T : notnull =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));

    /// <summary>Longest and 95th-percentile wait between files done and boarding for home, over the served families.</summary>
    private static (int Max, int P95) Waits(PickupPlan plan)
    {
        var waits = plan.Bookings.Select(b => Math.Max(0, b.ReturnPickupSeconds - b.FilesDoneSeconds)).OrderBy(w => w).ToList();
        return waits.Count == 0 ? (0, 0) : (waits[^1], waits[Math.Min(waits.Count - 1, (int)Math.Ceiling(0.95 * waits.Count) - 1)]);
    }

    /// <summary>Request <paramref name="i"/> as a booking of <paramref name="slot"/> (its id is its request number, so the wanted slot can be looked up).</summary>
    private static Booking Make(int i, BookingRequest r, TimeOnly slot)
    {
        var at = new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
        return new Booking(i + 1, $"B{i + 1:000}", 1, r.Site?.Id, r.Home, r.Home is null ? null : "near the village", r.Children, r.Guardians, r.Needs,
            Day, slot, "Family", "0900000000", "vi", BookingStatus.Confirmed, at.AddMinutes(i), at.AddMinutes(i));
    }

    /// <summary>One family asking for a pickup: who, from where (a site, or a home), and the slot it wants.</summary>
    private sealed record BookingRequest(int Children, int Guardians, BookingNeeds Needs, Site? Site, GeoPoint? Home, TimeOnly Wanted);

    /// <param name="slots">The slots a family may want: the day's slot grid as the booking pages show it.</param>
    private static List<BookingRequest> Draw(PickupBenchmarkOptions options, Random rng, IReadOnlyList<SlotTime> slots, List<Site> sites, List<Site> villages)
    {
        var requests = new List<BookingRequest>(options.Bookings);
        for (int i = 0; i < options.Bookings; i++)
        {
            int kids = rng.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
            int guardians = rng.Next(10) < 9 ? 1 : 2;
            var needs = rng.Next(50) switch { 0 or 1 => BookingNeeds.Wheelchair, 2 => BookingNeeds.MustBeCarried, < 8 => BookingNeeds.ChildSeat, _ => BookingNeeds.None };
            var wanted = slots[rng.Next(slots.Count)].Start;
            bool home = rng.Next(10) == 0 && villages.Count > 0;
            Site? site = home ? null : sites[rng.Next(sites.Count)];
            GeoPoint? homePoint = home ? Near(villages[rng.Next(villages.Count)].Location, 300, rng) : null;
            requests.Add(new BookingRequest(kids, guardians, needs, site, homePoint, wanted));
        }

        return requests;
    }

    /// <summary>Each request's direct ride to the collection point (the slower direction), as the booking pages would compute it.</summary>
    private static List<RideTime> Rides(RoadNetwork network, MatrixCache cache, GeoPoint cp, List<BookingRequest> requests)
    {
        var places = requests.Select(r => r.Site?.Location ?? r.Home!.Value).ToList();
        var matrix = cache.Matrix(network, Geo.Roads.TravelProfile.Van, GeoWeather.None,
            [new Coordinate(cp.Longitude, cp.Latitude), .. places.Select(p => new Coordinate(p.Longitude, p.Latitude))]);
        return places.Select((_, i) => matrix[0, i + 1] < 0 || matrix[i + 1, 0] < 0
                ? RideTime.Unreachable("no road", matrix.IsEstimated)
                : new RideTime(Math.Max(matrix[0, i + 1], matrix[i + 1, 0]), matrix.IsEstimated))
            .ToList();
    }

    /// <summary>
    /// Puts every request, in the order they come, to the booking rule with the bookings accepted so far: the family
    /// takes the offered slot nearest the one it wanted (the earlier of two as near), or is refused for the reason its
    /// wanted slot was refused.
    /// </summary>
    private static (List<Booking> Accepted, Dictionary<SlotRefusal, int> Refused) Accept(SlotRule rule, List<BookingRequest> requests, List<RideTime> rides)
    {
        var accepted = new List<Booking>();
        var groups = new List<SlotGroup>();
        var refused = new Dictionary<SlotRefusal, int>();
        var at = new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var offer = rule.Offer(Day, groups, new SlotCandidate(r.Children, r.Guardians, r.Needs, rides[i]), BookedAt);
            int wanted = (int)r.Wanted.ToTimeSpan().TotalMinutes;
            var chosen = offer.Offered
                .OrderBy(d => Math.Abs((int)d.Slot.Start.ToTimeSpan().TotalMinutes - wanted))
                .ThenBy(d => d.Slot.Start)
                .FirstOrDefault();
            if (chosen is null)
            {
                var reason = offer.DayRefusal ?? offer.Slots.FirstOrDefault(d => d.Slot.Start == r.Wanted)?.Refusal ?? SlotRefusal.OutsideOpeningHours;
                refused[reason] = refused.GetValueOrDefault(reason) + 1;
                continue;
            }

            groups.Add(new SlotGroup(chosen.Slot.Start, r.Children, r.Guardians, r.Needs));
            // The booking's id is its request number, so the wanted slot can be looked up.
            accepted.Add(new Booking(i + 1, $"B{i + 1:000}", 1, r.Site?.Id, r.Home, r.Home is null ? null : "near the village", r.Children, r.Guardians, r.Needs,
                Day, chosen.Slot.Start, "Family", "0900000000", "vi", BookingStatus.Confirmed, at.AddMinutes(i), at.AddMinutes(i)));
        }

        return (accepted, refused);
    }

    private static GeoPoint Point(GeoFeature feature)
    {
        var c = feature.Geometry is Point p ? p.Coordinate : feature.Geometry.InteriorPoint.Coordinate;
        return new GeoPoint(c.X, c.Y);
    }

    private static GeoPoint Near(GeoPoint centre, double metres, Random rng)
    {
        double angle = rng.NextDouble() * 2 * Math.PI;
        double distance = Math.Sqrt(rng.NextDouble()) * metres;
        double dLat = distance * Math.Cos(angle) / Geodesy.MetresPerDegree;
        double dLon = distance * Math.Sin(angle) / (Geodesy.MetresPerDegree * Math.Cos(centre.Latitude * Math.PI / 180));
        return new GeoPoint(Math.Round(centre.Longitude + dLon, 6), Math.Round(centre.Latitude + dLat, 6));
    }
}
