using System.Globalization;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Domain.Validation;
using Outreach.Geo;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Planning.Pickups;
using Outreach.Solver.Routing;
using GeoProfile = Outreach.Geo.Roads.TravelProfile;

namespace Outreach.Jobs.Pickups;

/// <summary>What <see cref="PickupPlanningService.PlanDayAsync"/> stored and why some bookings are not on it.</summary>
/// <param name="Saved">The new draft version as stored (ids, version); when <see cref="Unchanged"/>, the newest version, kept.</param>
/// <param name="Unserved">Each booking left out, with its reason in Vietnamese and English.</param>
/// <param name="Plan">The plan itself (trips, per-booking times, figures); null when <see cref="Unchanged"/> (nothing was planned).</param>
public sealed record PickupPlanningResult(PlanContent Saved, IReadOnlyList<UnservedBooking> Unserved, PickupPlan? Plan)
{
    /// <summary>The inputs were those of the newest version: nothing was planned or saved, and <see cref="Saved"/> is that version.</summary>
    public bool Unchanged => Plan is null;
}

/// <summary>
/// Plans one station's pickup vans for one day and stores the result as a new draft version: loads the station, its
/// pickup vans (those of profile Van that no mobile team uses), the day's bookings that hold seats, the sites, the
/// day's weather and the station's map (road network when its map folder has roads, the labelled straight-line
/// estimate otherwise), keeps the latest published version's stops where they still fit, starts from the day's live
/// plan (the one the bookings were accepted into) when there is one, runs <see cref="PickupPlanner"/> within
/// <see cref="PickupPlanningOptions.TimeLimit"/>, and saves with <see cref="PlanStore.SaveNewVersionAsync"/> (one
/// transaction). A plan the independent feasibility checker rejects is never saved.
/// <para>
/// Stable: each version keeps the fingerprint of its inputs (<see cref="PickupPlanInputs"/>). When the newest version's
/// fingerprint equals this run's, nothing changed that the plan depends on: nothing is planned or saved and the newest
/// version stands (<see cref="PickupPlanningResult.Unchanged"/>), so pressing Plan now twice, or a job run for a change
/// that changed nothing the plan reads, moves no one and sends nothing.
/// </para>
/// Thread-safe; one instance per application (road networks and matrices are cached).
/// </summary>
public sealed class PickupPlanningService(
    StationStore stations,
    FleetStore fleet,
    BookingStore bookings,
    SiteStore sites,
    WeatherStore weather,
    PlanStore plans,
    RoadNetworks networks,
    MatrixCache matrices,
    PickupPlanningOptions options,
    TimeProvider clock)
{
    /// <summary>Plans <paramref name="date"/> (local) for the station and saves a new draft version, unless its inputs are the newest version's.</summary>
    /// <exception cref="DomainValidationException">No such station, or a blank <paramref name="createdBy"/>.</exception>
    public Task<PickupPlanningResult> PlanDayAsync(long stationId, DateOnly date, string createdBy, CancellationToken cancellationToken = default) =>
        PlanDayAsync(stationId, date, createdBy, null, cancellationToken);

    /// <inheritdoc cref="PlanDayAsync(long, DateOnly, string, CancellationToken)"/>
    /// <param name="reasons">Why (the re-plan request's reason codes), kept with the version; null when a chief asked.</param>
    public async Task<PickupPlanningResult> PlanDayAsync(long stationId, DateOnly date, string createdBy, string? reasons, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(createdBy))
        {
            throw new DomainValidationException([new ValidationError("createdBy", createdBy, "Cần ghi người lập kế hoạch.", "Who made the plan is required.")]);
        }

        var station = await stations.GetAsync(stationId, cancellationToken) ?? throw new DomainValidationException([new ValidationError(
            "stationId", stationId.ToString(CultureInfo.InvariantCulture), "Không tìm thấy đơn vị.", "No such unit.")]);
        var (request, inputs, latest) = await LoadDayAsync(station, date, cancellationToken);
        // Unchanged: the newest version read the same inputs, and the published version whose times a re-plan keeps is
        // that version itself or was already published when it was made (so it kept its times).
        if (latest is { Inputs: { } newest }
            && newest == inputs
            && (request.Published is not { } published || published.Plan.Id == latest.Id || published.Plan.PublishedAt <= latest.CreatedAt)
            && await plans.GetAsync(latest.Id, cancellationToken) is { } kept)
        {
            return new PickupPlanningResult(kept, Unserved(kept), null);
        }

        var result = await Task.Run(() => PickupPlanner.Plan(request), cancellationToken);
        if (result.CheckerErrors.Count > 0)
        {
            throw new InvalidOperationException(
                "The pickup plan failed the feasibility check and was not saved: " + string.Join("; ", result.CheckerErrors.Take(5)));
        }

        var content = PickupPlanContent.From(result.Plan, createdBy, clock.GetUtcNow());
        content = content with { Plan = content.Plan with { Inputs = inputs, Reasons = reasons } };
        var saved = await plans.SaveNewVersionAsync(content, cancellationToken);
        return new PickupPlanningResult(saved, result.Plan.Unserved, result.Plan);
    }

    /// <summary>The unserved bookings a stored version lists, as the planner would report them.</summary>
    private static List<UnservedBooking> Unserved(PlanContent content) => content.Unserved
        .Where(u => u.ItemKind == UnservedItemKind.Booking)
        .Select(u => new UnservedBooking(u.ItemId, Enum.TryParse<PickupUnservedReason>(u.ReasonCode, out var reason) ? reason : default, u.ReasonVi, u.ReasonEn, null))
        .ToList();

    /// <summary>The planner's input for a station and day, read from the stores and the station's map.</summary>
    public async Task<PickupPlanRequest> LoadAsync(Station station, DateOnly date, CancellationToken cancellationToken = default) =>
        (await LoadWithInputsAsync(station, date, cancellationToken)).Request;

    /// <summary>The planner's input and the fingerprint of what it depends on (<see cref="PickupPlanInputs"/>).</summary>
    public async Task<(PickupPlanRequest Request, string Inputs)> LoadWithInputsAsync(Station station, DateOnly date, CancellationToken cancellationToken = default)
    {
        var (request, inputs, _) = await LoadDayAsync(station, date, cancellationToken);
        return (request, inputs);
    }

    /// <summary>As <see cref="LoadWithInputsAsync"/>, with the day's newest version (read anyway for the start plan), or null.</summary>
    private async Task<(PickupPlanRequest Request, string Inputs, Plan? Newest)> LoadDayAsync(Station station, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        var teamVehicles = (await fleet.ListTeamsAsync(station.Id, cancellationToken)).Select(t => t.VehicleId).OfType<long>().ToHashSet();
        var vans = (await fleet.ListVehiclesAsync(station.Id, cancellationToken))
            .Where(v => v.Profile == VehicleProfile.Van && !teamVehicles.Contains(v.Id))
            .ToList();
        var dayBookings = (await bookings.ListAsync(station.Id, date, date, cancellationToken: cancellationToken))
            .Where(b => Booking.HoldsSeats(b.Status))
            .ToList();
        var stationSites = await sites.ListByStationAsync(station.Id, cancellationToken: cancellationToken);
        var dayWeather = WeatherConversion.ToGeo(await weather.GetAsync(station.Id, date, cancellationToken));
        var versions = await plans.ListVersionsAsync(station.Id, PlanKind.Pickups, date, date, cancellationToken);
        PlanContent? published = null;
        if (versions.FirstOrDefault(v => v.Status == PlanStatus.Published) is { } latestPublished)
        {
            published = await plans.GetAsync(latestPublished.Id, cancellationToken);
        }

        var points = PickupPoints.Collect(station, dayBookings, stationSites);
        var network = MapFolder(station) is { } folder ? networks.Get(folder) : null;
        var travel = matrices.MatrixOrEstimate(network, GeoProfile.Van, dayWeather, points.Coordinates, options.EstimatedTerrain);
        // The re-plan starts from the live plan (every booking accepted into it, with the times it promised), or else
        // from the newest version; a day planned before is a re-plan and gets the shorter search.
        var live = await bookings.GetLivePlanAsync(station.Id, date, cancellationToken);
        var start = live is { } l ? LivePlanJson.Read(l.Content) : null;
        if (start is null && versions.Count > 0)
        {
            start = versions[0].Id == published?.Plan.Id ? PickupPlanContent.ToStart(published)
                : await plans.GetAsync(versions[0].Id, cancellationToken) is { } newest ? PickupPlanContent.ToStart(newest) : null;
        }

        var timeLimit = versions.Count > 0 && options.ReplanTimeLimit < options.TimeLimit ? options.ReplanTimeLimit : options.TimeLimit;
        var request = new PickupPlanRequest
        {
            Station = station,
            Date = date,
            Vans = vans,
            Bookings = dayBookings,
            Sites = stationSites,
            Points = points,
            Travel = travel,
            Settings = options.Settings.WithLimitsOf(station),
            Published = published,
            Start = start,
            Search = new SearchOptions { Seed = options.Seed, TimeLimit = timeLimit, Parallelism = options.Parallelism, Clock = clock },
        };
        return (request, PickupPlanInputs.Fingerprint(request, dayWeather.Fingerprint), versions.Count > 0 ? versions[0] : null);
    }

    private string? MapFolder(Station station)
    {
        if (options.MapsFolder is null || string.IsNullOrWhiteSpace(station.MapAreaKey)
            || station.MapAreaKey.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || station.MapAreaKey.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return Path.Combine(MapFolders.Resolve(options.MapsFolder), station.MapAreaKey);
    }
}
