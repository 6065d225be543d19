using System.Text.Json;
using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Jobs.Replanning;

/// <summary>
/// Writes of what plans are made from (vehicles and teams, officers and their leave, visit requests, weather), each
/// followed by its re-plan request (<see cref="ReplanRequests"/>) once it committed: a page, the API or a job that
/// changes these goes through here, so no change leaves a planned day or week stale without asking for its re-plan.
/// Invalid input throws the store's <c>DomainValidationException</c> (naming field and value) and asks for nothing.
/// Removals (<see cref="RemoveVehicleAsync"/> and the others) are refused while something current uses the thing, and
/// then ask for nothing either. Thread-safe.
/// </summary>
public sealed class PlanInputs(
    FleetStore fleet, OfficerStore officers, SiteStore sites, VisitRequestStore visitRequests, WeatherStore weather, ReplanRequests replans)
{
    /// <summary>
    /// Removes the station's vehicle unless a team drives it, a current pickup plan from today on has a route on it, or a
    /// day's live plan carries booked families on it
    /// (<see cref="FleetStore.RemoveVehicleAsync"/>); once removed, the planned days and weeks are planned again without it
    /// (the slot rule's seats change with the vans). <paramref name="localNow"/>: now in Vietnam (its date is today).
    /// </summary>
    public async Task<Removal> RemoveVehicleAsync(long stationId, long vehicleId, DateTimeOffset localNow, CancellationToken cancellationToken = default)
    {
        var removal = await fleet.RemoveVehicleAsync(stationId, vehicleId, localNow, LiveRiders, cancellationToken);
        if (removal.Outcome == RemovalOutcome.Removed)
        {
            await replans.FleetChangedAsync(stationId);
        }

        return removal;
    }

    /// <summary>How many families a stored live pickup plan carries on the vehicle; none when it cannot be read (as the booking path reads it).</summary>
    private static int LiveRiders(string content, long vehicleId) => Outreach.Planning.Pickups.LivePlanJson.Read(content) is { } plan
        ? plan.Trips.Where(t => t.VehicleId == vehicleId).SelectMany(t => t.Stops).Select(s => s.BookingId).OfType<long>().Distinct().Count()
        : 0;

    /// <summary>Removes the station's team unless a current mobile-team plan from today on has a route of it; then re-plans as a team's change does.</summary>
    public async Task<Removal> RemoveTeamAsync(long stationId, long teamId, DateTimeOffset localNow, CancellationToken cancellationToken = default)
    {
        var removal = await fleet.RemoveTeamAsync(stationId, teamId, localNow, cancellationToken);
        if (removal.Outcome == RemovalOutcome.Removed)
        {
            // Its vehicle, if any, becomes a pickup van: the pickup days change too.
            await replans.FleetChangedAsync(stationId);
        }

        return removal;
    }

    /// <summary>Removes the station's officer unless a team has the officer or the current roster a shift from today on; then re-plans as an officer's change does.</summary>
    public async Task<Removal> RemoveOfficerAsync(long stationId, long officerId, DateTimeOffset localNow, CancellationToken cancellationToken = default)
    {
        var removal = await officers.RemoveAsync(stationId, officerId, localNow, cancellationToken);
        if (removal.Outcome == RemovalOutcome.Removed)
        {
            await replans.OfficersChangedAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue);
        }

        return removal;
    }

    /// <summary>
    /// Removes the station's site unless it is the collection point, or bookings, open visit requests or a current plan
    /// from today on use it (<see cref="SiteStore.RemoveAsync"/>). Asks for no re-plan: nothing planned from today on
    /// stops there, and the pickup points offered to families are read afresh by each booking page (a site's change
    /// asks for none either).
    /// </summary>
    public Task<Removal> RemoveSiteAsync(long stationId, long siteId, DateTimeOffset localNow, CancellationToken cancellationToken = default) =>
        sites.RemoveAsync(stationId, siteId, localNow, cancellationToken);

    /// <summary>Adds (<see cref="Vehicle.Id"/> 0) or replaces a vehicle; returns its id, or null when no vehicle has the id.</summary>
    public async Task<long?> SaveVehicleAsync(Vehicle vehicle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        var previous = vehicle.Id == 0 ? null : await fleet.GetVehicleAsync(vehicle.Id, cancellationToken);
        long id;
        if (vehicle.Id == 0)
        {
            id = await fleet.InsertVehicleAsync(vehicle, cancellationToken);
        }
        else if (await fleet.UpdateVehicleAsync(vehicle, cancellationToken))
        {
            id = vehicle.Id;
        }
        else
        {
            return null;
        }

        await replans.FleetChangedAsync(vehicle.HomeStationId);
        if (previous is not null && previous.HomeStationId != vehicle.HomeStationId)
        {
            await replans.FleetChangedAsync(previous.HomeStationId);
        }

        return id;
    }

    /// <summary>Adds (<see cref="Team.Id"/> 0) or replaces a mobile team; returns its id, or null when no team has the id.</summary>
    public async Task<long?> SaveTeamAsync(Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        long id;
        if (team.Id == 0)
        {
            id = await fleet.InsertTeamAsync(team, cancellationToken);
        }
        else if (await fleet.UpdateTeamAsync(team, cancellationToken))
        {
            id = team.Id;
        }
        else
        {
            return null;
        }

        await replans.FleetChangedAsync(team.HomeStationId);
        return id;
    }

    /// <summary>Adds officers (a form's one, or an imported list) in one transaction; returns their ids.</summary>
    public async Task<IReadOnlyList<long>> AddOfficersAsync(IReadOnlyList<Officer> added, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(added);
        var ids = await officers.InsertManyAsync(added, cancellationToken);
        foreach (var stationId in added.Select(o => o.StationId).Distinct())
        {
            // A new officer (a driver, a team member) may staff any planned week from today on.
            await replans.OfficersChangedAsync(stationId, DateOnly.MinValue, DateOnly.MaxValue);
        }

        return ids;
    }

    /// <summary>Adds a leave period to an officer (ill, on a course): false when no officer has the id.</summary>
    public async Task<bool> AddLeaveAsync(long officerId, LeavePeriod leave, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leave);
        if (await officers.GetAsync(officerId, cancellationToken) is not { } officer || !await officers.AddLeaveAsync(officerId, leave, cancellationToken))
        {
            return false;
        }

        await replans.OfficersChangedAsync(officer.StationId, leave.FirstDay, leave.LastDay);
        return true;
    }

    /// <summary>Replaces an officer's fields and leave: false when no officer has the id.</summary>
    public async Task<bool> UpdateOfficerAsync(Officer officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!await officers.UpdateAsync(officer, cancellationToken))
        {
            return false;
        }

        // Skills or leave anywhere ahead may change: every planned week from today on.
        await replans.OfficersChangedAsync(officer.StationId, DateOnly.MinValue, DateOnly.MaxValue);
        return true;
    }

    /// <summary>Adds (<see cref="VisitRequest.Id"/> 0) or replaces a visit request; returns its id, or null when no request has the id.</summary>
    public async Task<long?> SaveVisitRequestAsync(VisitRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var previous = request.Id == 0 ? null : await visitRequests.GetAsync(request.Id, cancellationToken);
        long id;
        if (request.Id == 0)
        {
            id = await visitRequests.InsertAsync(request, cancellationToken);
        }
        else if (previous is not null && await visitRequests.UpdateAsync(request, cancellationToken))
        {
            id = request.Id;
        }
        else
        {
            return null;
        }

        // The weeks it could be visited in before the change and after it.
        var dates = request.Windows.Select(w => w.Date).Concat(previous?.Windows.Select(w => w.Date) ?? []).ToList();
        await replans.VisitRequestsChangedAsync(request.StationId, dates);
        if (previous is not null && previous.StationId != request.StationId)
        {
            await replans.VisitRequestsChangedAsync(previous.StationId, previous.Windows.Select(w => w.Date));
        }

        return id;
    }

    /// <summary>Adds visit requests (an imported list) in one transaction; returns their ids.</summary>
    public async Task<IReadOnlyList<long>> AddVisitRequestsAsync(IReadOnlyList<VisitRequest> added, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(added);
        var ids = await visitRequests.InsertManyAsync(added, cancellationToken);
        foreach (var station in added.GroupBy(r => r.StationId))
        {
            await replans.VisitRequestsChangedAsync(station.Key, station.SelectMany(r => r.Windows.Select(w => w.Date)).Distinct().ToList());
        }

        return ids;
    }

    /// <summary>Opens, completes or cancels a visit request: false when no request has the id.</summary>
    public async Task<bool> SetVisitRequestStatusAsync(long id, VisitRequestStatus status, CancellationToken cancellationToken = default)
    {
        if (await visitRequests.GetAsync(id, cancellationToken) is not { } request || !await visitRequests.SetStatusAsync(id, status, cancellationToken))
        {
            return false;
        }

        if (request.Status != status)
        {
            await replans.VisitRequestsChangedAsync(request.StationId, request.Windows.Select(w => w.Date));
        }

        return true;
    }

    /// <summary>
    /// Stores the station's weather of a day when it differs from what is stored (rain areas, floods, closures; a day
    /// with no row is dry and open) and then asks for the re-plan of the day's plans with <paramref name="reason"/>
    /// (<see cref="ReplanReasons.WeatherChanged"/> or <see cref="ReplanReasons.WeatherForecast"/>). The same weather
    /// again stores nothing and asks for nothing; returns whether it was stored.
    /// </summary>
    public async Task<bool> SaveWeatherAsync(WeatherState state, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var stored = await weather.GetAsync(state.StationId, state.Date, cancellationToken);
        if (SameWeather(stored, state))
        {
            return false;
        }

        await weather.SaveAsync(state, cancellationToken);
        await replans.WeatherChangedAsync(state.StationId, state.Date, reason);
        return true;
    }

    /// <summary>
    /// Changes the station's weather of each of <paramref name="dates"/> with <paramref name="change"/>, which gets the
    /// day's stored state (null: dry and open) and returns the whole new state, keeping what it does not mean to change
    /// (the poll replaces the rain and keeps the floods and closures staff drew; a chief's flood keeps the rain and the
    /// other floods). Each day is read and written in one transaction with its row locked (<see cref="WeatherStore.ChangeAsync"/>),
    /// so the poll and a chief saving at once never drop each other's part. A day whose new state tells the planner what
    /// it did (<see cref="SameWeather"/>) is not written; each day that changed then asks for its re-plan with
    /// <paramref name="reason"/> (a <see cref="ReplanReasons"/> code, e.g. <see cref="ReplanReasons.FloodDrawn"/> naming the
    /// flood). Returns the days that changed.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> ChangeWeatherAsync(
        long stationId, IEnumerable<DateOnly> dates, Func<WeatherState?, WeatherState> change, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reason);
        var changed = new List<DateOnly>();
        foreach (var date in dates.Distinct().Order())
        {
            var (_, after) = await weather.ChangeAsync(stationId, date, stored =>
            {
                var next = change(stored);
                return SameWeather(stored, next) ? null : next;
            }, cancellationToken);
            if (after is not null)
            {
                changed.Add(date);
            }
        }

        foreach (var date in changed)
        {
            await replans.WeatherChangedAsync(stationId, date, reason);
        }

        return changed;
    }

    /// <summary>Whether two states tell the planner the same (observation time and source aside); null is dry and open.</summary>
    public static bool SameWeather(WeatherState? a, WeatherState? b) => Facts(a) == Facts(b);

    private static string Facts(WeatherState? state) => state is null
        ? "[],[],[]"
        : string.Join(',', JsonSerializer.Serialize(state.RainAreas), JsonSerializer.Serialize(state.FloodAreas), JsonSerializer.Serialize(state.Closures));
}
