using Outreach.Data;
using Outreach.Domain;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;

namespace Outreach.Web.Features.VisitPlans;

/// <summary>The chief's week board of one station: a stored plan version (or none yet) with what it needs to be read.</summary>
public sealed record VisitBoard(
    Station Station,
    VisitWeek Week,
    PlanContent? Content,
    IReadOnlyList<Plan> Versions,
    IReadOnlyList<Team> Teams,
    IReadOnlyList<TeamDay> TeamDays,
    IReadOnlyList<Holiday> Holidays,
    IReadOnlyDictionary<(long TeamId, DateOnly Date), SavedTeamDay> Days,
    IReadOnlyList<SavedCoverage> Coverage,
    IReadOnlyDictionary<long, Site> Sites,
    int OpenRequests,
    bool EstimatedTravel)
{
    public Plan? Plan => Content?.Plan;

    public int Planned => Coverage.Sum(c => c.Planned);

    public int Total => Coverage.Sum(c => c.Total);

    public Holiday? HolidayOn(DateOnly date) => Holidays.FirstOrDefault(h => h.Date == date);
}

/// <summary>One team's day of a stored plan, ready to read or print: each stop with its site, request and contact.</summary>
public sealed record VisitItineraryView(
    Station Station,
    VisitWeek Week,
    Plan Plan,
    Team Team,
    DateOnly Date,
    TeamDay? Availability,
    IReadOnlyList<Officer> Members,
    TimeOnly? LeaveStation,
    TimeOnly? ReturnStation,
    IReadOnlyList<VisitItineraryStop> Stops,
    Holiday? Holiday,
    bool EstimatedTravel);

/// <summary>
/// A stop of a team's day: arrive, set up (unless the team continues where it is), capture from
/// <see cref="CaptureStarts"/> to <see cref="Leave"/>: <see cref="People"/> for the first time and
/// <see cref="RepeatPeople"/> again (their earlier capture is expected to have failed). <see cref="SetupMinutes"/>
/// comes from the request; everything else is the stored plan (one or two stored rows with the same times).
/// </summary>
public sealed record VisitItineraryStop(
    int Sequence,
    Site? Site,
    VisitRequest? Request,
    TimeOnly Arrive,
    TimeOnly CaptureStarts,
    TimeOnly Leave,
    int SetupMinutes,
    bool ContinuesAtSameSite,
    int People,
    CategoryCounts? Captured,
    int RepeatPeople,
    CategoryCounts? RepeatCaptured)
{
    public bool OnlyRepeats => People == 0 && RepeatPeople > 0;
}

/// <summary>Loads the board and itinerary views from the stores (read only). Thread-safe.</summary>
public sealed class VisitBoardQueries(DataStores stores, StationMaps maps, VisitPlanningServiceOptions options)
{
    /// <summary>The board of a station and week: the given version, or the newest; null when the station does not exist.</summary>
    public async Task<VisitBoard?> BoardAsync(long stationId, DateOnly monday, int? version, CancellationToken cancellationToken)
    {
        var station = await stores.Stations.GetAsync(stationId, cancellationToken);
        if (station is null)
        {
            return null;
        }

        var week = new VisitWeek(monday);
        var versions = await stores.Plans.ListVersionsAsync(stationId, PlanKind.Visits, week.Monday, week.Sunday, cancellationToken);
        var chosen = version is { } v ? versions.FirstOrDefault(p => p.Version == v) : (versions.Count > 0 ? versions[0] : null);
        var content = chosen is null ? null : await stores.Plans.GetAsync(chosen.Id, cancellationToken);
        var teams = await stores.Fleet.ListTeamsAsync(stationId, cancellationToken);
        var officers = await stores.Officers.ListByStationAsync(stationId, cancellationToken);
        var holidays = await stores.Calendar.ListHolidaysAsync(week.Monday, week.Sunday, cancellationToken);
        var requests = await stores.VisitRequests.ListByStationAsync(stationId, cancellationToken: cancellationToken);
        var sites = (await stores.Sites.ListByStationAsync(stationId, cancellationToken: cancellationToken)).ToDictionary(s => s.Id);
        var days = content is null ? [] : VisitPlanContent.TeamDays(content).ToDictionary(d => (d.TeamId, d.Date));
        var coverage = content is null ? [] : VisitPlanContent.Coverage(content, requests);
        return new VisitBoard(
            station, week, content, versions, teams, TeamDay.ForWeek(week, teams, officers, holidays, options.Planner), holidays,
            days, coverage, sites, requests.Count(r => r.Status == VisitRequestStatus.Open), maps.For(station).Network is null);
    }

    /// <summary>A team's day of a stored Visits plan, or null when the plan, team or day does not match the station.</summary>
    public async Task<VisitItineraryView?> ItineraryAsync(long stationId, long planId, long teamId, DateOnly date, CancellationToken cancellationToken)
    {
        var content = await stores.Plans.GetAsync(planId, cancellationToken);
        var station = await stores.Stations.GetAsync(stationId, cancellationToken);
        var team = await stores.Fleet.GetTeamAsync(teamId, cancellationToken);
        if (content is null || station is null || team is null || content.Plan.StationId != stationId || content.Plan.Kind != PlanKind.Visits
            || team.HomeStationId != stationId || date < content.Plan.PeriodStart || date > content.Plan.PeriodEnd)
        {
            return null;
        }

        var week = new VisitWeek(content.Plan.PeriodStart);
        var day = VisitPlanContent.TeamDays(content).FirstOrDefault(d => d.TeamId == teamId && d.Date == date);
        var officers = await stores.Officers.ListByStationAsync(stationId, cancellationToken);
        var holidays = await stores.Calendar.ListHolidaysAsync(date, date, cancellationToken);
        var requests = (await stores.VisitRequests.ListByStationAsync(stationId, cancellationToken: cancellationToken)).ToDictionary(r => r.Id);
        var sites = (await stores.Sites.ListByStationAsync(stationId, cancellationToken: cancellationToken)).ToDictionary(s => s.Id);
        var availability = TeamDay.ForWeek(week, [team], officers, holidays, options.Planner).FirstOrDefault(d => d.Date == date);
        var stops = new List<VisitItineraryStop>();
        PlanStop? previous = null;
        foreach (var s in day?.Visits ?? [])
        {
            if (previous is not null && stops.Count > 0 && previous.SiteId == s.SiteId && previous.Arrival == s.Arrival && previous.Departure == s.Departure)
            {
                // The second row of a stop that both captures and retries.
                var last = stops[^1];
                stops[^1] = s.IsRepeatVisit
                    ? last with { RepeatPeople = last.RepeatPeople + s.ServedCount, RepeatCaptured = s.ServedByCategory }
                    : last with { People = last.People + s.ServedCount, Captured = s.ServedByCategory };
                previous = s;
                continue;
            }

            var request = s.VisitRequestId is { } r ? requests.GetValueOrDefault(r) : null;
            var continues = previous is not null && previous.SiteId == s.SiteId && previous.Departure == s.Arrival;
            stops.Add(new VisitItineraryStop(
                stops.Count + 1, s.SiteId is { } site ? sites.GetValueOrDefault(site) : null, request,
                Local(s.Arrival), Local(s.ServiceStart ?? s.Arrival), Local(s.Departure), continues ? 0 : request?.SetupMinutes ?? 0, continues,
                s.IsRepeatVisit ? 0 : s.ServedCount, s.IsRepeatVisit ? null : s.ServedByCategory,
                s.IsRepeatVisit ? s.ServedCount : 0, s.IsRepeatVisit ? s.ServedByCategory : null));
            previous = s;
        }

        var members = team.MemberOfficerIds.Select(id => officers.FirstOrDefault(o => o.Id == id)).OfType<Officer>().ToList();
        return new VisitItineraryView(station, week, content.Plan, team, date, availability, members,
            day?.Leave is { } l ? Local(l) : null, day?.Return is { } b ? Local(b) : null, stops, (holidays.Count > 0 ? holidays[0] : null),
            maps.For(station).Network is null);
    }

    private static TimeOnly Local(DateTimeOffset instant) => TimeOnly.FromTimeSpan(instant.ToOffset(VisitWeek.VietnamOffset).TimeOfDay);
}
