namespace Outreach.Domain;

/// <summary>
/// A police unit with staff, vehicles and a collection point. Since 2025 units are communes/wards
/// (Decision 19/2025/QĐ-TTg); old (pre-2025) and new codes and names are kept side by side because
/// people may know either.
/// </summary>
public sealed record Station(
    long Id,
    string Name,
    string? OldUnitCode,
    string? OldUnitName,
    string? NewUnitCode,
    string? NewUnitName,
    string CollectionPointName,
    GeoPoint CollectionPointLocation,
    string? CollectionPointAddress,
    int DeskCount,
    int FilesPerDeskPerHour,
    int MaxRideMinutes,
    int BookingSlotMinutes,
    string? MapAreaKey,
    IReadOnlyList<OpeningHours> OpeningHours)
{
    public const int DefaultMaxRideMinutes = 45;
    public const int DefaultBookingSlotMinutes = 60;
    public const int DefaultMaxTripsPerVan = 3;
    public const int DefaultMaxBookingsPerTrip = 6;
    public const int DefaultMaxReturnWaitMinutes = 30;
    public const int DefaultReplanToleranceMinutes = 10;

    /// <summary>
    /// Trips (out from the collection point, fetch families, back) one pickup van makes in a day. The slot rule holds a
    /// day to vans x seats x this, and the planner gives each van this many trips. Cao Lãnh averaged 2 a day.
    /// </summary>
    public int MaxTripsPerVan { get; init; } = DefaultMaxTripsPerVan;

    /// <summary>
    /// Families (bookings, i.e. pickup stops) one van fetches on one trip, whatever its seats: each family is a stop
    /// with boarding time and a detour. Families gathered at a school gate: up to the seats; scattered hamlets: 3-4.
    /// </summary>
    public int MaxBookingsPerTrip { get; init; } = DefaultMaxBookingsPerTrip;

    /// <summary>
    /// Longest a family waits at the collection point between its files being done and its van home (minutes). The
    /// planner takes each family home within it, and a booking no van could take home within it is not accepted: half
    /// an hour with children is what a station can ask of a family.
    /// </summary>
    public int MaxReturnWaitMinutes { get; init; } = DefaultMaxReturnWaitMinutes;

    /// <summary>
    /// The number families call when no slot fits or a change is refused (national form, 0 and 9 digits); null when
    /// the station has not given one, and the booking pages then show no number.
    /// </summary>
    public string? Phone { get; init; }

    /// <summary>
    /// How far (minutes) a background re-plan of a published day may move a pickup time families were told and still be
    /// published by itself (with new bookings added, and messages only to those whose time changed); a change beyond it,
    /// or a family left out, waits as a draft for the chief. 0: every re-plan waits for the chief.
    /// </summary>
    public int ReplanToleranceMinutes { get; init; } = DefaultReplanToleranceMinutes;
}

/// <summary>One opening interval of the collection point on a day of the week; a day may have several.</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);
