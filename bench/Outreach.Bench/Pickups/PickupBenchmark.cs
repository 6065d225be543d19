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
using Outreach.Solver.Routing;

namespace Outreach.Bench.Pickups;

/// <summary>Parameters of the generated stress day.</summary>
/// <param name="MapFolder">A map folder with roads.geojson and pois.geojson (maps/andorra: a real routable network).</param>
/// <param name="Bookings">Bookings to generate.</param>
/// <param name="Vans">Vans of 15 passenger seats.</param>
/// <param name="Seconds">Planning time limit (the whole plan, repair rounds included).</param>
/// <param name="Seed">Seed of the generator and the search.</param>
public sealed record PickupBenchmarkOptions(string MapFolder, int Bookings = 300, int Vans = 8, double Seconds = 10, long Seed = 1)
{
    /// <summary>Desks at the collection point.</summary>
    public int Desks { get; init; } = 8;

    /// <summary>Files per desk per hour (8: 8 min a child).</summary>
    public int FilesPerDeskPerHour { get; init; } = 8;

    /// <summary>Trips a van may make (the station default is 3; a stress day needs more).</summary>
    public int MaxTripsPerVan { get; init; } = 16;

    /// <summary>Print every trip's stops.</summary>
    public bool PrintTrips { get; init; }

    /// <summary>Pickup sites farther than this (van minutes, either way) from the collection point are not used.</summary>
    public int MaxSiteMinutes { get; init; } = 20;
}

/// <summary>Figures of one run. Times in milliseconds.</summary>
public sealed record PickupBenchmarkResult(
    int Bookings, int Vans, int Sites, int Homes, double LoadMs, double MatrixMs, double PlanMs, int Rounds,
    PickupPlanFigures Figures, IReadOnlyDictionary<PickupUnservedReason, int> UnservedByReason, int CheckerErrors, bool Estimated)
{
    /// <summary>The one-line summary printed last.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"pickups bench: {Bookings} bookings, {Vans} vans: served {Figures.BookingsServed} ({100.0 * Figures.BookingsServed / Math.Max(1, Bookings):0.0}%), unserved {Figures.BookingsUnserved}, {Figures.Trips} trips, {Figures.Metres / 1000.0:0.0} km, max ride {Figures.MaxRideSeconds / 60.0:0.0} min, plan {PlanMs / 1000:0.00} s, checker {(CheckerErrors == 0 ? "ok" : $"{CheckerErrors} violations")}");
}

/// <summary>
/// The `outreach bench pickups` harness: a generated day of many bookings on a real road network, planned once with a
/// time limit. The station is a stand-in: its collection point is a real town hall of the map, its pickup points are
/// the map's real schools, villages and community centres (those within <see cref="PickupBenchmarkOptions.MaxSiteMinutes"/>
/// of it), and one booking in ten is at a home a few hundred metres from a village. Families, children, needs and
/// slots are drawn from the seed, and slots are chosen the way booking offers would: only where the desks still have
/// room (90 % of their hourly files) and one trip of every van still has seats. Not thread-safe (it reads the clock).
/// </summary>
public static class PickupBenchmark
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly TimeOnly[] Slots = [new(8, 0), new(9, 0), new(10, 0), new(14, 0), new(15, 0), new(16, 0), new(17, 0), new(18, 0)];

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
        var bookings = Generate(options, rng, sites.Where(s => s.Kind != SiteKind.CollectionPoint).ToList(), villages, vans.Sum(v => v.SeatCount));
        int homes = bookings.Count(b => b.PickupSiteId is null);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"map: {options.MapFolder} (real OpenStreetMap road network; not a Vietnamese place); collection point stand-in: {townHall.GetString("name")}"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generation: seed {options.Seed}; {bookings.Count} bookings ({bookings.Count - homes} at {sites.Count - 1} real pickup points within {options.MaxSiteMinutes} min of {candidates.Count} candidates, {homes} at homes near villages); {bookings.Sum(b => b.ChildCount)} children, {bookings.Sum(b => b.SeatCount)} seats; needs: {bookings.Count(b => b.Needs.HasFlag(BookingNeeds.Wheelchair))} wheelchair, {bookings.Count(b => b.Needs.HasFlag(BookingNeeds.ChildSeat))} child seat, {bookings.Count(b => b.Needs.HasFlag(BookingNeeds.MustBeCarried))} carried"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"station: {options.Vans} vans x 15 seats ({vans.Count(v => v.WheelchairPlaces > 0)} with a wheelchair place, 2 child seats each), up to {options.MaxTripsPerVan} trips a van; desks {options.Desks} x {options.FilesPerDeskPerHour} files/h ({options.Desks * options.FilesPerDeskPerHour / 2} children per half hour); open 07:30-11:30, 13:30-19:30; slots {string.Join(' ', Slots.Select(s => s.ToString("HH:mm", CultureInfo.InvariantCulture)))}; max ride {station.MaxRideMinutes} min"));

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
            Settings = PickupSettings.Default with { MaxTripsPerVan = options.MaxTripsPerVan },
            Search = new SearchOptions { Seed = options.Seed, TimeLimit = TimeSpan.FromSeconds(options.Seconds) },
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
            $"plan: {planMs:0} ms wall (limit {options.Seconds:0.#} s); {result.Solves.Count} parts planned in turn, {result.Rounds} engine solves, {result.Solves.Sum(s => s.Log.Sum(r => r.Iterations))} search iterations"));
        foreach (var (solve, k) in result.Solves.Select((s, k) => (s, k + 1)))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  part {k}: {solve.Log[0].Families} families; solves (ms/iterations/unserved tasks): {string.Join(", ", solve.Log.Select(r => $"{r.Elapsed.TotalMilliseconds:0}/{r.Iterations}/{r.UnassignedTasks}"))}"));
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"served: {f.BookingsServed} bookings, {f.PeopleServed} people; unserved: {f.BookingsUnserved} bookings, {f.PeopleUnserved} people ({(reasons.Count == 0 ? "none" : string.Join(", ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}")))})"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trips: {f.Trips} on {f.VansUsed} vans ({plan.Trips.Count(t => t.PassesThroughCollectionPoint)} pass through the point), {f.Metres / 1000.0:0.0} km, max ride {f.MaxRideSeconds / 60.0:0.0} min, longest wait for the ride home {f.MaxReturnWaitSeconds / 60.0:0} min, most children per half hour {f.MaxChildrenPerHalfHour} (cap {f.ChildrenPerHalfHourCap}), warnings {plan.Warnings.Count}"));
        log.WriteLine(result.CheckerErrors.Count == 0
            ? "checker: feasible (independent FeasibilityChecker, 0 violations)"
            : string.Create(CultureInfo.InvariantCulture, $"checker: {result.CheckerErrors.Count} violations, first: {result.CheckerErrors[0]}"));
        return new PickupBenchmarkResult(bookings.Count, options.Vans, sites.Count - 1, homes, loadMs, matrixMs, planMs, result.Rounds,
            f, reasons, result.CheckerErrors.Count, travel.IsEstimated);
    }

    private static List<Booking> Generate(PickupBenchmarkOptions options, Random rng, List<Site> sites, List<Site> villages, int fleetSeats)
    {
        // Slot room as offers would show it: 90 % of the desks' hourly files, and one trip of every van.
        int childrenPerSlot = options.Desks * options.FilesPerDeskPerHour * 9 / 10;
        var children = new int[Slots.Length];
        var seats = new int[Slots.Length];
        var bookings = new List<Booking>(options.Bookings);
        var at = new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < options.Bookings; i++)
        {
            int kids = rng.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
            int guardians = rng.Next(10) < 9 ? 1 : 2;
            var needs = rng.Next(50) switch { 0 or 1 => BookingNeeds.Wheelchair, 2 => BookingNeeds.MustBeCarried, < 8 => BookingNeeds.ChildSeat, _ => BookingNeeds.None };
            int first = rng.Next(Slots.Length);
            int slot = Enumerable.Range(0, Slots.Length).Select(k => (first + k) % Slots.Length)
                .Where(k => children[k] + kids <= childrenPerSlot && seats[k] + kids + guardians <= fleetSeats)
                .DefaultIfEmpty(first)
                .First();
            children[slot] += kids;
            seats[slot] += kids + guardians;
            bool home = rng.Next(10) == 0 && villages.Count > 0;
            Site? site = home ? null : sites[rng.Next(sites.Count)];
            GeoPoint? homePoint = home ? Near(villages[rng.Next(villages.Count)].Location, 300, rng) : null;
            bookings.Add(new Booking(i + 1, $"B{i + 1:000}", 1, site?.Id, homePoint, home ? "near the village" : null, kids, guardians, needs,
                Day, Slots[slot], "Family", "0900000000", "vi", BookingStatus.Confirmed, at.AddMinutes(i), at.AddMinutes(i)));
        }

        return bookings;
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
