using System.Globalization;

namespace Outreach.Web.Infrastructure.Time;

/// <summary>
/// The one place that turns instants into what people read: every time shown on a page is in
/// Asia/Ho_Chi_Minh, whatever the server's own zone is. Clocks are inputs (TimeProvider), so tests
/// can move time forward.
/// </summary>
public sealed class LocalTime(TimeProvider time)
{
    /// <summary>The IANA id of the zone every displayed time is in.</summary>
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>Asia/Ho_Chi_Minh; falls back to a fixed UTC+07:00 where the machine has no tz database
    /// (Vietnam has kept UTC+07:00 without daylight saving since 1975).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>Now, as a wall-clock time in Vietnam.</summary>
    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>
    /// Date and time in Vietnam, day before month and a 24-hour clock in both languages ("22/11/2026 08:05"):
    /// the English pages are read by the same officers and families, and a US-style "11/22/2026 8:05 AM" on a
    /// route sheet would be misread.
    /// </summary>
    public static string FormatDateTime(DateTimeOffset instant) =>
        ToLocal(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Time of day in Vietnam, 24-hour clock ("08:05"), the same in both languages.</summary>
    public static string FormatTime(DateTimeOffset instant) =>
        ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), ZoneId, ZoneId);
        }
    }
}
