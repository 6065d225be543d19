using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Data.Tests.Infrastructure;

/// <summary>Small, realistic records for store tests (Sông Công city, Thái Nguyên).</summary>
public static class TestData
{
    public static Station Station(string name = "Công an phường Thắng Lợi") => new(
        0, name, "05524", "Phường Thắng Lợi (cũ)", "05525", "Phường Sông Công", "Trụ sở Công an phường",
        new GeoPoint(105.8430, 21.4690), "Đường Thống Nhất, Sông Công", DeskCount: 3, FilesPerDeskPerHour: 5,
        MaxRideMinutes: 45, BookingSlotMinutes: 60, MapAreaKey: "song-cong",
        OpeningHours:
        [
            new OpeningHours(DayOfWeek.Monday, new TimeOnly(7, 30), new TimeOnly(11, 30)),
            new OpeningHours(DayOfWeek.Monday, new TimeOnly(13, 30), new TimeOnly(17, 0)),
            new OpeningHours(DayOfWeek.Sunday, new TimeOnly(8, 0), new TimeOnly(11, 30)),
        ]);

    public static Site Site(long stationId, string name = "Trường Tiểu học Bình Sơn", SiteKind kind = SiteKind.School) =>
        new(0, stationId, name, kind, new GeoPoint(105.7790, 21.4920), "05530", IsIllustrativePosition: false, Note: null);

    public static Booking Booking(long stationId, long? siteId, int children = 2, int guardians = 1, TimeOnly? slot = null) => new(
        0, "", stationId, siteId, null, null, children, guardians, BookingNeeds.None, new DateOnly(2026, 3, 3),
        slot ?? new TimeOnly(8, 0), "Lan", "0912345678", "vi", BookingStatus.Requested, default, default);

    /// <summary>A migrated database with one station and one school; returns their ids.</summary>
    public static async Task<(long StationId, long SiteId)> StationWithSiteAsync(Database database)
    {
        var stationId = await new StationStore(database).InsertAsync(Station());
        var siteId = await new SiteStore(database).InsertAsync(Site(stationId));
        return (stationId, siteId);
    }
}
