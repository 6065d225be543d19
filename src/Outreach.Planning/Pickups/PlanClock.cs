using System.Globalization;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The planner's time axis: whole seconds since local midnight (Asia/Ho_Chi_Minh) of the plan date, and its
/// conversions to instants and to the words dispatchers read. Vietnam has kept UTC+7 without daylight saving since
/// 1975; the zone id is used when the OS knows it. Stateless and thread-safe.
/// </summary>
public static class PlanClock
{
    /// <summary>The Asia/Ho_Chi_Minh zone (a fixed UTC+7 stand-in when the OS has no time-zone data).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The instant (offset zero) of <paramref name="secondsSinceMidnight"/> local time on <paramref name="date"/>.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, int secondsSinceMidnight)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddSeconds(secondsSinceMidnight);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Seconds since local midnight of <paramref name="date"/> for an instant (may be negative or past 86 400).</summary>
    public static int ToSeconds(DateOnly date, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return (int)Math.Round((local.DateTime - date.ToDateTime(TimeOnly.MinValue)).TotalSeconds);
    }

    /// <summary>Seconds since midnight of a local time of day.</summary>
    public static int Seconds(TimeOnly time) => (int)(time.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>"08:05" (minutes rounded down; 24:00 and later written as such).</summary>
    public static string Hhmm(int secondsSinceMidnight)
    {
        int minutes = Math.Max(0, secondsSinceMidnight) / 60;
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
    }

    /// <summary>"thứ Ba", "Chủ nhật": the weekday as written inside a Vietnamese sentence.</summary>
    public static string DayVi(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "thứ Hai",
        DayOfWeek.Tuesday => "thứ Ba",
        DayOfWeek.Wednesday => "thứ Tư",
        DayOfWeek.Thursday => "thứ Năm",
        DayOfWeek.Friday => "thứ Sáu",
        DayOfWeek.Saturday => "thứ Bảy",
        _ => "Chủ nhật",
    };

    /// <summary>"Tuesday".</summary>
    public static string DayEn(DayOfWeek day) => day.ToString();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}
