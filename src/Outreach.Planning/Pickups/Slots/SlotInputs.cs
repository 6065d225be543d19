using Outreach.Domain;

namespace Outreach.Planning.Pickups.Slots;

/// <summary>
/// A bookable slot: the window [<see cref="Start"/>, <see cref="End"/>) of one day in which the van brings the
/// family to the collection point. Local time (Asia/Ho_Chi_Minh). Slots follow the clock (08:00, 09:00, ... for
/// 60-minute slots); the first and last slot of an opening interval may be shorter (07:30-08:00, 11:00-11:30).
/// </summary>
public readonly record struct SlotTime(DateOnly Date, TimeOnly Start, TimeOnly End)
{
    public int Minutes => (int)(End - Start).TotalMinutes;

    public DateTime StartsAt => Date.ToDateTime(Start);
}

/// <summary>A booking already holding seats on the day (cancelled ones are left out by the caller).</summary>
public sealed record SlotGroup(TimeOnly SlotStart, int Children, int Guardians, BookingNeeds Needs)
{
    /// <summary>Every child rides with its guardians: seats = children + guardians.</summary>
    public int Seats => Children + Guardians;
}

/// <summary>
/// The direct ride between the pickup point and the collection point (the slower of the two directions), or why
/// there is none. <see cref="IsEstimated"/>: straight line x circuity, not road routing; show it as an estimate.
/// </summary>
public sealed record RideTime(int? Seconds, bool IsEstimated, string? UnreachableReason = null)
{
    public static RideTime Unreachable(string reason, bool isEstimated = false) => new(null, isEstimated, reason);

    public bool IsReachable => Seconds is not null;

    /// <summary>Whole minutes, rounded up (a 45 min 10 s ride is over a 45-minute limit).</summary>
    public int? Minutes => Seconds is { } s ? (int)Math.Ceiling(s / 60.0) : null;
}

/// <summary>
/// The family asking: how many children (6-14) and guardians, their needs, and the ride from their pickup point
/// (null when not known yet: the ride limit is then not checked).
/// </summary>
public sealed record SlotCandidate(int Children, int Guardians, BookingNeeds Needs, RideTime? Ride = null)
{
    public int Seats => Children + Guardians;

    public static SlotCandidate From(Booking booking, RideTime? ride)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new SlotCandidate(booking.ChildCount, booking.GuardianCount, booking.Needs, ride);
    }
}

/// <summary>A day the collection point takes no pickups (a public holiday without desk shifts, a closure), with its name in both languages.</summary>
public sealed record ClosedDay(DateOnly Date, string NameVi, string NameEn);

/// <summary>
/// How far ahead families may book: slots must start at least <see cref="NoticeMinutes"/> from now (the van has to
/// be planned and reach the pickup point) and at most <see cref="HorizonDays"/> days ahead.
/// </summary>
public sealed record BookingWindow
{
    public int NoticeMinutes { get; init; } = 120;

    public int HorizonDays { get; init; } = 30;

    public static BookingWindow Default { get; } = new();
}
