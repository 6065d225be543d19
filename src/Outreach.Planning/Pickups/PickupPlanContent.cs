using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// Turns a <see cref="PickupPlan"/> into the stored form (<see cref="PlanContent"/>, kind Pickups, period = the day):
/// one <see cref="PlanStop"/> per stop (van, 1-based trip number, sequence from 0 at the start; a family's stops
/// name its booking and site, the collection point's its site when the station has one), times as UTC instants
/// from local Asia/Ho_Chi_Minh times, and one <see cref="UnservedItem"/> per unserved booking. Ids, version and
/// status are left for the store to set. Stateless and thread-safe.
/// </summary>
public static class PickupPlanContent
{
    public static PlanContent From(PickupPlan plan, string createdBy, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var header = new Plan(0, plan.StationId, PlanKind.Pickups, plan.Date, plan.Date, 0, PlanStatus.Draft, createdAt, null, createdBy);
        var stops = new List<PlanStop>();
        foreach (var trip in plan.Trips)
        {
            foreach (var stop in trip.Stops)
            {
                stops.Add(new PlanStop(
                    0, 0, PlanResourceKind.Vehicle, trip.VehicleId, plan.Date, trip.TripNumber, stop.Sequence, Kind(stop.Kind),
                    stop.SiteId, stop.BookingId, null,
                    PlanClock.ToUtc(plan.Date, stop.ArrivalSeconds), PlanClock.ToUtc(plan.Date, stop.DepartureSeconds),
                    stop.SeatsAfter, stop.Boarding, stop.Alighting, 0));
            }
        }

        var unserved = plan.Unserved
            .Select(u => new UnservedItem(0, 0, UnservedItemKind.Booking, u.BookingId, u.Code, u.ReasonVi, u.ReasonEn))
            .ToList();
        return new PlanContent(header, stops, [], unserved);
    }

    /// <summary>
    /// A stored version as a start plan for a re-plan (<see cref="PickupPlanRequest.Start"/>): each van trip's family stops
    /// in order, with their kinds (a collection-point stop is a drop-off when people get off there, a boarding otherwise).
    /// Only what a start plan is read for is filled in (vans, trips, the order of the families' stops); times, loads and
    /// figures are left at zero, since the re-plan schedules again.
    /// </summary>
    public static PickupPlan ToStart(PlanContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var date = content.Plan.PeriodStart;
        var trips = content.Stops
            .Where(s => s.ResourceKind == PlanResourceKind.Vehicle && s.Date == date)
            .GroupBy(s => (s.ResourceId, s.TripNumber))
            .OrderBy(g => g.Key.ResourceId).ThenBy(g => g.Key.TripNumber)
            .Select(g => new PickupTrip(g.Key.ResourceId, g.Key.TripNumber, g
                .OrderBy(s => s.Sequence)
                .Select(s => new PickupStop(s.Sequence, StartKind(s), default, s.SiteId, s.BookingId, 0, 0, s.BoardingCount, s.AlightingCount, 0, 0, 0))
                .ToList(), 0, 0))
            .ToList();
        return new PickupPlan(content.Plan.StationId, date, trips, [], [], new PickupPlanFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), false, "", []);
    }

    private static PickupStopKind StartKind(PlanStop stop) => stop.Kind switch
    {
        StopKind.Start => PickupStopKind.Start,
        StopKind.Pickup => PickupStopKind.Pickup,
        StopKind.CollectionPoint when stop.AlightingCount > 0 => PickupStopKind.CollectionPointDropOff,
        StopKind.CollectionPoint => PickupStopKind.CollectionPointPickup,
        StopKind.DropOff => PickupStopKind.HomeDropOff,
        _ => PickupStopKind.End,
    };

    /// <summary>The stored stop kind: both collection-point stops are <see cref="StopKind.CollectionPoint"/> (boarding or alighting counts tell them apart).</summary>
    public static StopKind Kind(PickupStopKind kind) => kind switch
    {
        PickupStopKind.Start => StopKind.Start,
        PickupStopKind.Pickup => StopKind.Pickup,
        PickupStopKind.CollectionPointDropOff or PickupStopKind.CollectionPointPickup => StopKind.CollectionPoint,
        PickupStopKind.HomeDropOff => StopKind.DropOff,
        _ => StopKind.End,
    };
}
