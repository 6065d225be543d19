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
}

/// <summary>One opening interval of the collection point on a day of the week; a day may have several.</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);
