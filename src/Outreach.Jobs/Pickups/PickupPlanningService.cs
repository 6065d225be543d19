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
/// <param name="Saved">The new draft version as stored (ids, version).</param>
/// <param name="Unserved">Each booking left out, with its reason in Vietnamese and English.</param>
/// <param name="Plan">The plan itself (trips, per-booking times, figures).</param>
public sealed record PickupPlanningResult(PlanContent Saved, IReadOnlyList<UnservedBooking> Unserved, PickupPlan Plan);

/// <summary>
/// Plans one station's pickup vans for one day and stores the result as a new draft version: loads the station, its
/// pickup vans (those of profile Van that no mobile team uses), the day's bookings that hold seats, the sites, the
/// day's weather and the station's map (road network when its map folder has roads, the labelled straight-line
/// estimate otherwise), keeps the latest published version's stops where they still fit, runs
/// <see cref="PickupPlanner"/> within <see cref="PickupPlanningOptions.TimeLimit"/>, and saves with
/// <see cref="PlanStore.SaveNewVersionAsync"/> (one transaction). A plan the independent feasibility checker rejects
/// is never saved. Thread-safe; one instance per application (road networks and matrices are cached).
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
    /// <summary>Plans <paramref name="date"/> (local) for the station and saves a new draft version.</summary>
    /// <exception cref="DomainValidationException">No such station, or a blank <paramref name="createdBy"/>.</exception>
    public async Task<PickupPlanningResult> PlanDayAsync(long stationId, DateOnly date, string createdBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(createdBy))
        {
            throw new DomainValidationException([new ValidationError("createdBy", createdBy, "Cần ghi người lập kế hoạch.", "Who made the plan is required.")]);
        }

        var station = await stations.GetAsync(stationId, cancellationToken) ?? throw new DomainValidationException([new ValidationError(
            "stationId", stationId.ToString(CultureInfo.InvariantCulture), "Không tìm thấy đơn vị.", "No such unit.")]);
        var request = await LoadAsync(station, date, cancellationToken);
        var result = await Task.Run(() => PickupPlanner.Plan(request), cancellationToken);
        if (result.CheckerErrors.Count > 0)
        {
            throw new InvalidOperationException(
                "The pickup plan failed the feasibility check and was not saved: " + string.Join("; ", result.CheckerErrors.Take(5)));
        }

        var saved = await plans.SaveNewVersionAsync(PickupPlanContent.From(result.Plan, createdBy, clock.GetUtcNow()), cancellationToken);
        return new PickupPlanningResult(saved, result.Plan.Unserved, result.Plan);
    }

    /// <summary>The planner's input for a station and day, read from the stores and the station's map.</summary>
    public async Task<PickupPlanRequest> LoadAsync(Station station, DateOnly date, CancellationToken cancellationToken = default)
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
        PlanContent? published = null;
        if (await plans.GetLatestAsync(station.Id, PlanKind.Pickups, date, date, PlanStatus.Published, cancellationToken) is { } latest)
        {
            published = await plans.GetAsync(latest.Id, cancellationToken);
        }

        var points = PickupPoints.Collect(station, dayBookings, stationSites);
        var network = MapFolder(station) is { } folder ? networks.Get(folder) : null;
        var travel = matrices.MatrixOrEstimate(network, GeoProfile.Van, dayWeather, points.Coordinates, options.EstimatedTerrain);
        return new PickupPlanRequest
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
            Search = new SearchOptions { Seed = options.Seed, TimeLimit = options.TimeLimit, Parallelism = options.Parallelism, Clock = clock },
        };
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
