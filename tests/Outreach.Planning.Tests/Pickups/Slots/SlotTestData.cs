using Outreach.Domain;
using Outreach.Planning.Pickups.Slots;

namespace Outreach.Planning.Tests.Pickups.Slots;

/// <summary>
/// A small station for slot tests: 3 desks x 5 files per desk per hour (15 children an hour, 12 minutes a child),
/// weekdays 07:30-11:30 and 13:30-17:00, Saturday morning, no Sunday hours; 60-minute slots; 45-minute ride limit.
/// Two 15-seat vans with one wheelchair place and two child seats each: 30 seats, 2 wheelchair places and 4 child
/// seats per slot; 3 trips per van, so 90 seats and 6 van trips a day.
/// </summary>
internal static class SlotTestData
{
    /// <summary>Monday 23 Nov 2026, 08:00 in Vietnam.</summary>
    public static readonly DateTime MondayEight = new(2026, 11, 23, 8, 0, 0);

    public static readonly DateOnly Monday = new(2026, 11, 23);

    public static readonly DateOnly Tuesday = new(2026, 11, 24);

    public static Station Station(int maxRideMinutes = 45, int desks = 3) => new(
        1, "Công an phường Thắng Lợi", null, null, null, null, "Điểm thu nhận", new GeoPoint(105.843, 21.469), null,
        DeskCount: desks, FilesPerDeskPerHour: 5, MaxRideMinutes: maxRideMinutes, BookingSlotMinutes: 60, MapAreaKey: null,
        OpeningHours: Weekdays(new TimeOnly(7, 30), new TimeOnly(11, 30)).Concat(Weekdays(new TimeOnly(13, 30), new TimeOnly(17, 0)))
            .Append(new OpeningHours(DayOfWeek.Saturday, new TimeOnly(7, 30), new TimeOnly(11, 30))).ToList());

    public static Vehicle Van(long id, int seats = 15, int wheelchairs = 1, int childSeats = 2) =>
        new(id, 1, $"Xe {id}", null, seats, wheelchairs, childSeats, VehicleProfile.Van);

    public static SlotRule Rule(Station? station = null, IReadOnlyList<Vehicle>? vans = null, IEnumerable<ClosedDay>? closed = null) =>
        new(station ?? Station(), vans ?? [Van(1), Van(2)], closedDays: closed);

    public static SlotGroup Group(int hour, int children, int guardians = 1, BookingNeeds needs = BookingNeeds.None, int minute = 0) =>
        new(new TimeOnly(hour, minute), children, guardians, needs);

    public static SlotCandidate Family(int children = 2, int guardians = 1, BookingNeeds needs = BookingNeeds.None, int? rideMinutes = 20) =>
        new(children, guardians, needs, rideMinutes is { } m ? new RideTime(m * 60, IsEstimated: false) : null);

    private static IEnumerable<OpeningHours> Weekdays(TimeOnly opens, TimeOnly closes) =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningHours(d, opens, closes));
}
