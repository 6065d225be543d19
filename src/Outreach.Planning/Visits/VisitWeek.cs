using System.Globalization;

namespace Outreach.Planning.Visits;

/// <summary>
/// The planning week Monday..Sunday (local dates, Asia/Ho_Chi_Minh) and its time axis: seconds since Monday
/// 00:00 local time, the axis every solver time of a week plan is on. Vietnam has kept UTC+07:00 without daylight
/// saving since 1975, so local times convert to instants with a fixed offset. Immutable.
/// </summary>
public sealed record VisitWeek
{
    public const int SecondsPerDay = 86_400;

    /// <summary>Vietnam's offset from UTC.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <exception cref="ArgumentException"><paramref name="monday"/> is not a Monday.</exception>
    public VisitWeek(DateOnly monday)
    {
        if (monday.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"monday = {monday:yyyy-MM-dd}: ngày bắt đầu tuần phải là thứ Hai / the week must start on a Monday"),
                nameof(monday));
        }

        Monday = monday;
    }

    public DateOnly Monday { get; }

    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The seven dates, Monday first.</summary>
    public IReadOnlyList<DateOnly> Dates => [.. Enumerable.Range(0, 7).Select(Monday.AddDays)];

    public bool Contains(DateOnly date) => date >= Monday && date <= Sunday;

    /// <summary>0 for Monday .. 6 for Sunday.</summary>
    public int DayIndex(DateOnly date) => date.DayNumber - Monday.DayNumber;

    /// <summary>Seconds since Monday 00:00 of the local <paramref name="date"/> and <paramref name="time"/>.</summary>
    public int Seconds(DateOnly date, TimeOnly time) => (DayIndex(date) * SecondsPerDay) + (int)(time.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>The local date of an axis time.</summary>
    public DateOnly DateAt(int seconds) => Monday.AddDays(Math.DivRem(seconds, SecondsPerDay).Quotient);

    /// <summary>The local time of day of an axis time (within its date).</summary>
    public static TimeOnly TimeAt(int seconds) => new(Mod(seconds, SecondsPerDay) * TimeSpan.TicksPerSecond);

    /// <summary>The local wall-clock time of an axis time (no offset: a Vietnam local time).</summary>
    public DateTime LocalAt(int seconds) => Monday.ToDateTime(TimeOnly.MinValue).AddSeconds(seconds);

    /// <summary>The instant (UTC) of an axis time.</summary>
    public DateTimeOffset UtcAt(int seconds) => new DateTimeOffset(LocalAt(seconds), VietnamOffset).ToUniversalTime();

    /// <summary>The axis time of an instant.</summary>
    public int SecondsOf(DateTimeOffset instant) =>
        (int)Math.Round((instant.ToOffset(VietnamOffset).DateTime - Monday.ToDateTime(TimeOnly.MinValue)).TotalSeconds);

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}

/// <summary>Day names and short labels in both languages (Vietnamese "thứ Hai".."Chủ nhật", English "Mon".."Sun").</summary>
public static class VisitDayNames
{
    private static readonly string[] Vi = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"];
    private static readonly string[] EnShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] EnLong = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>"thứ Ba", "Chủ nhật".</summary>
    public static string Vietnamese(DayOfWeek day) => Vi[Index(day)];

    /// <summary>"Tue", "Sun".</summary>
    public static string EnglishShort(DayOfWeek day) => EnShort[Index(day)];

    /// <summary>"Tuesday".</summary>
    public static string English(DayOfWeek day) => EnLong[Index(day)];

    /// <summary>
    /// Days as ranges of consecutive days: "thứ Ba–thứ Năm" / "Tue-Thu", or a list "thứ Hai, thứ Tư" / "Mon, Wed".
    /// </summary>
    public static (string Vi, string En) Ranges(IEnumerable<DayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var indices = days.Select(Index).Distinct().Order().ToList();
        var vi = new List<string>();
        var en = new List<string>();
        for (var i = 0; i < indices.Count;)
        {
            var j = i;
            while (j + 1 < indices.Count && indices[j + 1] == indices[j] + 1)
            {
                j++;
            }

            if (j - i >= 2)
            {
                vi.Add($"{Vi[indices[i]]}–{Vi[indices[j]]}");
                en.Add($"{EnShort[indices[i]]}-{EnShort[indices[j]]}");
            }
            else
            {
                for (var k = i; k <= j; k++)
                {
                    vi.Add(Vi[indices[k]]);
                    en.Add(EnShort[indices[k]]);
                }
            }

            i = j + 1;
        }

        return (string.Join(", ", vi), string.Join(", ", en));
    }

    /// <summary>Monday = 0 .. Sunday = 6.</summary>
    public static int Index(DayOfWeek day) => ((int)day + 6) % 7;
}
