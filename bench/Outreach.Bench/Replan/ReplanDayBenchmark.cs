using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Bench.Pickups;
using Outreach.Domain;
using Outreach.Planning.Pickups;
using Outreach.Planning.Versions;
using GeoFlood = Outreach.Geo.Weather.FloodArea;
using GeoWeather = Outreach.Geo.Weather.WeatherState;

namespace Outreach.Bench.Replan;

/// <summary>
/// `outreach bench replan --day`: the re-plan measures of <see cref="ReplanBenchmark"/> on the generated busy day of
/// `outreach bench pickups` (real road network, 300 requests, 8 vans). The day is planned and taken as published; each
/// change (a booking through the live plan with the published times held, a cancellation, a flood over a published
/// family's pickup point, the busiest van breaking down) is applied to that published day on its own and the day re-planned
/// as the planning service does (started from the published plan or the live plan, published pins, the re-plan search
/// time), in memory. Reports the same figures per change.
/// </summary>
public static class ReplanDayBenchmark
{
    /// <summary>The planning service's search time for a re-plan (<see cref="Outreach.Jobs.Pickups.PickupPlanningOptions.ReplanTimeLimit"/>).</summary>
    private static readonly TimeSpan ReplanTime = new Outreach.Jobs.Pickups.PickupPlanningOptions().ReplanTimeLimit;

    private const long Provisional = long.MaxValue;

    public static IReadOnlyList<ReplanMeasure> Run(PickupBenchmarkOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var day = PickupBenchmark.Run(options, TextWriter.Null);
        var (request, first, network, cache) = day.Day ?? throw new InvalidOperationException("the bench day was not planned");
        var plan = first.Plan;
        var content = PickupPlanContent.From(plan, "bench", default);
        var published = content with { Plan = content.Plan with { Id = 1, Version = 1, Status = PlanStatus.Published } };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench day: seed {options.Seed}, {request.Bookings.Count} bookings accepted by the rule, {plan.Figures.BookingsServed} served and published, {plan.Figures.Trips} trips"));
        var onPlan = published.Stops.Where(s => s.Kind == StopKind.Pickup && s.BookingId is not null).OrderBy(s => s.Arrival).ToList();
        var start = request with { Start = plan, Published = published, Search = request.Search with { TimeLimit = ReplanTime, MaxIterations = null } };
        var measures = new List<ReplanMeasure>();

        // A booking: like a served family (same point and slot), taken only where it fits the published times (KeepTold).
        // A busy day has full trips: the family asks like one on the emptiest outbound trips first, as a family would
        // be offered the slots that still have seats; up to five tries.
        var tripFamilies = onPlan.GroupBy(s => (s.ResourceId, s.TripNumber)).ToDictionary(g => g.Key, g => g.Count());
        var candidates = request.Bookings
            .Select(b => (Booking: b, Stop: onPlan.FirstOrDefault(s => s.BookingId == b.Id)))
            .Where(c => c.Booking.PickupSiteId is not null && c.Stop is not null)
            .OrderBy(c => tripFamilies[(c.Stop!.ResourceId, c.Stop.TripNumber)]).ThenBy(c => c.Stop!.Arrival)
            .Select(c => c.Booking)
            .Take(5)
            .ToList();
        bool booked = false;
        for (int k = 0; k < candidates.Count && !booked; k++)
        {
            var like = candidates[k];
            var family = like with { Id = Provisional, Code = "NEW", ChildCount = 1, GuardianCount = 1, Needs = BookingNeeds.None, CreatedAt = like.CreatedAt.AddDays(1) };
            var withFamily = request.Bookings.Append(family).ToList();
            var asking = start with { Bookings = withFamily, Points = PickupPoints.Collect(request.Station, withFamily, request.Sites) };
            var live = LiveBooking.TryAccept(asking with { Search = start.Search with { TimeLimit = TimeSpan.FromMilliseconds(400) } }, Provisional);
            if (live.Accepted)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench day: the new booking was taken at try {k + 1} (like booking {like.Id})"));
                measures.Add(Measure(ReplanEvent.Booking, published, Provisional, asking with { Start = live.Result.Plan }, TimeSpan.Zero, log));
                booked = true;
            }
            else
            {
                log.WriteLine($"bench day: the new booking like booking {like.Id} was refused ({live.Reason?.Code})");
            }
        }

        // A cancellation: a family in the middle of the day.
        var cancelled = onPlan[onPlan.Count / 2].BookingId!.Value;
        var without = request.Bookings.Where(b => b.Id != cancelled).ToList();
        // The day's points stay as they are (a point with no family left is simply not visited): the matrix still covers them.
        measures.Add(Measure(ReplanEvent.Cancellation, published, cancelled, start with { Bookings = without }, TimeSpan.Zero, log));

        // A flood: a 300 m square over the first published family's pickup point (its travel matrix made again).
        var flooded = onPlan.First(s => s.SiteId is not null);
        var site = request.Sites.First(s => s.Id == flooded.SiteId);
        var watch = Stopwatch.StartNew();
        var weather = new GeoWeather(floods: [new GeoFlood("Ngập (bench)", Square(site.Location, 150))]);
        var travel = cache.Matrix(network, Outreach.Geo.Roads.TravelProfile.Van, weather, request.Points.Coordinates);
        var matrixTime = watch.Elapsed;
        measures.Add(Measure(ReplanEvent.Flood, published, flooded.BookingId, start with { Travel = travel }, matrixTime, log));

        // A breakdown: the van with the most families.
        var busiest = onPlan.GroupBy(s => s.ResourceId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        measures.Add(Measure(ReplanEvent.Breakdown, published, null, start with { Vans = request.Vans.Where(v => v.Id != busiest).ToList() }, TimeSpan.Zero, log));
        return measures;
    }

    private static ReplanMeasure Measure(ReplanEvent change, PlanContent published, long? about, PickupPlanRequest request, TimeSpan before, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var result = PickupPlanner.Plan(request);
        var elapsed = before + watch.Elapsed;
        if (result.CheckerErrors.Count > 0)
        {
            throw new InvalidOperationException("checker: " + string.Join("; ", result.CheckerErrors.Take(3)));
        }

        var measure = ReplanBenchmark.Of("bench day", change, published, PickupPlanContent.From(result.Plan, "bench", default), about, elapsed, log);
        log.WriteLine(ReplanBenchmark.Line(measure));
        if (ReplanBenchmark.Verbose)
        {
            foreach (var solve in result.Solves)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    part: {solve.Rounds} solves (ms/iterations/families/unserved tasks): {string.Join(", ", solve.Log.Select(r => $"{r.Elapsed.TotalMilliseconds:0}/{r.Iterations}/{r.Families}/{r.UnassignedTasks}"))}"));
            }
        }
        return measure;
    }

    private static Polygon Square(GeoPoint centre, double halfMetres) =>
        new GeometryFactory().CreatePolygon([.. ReplanBenchmark.SquareRing(centre, halfMetres).Select(p => new Coordinate(p.Longitude, p.Latitude))]);
}
