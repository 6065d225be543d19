using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.StationResources;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// Issue 17, done-when: a new chief of an empty unit (no demo data), on a 360 px phone without JavaScript, adds a van,
/// three officers with leave, a team, two sites, and imports 50 visit requests from an .xlsx: the file with two bad rows
/// is refused naming row and cell with nothing stored, the corrected file is previewed and stored; then plans and
/// publishes the week from these facts alone. Every page fits the phone's width.
/// </summary>
public sealed class StationResourcesBrowserTests
{
    private static int shot;

    private const string Password = "mat-khau-truong-cong-an-2026";

    [SkippableFact]
    public async Task NewChief_EmptyUnit_AddsTheUnitsFactsAndImportsVisitRequests_OnA360PixelPhone()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:Planning:VisitSeconds"] = "2";
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var station = await StationResourceTestKit.EmptyStationAsync(app);
        await app.CreateUserAsync("truong-xa-trong", Password, StaffRole.Chief, stationId: station);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone(javaScript: false));
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/sign-in?returnUrl={Uri.EscapeDataString("/staff/vans")}");
        await page.FillAsync("#user-name", "truong-xa-trong");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync($"{baseUrl}/staff/vans");
        await FitsAsync(page);

        // A van.
        await page.FillAsync("#name", "Xe đón 16 chỗ");
        await page.FillAsync("#plate", "20A-123.45");
        await page.FillAsync("#seatCount", "16");
        await SaveAsync(page, "save-van");
        Assert.Contains("Xe đón 16 chỗ", await page.TextContentAsync("#vans"), StringComparison.Ordinal);

        // Three officers, each with leave; the first a wrong phone first (named, nothing stored).
        await page.ClickAsync("nav.resource-tabs >> text=Cán bộ");
        await page.FillAsync("#name", "Nguyễn Văn An");
        await page.FillAsync("#phone", "12345");
        await page.FillAsync("#contractHoursPerWeek", "40");
        await page.FillAsync("#leave-1-first", "2026-12-14");
        await page.ClickAsync(Submit("save-officer"));
        await page.WaitForSelectorAsync("#error-summary");
        Assert.Contains("Số điện thoại", await page.TextContentAsync("#error-summary"), StringComparison.Ordinal);
        await FitsAsync(page);
        Assert.Empty(await app.Services.GetRequiredService<OfficerStore>().ListByStationAsync(station));
        string[] names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"];
        for (var i = 0; i < names.Length; i++)
        {
            await page.FillAsync("#name", names[i]);
            await page.FillAsync("#phone", $"091234567{i}");
            await page.FillAsync("#contractHoursPerWeek", "40");
            await page.CheckAsync(i == 0 ? "input[name='skills'][value='TeamLead']" : "input[name='skills'][value='CaptureOperator']");
            await page.FillAsync("#leave-1-first", $"2026-12-{14 + i}");
            await page.FillAsync("#leave-1-last", $"2026-12-{15 + i}");
            await SaveAsync(page, "save-officer");
        }

        var officers = await app.Services.GetRequiredService<OfficerStore>().ListByStationAsync(station);
        Assert.Equal(3, officers.Count);
        Assert.All(officers, o => Assert.Single(o.Leave));

        // A team of two with the van.
        await page.ClickAsync("nav.resource-tabs >> text=Tổ lưu động");
        await page.FillAsync("#name", "Tổ lưu động số 1");
        await page.FillAsync("#kitCount", "2");
        await page.SelectOptionAsync("#vehicleId", new SelectOptionValue { Label = "Xe đón 16 chỗ (20A-123.45)" });
        await page.CheckAsync("label:has-text('Nguyễn Văn An') input");
        await page.CheckAsync("label:has-text('Trần Thị Bình') input");
        await SaveAsync(page, "save-team");
        var team = Assert.Single(await app.Services.GetRequiredService<FleetStore>().ListTeamsAsync(station));
        Assert.Equal(2, team.MemberOfficerIds.Count);

        // Two sites, the names the spreadsheet uses.
        await page.ClickAsync("nav.resource-tabs >> text=Địa điểm");
        foreach (var (name, kind, lat, lon) in new[] { ("Nhà văn hóa thôn Lát Đá", "VillageCulturalHouse", "21.5104", "105.7903"), ("Trung tâm bảo trợ xã hội", "CareCentre", "21.4712", "105.8520") })
        {
            await page.FillAsync("#name", name);
            await page.SelectOptionAsync("#kind", kind);
            await page.FillAsync("#latitude", lat);
            await page.FillAsync("#longitude", lon);
            await SaveAsync(page, "save-site");
        }

        Assert.Equal(2, (await app.Services.GetRequiredService<SiteStore>().ListByStationAsync(station)).Count);

        // 50 visit requests from an .xlsx: two bad rows refused with row and cell, then the corrected file.
        await page.ClickAsync("nav.resource-tabs >> text=Yêu cầu thăm");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "danh-sach.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = VisitRequestImportTests.Xlsx(VisitRequestImportTests.Rows(bad: true)) });
        await page.ClickAsync(Submit("import-check"));
        await page.WaitForSelectorAsync("#import-problems");
        var problems = await page.Locator("tr.import-problem").AllTextContentsAsync();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("7Điện thoại091234", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("20Địa điểmThôn Không Có", problems[1], StringComparison.Ordinal);
        await FitsAsync(page);
        var requests = app.Services.GetRequiredService<VisitRequestStore>();
        Assert.Empty(await requests.ListByStationAsync(station));

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "danh-sach.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = VisitRequestImportTests.Xlsx(VisitRequestImportTests.Rows(bad: false)) });
        await page.ClickAsync(Submit("import-check"));
        await page.WaitForSelectorAsync("#import-preview");
        Assert.Empty(await requests.ListByStationAsync(station));
        await page.ClickAsync("#import-store");
        await page.WaitForSelectorAsync("#resource-saved");
        Assert.Contains("Đã nhập 50 yêu cầu thăm.", await page.TextContentAsync("#resource-saved"), StringComparison.Ordinal);
        await FitsAsync(page);
        Assert.Equal(50, (await requests.ListByStationAsync(station)).Count);

        // The exports page fits the phone too.
        await page.ClickAsync("nav.resource-tabs >> text=Xuất dữ liệu");
        await page.WaitForSelectorAsync("#exports");
        await FitsAsync(page);

        // Plan and publish the week of the requests (Monday 14 December) from these facts alone.
        await page.GotoAsync($"{baseUrl}/staff/visits/{station}/2026-12-14");
        await page.ClickAsync("#plan-week");
        await page.WaitForSelectorAsync("#planned-notice");
        await FitsAsync(page);
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync("#published-notice");
        var plans = app.Services.GetRequiredService<PlanStore>();
        var published = await plans.GetLatestAsync(station, PlanKind.Visits, new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 20), PlanStatus.Published);
        Assert.NotNull(published);
        var content = (await plans.GetAsync(published.Id))!;
        Assert.Contains(content.Stops, stop => stop.Kind == StopKind.Visit && stop.ResourceId == team.Id);
    }

    private static string Submit(string form) => $"form:has(input[name='_handler'][value='{form}']) button[type='submit']";

    private static async Task SaveAsync(IPage page, string form)
    {
        await page.ClickAsync(Submit(form));
        await page.WaitForSelectorAsync("#resource-saved");
        await FitsAsync(page);
    }

    private static async Task FitsAsync(IPage page)
    {
        Assert.True(await Chromium.FitsWidthAsync(page), $"{page.Url} scrolls sideways at 360 px");
        if (Environment.GetEnvironmentVariable("OUTREACH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var name = new Uri(page.Url).AbsolutePath.Trim('/').Replace('/', '-');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{Interlocked.Increment(ref shot):00}.png"), FullPage = true });
        }
    }
}
