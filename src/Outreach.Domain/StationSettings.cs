namespace Outreach.Domain;

/// <summary>
/// What a station chief may change about the unit's collection point and pickup vans after the station exists:
/// desks, files per desk per hour, the longest ride (minutes), the booking slot length (minutes), trips per van per
/// day, families per van trip, the longest wait for the van home (minutes), the phone number families call (null:
/// none) and the weekly opening hours (each interval local time, Asia/Ho_Chi_Minh; a weekday without intervals is
/// closed). Names, codes and the collection point's place stay as they are.
/// </summary>
public sealed record StationSettings(
    int DeskCount,
    int FilesPerDeskPerHour,
    int MaxRideMinutes,
    int BookingSlotMinutes,
    int MaxTripsPerVan,
    int MaxBookingsPerTrip,
    int MaxReturnWaitMinutes,
    string? Phone,
    IReadOnlyList<OpeningHours> OpeningHours)
{
    /// <summary>See <see cref="Station.ReplanToleranceMinutes"/>.</summary>
    public int ReplanToleranceMinutes { get; init; } = Station.DefaultReplanToleranceMinutes;

    /// <summary>The station's current settings.</summary>
    public static StationSettings From(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return new(station.DeskCount, station.FilesPerDeskPerHour, station.MaxRideMinutes, station.BookingSlotMinutes,
            station.MaxTripsPerVan, station.MaxBookingsPerTrip, station.MaxReturnWaitMinutes, station.Phone, station.OpeningHours)
        {
            ReplanToleranceMinutes = station.ReplanToleranceMinutes,
        };
    }

    /// <summary>The station with these settings in place of its own.</summary>
    public Station ApplyTo(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return station with
        {
            DeskCount = DeskCount,
            FilesPerDeskPerHour = FilesPerDeskPerHour,
            MaxRideMinutes = MaxRideMinutes,
            BookingSlotMinutes = BookingSlotMinutes,
            MaxTripsPerVan = MaxTripsPerVan,
            MaxBookingsPerTrip = MaxBookingsPerTrip,
            MaxReturnWaitMinutes = MaxReturnWaitMinutes,
            ReplanToleranceMinutes = ReplanToleranceMinutes,
            Phone = Phone,
            OpeningHours = OpeningHours,
        };
    }
}
