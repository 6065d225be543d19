using System.Diagnostics;
using System.Globalization;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Bench.Pickups;
using Outreach.Data;
using Outreach.Jobs.Pickups;
using Outreach.Planning.Pickups;
using Outreach.Planning.Versions;

namespace Outreach.Bench.Replan;

/// <summary>What a change to a published day is.</summary>
public enum ReplanEvent
{
    /// <summary>A family books the day (one child and a parent, at a pickup site of the station, in a slot of the day).</summary>
    Booking,

    /// <summary>A family on the published plan cancels.</summary>
    Cancellation,

    /// <summary>The chief draws a flood area (a square of 300 m) over one published family's pickup point.</summary>
    Flood,

    /// <summary>The van with the most families breaks down: the day goes on without it (last: the next day has it back).</summary>
    Breakdown,
}

/// <summary>One re-plan after one change, measured against the published version it replaces.</summary>
/// <param name="Station">The demo station.</param>
/// <param name="Date">The day.</param>
/// <param name="Event">The change.</param>
/// <param name="Published">Families on the published version (what was told).</param>
/// <param name="Moved">Of those, moved by a minute or more or to another van or trip (not counting the family the change is about).</param>
/// <param name="MovedBeyondTolerance">Of those, moved more than the tolerance, or left out.</param>
/// <param name="Removed">Families of the published version no longer on the plan (not counting the one the change is about).</param>
/// <param name="Messages">Messages the new version needs: each family added, left out or told another time, and each driver whose trips changed.</param>
/// <param name="Elapsed">Wall time of the re-plan: reading the day, planning, the checker and saving.</param>
public sealed record ReplanMeasure(string Station, DateOnly Date, ReplanEvent Event, int Published, int Moved, int MovedBeyondTolerance, int Removed, int Messages, TimeSpan Elapsed)
{
    /// <summary>Share of the published families moved or left out (the family the change is about not counted).</summary>
    public double ShareMoved => Published == 0 ? 0 : (double)(Moved + Removed) / Published;
}

/// <summary>
/// `outreach bench replan`: how stable re-plans are. Seeds the demo stations into a temporary SQLite database, plans and
/// publishes every booked day of the demo week, then applies one change at a time (a booking, a cancellation, a van
/// breakdown, a flood over a pickup point) and re-plans the day through <see cref="PickupPlanningService"/> as the
/// background job does, each re-plan published before the next change. Reports per change the share of published
/// families moved, messages needed and the re-plan's wall time.
/// </summary>
public static class ReplanBenchmark
{
    /// <summary>The tolerance a station allows a background re-plan to move a told time by (reported, not enforced here).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(10);

    public static async Task<IReadOnlyList<ReplanMeasure>> RunDemoAsync(string mapsFolder, TimeSpan firstPlanLimit, long seed, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var demo = await DemoPlanning.CreateAsync(mapsFolder, firstPlanLimit, seed, cancellationToken);
        var (stores, seeded, service) = (demo.Stores, demo.Seeded, demo.Service);
        var measures = new List<ReplanMeasure>();
        foreach (var station in seeded.Stations)
        {
            var week = await stores.Bookings.ListAsync(station.StationId, seeded.WeekStart, seeded.WeekStart.AddDays(6), cancellationToken: cancellationToken);
            foreach (var date in week.Select(b => b.Date).Distinct().Order())
            {
                var first = await service.PlanDayAsync(station.StationId, date, "bench", cancellationToken);
                await stores.Plans.PublishAsync(first.Saved.Plan.Id, cancellationToken);
                foreach (var change in Enum.GetValues<ReplanEvent>())
                {
                    if (await MeasureAsync(stores, service, station.StationName, station.StationId, date, change, log, cancellationToken) is { } measure)
                    {
                        measures.Add(measure);
                        log.WriteLine(Line(measure));
                    }
                }
            }
        }

        return measures;
    }

    /// <summary>Applies <paramref name="change"/> to the day, re-plans it, publishes the new version and measures it against the one before.</summary>
    private static async Task<ReplanMeasure?> MeasureAsync(DataStores stores, PickupPlanningService service, string stationName, long stationId, DateOnly date,
        ReplanEvent change, TextWriter log, CancellationToken cancellationToken)
    {
        var latest = await stores.Plans.GetLatestAsync(stationId, PlanKind.Pickups, date, date, PlanStatus.Published, cancellationToken);
        var published = latest is null ? null : await stores.Plans.GetAsync(latest.Id, cancellationToken);
        if (published is null)
        {
            return null;
        }

        var onPlan = published.Stops.Where(s => s.Kind == StopKind.Pickup && s.BookingId is not null).ToList();
        long? about = null;
        Vehicle? brokenDown = null;
        switch (change)
        {
            case ReplanEvent.Booking:
            {
                // As the booking pages take it: into the live plan (started from the published plan, whose times hold), and
                // stored only when the plan serves the family and every family it served before.
                var dayBookings = await stores.Bookings.ListAsync(stationId, date, date, cancellationToken: cancellationToken);
                var like = dayBookings.FirstOrDefault(b => b.PickupSiteId is not null && onPlan.Any(s => s.BookingId == b.Id));
                if (like is null)
                {
                    return null;
                }

                var station = (await stores.Stations.GetAsync(stationId, cancellationToken))!;
                var (request, _) = await service.LoadWithInputsAsync(station, date, cancellationToken);
                var family = new Booking(Provisional, "", stationId, like.PickupSiteId, null, null, 1, 1, BookingNeeds.None, date, like.SlotStart,
                    "Lan", "0912345678", "vi", BookingStatus.Confirmed, like.CreatedAt.AddDays(1), like.CreatedAt.AddDays(1));
                var withFamily = request.Bookings.Append(family).ToList();
                var decision = LiveBooking.TryAccept(request with
                {
                    Bookings = withFamily,
                    Points = PickupPoints.Collect(station, withFamily, request.Sites),
                    Search = request.Search with { TimeLimit = TimeSpan.FromMilliseconds(400) },
                }, Provisional);
                if (!decision.Accepted)
                {
                    log.WriteLine($"{stationName}, {date:yyyy-MM-dd}: the new booking was refused ({decision.Reason?.Code}); nothing to re-plan");
                    return null;
                }

                var booked = await stores.Bookings.TryBookAsync(family with { Id = 0 }, new BookingCapacity(60).Fits,
                    (_, _) => new LiveVerdict(true, id => LivePlanJson.Write(LivePlanJson.Renumber(decision.Result.Plan, Provisional, id)), null), null, cancellationToken);
                about = booked.Booking?.Id;
                break;
            }

            case ReplanEvent.Cancellation:
            {
                if (onPlan.Count == 0)
                {
                    return null;
                }

                about = onPlan[onPlan.Count / 2].BookingId;
                await stores.Bookings.CancelAsync(about!.Value, cancellationToken);
                break;
            }

            case ReplanEvent.Breakdown:
            {
                var busiest = onPlan.GroupBy(s => s.ResourceId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault()?.Key;
                var vans = await stores.Fleet.ListVehiclesAsync(stationId, cancellationToken);
                brokenDown = vans.FirstOrDefault(v => v.Id == busiest);
                if (brokenDown is null || vans.Count(v => v.Profile == VehicleProfile.Van) < 2)
                {
                    return null;
                }

                break;
            }

            case ReplanEvent.Flood:
            {
                var stop = onPlan.FirstOrDefault(s => s.SiteId is not null);
                var site = stop?.SiteId is { } siteId ? await stores.Sites.GetAsync(siteId, cancellationToken) : null;
                if (site is null)
                {
                    return null;
                }

                about = stop!.BookingId;
                await stores.Weather.SaveAsync(new WeatherState(0, stationId, date, [], [new FloodArea("Ngập (bench)", new GeoPolygon([SquareRing(site.Location, 150)]))], [],
                    default, "bench"), cancellationToken);
                break;
            }
        }

        var started = Stopwatch.GetTimestamp();
        PlanContent saved;
        if (brokenDown is null)
        {
            var result = await service.PlanDayAsync(stationId, date, "bench", change.ToString(), cancellationToken);
            saved = result.Saved;
        }
        else
        {
            // No "out of service" flag exists yet: the day is planned as the service plans it, without the van.
            var station = (await stores.Stations.GetAsync(stationId, cancellationToken))!;
            var (request, inputs) = await service.LoadWithInputsAsync(station, date, cancellationToken);
            request = request with { Vans = request.Vans.Where(v => v.Id != brokenDown.Id).ToList() };
            var result = PickupPlanner.Plan(request);
            if (result.CheckerErrors.Count > 0)
            {
                throw new InvalidOperationException("checker: " + string.Join("; ", result.CheckerErrors.Take(3)));
            }

            var content = PickupPlanContent.From(result.Plan, "bench", default);
            saved = await stores.Plans.SaveNewVersionAsync(content with { Plan = content.Plan with { Inputs = inputs + ":without-" + brokenDown.Id, Reasons = "fleet.changed" } }, cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (saved.Plan.Id != published.Plan.Id)
        {
            await stores.Plans.PublishAsync(saved.Plan.Id, cancellationToken);
        }

        return Of(stationName, change, published, saved, about, elapsed, log);
    }

    /// <summary>
    /// The figures of one re-plan: <paramref name="after"/> against the <paramref name="published"/> version it replaces,
    /// the family the change is about (<paramref name="about"/>: booked, cancelled or flooded) not counted; with
    /// <see cref="Verbose"/>, every family moved is printed.
    /// </summary>
    internal static ReplanMeasure Of(string station, ReplanEvent change, PlanContent published, PlanContent after, long? about, TimeSpan elapsed, TextWriter log)
    {
        var diff = PlanDiff.Between(published, after);
        var others = diff.Changes.Where(c => c.ItemId != about).ToList();
        if (Verbose)
        {
            foreach (var c in others)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {c.Kind} booking {c.ItemId}: {Where(c.Before)} -> {Where(c.After)}{(c.ReasonEn is null ? "" : " (" + c.ReasonEn + ")")}"));
            }
        }

        int moved = others.Count(c => c.Kind == PlanChangeKind.Moved);
        int removed = others.Count(c => c.Kind == PlanChangeKind.Removed);
        int beyond = others.Count(c => c.Kind == PlanChangeKind.Removed || (c.Kind == PlanChangeKind.Moved && Math.Abs(c.MinutesMoved) > Tolerance.TotalMinutes));
        int families = diff.Changes.Count(c => c.Kind != PlanChangeKind.Moved || c.MinutesMoved != 0 || c.Before!.SiteId != c.After!.SiteId);
        int drivers = diff.Changes.SelectMany(c => new[] { c.Before?.ResourceId, c.After?.ResourceId }).OfType<long>().Distinct().Count();
        int compared = diff.Compared - (about is { } a && published.Stops.Any(s => s.Kind == StopKind.Pickup && s.BookingId == a) ? 1 : 0);
        return new ReplanMeasure(station, published.Plan.PeriodStart, change, compared, moved, beyond, removed, families + drivers, elapsed);
    }

    /// <summary>A square <paramref name="halfMetres"/> each way around <paramref name="centre"/>, as a closed ring (lon/lat).</summary>
    internal static IReadOnlyList<GeoPoint> SquareRing(GeoPoint centre, double halfMetres)
    {
        double dLat = halfMetres / 111_320.0;
        double dLon = halfMetres / (111_320.0 * Math.Cos(centre.Latitude * Math.PI / 180));
        return [.. new[] { (-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1) }
            .Select(d => new GeoPoint(centre.Longitude + (d.Item1 * dLon), centre.Latitude + (d.Item2 * dLat)))];
    }

    private const long Provisional = long.MaxValue;

    /// <summary>Print each change (family, van, trip and time before and after) under its re-plan's line.</summary>
    public static bool Verbose { get; set; }

    private static string Where(PlacedItem? item) => item is null ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"van {item.ResourceId} trip {item.TripNumber} {item.Time.ToOffset(TimeSpan.FromHours(7)):HH:mm:ss}");

    public static string Line(ReplanMeasure m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Station}, {m.Date:ddd yyyy-MM-dd}, {m.Event}: {m.Published} published families, moved {m.Moved} ({m.ShareMoved:P1} with {m.Removed} left out), beyond {Tolerance.TotalMinutes:0} min {m.MovedBeyondTolerance}, messages {m.Messages}, re-plan {m.Elapsed.TotalMilliseconds:0} ms");

    /// <summary>The one summary line: per change, the share of published families moved (mean and worst), messages and re-plan times.</summary>
    public static string Summary(IReadOnlyList<ReplanMeasure> measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var parts = new List<string>();
        foreach (var group in measures.GroupBy(m => m.Event))
        {
            var list = group.ToList();
            double share = list.Sum(m => m.Published) == 0 ? 0 : (double)list.Sum(m => m.Moved + m.Removed) / list.Sum(m => m.Published);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.ToString().ToLowerInvariant()} moved {share:P1} (worst day {list.Max(m => m.ShareMoved):P1}), messages {list.Sum(m => m.Messages)}"));
        }

        var times = measures.Select(m => m.Elapsed.TotalMilliseconds).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"replan bench: {measures.Count} re-plans on {measures.Select(m => (m.Station, m.Date)).Distinct().Count()} days; {string.Join("; ", parts)}; re-plan p50 {Percentile(times, 0.5):0} ms, p95 {Percentile(times, 0.95):0} ms");
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

}
