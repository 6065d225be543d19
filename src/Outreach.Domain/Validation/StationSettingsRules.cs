namespace Outreach.Domain.Validation;

/// <summary>
/// The ranges a chief's <see cref="StationSettings"/> must keep, sized for a commune/ward collection point: a few
/// capture desks (20 would be a provincial surge hall), 5-6 child files per desk per hour (10-15 minutes each with
/// the guardian; 12 is one every 5 minutes, adults only), a ride a child can sit through, 1-8 van trips a day
/// (Cao Lãnh averaged 2), up to 16 families per trip (a school gate), a wait for the van home of 10 minutes to two
/// hours, and desks open between 05:00 and 22:00 (past campaigns ran 07:00 to 21:00-22:00), a morning and an
/// afternoon interval at most per day.
/// </summary>
public static class StationSettingsRules
{
    public const int MinDesks = 1;
    public const int MaxDesks = 20;
    public const int MinFilesPerDeskPerHour = 1;
    public const int MaxFilesPerDeskPerHour = 12;
    public const int MinRideMinutes = 10;
    public const int MaxRideMinutes = 120;
    public const int MinTripsPerVan = 1;
    public const int MaxTripsPerVan = 8;
    public const int MinBookingsPerTrip = 1;
    public const int MaxBookingsPerTrip = 16;
    /// <summary>
    /// The wait for the van home: under 10 minutes no van could be planned around the desk queue's estimate; over two
    /// hours a family with children would rather walk.
    /// </summary>
    public const int MinReturnWaitMinutes = 10;
    public const int MaxReturnWaitMinutes = 120;

    /// <summary>How far a background re-plan may move a told pickup time and publish by itself: 0 (never) to an hour.</summary>
    public const int MinReplanToleranceMinutes = 0;
    public const int MaxReplanToleranceMinutes = 60;
    /// <summary>Morning, afternoon and an evening session for people who come home from work late.</summary>
    public const int MaxIntervalsPerDay = 3;

    /// <summary>
    /// Slot lengths (minutes) the booking pages offer: slots follow the clock from each opening time, so a length that
    /// divides the hours evenly keeps slot times a family can read (08:00, 08:30 or 08:00, 09:30).
    /// </summary>
    public static IReadOnlyList<int> SlotMinutes { get; } = [30, 60, 90, 120];

    public static TimeOnly EarliestOpening { get; } = new(5, 0);

    public static TimeOnly LatestClosing { get; } = new(22, 0);
}
