namespace Outreach.Planning.Pickups.Slots;

/// <summary>Why a slot is not offered, in the order <see cref="SlotRule"/> checks them: the first that fails is reported.</summary>
public enum SlotRefusal
{
    // About the day: every slot of it is refused.

    /// <summary>The date has passed.</summary>
    PastDate,

    /// <summary>Further ahead than <see cref="BookingWindow.HorizonDays"/>.</summary>
    TooFarAhead,

    /// <summary>A closed day (holiday) or a weekday without opening hours.</summary>
    Closed,

    // About the family (or the station's fleet): no slot of any day helps, so they should call the station.

    /// <summary>The station has no pickup van.</summary>
    NoVans,

    /// <summary>No road leads from the pickup point to the collection point (e.g. flooded).</summary>
    Unreachable,

    /// <summary>The direct ride is longer than the station's maximum ride time.</summary>
    TooFar,

    /// <summary>The family needs more seats than the largest van has (a family is never split over vans).</summary>
    GroupTooLarge,

    /// <summary>The family needs a wheelchair place and no van large enough has one.</summary>
    NoWheelchairVan,

    /// <summary>The family needs a child seat and no van large enough (with its other needs) has one.</summary>
    NoChildSeatVan,

    // About the slot.

    /// <summary>The time is not a slot of the collection point's opening hours.</summary>
    OutsideOpeningHours,

    /// <summary>Starts sooner than <see cref="BookingWindow.NoticeMinutes"/> from now (too late to book it).</summary>
    TooLate,

    /// <summary>The vans' seats in this slot are taken (each van brings one trip per slot).</summary>
    SeatsFull,

    /// <summary>
    /// Every van has as many families in this slot as one trip can fetch (<see cref="PickupSettings.MaxBookingsPerTrip"/>),
    /// even where seats are left.
    /// </summary>
    StopsFull,

    /// <summary>The wheelchair places in this slot are taken.</summary>
    NoWheelchairPlace,

    /// <summary>The child seats in this slot are taken.</summary>
    NoChildSeatLeft,

    /// <summary>Seats are left in total but no single van has room for the whole family (with its needs).</summary>
    NoRoomForGroup,

    /// <summary>The day's seats (vans x seats x trips per van) are taken.</summary>
    DaySeatsFull,

    /// <summary>Every van has made its trips of the day; slots that already have a van coming may still have room.</summary>
    NoTripLeft,

    /// <summary>The desks cannot take more children in this slot (desks x files per desk per hour x slot hours).</summary>
    DesksFull,

    /// <summary>The children of this slot, this family included, could not all be done before the collection point closes.</summary>
    ClosesBeforeDone,

    /// <summary>
    /// The rule has room, but the day's live plan cannot take the family in this slot: no van's trips can fetch it and
    /// bring it home without breaking a promise to the families already booked (see <c>LiveBooking.Probe</c>).
    /// </summary>
    NoVanFits,
}

/// <summary>
/// One slot as a family sees it: offered or the reason not. <see cref="SeatsLeft"/> and <see cref="ChildrenLeft"/> are
/// what was free before this family (seats in the slot, capped by the day; children the desks can still take).
/// </summary>
public sealed record SlotDecision(SlotTime Slot, SlotRefusal? Refusal, int SeatsLeft, int ChildrenLeft)
{
    public bool IsOffered => Refusal is null;

    /// <summary>
    /// True when waiting for another slot or day cannot help: the family should call the station (ride too long,
    /// group too large, a need no van meets).
    /// </summary>
    public bool CallTheStation => Refusal is { } r && SlotRule.IsAboutTheFamily(r);
}

/// <summary>
/// A day's slots for a family. <see cref="DayRefusal"/> is set when the whole day is out (past, closed, too far
/// ahead, or a reason about the family itself); <see cref="Closure"/> names a closed day.
/// </summary>
public sealed record DayOffer(DateOnly Date, SlotRefusal? DayRefusal, ClosedDay? Closure, IReadOnlyList<SlotDecision> Slots)
{
    public IEnumerable<SlotDecision> Offered => Slots.Where(s => s.IsOffered);

    public bool HasOffer => Slots.Any(s => s.IsOffered);
}
