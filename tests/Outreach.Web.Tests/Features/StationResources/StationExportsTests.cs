using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Features.StationResources.StationResourceTestKit;

namespace Outreach.Web.Tests.Features.StationResources;

/// <summary>The template and the exports (issue 17): their headers, read back with the spreadsheet libraries; an export imports again.</summary>
public sealed class StationExportsTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private static readonly string[] RequestHeaders =
    [
        "Địa điểm", "Trẻ 6-14 tuổi", "Từ 14 tuổi", "Người cao tuổi", "Nằm liệt giường, khuyết tật", "Đối tượng bảo trợ",
        "Người liên hệ", "Điện thoại", "Ngày ở nhà", "Từ giờ", "Đến giờ", "Ưu tiên", "Hạn", "Ghi chú",
    ];

    private static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return [.. stream.Query(useHeaderRow: false).Select(r => ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray())];
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return [.. Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(';').Select(f => f.Length > 1 && f[0] == '"' && f[^1] == '"' ? f[1..^1] : f).ToArray())];
    }

    private async Task<(long Station, long Site)> StationWithRequestsAsync(bool withRequests = true)
    {
        var station = await EmptyStationAsync(app);
        var site = await app.Services.GetRequiredService<SiteStore>().InsertAsync(
            new Site(0, station, "Nhà văn hóa thôn Lát Đá", SiteKind.VillageCulturalHouse, new GeoPoint(105.79, 21.51), null, false, null));
        var requests = app.Services.GetRequiredService<VisitRequestStore>();
        foreach (var (elderly, contact) in withRequests ? new[] { (2, "Trưởng thôn"), (1, "=Con gái") } : [])
        {
            await requests.InsertAsync(new VisitRequest(0, station, site, [new ApplicantGroup(ApplicantCategory.Elderly, elderly, null)], 10,
                [new AvailabilityWindow(new DateOnly(2026, 12, 15), new TimeOnly(8, 0), new TimeOnly(11, 0))], RequiredPresence.None, 50, null, 0.1,
                VisitRequestStatus.Open, null, contact, "0912345678"));
        }

        return (station, site);
    }

    [Fact]
    public async Task Template_HasTheVietnameseHeadersAndExampleRowsAtTheUnitsSites()
    {
        var (station, _) = await StationWithRequestsAsync();
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var rows = ReadXlsx(await chief.GetByteArrayAsync($"/staff/visit-requests/template.xlsx?station={Id(station)}"));

        Assert.Equal(RequestHeaders, rows[0]);
        Assert.Equal("Nhà văn hóa thôn Lát Đá", rows[1][0]);
    }

    [Fact]
    public async Task ExportVisitRequests_XlsxAndCsv_HaveTheImportHeaders_AndTheXlsxImportsAgain()
    {
        var (station, _) = await StationWithRequestsAsync();
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var xlsx = await chief.GetByteArrayAsync($"/staff/stations/{Id(station)}/export/visit-requests.xlsx");
        var csv = await chief.GetByteArrayAsync($"/staff/stations/{Id(station)}/export/visit-requests.csv");

        var fromXlsx = ReadXlsx(xlsx);
        Assert.Equal(RequestHeaders, fromXlsx[0]);
        Assert.Equal(3, fromXlsx.Count);
        var fromCsv = ReadCsv(csv);
        Assert.Equal(RequestHeaders, fromCsv[0]);
        // A contact typed with "=" first stays text in a spreadsheet: the CSV writes it with an apostrophe in front.
        Assert.Contains(fromCsv, row => row[6] == "'=Con gái");
        // Back into the same unit every row is recognised as already stored; into another unit with a site of that name it imports.
        var same = await UploadAsync(chief, $"/staff/visit-requests?station={Id(station)}", "import-check", xlsx, "xuat.xlsx");
        Assert.Contains("Chưa lưu gì: 2 lỗi ở 2 dòng.", same, StringComparison.Ordinal);
        var (other, _) = await StationWithRequestsAsync(withRequests: false);
        using var otherChief = await app.SignedInAsync(StaffRole.Chief, other);
        var check = await UploadAsync(otherChief, $"/staff/visit-requests?station={Id(other)}", "import-check", xlsx, "xuat.xlsx");
        Assert.Contains("Tệp hợp lệ: 2 yêu cầu thăm.", check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportBookingsAndPickupPlan_OfTheDay_NameTheBookings_AnotherUnitIsRefused()
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services, stationName: $"Công an phường Xuất {Guid.NewGuid():N}"[..32]);
        var other = await EmptyStationAsync(app);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        using var stranger = await app.SignedInAsync(StaffRole.Chief, other);
        var day = plan.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lan = plan.Bookings["Lan"];

        var bookings = ReadCsv(await dispatcher.GetByteArrayAsync($"/staff/stations/{Id(plan.Station.Id)}/export/bookings.csv?from={day}"));
        var stops = ReadXlsx(await dispatcher.GetByteArrayAsync($"/staff/stations/{Id(plan.Station.Id)}/export/pickup-plan.xlsx?from={day}"));
        using var refused = await stranger.GetAsync($"/staff/stations/{Id(plan.Station.Id)}/export/bookings.csv?from={day}");

        Assert.Equal(["Mã đặt chỗ", "Ngày", "Giờ", "Điểm đón", "Trẻ em", "Người giám hộ", "Nhu cầu", "Người liên hệ", "Điện thoại", "Trạng thái"], bookings[0]);
        Assert.Contains(bookings, row => row[0] == lan.Code && row[7] == lan.ContactFirstName && row[1] == day);
        Assert.Equal("Ngày", stops[0][0]);
        Assert.Contains(stops, row => row.Contains(lan.Code) && row[0] == day && row[1] == plan.Van.Name);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(refused), StringComparison.Ordinal);
        // The bookings export is in the personal-data log, with the codes it held.
        var log = await app.Services.GetRequiredService<AuditLogStore>().ListAsync(new AuditQuery(plan.Station.Id, lan.Code));
        Assert.Contains(log, e => e.Action == AuditAction.Export && e.Subject == AuditSubject.PickupDay);
    }

    [Fact]
    public async Task ExportVisitPlan_OfTheWeek_ListsTheTeamsVisits()
    {
        var plan = await HandBuiltPlans.SongCongTeamAsync(app.Services, stationName: $"Công an xã Xuất {Guid.NewGuid():N}"[..28]);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var monday = HandBuiltTeamPlan.Date.AddDays(-(((int)HandBuiltTeamPlan.Date.DayOfWeek + 6) % 7));

        var rows = ReadCsv(await chief.GetByteArrayAsync($"/staff/stations/{Id(plan.Station.Id)}/export/visit-plan.csv?from={monday:yyyy-MM-dd}&days=7"));

        Assert.Equal("Ngày", rows[0][0]);
        Assert.Contains(rows, row => row[1] == plan.Team.Name && row[4] == nameof(StopKind.Visit) && plan.Requests.Values.Any(r => Id(r.Id) == row[9]));
    }

    [Fact]
    public async Task ExportsPage_LinksTheDayAndTheWeekFromTheChosenDay_AndEachLinkAnswersAFile()
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var html = WebUtility.HtmlDecode(await chief.GetStringAsync($"/staff/exports?station={Id(station)}&from=2026-12-14"));

        var links = System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/staff/stations/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains($"/staff/stations/{Id(station)}/export/bookings.xlsx?from=2026-12-14&days=7", links);
        Assert.Contains($"/staff/stations/{Id(station)}/export/call-list.csv", links);
        Assert.Equal(16, links.Count);
        foreach (var link in links)
        {
            using var response = await chief.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentDisposition?.FileName is { Length: > 0 }, link);
        }
    }
}
