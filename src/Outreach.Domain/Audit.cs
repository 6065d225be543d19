namespace Outreach.Domain;

/// <summary>Who touched a family's data: a staff account, the family itself (code + phone proven), whoever holds a
/// driver's or team lead's link, or a background job of the app.</summary>
public enum AuditActorKind
{
    Staff,
    Family,
    Link,
    System,
}

/// <summary>What was done with the data.</summary>
public enum AuditAction
{
    View,
    Export,
    Create,
    Change,
    Cancel,
    Delete,
    Anonymise,
    Publish,
    Send,
    MarkSent,
}

/// <summary>Which page or data it was done on.</summary>
public enum AuditSubject
{
    /// <summary>The family's booking pages (book, confirmation, manage, move, cancel, delete my data).</summary>
    Booking,

    /// <summary>Bookings taken by phone on the staff phone-in page.</summary>
    PhoneIn,

    /// <summary>A day's pickup plan page (bookings with names and phones) and its publishing.</summary>
    PickupDay,

    /// <summary>Printable staff route sheets and their PDF.</summary>
    RouteSheet,

    /// <summary>The driver's or team lead's page and PDF opened from a link.</summary>
    DriverLink,

    /// <summary>The staff outbox (the call list with phones) and "sent by hand".</summary>
    Outbox,

    /// <summary>A message handed to the gateway by the sender job.</summary>
    Message,

    /// <summary>The retention job that makes old bookings anonymous.</summary>
    Retention,
}

/// <summary>
/// The "who" of an audit entry, without personal data of families: a staff account's id and user name; for a family
/// the booking code it proved (null when it is the booking being made: the store writes that booking's code); for a
/// link what the link opens; for a job its name.
/// </summary>
public sealed record AuditActor(AuditActorKind Kind, long? UserId, string? Name)
{
    public static AuditActor Staff(long? userId, string userName) => new(AuditActorKind.Staff, userId, userName);

    public static AuditActor Family(string? bookingCode) => new(AuditActorKind.Family, null, bookingCode);

    public static AuditActor Link(string what) => new(AuditActorKind.Link, null, what);

    public static AuditActor System(string jobName) => new(AuditActorKind.System, null, jobName);
}

/// <summary>
/// The caller's side of an audit entry for a store change: who, on which page; the store adds the action, the station
/// and the booking codes, and writes it in the change's own transaction.
/// </summary>
public sealed record AuditedBy(AuditActor Actor, AuditSubject Subject, string? Detail = null);

/// <summary>One event to write: who did what on which page, for which station and bookings (codes only), and a short
/// detail that holds no personal data (a plan id, a count).</summary>
public sealed record AuditRecord(AuditActor Actor, AuditAction Action, AuditSubject Subject, long? StationId, IReadOnlyList<string> BookingCodes, string? Detail = null);

/// <summary>A stored event, as the audit page lists it (<see cref="BookingCodes"/> at most the first 50 of <see cref="BookingCount"/>).</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    AuditActor Actor,
    AuditAction Action,
    AuditSubject Subject,
    long? StationId,
    int BookingCount,
    IReadOnlyList<string> BookingCodes,
    string? Detail);
