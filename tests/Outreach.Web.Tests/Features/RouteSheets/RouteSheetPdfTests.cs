using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

/// <summary>
/// The PDF route sheet read back with poppler (pdftotext, pdftoppm): the Vietnamese names come out letter for
/// letter, and page 1 renders to a PNG (kept under /tmp/outreach-route-sheets, a team's day under
/// /tmp/outreach-team-sheets, for a person to look at). Skips
/// when poppler-utils is missing; fails instead when OUTREACH_REQUIRE_BROWSER=1 (CI installs it).
/// </summary>
public sealed class RouteSheetPdfTests
{
    private static readonly string PngFolder = Path.Combine(Path.GetTempPath(), "outreach-route-sheets");
    private static readonly string TeamPngFolder = Path.Combine(Path.GetTempPath(), "outreach-team-sheets");

    [SkippableFact]
    public async Task Render_SongCongTrip_PdftotextGivesTheVietnameseNamesExactly()
    {
        RequirePoppler();
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongAsync(app.Services);
        var sheet = await Sheet(app, plan);

        // Lines wrapped inside a table cell come back as separate lines: compare with line breaks as spaces.
        var text = Flatten(await PdfToTextAsync(Render(app, [sheet], "vi")));

        foreach (var name in new[]
                 {
                     "Nguyễn Thị Hường", "Nhà văn hóa Xóm Lát Đá", "Trường Tiểu học Cải Đan", "Trần Văn Đức", "Lộ trình xe: Xe đón 1 (16 chỗ)",
                     "Vị trí minh họa", "cần bế, cõng", "Xã Bình Sơn",
                     "Thứ Ba, 24/11/2026", plan.Bookings["Hường"].Code,
                 })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Render_XuanHoaDay_EnglishTwoTripsTwoPagesAndAPngOfPageOne()
    {
        RequirePoppler();
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var sheets = await app.Services.GetRequiredService<RouteSheetService>().ListAsync(plan.PlanId);
        Assert.Equal(2, sheets.Count);

        var pdf = Render(app, sheets, "en");
        var text = await PdfToTextAsync(pdf);
        var png = await PageOnePngAsync(pdf, "xuan-hoa-trip-1", PngFolder);

        // Each trip starts on its own page (form feed between pages in pdftotext output).
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).Select(Flatten).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("Route sheet: Xe đón phường (7 chỗ)", pages[0], StringComparison.Ordinal);
        Assert.Contains("Trip 1", pages[0], StringComparison.Ordinal);
        Assert.Contains("Trip 2", pages[1], StringComparison.Ordinal);
        Assert.Contains("Trường Tiểu học Trần Quốc Thảo", pages[0], StringComparison.Ordinal);
        Assert.Contains("Hẻm 42 Trần Quốc Thảo, cổng xanh", pages[0], StringComparison.Ordinal);
        Assert.Contains("© OpenStreetMap contributors", pages[0], StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", pages[0], StringComparison.Ordinal);
        Assert.Contains("draft, not published", pages[0], StringComparison.Ordinal);
        Assert.Contains(plan.Bookings["Minh"].Code, pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Bookings["Tuấn"].Code, text, StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 20_000, $"{png} is suspiciously small");
    }

    [SkippableFact]
    public async Task Render_TeamDay_PdftotextGivesTheSitesCapturesAndContactsExactlyAndAPng()
    {
        RequirePoppler();
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        var sheet = (await app.Services.GetRequiredService<RouteSheetService>().GetAsync(plan.Key))!;

        var pdf = Render(app, [sheet], "vi");
        var text = Flatten(await PdfToTextAsync(pdf));
        var png = await PageOnePngAsync(pdf, "song-cong-team-2-tuesday", TeamPngFolder);

        foreach (var expected in new[]
                 {
                     "Lịch trình tổ: Tổ lưu động 2", "Thứ Ba, 24/11/2026 · 16:40–20:50", "Nhà văn hóa Xóm Lát Đá", "Nhà bà Hoàng Thị Nhung",
                     "Rời trụ sở", "Về trụ sở", "Đặt máy 20 phút", "Thu nhận 18:30–20:24 (chờ 5 phút)",
                     "Thu nhận 30 người (trong 60 người cần làm): 10 trẻ 6–14 tuổi (có người giám hộ), 20 người từ 14 tuổi",
                     "Thu nhận lại 2 người (lần trước lỗi): 2 người cao tuổi", "Thu nhận lại (lần trước lỗi)",
                     "Cần có mặt: trưởng thôn", "Liên hệ: Trưởng xóm Lát Đá · 0912 000 555", "Liên hệ: Con gái bà Nhung · 0977 000 666",
                     "Lường Văn Khoa (tổ trưởng)", "đi xe máy", "Xã Bình Sơn", "Vị trí minh họa",
                     "Đồng bào dân tộc thiểu số; người dân đi làm nương ban ngày", "2 lượt thu nhận · 30 người thu nhận · 3 người thu nhận lại",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // A team has no seats column and no trip number.
        Assert.DoesNotContain("Ghế", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chuyến 0", text, StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 20_000, $"{png} is suspiciously small");
    }

    [SkippableFact]
    public async Task StaffPdfEndpoint_Dispatcher_DownloadsAPdfWithTheNames()
    {
        RequirePoppler();
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongAsync(app.Services);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        using var response = await dispatcher.GetAsync($"/staff/route-sheets/{plan.PlanId}/pdf?kind=vehicle&resource={plan.Van.Id}&date=2026-11-24&trip=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"lo-trinh-2026-11-24-xe-{plan.Van.Id}-chuyen-1.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = await PdfToTextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Nguyễn Thị Hường", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FontFolderWithoutDejaVu_FailsNamingTheFileAndThePackage()
    {
        var missing = Path.Combine(Path.GetTempPath(), "outreach-no-fonts-" + Guid.NewGuid().ToString("N"));
        var pdf = new RouteSheetPdf(new DejaVuFontResolver(missing));

        var error = Assert.Throws<FileNotFoundException>(() => pdf.Render([], new SheetText(new NullLocalizer()), ManualClock.MondayMorning));

        Assert.Contains("DejaVuSans.ttf", error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(missing, "DejaVuSans.ttf"), error.FileName);
    }

    private static string Flatten(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static async Task<RouteSheet> Sheet(OutreachAppFactory app, HandBuiltPlan plan) =>
        (await app.Services.GetRequiredService<RouteSheetService>().GetAsync(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1)))!;

    private static byte[] Render(OutreachAppFactory app, IReadOnlyList<RouteSheet> sheets, string culture)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var localizer = app.Services.GetRequiredService<IStringLocalizer<RouteSheetResource>>();
            return app.Services.GetRequiredService<RouteSheetPdf>().Render(sheets, new SheetText(localizer), app.Clock.Now);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    internal static async Task<string> PdfToTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"outreach-sheet-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return await RunAsync("pdftotext", ["-enc", "UTF-8", file, "-"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> PageOnePngAsync(byte[] pdf, string name, string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var prefix = Path.Combine(folder, name);
        await RunAsync("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", file, prefix]);
        return prefix + ".png";
    }

    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    internal static void RequirePoppler()
    {
        if (File.Exists("/usr/bin/pdftotext") && File.Exists("/usr/bin/pdftoppm"))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OUTREACH_REQUIRE_BROWSER") == "1")
        {
            throw new InvalidOperationException("OUTREACH_REQUIRE_BROWSER=1 but pdftotext/pdftoppm are missing (apt-get install poppler-utils).");
        }

        Skip.If(true, "pdftotext/pdftoppm are missing: install Debian's poppler-utils to check PDF route sheets.");
    }

    /// <summary>A localizer that returns keys, for tests that never get as far as drawing text.</summary>
    private sealed class NullLocalizer : IStringLocalizer<RouteSheetResource>
    {
        public LocalizedString this[string name] => new(name, name, true);

        public LocalizedString this[string name, params object[] arguments] => new(name, name, true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
