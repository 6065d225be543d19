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
