using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Loads what sheets need from the stores and builds them, map included: one trip (a driver's link, a print page),
/// or every trip of a plan (a day's print run, the staff view). A mobile team's day is a sheet too, with
/// <see cref="PlanResourceKind.Team"/>: its crew on that date (lead, leave, kits in use) comes from the roster by the
/// planner's own rules (<see cref="TeamDay"/>, <see cref="TeamLeads"/>; <paramref name="visitPlanning"/> gives the
/// planner's settings, default <see cref="VisitPlanningOptions.Default"/>). Stateless apart from the shared map areas; thread-safe.
/// </summary>
public sealed class RouteSheetService(
    PlanStore plans,
    StationStore stations,
    SiteStore sites,
    BookingStore bookings,
    FleetStore fleet,
    VisitRequestStore visits,
    WeatherStore weather,
    OfficerStore officers,
    CalendarStore calendar,
    MapAreas maps,
    VisitPlanningServiceOptions? visitPlanning = null)
{
    /// <summary>The sheet of one trip with its map, or null when the plan or the trip does not exist.</summary>
    public async Task<RouteSheet?> GetAsync(TripKey key, CancellationToken cancellationToken = default)
    {
        var content = await plans.GetAsync(key.PlanId, cancellationToken);
        if (content is null)
        {
            return null;
        }

        var sheets = await BuildAsync(content, [key], cancellationToken);
        return sheets.Count == 0 ? null : sheets[0];
    }

    /// <summary>Whether the plan of <paramref name="key"/> exists and has rows for that trip.</summary>
    public async Task<bool> ExistsAsync(TripKey key, CancellationToken cancellationToken = default) =>
        await plans.GetAsync(key.PlanId, cancellationToken) is { } content && TripKey.TripsOf(content).Contains(key);

    /// <summary>
    /// The sheets of a plan's trips (optionally of one date, resource kind, resource), in date, resource and trip
    /// order, maps included; empty when the plan does not exist.
    /// </summary>
    public async Task<IReadOnlyList<RouteSheet>> ListAsync(long planId, DateOnly? date = null, PlanResourceKind? kind = null, long? resourceId = null,
        CancellationToken cancellationToken = default)
    {
        var content = await plans.GetAsync(planId, cancellationToken);
        if (content is null)
        {
            return [];
        }

        var keys = TripKey.TripsOf(content)
            .Where(k => (date is null || k.Date == date) && (kind is null || k.ResourceKind == kind) && (resourceId is null || k.ResourceId == resourceId))
            .ToList();
        return await BuildAsync(content, keys, cancellationToken);
    }

    /// <summary>Builds the sheets of <paramref name="keys"/> from an already loaded plan (keys without rows are skipped).</summary>
    public Task<IReadOnlyList<RouteSheet>> BuildAsync(PlanContent content, IReadOnlyList<TripKey> keys, CancellationToken cancellationToken = default) =>
        BuildAsync(content, keys, includeMaps: true, cancellationToken);

    /// <summary>
    /// Builds the sheets of <paramref name="keys"/>; without <paramref name="includeMaps"/> the maps stay
    /// <see cref="RouteMap.Empty"/> (lists and summaries need no road paths).
    /// </summary>
    public async Task<IReadOnlyList<RouteSheet>> BuildAsync(PlanContent content, IReadOnlyList<TripKey> keys, bool includeMaps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var plan = content.Plan;
        var station = await stations.GetAsync(plan.StationId, cancellationToken)
            ?? throw new InvalidOperationException($"Plan {plan.Id} names station {plan.StationId}, which does not exist.");
        var area = maps.Get(station.MapAreaKey);
        // A sheet of an older plan may name a site or officer removed since: they are still named.
        var siteById = (await sites.ListByStationAsync(station.Id, null, includeRemoved: true, cancellationToken)).ToDictionary(s => s.Id);
        var bookingById = (await bookings.ListAsync(station.Id, plan.PeriodStart, plan.PeriodEnd, includeCancelled: true, cancellationToken))
            .ToDictionary(b => b.Id);
        // Bookings moved to another date after planning are not in the period's list: fetch them one by one.
        foreach (var id in content.Stops.Where(s => s.BookingId is not null).Select(s => s.BookingId!.Value).Distinct().Where(id => !bookingById.ContainsKey(id)).ToList())
        {
            if (await bookings.GetAsync(id, cancellationToken) is { } moved)
            {
                bookingById[id] = moved;
            }
        }

        // Sites named by bookings of another station cannot occur (bookings belong to the station), but a site
        // named by a stop may have been deleted: the builder then falls back to the collection point.
        var visitById = content.Stops.Any(s => s.VisitRequestId is not null)
            ? (await visits.ListByStationAsync(station.Id, cancellationToken: cancellationToken)).ToDictionary(v => v.Id)
            : [];
        var newer = (await plans.ListVersionsAsync(station.Id, plan.Kind, plan.PeriodStart, plan.PeriodEnd, cancellationToken))
            .Where(p => p.Status == PlanStatus.Published && p.Version > plan.Version)
            .Select(p => (int?)p.Version)
            .Max();

        var teamKeys = keys.Any(k => k.ResourceKind == PlanResourceKind.Team);
        var officerById = teamKeys ? (await officers.ListByStationAsync(station.Id, includeRemoved: true, cancellationToken)).ToDictionary(o => o.Id) : [];
        IReadOnlyList<Holiday> holidays = teamKeys ? await calendar.ListHolidaysAsync(plan.PeriodStart, plan.PeriodEnd, cancellationToken) : [];
        var resources = new Dictionary<(PlanResourceKind, long), (SheetResource Sheet, Team? Team)>();
        var weatherByDate = new Dictionary<DateOnly, Geo.Weather.WeatherState>();
        var result = new List<RouteSheet>(keys.Count);
        foreach (var key in keys)
        {
            if (!resources.TryGetValue((key.ResourceKind, key.ResourceId), out var found))
            {
                found = await ResourceAsync(key.ResourceKind, key.ResourceId, cancellationToken);
                resources[(key.ResourceKind, key.ResourceId)] = found;
            }

            var resource = found.Sheet;
            var crew = found.Team is { } team ? CrewOf(team, key.Date, officerById, holidays) : null;
            var facts = new SheetFacts(station, resource, siteById, bookingById, visitById, area?.UnitNames ?? new Dictionary<string, string>(), crew);
            if (RouteSheetBuilder.Build(content, key, facts) is not { } sheet)
            {
                continue;
            }

            if (!includeMaps)
            {
                result.Add(sheet with { NewerVersion = newer });
                continue;
            }

            var dayWeather = await WeatherAsync(station.Id, key.Date, weatherByDate, cancellationToken);
            result.Add(sheet with
            {
                Map = RouteMapBuilder.Build(sheet.Stops, area, resource.Profile, dayWeather),
                NewerVersion = newer,
            });
        }

        return result;
    }

    /// <summary>
    /// How far each trip of <paramref name="keys"/> travels, as its map draws it (<see cref="RouteMapBuilder.Legs"/>:
    /// along the roads under the day's weather, straight lines where there is no path) without drawing the maps.
    /// </summary>
    public async Task<IReadOnlyDictionary<TripKey, TripTravel>> TravelAsync(PlanContent content, IReadOnlyList<TripKey> keys, CancellationToken cancellationToken = default)
    {
        var sheets = await BuildAsync(content, keys, includeMaps: false, cancellationToken);
        var result = new Dictionary<TripKey, TripTravel>(sheets.Count);
        var weatherByDate = new Dictionary<DateOnly, Geo.Weather.WeatherState>();
        foreach (var sheet in sheets)
        {
            var dayWeather = await WeatherAsync(sheet.Station.Id, sheet.Key.Date, weatherByDate, cancellationToken);
            var legs = RouteMapBuilder.Legs(sheet.Stops, maps.Get(sheet.Station.MapAreaKey), sheet.Resource.Profile, dayWeather);
            result[sheet.Key] = new TripTravel(legs.Sum(l => l.DistanceMetres), legs.Any(l => l.IsEstimated));
        }

        return result;
    }

    /// <summary>The day's weather as the maps apply it, read once per date into <paramref name="byDate"/>.</summary>
    private async Task<Geo.Weather.WeatherState> WeatherAsync(long stationId, DateOnly date, Dictionary<DateOnly, Geo.Weather.WeatherState> byDate, CancellationToken cancellationToken)
    {
        if (!byDate.TryGetValue(date, out var dayWeather))
        {
            dayWeather = RouteMapBuilder.WeatherOf(await weather.GetAsync(stationId, date, cancellationToken));
            byDate[date] = dayWeather;
        }

        return dayWeather;
    }

    private async Task<(SheetResource Sheet, Team? Team)> ResourceAsync(PlanResourceKind kind, long id, CancellationToken cancellationToken)
    {
        if (kind == PlanResourceKind.Vehicle)
        {
            var vehicle = await fleet.GetVehicleAsync(id, cancellationToken);
            return (vehicle is null
                ? new SheetResource(kind, id, $"#{id}", null, null, VehicleProfile.Van, 0)
                : new SheetResource(kind, id, vehicle.Name, vehicle.Plate, vehicle.SeatCount, vehicle.Profile, 0), null);
        }

        var team = await fleet.GetTeamAsync(id, cancellationToken);
        if (team is null)
        {
            return (new SheetResource(kind, id, $"#{id}", null, null, VehicleProfile.Van, 0), null);
        }

        var teamVehicle = team.VehicleId is { } vid ? await fleet.GetVehicleAsync(vid, cancellationToken) : null;
        return (new SheetResource(kind, id, team.Name, teamVehicle?.Plate, null, team.Profile, team.MemberOfficerIds.Count), team);
    }

    /// <summary>The team's officers on <paramref name="date"/> under today's roster: who leads, who is on leave, kits in use.</summary>
    private SheetCrew CrewOf(Team team, DateOnly date, IReadOnlyDictionary<long, Officer> officerById, IReadOnlyList<Holiday> holidays)
    {
        var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        var day = TeamDay.ForWeek(new VisitWeek(monday), [team], [.. officerById.Values], holidays, visitPlanning?.Planner ?? VisitPlanningOptions.Default)
            .First(d => d.Date == date);
        var lead = TeamLeads.On(team, officerById, date);
        var members = team.MemberOfficerIds
            .Where(officerById.ContainsKey)
            .Select(id => officerById[id])
            .Select(o => new SheetMember(o.Id, o.Name, o.Id == lead?.Id, day.OnLeaveOfficerIds.Contains(o.Id)))
            .ToList();
        return new SheetCrew(members, team.KitCount, day.KitsInUse, day.Available ? null : day.UnavailableVi, day.Available ? null : day.UnavailableEn);
    }
}
