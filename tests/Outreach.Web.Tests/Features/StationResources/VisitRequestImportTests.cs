using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.StationResources;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Features.StationResources.StationResourceTestKit;

namespace Outreach.Web.Tests.Features.StationResources;

/// <summary>
/// Importing visit requests from .xlsx and .csv on /staff/visit-requests (issue 17): a file with bad rows is refused with
/// each row and cell listed and nothing stored; the corrected file is previewed, then stored whole. Files are made here.
/// </summary>
public sealed partial class VisitRequestImportTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private const string Page = "/staff/visit-requests";

    /// <summary>The template's columns as a chief sees them (written out here, not taken from the app).</summary>
    private static readonly string[] Headers =
    [
        "Địa điểm", "Trẻ 6-14 tuổi", "Từ 14 tuổi", "Người cao tuổi", "Nằm liệt giường, khuyết tật", "Đối tượng bảo trợ",
        "Người liên hệ", "Điện thoại", "Ngày ở nhà", "Từ giờ", "Đến giờ", "Ưu tiên", "Hạn", "Ghi chú",
    ];

    private VisitRequestStore Requests => app.Services.GetRequiredService<VisitRequestStore>();

    /// <summary>50 rows at the unit's two sites; with <paramref name="bad"/>, row 7 (file row) has a wrong phone and row 20 an unknown site.</summary>
    internal static List<string[]> Rows(bool bad)
    {
        var rows = new List<string[]>();
        for (var i = 0; i < 50; i++)
        {
            var fileRow = i + 2;
            var site = i % 2 == 0 ? "Nhà văn hóa thôn Lát Đá" : "Trung tâm bảo trợ xã hội";
            var phone = bad && fileRow == 7 ? "091234" : string.Create(CultureInfo.InvariantCulture, $"09{i:00000000}");
            if (bad && fileRow == 20)
            {
                site = "Thôn Không Có";
            }

            rows.Add([site, "", "", (1 + (i % 3)).ToString(CultureInfo.InvariantCulture), i % 5 == 0 ? "1" : "", "", $"Người nhà {i + 1}", phone,
                new DateOnly(2026, 12, 14).AddDays(i % 7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "08:00", "11:30", "", "", ""]);
        }

        return rows;
    }

    internal static byte[] Xlsx(List<string[]> rows)
    {
        var values = rows.Select(r =>
        {
            var row = new Dictionary<string, object>();
            for (var c = 0; c < Headers.Length; c++)
            {
                row[Headers[c]] = r[c];
            }

            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(values);
        return stream.ToArray();
    }

    private static byte[] Csv(List<string[]> rows)
    {
        static string Field(string v) => v.Contains(',', StringComparison.Ordinal) ? $"\"{v}\"" : v;
        var text = new StringBuilder();
        text.AppendJoin(',', Headers.Select(Field)).Append("\r\n");
        foreach (var r in rows)
        {
            text.AppendJoin(',', r.Select(Field)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private async Task<long> StationWithTwoSitesAsync()
    {
        var station = await EmptyStationAsync(app);
        var sites = app.Services.GetRequiredService<SiteStore>();
        await sites.InsertAsync(new Site(0, station, "Nhà văn hóa thôn Lát Đá", SiteKind.VillageCulturalHouse, new GeoPoint(105.79, 21.51), null, false, null));
        await sites.InsertAsync(new Site(0, station, "Trung tâm bảo trợ xã hội", SiteKind.CareCentre, new GeoPoint(105.85, 21.47), null, false, null));
        return station;
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Import_TwoBadRows_ListsRowAndCellAndStoresNothing_ThenTheCorrectedFileStoresFifty(string format)
    {
        var station = await StationWithTwoSitesAsync();
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var url = $"{Page}?station={Id(station)}";
        byte[] File(bool bad) => format == "xlsx" ? Xlsx(Rows(bad)) : Csv(Rows(bad));

        var refused = await UploadAsync(chief, url, "import-check", File(bad: true), $"danh-sach.{format}");

        Assert.Contains("id=\"import-problems\"", refused, StringComparison.Ordinal);
        Assert.Contains("Chưa lưu gì: 2 lỗi ở 2 dòng.", refused, StringComparison.Ordinal);
        var problems = ProblemRow().Matches(refused).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
        Assert.Equal([("7", "Điện thoại", "091234"), ("20", "Địa điểm", "Thôn Không Có")], problems);
        Assert.DoesNotContain("id=\"import-store\"", refused, StringComparison.Ordinal);
        Assert.Empty(await Requests.ListByStationAsync(station));

        var preview = await UploadAsync(chief, url, "import-check", File(bad: false), $"danh-sach.{format}");
        Assert.Contains("Tệp hợp lệ: 50 yêu cầu thăm.", preview, StringComparison.Ordinal);
        Assert.Empty(await Requests.ListByStationAsync(station));

        var payload = Forms.HiddenInputs(Forms.FindForm(preview, "import-store"))["payload"];
        using var stored = await Forms.PostDirectAsync(chief, url, "import-store", new Dictionary<string, string> { ["station"] = Id(station), ["payload"] = payload });
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Contains("Đã nhập 50 yêu cầu thăm.", WebUtility.HtmlDecode(await stored.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var requests = await Requests.ListByStationAsync(station);
        Assert.Equal(50, requests.Count);

        // The same confirmation again (a second press, or the same list imported twice): every row is already there.
        using var again = await Forms.PostDirectAsync(chief, url, "import-store", new Dictionary<string, string> { ["station"] = Id(station), ["payload"] = payload });
        Assert.Contains("Chưa lưu gì: 50 lỗi ở 50 dòng.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(50, (await Requests.ListByStationAsync(station)).Count);
        Assert.Contains(requests, r => r.ContactName == "Người nhà 1" && r.ContactPhone == "0900000000"
            && r.Applicants.Single(a => a.Category == ApplicantCategory.BedriddenOrDisabled).Count == 1
            && r.Windows.Single() == new AvailabilityWindow(new DateOnly(2026, 12, 14), new TimeOnly(8, 0), new TimeOnly(11, 30)));
    }

    [Fact]
    public async Task ImportStore_SealedForAnotherUnit_StoresNothing()
    {
        var station = await StationWithTwoSitesAsync();
        var other = await StationWithTwoSitesAsync();
        var import = app.Services.GetRequiredService<SheetImport>();
        var sealedForOther = import.Seal(SheetImport.VisitRequests, Xlsx(Rows(bad: false)), "danh-sach.xlsx", other);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        using var response = await Forms.PostDirectAsync(chief, $"{Page}?station={Id(station)}", "import-store",
            new Dictionary<string, string> { ["station"] = Id(station), ["payload"] = sealedForOther });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"resource-refused\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Requests.ListByStationAsync(station));
        Assert.Empty(await Requests.ListByStationAsync(other));
    }

    [Fact]
    public async Task Import_FileWithoutTheDateColumn_NamesTheMissingColumn()
    {
        var station = await StationWithTwoSitesAsync();
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var csv = Encoding.UTF8.GetBytes("Địa điểm;Người cao tuổi;Từ giờ;Đến giờ\r\nNhà văn hóa thôn Lát Đá;2;08:00;10:00\r\n");

        var html = await UploadAsync(chief, $"{Page}?station={Id(station)}", "import-check", csv, "thieu-cot.csv");

        Assert.Matches("<td>1</td><td>Ngày ở nhà</td>", html);
        Assert.Empty(await Requests.ListByStationAsync(station));
    }

    /// <summary>Through Kestrel (the in-memory test server applies no request size limit): a 2 MB upload is a 413.</summary>
    [Fact]
    public async Task Import_FileLargerThanTheLimit_IsRefusedBeforeItIsRead()
    {
        using var server = new OutreachAppFactory();
        server.UseKestrel(0);
        server.StartServer();
        var station = await EmptyStationAsync(server);
        await server.CreateUserAsync("truong-tai-lon", "mat-khau-tai-lon-2026", StaffRole.Chief, stationId: station);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var chief = new HttpClient(handler) { BaseAddress = new Uri(Chromium.BaseUrl(server)) };
        using (var signIn = await Forms.SignInAsync(chief, "truong-tai-lon", "mat-khau-tai-lon-2026"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var url = $"{Page}?station={Id(station)}";
        using var page = await chief.GetAsync(url);
        var hidden = Forms.HiddenInputs(Forms.FindForm(await page.Content.ReadAsStringAsync(), "import-check"));
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in hidden)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "lon.csv");
        using var response = await chief.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await server.Services.GetRequiredService<VisitRequestStore>().ListByStationAsync(station));
    }

    [GeneratedRegex("<tr class=\"import-problem\"><td>(\\d+)</td><td>([^<]*)</td><td>([^<]*)</td>")]
    private static partial Regex ProblemRow();
}
