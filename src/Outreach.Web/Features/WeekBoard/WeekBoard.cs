using System.Globalization;
using Outreach.Data;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.Dashboard;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.VisitPlans;

namespace Outreach.Web.Features.WeekBoard;

/// <summary>Marker for the week board's strings: WeekBoardResource.resx (Vietnamese, neutral) and WeekBoardResource.en.resx.</summary>
public sealed class WeekBoardResource;

/// <summary>A flood area or closure drawn on the board, with the days of the week it applies to.</summary>
/// <param name="Type">What it is: <see cref="HazardType.Flood"/> (a polygon), a closed road (a line) or bridge (a point).</param>
/// <param name="Name">As the chief named it; the re-plan's reason and the planners' unserved reasons carry it.</param>
/// <param name="Days">The days of the week it is stored for.</param>
/// <param name="Points">Its geometry on the first of those days (a flood's outer ring, a road's line, a bridge's point).</param>
public sealed record BoardHazard(HazardType Type, string Name, IReadOnlyList<DateOnly> Days, IReadOnlyList<GeoPoint> Points);

/// <summary>What the chief draws: a flooded area, a closed road, a closed bridge.</summary>
public enum HazardType
{
    Flood,
    Road,
    Bridge,
}

/// <summary>
/// What the newest version of a mobile-team week changes from the version contacts were last told (the newest published
/// one before it), or from the one before it when none was published.
/// </summary>
/// <param name="From">The version compared with.</param>
/// <param name="Diff">The changes, one per visit (a return visit for people the first could not capture is its own).</param>
/// <param name="Places">The place of each visit request (its site's name) by request id.</param>
/// <param name="Teams">Team names by team id (removed teams included: an older version may name one).</param>
public sealed record VisitVersionChanges(
    Plan From, Outreach.Planning.Versions.PlanDiff Diff, IReadOnlyDictionary<long, string> Places, IReadOnlyDictionary<long, string> Teams);

/// <summary>One plan period of the week (a day's pickups, the week's mobile teams) with its versions, newest first.</summary>
public sealed record BoardPeriod(PlanKind Kind, DateOnly Start, DateOnly End, IReadOnlyList<Plan> Versions)
{
    public Plan Latest => Versions[0];
}

/// <summary>
/// The chief's week board of one station (Monday to Sunday): each day's van trips from the latest pickup plan version of
/// the day (<see cref="PickupDayLoader"/>, as the pickup page shows it), the week's team-days from the latest visit plan
/// (<see cref="VisitBoardQueries"/>), the dashboard's figures for the week (<see cref="DashboardQueries"/>), the plan
/// versions of the week by period, the floods and closures drawn for its days and the re-plans waiting. Counts only:
/// nothing here names a family.
/// </summary>
public sealed record WeekBoard(
    Station Station,
    DateOnly Monday,
    IReadOnlyList<PickupDay> Days,
    VisitBoard? Visits,
    StationFigures Figures,
    IReadOnlyList<BoardPeriod> Periods,
    IReadOnlyList<BoardHazard> Hazards,
    IReadOnlyList<ReplanRequest> PendingReplans)
{
    /// <summary>What the newest version of each mobile-team period changes (<see cref="VisitVersionChanges"/>), by its plan id.</summary>
    public IReadOnlyDictionary<long, VisitVersionChanges> VisitChanges { get; init; } = new Dictionary<long, VisitVersionChanges>();

    /// <summary>Children and guardians of the bookings on the week's van trips (each day's latest pickup plan).</summary>
    public (int Children, int Guardians) CarriedByVan { get; init; }

    /// <summary>The people served by category: the children the vans bring in, and the people the teams capture.</summary>
    public CategoryCounts Applicants => Figures.Week.PeopleVisited.Add(ApplicantCategory.Child6To14WithGuardian, CarriedByVan.Children);

    public DateOnly Sunday => Monday.AddDays(6);

    public IEnumerable<DateOnly> Dates => Enumerable.Range(0, 7).Select(Monday.AddDays);

    /// <summary>Seats in use at each trip's fullest moment, and the seats of the vans on those trips (trips of vans with a known seat count).</summary>
    public (int Used, int Offered) Seats => (
        Days.SelectMany(d => d.Vans).Where(v => v.Seats is not null).Sum(v => v.Trips.Sum(t => t.PeakSeats)),
        Days.SelectMany(d => d.Vans).Where(v => v.Seats is not null).Sum(v => v.Trips.Count * v.Seats!.Value));

    /// <summary>
    /// What changes when a plan version of the week is saved or published: every version's id and status, newest first,
    /// as the live refresh compares it (<see cref="WeekBoardEndpoints.StampAsync"/> computes the same).
    /// </summary>
    public string Stamp => StampOf(Periods.SelectMany(p => p.Versions));

    public static string StampOf(IEnumerable<Plan> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return string.Join(",", versions.OrderByDescending(v => v.Id).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Id}{(v.Status == PlanStatus.Published ? "p" : "d")}")));
    }

    /// <summary>The plan periods a board shows: pickups and visits overlapping the week, by kind then start.</summary>
    public static IReadOnlyList<BoardPeriod> PeriodsOf(IEnumerable<Plan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return plans.Where(p => p.Kind is PlanKind.Pickups or PlanKind.Visits)
            .GroupBy(p => (p.Kind, p.PeriodStart, p.PeriodEnd))
            .Select(g => new BoardPeriod(g.Key.Kind, g.Key.PeriodStart, g.Key.PeriodEnd, g.OrderByDescending(p => p.Version).ToList()))
            .OrderBy(p => p.Kind == PlanKind.Visits ? 1 : 0).ThenBy(p => p.Start)
            .ToList();
    }
}

/// <summary>Loads a <see cref="WeekBoard"/> from the stores and the existing pages' loaders. Stateless; thread-safe.</summary>
public sealed class WeekBoardQueries(
    DataStores stores, ReplanRequestStore replans, PickupDayLoader pickups, VisitBoardQueries visits, DashboardQueries dashboard)
{
    public async Task<WeekBoard> LoadAsync(Station station, DateOnly monday, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(station);
        var sunday = monday.AddDays(6);
        var days = new List<PickupDay>(7);
        for (var date = monday; date <= sunday; date = date.AddDays(1))
        {
            days.Add(await pickups.LoadAsync(station, date, null, cancellationToken));
        }

        var visitBoard = await visits.BoardAsync(station.Id, monday, null, cancellationToken);
        var figures = await dashboard.ForStationAsync(station, today, monday, cancellationToken);
        var periods = WeekBoard.PeriodsOf(await stores.Plans.ListAsync(station.Id, monday, sunday, cancellationToken));
        var weather = await stores.Weather.ListAsync(station.Id, monday, sunday, cancellationToken);
        var pending = (await replans.ListPendingAsync(cancellationToken))
            .Where(r => r.StationId == station.Id && r.PeriodStart <= sunday && r.PeriodEnd >= monday)
            .ToList();

        // The bookings on each day's van trips, as the day's plan carries them.
        var bookings = (await stores.Bookings.ListAsync(station.Id, monday, sunday, includeCancelled: true, cancellationToken)).ToDictionary(b => b.Id);
        var carried = days.Where(d => d.Content is not null)
            .SelectMany(d => d.Content!.Stops.Where(s => s.ResourceKind == PlanResourceKind.Vehicle && s.Date == d.Date && s.BookingId is not null).Select(s => s.BookingId!.Value))
            .Distinct()
            .Select(id => bookings.GetValueOrDefault(id))
            .OfType<Booking>()
            .ToList();
        return new WeekBoard(station, monday, days, visitBoard, figures, periods, HazardsOf(weather), pending)
        {
            CarriedByVan = (carried.Sum(b => b.ChildCount), carried.Sum(b => b.GuardianCount)),
            VisitChanges = await VisitChangesAsync(station.Id, periods, visitBoard?.Content, cancellationToken),
        };
    }

    /// <summary>For each mobile-team period with an earlier version: its newest version against what contacts were last told.</summary>
    /// <param name="shown">The week's newest visit version as the team board already read it, or null.</param>
    private async Task<Dictionary<long, VisitVersionChanges>> VisitChangesAsync(long stationId, IReadOnlyList<BoardPeriod> periods, PlanContent? shown,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, VisitVersionChanges>();
        Dictionary<long, string>? places = null, teams = null;
        foreach (var period in periods.Where(p => p.Kind == PlanKind.Visits && p.Versions.Count > 1))
        {
            var older = period.Versions.Skip(1).ToList();
            var from = older.FirstOrDefault(v => v.Status == PlanStatus.Published) ?? older[0];
            if (await stores.Plans.GetAsync(from.Id, cancellationToken) is not { } before
                || (shown?.Plan.Id == period.Latest.Id ? shown : await stores.Plans.GetAsync(period.Latest.Id, cancellationToken)) is not { } now)
            {
                continue;
            }

            if (places is null)
            {
                var sites = (await stores.Sites.ListByStationAsync(stationId, null, includeRemoved: true, cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
                places = (await stores.VisitRequests.ListByStationAsync(stationId, cancellationToken: cancellationToken))
                    .ToDictionary(r => r.Id, r => sites.GetValueOrDefault(r.SiteId, $"#{r.Id}"));
                teams = (await stores.Fleet.ListTeamsAsync(stationId, includeRemoved: true, cancellationToken)).ToDictionary(t => t.Id, t => t.Name);
            }

            found[period.Latest.Id] = new VisitVersionChanges(from, Outreach.Planning.Versions.PlanDiff.Between(before, now), places, teams!);
        }

        return found;
    }

    /// <summary>The floods and closures of the days' weather, one entry per type and name with the days holding it.</summary>
    public static IReadOnlyList<BoardHazard> HazardsOf(IEnumerable<WeatherState> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var found = new List<(HazardType Type, string Name, DateOnly Date, IReadOnlyList<GeoPoint> Points)>();
        foreach (var day in days.OrderBy(d => d.Date))
        {
            found.AddRange(day.FloodAreas.Select(f => (HazardType.Flood, f.Name, day.Date, f.Area.Rings.Count > 0 ? f.Area.Rings[0] : (IReadOnlyList<GeoPoint>)[])));
            found.AddRange(day.Closures.Where(c => c.Kind is ClosureKind.Road or ClosureKind.Bridge)
                .Select(c => (c.Kind == ClosureKind.Road ? HazardType.Road : HazardType.Bridge, c.Name, day.Date, c.Geometry)));
        }

        return found.GroupBy(h => (h.Type, h.Name))
            .Select(g => new BoardHazard(g.Key.Type, g.Key.Name, g.Select(h => h.Date).Distinct().Order().ToList(), g.First().Points))
            .OrderBy(h => h.Days[0]).ThenBy(h => h.Type).ThenBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
    }
}
