using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// A station seeded for booking tests, open every day 07:30-11:30 and 13:30-17:00 (so tests do not depend on the
/// weekday), 10 desks x 5 files an hour (desks never the limit unless a test wants it), 45-minute ride limit, one van of
/// <paramref name="VanSeats"/> seats with a wheelchair place and two child seats, and pickup points in two wards plus a
/// private home (never listed) and a school 60 km away; a van fetches <c>maxBookingsPerTrip</c> families a trip (default 6) (too far for the ride limit). The app's clock is Monday
/// 23 Nov 2026 08:00 in Vietnam, so <see cref="Tuesday"/> is bookable all day. The station has no phone unless
/// <c>phone</c> is given.
/// </summary>
public sealed record BookingScenario(long StationId, long SchoolId, long CulturalHouseId, long FarSchoolId, long HomeId, int VanSeats)
{
    public static readonly DateOnly Tuesday = new(2026, 11, 24);

    public const string TuesdayKey = "2026-11-24";

    private static int counter;

    public static async Task<BookingScenario> CreateAsync(OutreachAppFactory app, int vanSeats = 16, int desks = 10,
        int maxBookingsPerTrip = Station.DefaultMaxBookingsPerTrip, string? phone = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var n = Interlocked.Increment(ref counter);
        var stations = app.Services.GetRequiredService<StationStore>();
        var sites = app.Services.GetRequiredService<SiteStore>();
        var fleet = app.Services.GetRequiredService<FleetStore>();
        var days = Enum.GetValues<DayOfWeek>();
        var stationId = await stations.InsertAsync(new Station(
            0, $"Công an phường Thử Nghiệm {n}", null, null, null, "Phường Thử Nghiệm", "Trụ sở Công an phường",
            new GeoPoint(105.8430, 21.4690), "Đường Thống Nhất", DeskCount: desks, FilesPerDeskPerHour: 5, MaxRideMinutes: 45,
            BookingSlotMinutes: 60, MapAreaKey: null,
            OpeningHours: [.. days.Select(d => new OpeningHours(d, new TimeOnly(7, 30), new TimeOnly(11, 30))),
                .. days.Select(d => new OpeningHours(d, new TimeOnly(13, 30), new TimeOnly(17, 0)))])
        {
            MaxBookingsPerTrip = maxBookingsPerTrip,
            Phone = phone,
        });
        var school = await sites.InsertAsync(new Site(0, stationId, "Trường Tiểu học Thắng Lợi", SiteKind.School, new GeoPoint(105.8500, 21.4750), "05518", false, null));
        var house = await sites.InsertAsync(new Site(0, stationId, "Nhà văn hóa Xóm Lát Đá", SiteKind.VillageCulturalHouse, new GeoPoint(105.7900, 21.5100), "05530", true, null));
        var far = await sites.InsertAsync(new Site(0, stationId, "Trường Tiểu học Xa Xôi", SiteKind.School, new GeoPoint(106.3500, 21.6500), "05530", false, null));
        var home = await sites.InsertAsync(new Site(0, stationId, "Nhà riêng bà Hoa (nằm liệt giường)", SiteKind.Home, new GeoPoint(105.8450, 21.4700), "05518", true, null));
        await fleet.InsertVehicleAsync(new Vehicle(0, stationId, $"Xe đón {n}", null, vanSeats, 1, 2, VehicleProfile.Van));
        return new BookingScenario(stationId, school, house, far, home, vanSeats);
    }

    public string WizardUrl => $"/booking/{StationId}";

    /// <summary>Step 1's fields for a family at the school: 1 child and 1 guardian on Tuesday unless changed.</summary>
    public Dictionary<string, string> Family(int children = 1, int guardians = 1, long? siteId = null) => new()
    {
        ["pickup"] = (siteId ?? SchoolId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["children"] = children.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["guardians"] = guardians.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["date"] = TuesdayKey,
    };

    /// <summary>Step 2's fields on top of <see cref="Family"/>: the slot, a name and a phone, and the book button.</summary>
    public Dictionary<string, string> Booking(string slot = "09:00", string phone = "0912 345 678", int children = 1, int guardians = 1, long? siteId = null)
    {
        var fields = Family(children, guardians, siteId);
        fields["slot"] = $"{TuesdayKey}T{slot}";
        fields["firstName"] = "Lan";
        fields["phone"] = phone;
        fields["action"] = "book";
        return fields;
    }

    /// <summary>Takes seats directly in the store (as earlier families would have).</summary>
    public async Task PreBookAsync(OutreachAppFactory app, int children, int guardians, TimeOnly slot)
    {
        ArgumentNullException.ThrowIfNull(app);
        var result = await app.Services.GetRequiredService<BookingStore>().TryBookAsync(
            new Domain.Booking(0, "", StationId, SchoolId, null, null, children, guardians, BookingNeeds.None, Tuesday, slot,
                "Mai", "0987654321", "vi", BookingStatus.Requested, default, default),
            new BookingCapacity(SeatsPerSlot: 1000));
        Assert.Equal(BookingOutcome.Booked, result.Outcome);
    }
}
