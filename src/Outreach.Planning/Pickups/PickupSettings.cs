using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// How a station runs its pickup vans, beside what <see cref="Station"/> already holds (desks, files per desk per
/// hour, opening hours, booking slot length, maximum ride time). Both the slot offers families see and the
/// planner read these, so what is offered is what the plan can absorb. Minutes throughout.
/// </summary>
public sealed record PickupSettings
{
    /// <summary>Trips one van may make in a day (Cao Lãnh averaged 2 a day); a real station's comes from <see cref="Station.MaxTripsPerVan"/>.</summary>
    public int MaxTripsPerVan { get; init; } = 3;

    /// <summary>
    /// Most families (bookings) one van fetches on one trip. Seats alone over-promise when families live apart: each
    /// family is a stop with boarding time and a detour, and the first one picked up must still arrive within the
    /// ride limit and the slot, so a van collects only a few scattered families per trip even with seats to spare.
    /// A station sets it from its own roads (<see cref="Station.MaxBookingsPerTrip"/>, see <see cref="For"/>) (families gathered at a school gate: up to the seats; pickup points
    /// 10-20 minutes apart in separate valleys: three or four). The booking rule counts a slot's vans as the more of
    /// what the seats need and what this needs.
    /// </summary>
    public int MaxBookingsPerTrip { get; init; } = 6;

    /// <summary>Time at a pickup point for one booking's family to board.</summary>
    public int BoardingMinutesPerBooking { get; init; } = 3;

    /// <summary>Time for a van's group to get off (or on) at the collection point.</summary>
    public int CollectionPointStopMinutes { get; init; } = 5;

    /// <summary>Time at the station between two trips of the same van.</summary>
    public int ReloadMinutes { get; init; } = 10;

    /// <summary>Drivers start this long before the collection point opens, to reach the first pickups.</summary>
    public int DriverStartsBeforeOpeningMinutes { get; init; } = 60;

    /// <summary>Drivers finish this long after it closes, to take the last families home.</summary>
    public int DriverEndsAfterClosingMinutes { get; init; } = 90;

    /// <summary>
    /// Time for one booking's family to get off the van (at the collection point or at home). Shorter than boarding:
    /// nobody checks names or belts children in.
    /// </summary>
    public int AlightingMinutesPerBooking { get; init; } = 1;

    /// <summary>
    /// Extra time at each stop of a booking whose child uses a wheelchair (lift or ramp) or must be carried, on and off.
    /// </summary>
    public int NeedsExtraMinutes { get; init; } = 5;

    /// <summary>
    /// Longest a family waits at the collection point for the ride home after its files are done (in the desks'
    /// plan): the return leg is planned within it, and a family no van can take home within it is not served
    /// (and, through the live plan, not accepted). A real station's comes from <see cref="Station.MaxReturnWaitMinutes"/>.
    /// </summary>
    public int MaxReturnWaitMinutes { get; init; } = Station.DefaultMaxReturnWaitMinutes;

    public static PickupSettings Default { get; } = new();

    /// <summary>
    /// The defaults with the station's own limits (<see cref="Station.MaxTripsPerVan"/>,
    /// <see cref="Station.MaxBookingsPerTrip"/>, <see cref="Station.MaxReturnWaitMinutes"/>): what every page and job
    /// serving a real station uses.
    /// </summary>
    public static PickupSettings For(Station station) => Default.WithLimitsOf(station);

    /// <summary>
    /// These settings with the station's trips per van, families per trip and longest wait for the van home in place
    /// of their own.
    /// </summary>
    public PickupSettings WithLimitsOf(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return this with
        {
            MaxTripsPerVan = station.MaxTripsPerVan,
            MaxBookingsPerTrip = station.MaxBookingsPerTrip,
            MaxReturnWaitMinutes = station.MaxReturnWaitMinutes,
        };
    }

    /// <summary>Minutes of capture per child at a desk (a child's file takes 10-15 min with the guardian).</summary>
    public static int MinutesPerChild(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return (int)Math.Ceiling(60.0 / Math.Max(1, station.FilesPerDeskPerHour));
    }
}
