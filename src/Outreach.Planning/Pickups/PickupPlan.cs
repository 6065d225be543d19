using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>What a van does at a stop.</summary>
public enum PickupStopKind
{
    /// <summary>The van leaves the collection point (its depot) on a trip.</summary>
    Start,

    /// <summary>A family boards at its pickup point (school gate, commune office, cultural house or home).</summary>
    Pickup,

    /// <summary>A family gets off at the collection point for capture.</summary>
    CollectionPointDropOff,

    /// <summary>A family whose files are done boards at the collection point for the ride home.</summary>
    CollectionPointPickup,

    /// <summary>A family gets off back at its pickup point or home.</summary>
    HomeDropOff,

    /// <summary>The van is back at the collection point; the trip ends.</summary>
    End,
}

/// <summary>
/// One stop of a trip. Times are seconds since local midnight of the plan date (see <see cref="PlanClock"/>);
/// a place serving several families has one stop per family, consecutive, so every family is named.
/// </summary>
/// <param name="Sequence">0 for the start, then 1, 2, ... in visiting order.</param>
/// <param name="Kind">What happens.</param>
/// <param name="Location">Where (lon/lat).</param>
/// <param name="SiteId">The site (pickup point, or the collection point's site), or null for a home.</param>
/// <param name="BookingId">The family boarding or getting off, or null for start and end.</param>
/// <param name="ArrivalSeconds">When the van gets there.</param>
/// <param name="DepartureSeconds">When it leaves (after waiting and boarding or getting off).</param>
/// <param name="Boarding">People getting on (children + guardians).</param>
/// <param name="Alighting">People getting off.</param>
/// <param name="SeatsAfter">Seats in use when the van leaves.</param>
/// <param name="WheelchairPlacesAfter">Wheelchair places in use when the van leaves.</param>
/// <param name="ChildSeatsAfter">Small-child seats in use when the van leaves.</param>
public sealed record PickupStop(
    int Sequence,
    PickupStopKind Kind,
    GeoPoint Location,
    long? SiteId,
    long? BookingId,
    int ArrivalSeconds,
    int DepartureSeconds,
    int Boarding,
    int Alighting,
    int SeatsAfter,
    int WheelchairPlacesAfter,
    int ChildSeatsAfter);

/// <summary>
/// One trip of one van: from the collection point and back, stops in order: families boarding for home at the
/// collection point, then pickup points and homes, then families getting off at the collection point. When a van's
/// trips run out, a trip may pass through the collection point half-way (drop families and drive out again without
/// the reload break) rather than leave a family behind; <see cref="PassesThroughCollectionPoint"/> says so.
/// </summary>
/// <param name="VehicleId">The van.</param>
/// <param name="TripNumber">1, 2, ... in the van's day (the number drivers see).</param>
/// <param name="Stops">Start, stops, end.</param>
/// <param name="Metres">Distance driven on the trip.</param>
/// <param name="TravelSeconds">Driving time (no waiting or stops).</param>
public sealed record PickupTrip(long VehicleId, int TripNumber, IReadOnlyList<PickupStop> Stops, long Metres, long TravelSeconds)
{
    /// <summary>Most seats in use at once on the trip.</summary>
    public int PeakSeats => Stops.Count == 0 ? 0 : Stops.Max(s => s.SeatsAfter);

    /// <summary>True when the van is at the collection point between two stops elsewhere (see above).</summary>
    public bool PassesThroughCollectionPoint
    {
        get
        {
            bool seenField = false, backAtPoint = false;
            foreach (var stop in Stops)
            {
                bool away = stop.Kind is PickupStopKind.Pickup or PickupStopKind.HomeDropOff;
                bool atPoint = stop.Kind is PickupStopKind.CollectionPointDropOff or PickupStopKind.CollectionPointPickup;
                if (away && backAtPoint)
                {
                    return true;
                }

                seenField |= away;
                backAtPoint |= atPoint && seenField;
            }

            return false;
        }
    }
}

/// <summary>
/// A served booking's day, seconds since local midnight: boarding starts at its pickup point
/// (<see cref="PickupSeconds"/>, the time to tell the family), the van reaches the collection point, files are done
/// (the desk queue estimate from the planned arrivals), boarding for home starts at the collection point (never before
/// the files are done), and the van reaches home. Ride times run from the van leaving to it arriving.
/// </summary>
public sealed record BookingSchedule(
    long BookingId,
    long OutboundVehicleId,
    int OutboundTripNumber,
    int PickupSeconds,
    int ArrivalAtCollectionPointSeconds,
    int FilesDoneSeconds,
    long ReturnVehicleId,
    int ReturnTripNumber,
    int ReturnPickupSeconds,
    int HomeArrivalSeconds,
    int OutboundRideSeconds,
    int ReturnRideSeconds);

/// <summary>Why a booking is not on any trip. The names are the codes stored with the plan.</summary>
public enum PickupUnservedReason
{
    /// <summary>The station has no pickup van.</summary>
    NoVans,

    /// <summary>The collection point is closed on that day or during the booked slot.</summary>
    Closed,

    /// <summary>The booking names no site the station knows and has no home position.</summary>
    NoPickupLocation,

    /// <summary>No road links the pickup point and the collection point (flood, closure, no road).</summary>
    Unreachable,

    /// <summary>The direct drive between the pickup point and the collection point exceeds the ride limit.</summary>
    RideTooLong,

    /// <summary>The family needs more seats than the largest van has.</summary>
    TooManySeats,

    /// <summary>The family needs a wheelchair place and no van has one.</summary>
    NoWheelchairPlace,

    /// <summary>The family needs a small-child seat and no van has one.</summary>
    NoChildSeat,

    /// <summary>The desks cannot take more children arriving in that slot.</summary>
    DeskFull,

    /// <summary>Every van's seats (or wheelchair places, child seats) in the slot are taken.</summary>
    TripFull,

    /// <summary>No van is free to reach the pickup point and the collection point within the slot.</summary>
    VansBusy,

    /// <summary>The family could be brought but not taken home within the drivers' shift.</summary>
    NoReturn,

    /// <summary>
    /// The family's own ride is within the limit, but every van that could fetch it in its slot would then keep someone
    /// on board (this family or one already booked) longer than the ride limit.
    /// </summary>
    RideShared,
}

/// <summary>A booking the plan does not serve, with a sentence in Vietnamese and in English a dispatcher can act on.</summary>
/// <param name="NextFreeSlot">For full slots: the nearest slot of the day where the family would still fit (an estimate), or null.</param>
public sealed record UnservedBooking(long BookingId, PickupUnservedReason Reason, string ReasonVi, string ReasonEn, TimeOnly? NextFreeSlot)
{
    /// <summary>The code stored with the plan (the reason's name).</summary>
    public string Code => Reason.ToString();
}

/// <summary>Figures of a plan (for the staff view and the benchmark).</summary>
/// <param name="MaxRideSeconds">Longest single ride of any family, outbound or home.</param>
/// <param name="MaxReturnWaitSeconds">Longest wait of a family at the collection point between its files being done and boarding for home.</param>
/// <param name="MaxChildrenPerHalfHour">Most children arriving at the collection point in one clock half-hour.</param>
/// <param name="ChildrenPerHalfHourCap">What the desks take per half hour (desks x files per desk per hour / 2).</param>
public sealed record PickupPlanFigures(
    int BookingsServed,
    int BookingsUnserved,
    int PeopleServed,
    int PeopleUnserved,
    int Trips,
    int VansUsed,
    long Metres,
    int MaxRideSeconds,
    int MaxReturnWaitSeconds,
    int MaxChildrenPerHalfHour,
    int ChildrenPerHalfHourCap);

/// <summary>
/// A day's pickup plan for one station: trips per van, each served booking's times, the unserved bookings with
/// reasons. Times are seconds since local midnight of <see cref="Date"/> (Asia/Ho_Chi_Minh).
/// </summary>
public sealed record PickupPlan(
    long StationId,
    DateOnly Date,
    IReadOnlyList<PickupTrip> Trips,
    IReadOnlyList<BookingSchedule> Bookings,
    IReadOnlyList<UnservedBooking> Unserved,
    PickupPlanFigures Figures,
    bool TravelIsEstimated,
    string TravelSource,
    IReadOnlyList<string> Warnings);
