using Outreach.Domain;

namespace Outreach.Data.Demo;

/// <summary>
/// Everything one demo station consists of, before it is stored. Records refer to each other by name
/// (site, officer, vehicle names are unique within a scenario) because ids only exist once stored.
/// </summary>
internal sealed record DemoScenario(
    Station Station,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Officer> Officers,
    IReadOnlyList<Vehicle> Vehicles,
    IReadOnlyList<DemoTeam> Teams,
    IReadOnlyList<DemoBooking> Bookings,
    IReadOnlyList<DemoVisit> Visits,
    int SeatsPerSlot);

internal sealed record DemoTeam(Team Team, IReadOnlyList<string> MemberNames, string? VehicleName);

/// <summary>A booking whose pickup is a named site, or a home location when <see cref="SiteName"/> is null.</summary>
internal sealed record DemoBooking(Booking Booking, string? SiteName);

internal sealed record DemoVisit(VisitRequest Request, string SiteName);

/// <summary>Small deterministic helpers shared by the demo scenarios.</summary>
internal static class DemoText
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Hà", "Triệu"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hữu"];
    private static readonly string[] GivenNames =
        ["Hùng", "Dũng", "Lan", "Hương", "Tuấn", "Hải", "Nam", "Hoa", "Thảo", "Long", "Trang", "Sơn", "Phương", "Cường", "Mai", "Bình", "Linh", "Quân", "Yến", "Thắm"];

    public static string FullName(Random rng) =>
        $"{FamilyNames[rng.Next(FamilyNames.Length)]} {MiddleNames[rng.Next(MiddleNames.Length)]} {GivenNames[rng.Next(GivenNames.Length)]}";

    /// <summary>A given name only: a booking keeps no more of the contact's name than the driver needs.</summary>
    public static string GivenName(Random rng) => GivenNames[rng.Next(GivenNames.Length)];

    /// <summary>A mobile number in national form (0 + 9 digits, 03x/09x prefixes).</summary>
    public static string Phone(Random rng) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0{(rng.Next(2) == 0 ? 3 : 9)}{rng.Next(10_000_000, 99_999_999)}");

    /// <summary>A booking code from the code alphabet, deterministic for the generator's seed.</summary>
    public static string Code(Random rng)
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ2345679";
        return string.Create(BookingCode.Length, rng, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    /// <summary>A point within <paramref name="metres"/> of <paramref name="centre"/> (flat-earth offset; fine at these scales).</summary>
    public static GeoPoint Near(GeoPoint centre, double metres, Random rng)
    {
        var angle = rng.NextDouble() * 2 * Math.PI;
        var distance = Math.Sqrt(rng.NextDouble()) * metres;
        var dLat = distance * Math.Cos(angle) / 111_320.0;
        var dLon = distance * Math.Sin(angle) / (111_320.0 * Math.Cos(centre.Latitude * Math.PI / 180));
        return DemoOutline.Round(new GeoPoint(centre.Longitude + dLon, centre.Latitude + dLat));
    }

    /// <summary>The Monday that starts the coming planning week, in Vietnam's calendar.</summary>
    public static DateOnly ComingMonday(TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(VietnamClock.LocalNow(clock).DateTime);
        var daysUntilMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(daysUntilMonday == 0 ? 7 : daysUntilMonday);
    }
}

/// <summary>Vietnam has used UTC+7 without daylight saving since 1975; the zone id is used when the OS knows it.</summary>
internal static class VietnamClock
{
    private static readonly TimeZoneInfo Zone = Find();

    public static DateTimeOffset LocalNow(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}
