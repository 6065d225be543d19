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

/// <summary>Loads the week board from the stores (read only); a team-day's sheet comes from RouteSheets. Thread-safe.</summary>
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
        // The current teams, and a team removed since when the shown version has its routes (named, with its members).
        var planned = content?.Stops.Where(s => s.ResourceKind == PlanResourceKind.Team).Select(s => s.ResourceId).ToHashSet() ?? [];
        var teams = (await stores.Fleet.ListTeamsAsync(stationId, includeRemoved: true, cancellationToken))
            .Where(t => t.RemovedAt is null || planned.Contains(t.Id)).ToList();
        var officers = await stores.Officers.ListByStationAsync(stationId, includeRemoved: true, cancellationToken);
        var holidays = await stores.Calendar.ListHolidaysAsync(week.Monday, week.Sunday, cancellationToken);
        var requests = await stores.VisitRequests.ListByStationAsync(stationId, cancellationToken: cancellationToken);
        var sites = (await stores.Sites.ListByStationAsync(stationId, null, includeRemoved: true, cancellationToken)).ToDictionary(s => s.Id);
        var days = content is null ? [] : VisitPlanContent.TeamDays(content).ToDictionary(d => (d.TeamId, d.Date));
        var coverage = content is null ? [] : VisitPlanContent.Coverage(content, requests);
        return new VisitBoard(
            station, week, content, versions, teams, TeamDay.ForWeek(week, teams, officers, holidays, options.Planner), holidays,
            days, coverage, sites, requests.Count(r => r.Status == VisitRequestStatus.Open), maps.For(station).Network is null);
    }
}
