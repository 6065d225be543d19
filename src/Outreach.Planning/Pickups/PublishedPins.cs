using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>How firmly a leg of a published booking is kept in a re-plan.</summary>
internal enum PinLevel
{
    /// <summary>Free: the search may put it anywhere.</summary>
    None,

    /// <summary>Same van and trip, any order.</summary>
    Trip,

    /// <summary>Same van, trip and order (a pinned prefix of the trip).</summary>
    Position,
}

/// <summary>Where one leg (pickup and drop-off) of a booking was in the published plan.</summary>
internal sealed record PublishedLeg(long VehicleId, int TripNumber, int FirstSequence, int SecondSequence);

/// <summary>
/// A booking's place in the published plan: its two legs, when the van reached the collection point with it and left
/// there again (getting off lies in between), its pickup site, when its boarding started at its pickup point (the time
/// the family was told, or after it when others boarded there first) and when the van left it (boarding ends: a van
/// early for its window waits there, so boarding may start after the told time), and the sheet's time of its stop home
/// (<see cref="Versions.SheetTimes"/>: the family is told about when it is back, and a gate where the van brings one
/// family home and others then board is told that time).
/// </summary>
internal sealed record PublishedBooking(PublishedLeg Outbound, PublishedLeg Return, int ArrivalSeconds, int DropOffDepartureSeconds, long? PickupSiteId,
    int PickupSeconds, int PickupDepartureSeconds, int HomeSeconds);

/// <summary>The published plan as the planner reads it: each booking's legs, and when each van's trips started.</summary>
internal sealed record PublishedPlan(IReadOnlyDictionary<long, PublishedBooking> Bookings, IReadOnlyDictionary<(long Vehicle, int Trip), int> TripStarts)
{
    public static PublishedPlan None { get; } = new(new Dictionary<long, PublishedBooking>(), new Dictionary<(long, int), int>());
}

/// <summary>Reads the published plan's van stops back into legs per booking. Stateless and thread-safe.</summary>
internal static class PublishedPins
{
    public static PublishedPlan Read(PlanContent? published, DateOnly date)
    {
        var result = new Dictionary<long, PublishedBooking>();
        if (published is null)
        {
            return PublishedPlan.None;
        }

        var starts = published.Stops
            .Where(s => s.ResourceKind == PlanResourceKind.Vehicle && s.Kind == StopKind.Start && s.Date == date)
            .GroupBy(s => (s.ResourceId, s.TripNumber))
            .ToDictionary(g => g.Key, g => PlanClock.ToSeconds(date, g.Min(s => s.Departure)));

        var told = Versions.SheetTimes.Of(published);
        var byBooking = published.Stops
            .Where(s => s.ResourceKind == PlanResourceKind.Vehicle && s.BookingId is not null && s.Date == date)
            .GroupBy(s => s.BookingId!.Value);
        foreach (var stops in byBooking)
        {
            var pickup = stops.FirstOrDefault(s => s.Kind == StopKind.Pickup);
            var drop = stops.Where(s => s.Kind == StopKind.CollectionPoint && s.AlightingCount > 0).OrderBy(s => s.Arrival).FirstOrDefault();
            var board = stops.Where(s => s.Kind == StopKind.CollectionPoint && s.BoardingCount > 0).OrderBy(s => s.Arrival).FirstOrDefault();
            var home = stops.FirstOrDefault(s => s.Kind == StopKind.DropOff);
            if (pickup is null || drop is null || board is null || home is null
                || !SameTrip(pickup, drop) || pickup.Sequence >= drop.Sequence
                || !SameTrip(board, home) || board.Sequence >= home.Sequence)
            {
                continue;
            }

            result[stops.Key] = new PublishedBooking(
                new PublishedLeg(pickup.ResourceId, pickup.TripNumber, pickup.Sequence, drop.Sequence),
                new PublishedLeg(board.ResourceId, board.TripNumber, board.Sequence, home.Sequence),
                PlanClock.ToSeconds(date, drop.Arrival),
                PlanClock.ToSeconds(date, drop.Departure),
                pickup.SiteId,
                PlanClock.ToSeconds(date, pickup.Arrival),
                PlanClock.ToSeconds(date, pickup.Departure),
                PlanClock.ToSeconds(date, told[home]));
        }

        return new PublishedPlan(result, starts);
    }

    private static bool SameTrip(PlanStop a, PlanStop b) => a.ResourceId == b.ResourceId && a.TripNumber == b.TripNumber;
}
