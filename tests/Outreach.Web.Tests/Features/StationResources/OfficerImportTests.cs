using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Features.StationResources.StationResourceTestKit;

namespace Outreach.Web.Tests.Features.StationResources;

/// <summary>Importing officers (with skills and leave) from .xlsx and .csv on /staff/officers: checked first, then stored whole.</summary>
public sealed class OfficerImportTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private static readonly string[] Headers = ["Họ tên", "Điện thoại", "Giờ hợp đồng mỗi tuần", "Kỹ năng", "Nghỉ từ ngày", "Nghỉ đến ngày", "Lý do nghỉ"];

    private static string[][] Rows(bool bad) =>
    [
        ["Nguyễn Văn An", "0912345678", "40", "Thu nhận sinh trắc, Tổ trưởng", "2026-12-14", "2026-12-16", "Phép năm"],
        ["Trần Thị Bình", bad ? "12345" : "0912345679", "40", "Lái xe", "", "", ""],
        ["Lê Văn Cường", "", "32", bad ? "Đầu bếp" : "Tiếp nhận hồ sơ", "20/12/2026", "", ""],
    ];

    private static byte[] File(string format, bool bad)
    {
        if (format == "csv")
        {
            var text = string.Join("\r\n", new[] { Headers }.Concat(Rows(bad)).Select(r => string.Join(';', r))) + "\r\n";
            return Encoding.UTF8.GetBytes(text);
        }

        using var stream = new MemoryStream();
        stream.SaveAs(Rows(bad).Select(r => Headers.Zip(r).ToDictionary(p => p.First, p => (object)p.Second)).ToList());
        return stream.ToArray();
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Import_BadRowsRefusedWithRowAndCell_ThenTheCorrectedFileStoresAll(string format)
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var url = $"/staff/officers?station={Id(station)}";
        var officers = app.Services.GetRequiredService<OfficerStore>();

        var refused = await UploadAsync(chief, url, "officers-import-check", File(format, bad: true), $"can-bo.{format}");

        Assert.Contains("<tr class=\"import-problem\"><td>3</td><td>Điện thoại</td><td>12345</td>", refused, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"import-problem\"><td>4</td><td>Kỹ năng</td><td>Đầu bếp</td>", refused, StringComparison.Ordinal);
        Assert.Empty(await officers.ListByStationAsync(station));

        var preview = await UploadAsync(chief, url, "officers-import-check", File(format, bad: false), $"can-bo.{format}");
        var payload = Forms.HiddenInputs(Forms.FindForm(preview, "officers-import-store"))["payload"];
        using var stored = await Forms.PostDirectAsync(chief, url, "officers-import-store", new Dictionary<string, string> { ["station"] = Id(station), ["payload"] = payload });

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var all = await officers.ListByStationAsync(station);
        Assert.Equal(3, all.Count);
        var an = all.Single(o => o.Name == "Nguyễn Văn An");
        Assert.Equal(OfficerSkills.CaptureOperator | OfficerSkills.TeamLead, an.Skills);
        Assert.Equal(new LeavePeriod(new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 16), "Phép năm"), Assert.Single(an.Leave));
        Assert.Equal(new LeavePeriod(new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 20), null), Assert.Single(all.Single(o => o.Name == "Lê Văn Cường").Leave));
    }

    [Fact]
    public async Task ImportStore_AVisitRequestSeal_IsNotAnOfficersOne()
    {
        var station = await EmptyStationAsync(app);
        var import = app.Services.GetRequiredService<Outreach.Web.Features.StationResources.SheetImport>();
        var sealedAsRequests = import.Seal(Outreach.Web.Features.StationResources.SheetImport.VisitRequests, File("csv", bad: false), "can-bo.csv", station);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        using var response = await Forms.PostDirectAsync(chief, $"/staff/officers?station={Id(station)}", "officers-import-store",
            new Dictionary<string, string> { ["station"] = Id(station), ["payload"] = sealedAsRequests });

        Assert.Contains("id=\"resource-refused\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<OfficerStore>().ListByStationAsync(station));
    }
}
