using Outreach.Geo.Fallback;
using Outreach.Planning.Pickups;

namespace Outreach.Jobs.Pickups;

/// <summary>Settings of <see cref="PickupPlanningService"/>.</summary>
public sealed record PickupPlanningOptions
{
    /// <summary>
    /// The folder holding one sub-folder per map area (a station's <c>MapAreaKey</c>, e.g. maps/song-cong); relative
    /// paths are found from the current folder upwards. Null: no maps, every station's travel is estimated.
    /// </summary>
    public string? MapsFolder { get; init; }

    /// <summary>Wall time the search may take per plan (the whole plan, repairs included).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Wall time the search may take when the day has a plan already (a re-plan): it starts from that plan (or the live
    /// plan the bookings were accepted into) and keeps what was published, so it has far less to find than a first plan.
    /// </summary>
    public TimeSpan ReplanTimeLimit { get; init; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Seed of the search (the same facts and seed give the same plan when time does not run out first).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Parallel searches; 1 leaves the other core to the web app.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Terrain assumed where an area has only an outline (no roads): drives the straight-line estimate.</summary>
    public TerrainClass EstimatedTerrain { get; init; } = TerrainClass.Rural;

    /// <summary>
    /// How the vans run (boarding, reload and driver times); each station's own trips per van, families per trip and
    /// longest wait for the van home (<see cref="Outreach.Domain.Station.MaxTripsPerVan"/>,
    /// <see cref="Outreach.Domain.Station.MaxBookingsPerTrip"/>, <see cref="Outreach.Domain.Station.MaxReturnWaitMinutes"/>)
    /// replace the three limits here, so the plan keeps what the booking pages offered.
    /// </summary>
    public PickupSettings Settings { get; init; } = PickupSettings.Default;
}
