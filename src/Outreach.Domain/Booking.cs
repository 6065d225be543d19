namespace Outreach.Domain;

[Flags]
public enum BookingNeeds
{
    None = 0,
    Wheelchair = 1,
    MustBeCarried = 2,
    ChildSeat = 4,
}

public enum BookingStatus
{
    Requested,
    Confirmed,
    Moved,
    Cancelled,
    Served,
    NoShow,
}

/// <summary>
/// A family's pickup booking: children aged 6-14 ride with at least one guardian (Law on Identity 2023),
/// so the van seats taken are <see cref="SeatCount"/> = children + guardians. The pickup is either a
/// known site or a location with an address note ("at my home").
/// </summary>
public sealed record Booking(
    long Id,
    string Code,
    long StationId,
    long? PickupSiteId,
    GeoPoint? PickupLocation,
    string? AddressNote,
    int ChildCount,
    int GuardianCount,
    BookingNeeds Needs,
    DateOnly Date,
    TimeOnly SlotStart,
    string ContactFirstName,
    string Phone,
    string PreferredLanguage,
    BookingStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public int SeatCount => ChildCount + GuardianCount;

    /// <summary>
    /// When the name, phone, address note and home pin were removed (retention, or the family's own request); null
    /// while they are held. An anonymous booking keeps its code, counts, needs, day, slot and status for statistics.
    /// </summary>
    public DateTimeOffset? AnonymisedAt { get; init; }

    /// <summary>Statuses whose seats count against capacity.</summary>
    public static bool HoldsSeats(BookingStatus status) => status is not BookingStatus.Cancelled;
}
