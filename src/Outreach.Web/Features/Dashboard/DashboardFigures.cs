using Outreach.Data;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;

namespace Outreach.Web.Features.Dashboard;

/// <summary>Marker for the dashboard's strings: DashboardResource.resx (Vietnamese, neutral) and DashboardResource.en.resx.</summary>
public sealed class DashboardResource;

/// <summary>
/// One day of a station's pickups and team visits as the latest plans stand.
/// </summary>
/// <param name="Date">The day (Vietnam time).</param>
/// <param name="PickupPlan">The pickup plan version the day's figures come from (the newest of the narrowest period holding the day), or null.</param>
/// <param name="Bookings">Bookings of the day holding seats (every status but cancelled).</param>
/// <param name="NewSincePlan">Of those, made after <paramref name="PickupPlan"/> was created (0 without a plan).</param>
/// <param name="Unplanned">Bookings holding seats on a day without a pickup plan (0 with one).</param>
/// <param name="Children">Children of those bookings.</param>
/// <param name="Guardians">Guardians of those bookings.</param>
/// <param name="Served">Bookings on a van trip of the day in the plan.</param>
/// <param name="Unserved">The plan's unserved bookings of the day, with the plan's reasons.</param>
/// <param name="Trips">Van trips of the day in the plan.</param>
/// <param name="TeamsOut">Mobile teams with visits that day in the week's latest visit plan.</param>
/// <param name="PeopleVisited">People the teams capture that day for the first time, by category.</param>
/// <param name="VanTravel">How far the day's van trips travel.</param>
/// <param name="TeamTravel">How far the day's team visits travel.</param>
/// <param name="Refused">Booking requests for the day refused, by reason code, most first.</param>
public sealed record DayFigures(
    DateOnly Date,
    Plan? PickupPlan,
    int Bookings,
    int NewSincePlan,
    int Unplanned,
    int Children,
    int Guardians,
    int Served,
    IReadOnlyList<UnservedItem> Unserved,
    int Trips,
    int TeamsOut,
    CategoryCounts PeopleVisited,
    TripTravel VanTravel,
    TripTravel TeamTravel,
    IReadOnlyList<(string Reason, int Count)> Refused);

/// <summary>Figures summed over several days (today alone, or the week).</summary>
public sealed record PeriodFigures(
    int Bookings,
    int NewSincePlan,
    int Unplanned,
    int Children,
    int Guardians,
    int Served,
    IReadOnlyList<UnservedItem> Unserved,
    int Trips,
    int TeamDays,
    CategoryCounts PeopleVisited,
    TripTravel VanTravel,
    TripTravel TeamTravel,
    IReadOnlyList<(string Reason, int Count)> Refused)
{
    public static PeriodFigures Of(IReadOnlyCollection<DayFigures> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return new PeriodFigures(
            days.Sum(d => d.Bookings),
            days.Sum(d => d.NewSincePlan),
            days.Sum(d => d.Unplanned),
            days.Sum(d => d.Children),
            days.Sum(d => d.Guardians),
            days.Sum(d => d.Served),
            [.. days.SelectMany(d => d.Unserved)],
            days.Sum(d => d.Trips),
            days.Sum(d => d.TeamsOut),
            days.Aggregate(default(CategoryCounts), (sum, d) => sum.Add(d.PeopleVisited)),
            Sum(days.Select(d => d.VanTravel)),
            Sum(days.Select(d => d.TeamTravel)),
            DashboardQueries.MostFirst(days.SelectMany(d => d.Refused)));
    }

    /// <summary>Metres added up; estimated when any part is.</summary>
    public static TripTravel Sum(IEnumerable<TripTravel> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Aggregate(new TripTravel(0, false), (sum, t) => new TripTravel(sum.Metres + t.Metres, sum.Estimated || t.Estimated));
    }

    /// <summary>The unserved bookings by the plan's reason code, most first; each with one of its items for the reason's words.</summary>
    public IReadOnlyList<(UnservedItem Example, int Count)> UnservedByReason =>
        Unserved.GroupBy(u => u.ReasonCode, StringComparer.Ordinal)
            .Select(g => (g.First(), g.Count()))
            .OrderByDescending(r => r.Item2).ThenBy(r => r.Item1.ReasonCode, StringComparer.Ordinal)
            .ToList();
}

/// <summary>
/// A station's dashboard: a week (Monday to Sunday, Vietnam time) day by day, the messages waiting in the outbox and the
/// plan periods overlapping the week whose newest version is a draft nobody has published.
/// </summary>
/// <param name="VisitPlan">The newest visit-plan version of the week, or null.</param>
/// <param name="MessagesWaiting">Outbox messages of the station not sent yet.</param>
/// <param name="MessagesFailed">Outbox messages of the station that could not be sent.</param>
/// <param name="Unpublished">The newest version of each plan period overlapping the week that is still a draft.</param>
public sealed record StationFigures(
    Station Station,
    DateOnly Today,
    IReadOnlyList<DayFigures> Days,
    Plan? VisitPlan,
    int MessagesWaiting,
    int MessagesFailed,
    IReadOnlyList<Plan> Unpublished)
{
    public DateOnly Monday => Days[0].Date;

    /// <summary>Today's figures, or null when the week is another one.</summary>
    public DayFigures? TodayFigures => Days.SingleOrDefault(d => d.Date == Today);

    public PeriodFigures Week => PeriodFigures.Of(Days);
}

/// <summary>
/// Counts for the staff dashboard, read from the stores: per station a handful of queries for the week (the plans
/// overlapping it and their contents, the week's bookings, the outbox counts, the refusals of each day). Distances are
/// the route sheets' (<see cref="RouteSheetService.TravelAsync"/>), so the dashboard and the sheets agree. Counts only,
/// no names or phones. Stateless; thread-safe.
/// </summary>
public sealed class DashboardQueries(DataStores stores, RouteSheetService sheets)
{
    /// <summary>The Monday of <paramref name="date"/>'s week.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>
    /// The figures of <paramref name="station"/> for the week (Monday to Sunday) holding <paramref name="week"/>, by
    /// default the week holding <paramref name="today"/>.
    /// </summary>
    public async Task<StationFigures> ForStationAsync(Station station, DateOnly today, DateOnly? week = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(station);
        var monday = MondayOf(week ?? today);
        var sunday = monday.AddDays(6);
        var plans = await stores.Plans.ListAsync(station.Id, monday, sunday, cancellationToken);

        // Per day the pickup plan the day page shows by default: the narrowest period holding the day, newest version.
        var pickupPlanOf = new Dictionary<DateOnly, Plan>();
        for (var date = monday; date <= sunday; date = date.AddDays(1))
        {
            var day = date;
            if (plans.Where(p => p.Kind == PlanKind.Pickups && p.PeriodStart <= day && p.PeriodEnd >= day)
                    .OrderBy(p => p.PeriodEnd.DayNumber - p.PeriodStart.DayNumber).ThenByDescending(p => p.Version)
                    .FirstOrDefault() is { } chosen)
            {
                pickupPlanOf[day] = chosen;
            }
        }

        var visitPlan = plans.Where(p => p.Kind == PlanKind.Visits && p.PeriodStart == monday && p.PeriodEnd == sunday).MaxBy(p => p.Version);
        var contents = new Dictionary<long, PlanContent>();
        foreach (var plan in pickupPlanOf.Values.Append(visitPlan).OfType<Plan>().DistinctBy(p => p.Id))
        {
            if (await stores.Plans.GetAsync(plan.Id, cancellationToken) is { } content)
            {
                contents[plan.Id] = content;
            }
        }

        // Each plan's trips on the days it speaks for: a van trip of the day's pickup plan, a team-day of the week's visit plan.
        var travel = new Dictionary<TripKey, TripTravel>();
        foreach (var content in contents.Values)
        {
            var keys = TripKey.TripsOf(content)
                .Where(k => k.ResourceKind == PlanResourceKind.Team
                    ? content.Plan.Id == visitPlan?.Id
                    : pickupPlanOf.GetValueOrDefault(k.Date)?.Id == content.Plan.Id)
                .ToList();
            foreach (var (key, trip) in await sheets.TravelAsync(content, keys, cancellationToken))
            {
                travel[key] = trip;
            }
        }

        var bookings = await stores.Bookings.ListAsync(station.Id, monday, sunday, includeCancelled: true, cancellationToken);
        var bookingDate = bookings.ToDictionary(b => b.Id, b => b.Date);
        var visitStops = visitPlan is not null && contents.TryGetValue(visitPlan.Id, out var visits)
            ? visits.Stops.Where(s => s.ResourceKind == PlanResourceKind.Team).ToList()
            : [];

        var days = new List<DayFigures>(7);
        for (var date = monday; date <= sunday; date = date.AddDays(1))
        {
            var day = date;
            var holding = bookings.Where(b => b.Date == day && Booking.HoldsSeats(b.Status)).ToList();
            var plan = pickupPlanOf.GetValueOrDefault(day);
            var content = plan is null ? null : contents.GetValueOrDefault(plan.Id);
            var vanStops = content?.Stops.Where(s => s.ResourceKind == PlanResourceKind.Vehicle && s.Date == day).ToList() ?? [];
            // A week plan lists the whole week's unserved bookings: the day's are those of bookings of that day.
            var unserved = content?.Unserved
                .Where(u => u.ItemKind == UnservedItemKind.Booking
                    && (plan!.PeriodStart == plan.PeriodEnd || bookingDate.GetValueOrDefault(u.ItemId) == day))
                .ToList() ?? [];
            var dayVisits = visitStops.Where(s => s.Date == day).ToList();
            var refused = await stores.Refusals.ForDayAsync(station.Id, day, cancellationToken);
            days.Add(new DayFigures(
                day,
                plan,
                holding.Count,
                plan is null ? 0 : holding.Count(b => b.CreatedAt > plan.CreatedAt),
                plan is null ? holding.Count : 0,
                holding.Sum(b => b.ChildCount),
                holding.Sum(b => b.GuardianCount),
                vanStops.Where(s => s.BookingId is not null).Select(s => s.BookingId).Distinct().Count(),
                unserved,
                vanStops.Select(s => (s.ResourceId, s.TripNumber)).Distinct().Count(),
                dayVisits.Select(s => s.ResourceId).Distinct().Count(),
                dayVisits.Where(s => s.Kind == StopKind.Visit && !s.IsRepeatVisit && s.ServedByCategory is not null)
                    .Aggregate(default(CategoryCounts), (sum, s) => sum.Add(s.ServedByCategory!.Value)),
                PeriodFigures.Sum(travel.Where(t => t.Key.Date == day && t.Key.ResourceKind == PlanResourceKind.Vehicle).Select(t => t.Value)),
                PeriodFigures.Sum(travel.Where(t => t.Key.Date == day && t.Key.ResourceKind == PlanResourceKind.Team).Select(t => t.Value)),
                MostFirst(refused.Select(r => (r.Reason, r.Count)))));
        }

        var outbox = await stores.Outbox.CountByStatusAsync(station.Id, cancellationToken);
        var unpublished = plans.GroupBy(p => (p.Kind, p.PeriodStart, p.PeriodEnd))
            .Select(g => g.MaxBy(p => p.Version)!)
            .Where(p => p.Status == PlanStatus.Draft)
            .OrderBy(p => p.PeriodStart).ThenBy(p => p.Kind)
            .ToList();
        return new StationFigures(station, today, days, visitPlan, outbox[NotificationStatus.Pending], outbox[NotificationStatus.Failed], unpublished);
    }

    /// <summary>Counts summed per reason, most first, then by reason (ordinal, so the order is stable).</summary>
    public static IReadOnlyList<(string Reason, int Count)> MostFirst(IEnumerable<(string Reason, int Count)> counts) =>
        counts.GroupBy(c => c.Reason, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(r => r.Item2).ThenBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();
}
