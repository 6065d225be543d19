using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The seeded Sông Công demo week in Debian's chromium on a 360 px phone: a chief plans the week on the board, reads
/// the teams-by-day grid and the coverage, opens a team-day's sheet (map, stops, captures), downloads its PDF, switches
/// to English, prints, publishes; the team lead's link from the outbox opens the sheet without signing in. Skips when
/// /usr/bin/chromium is missing; fails instead when OUTREACH_REQUIRE_BROWSER=1.
/// </summary>
public sealed class VisitPlanBrowserTests
{
    [SkippableFact]
    public async Task DemoWeek_PlanThenReadItinerariesAndCoverage_OnA360PixelPhone()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        app.Settings["Outreach:VisitPlanning:Seconds"] = "2";
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            Locale = "vi-VN",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };

        await page.GotoAsync(baseUrl + "/sign-in");
        await page.GetByLabel("Tên đăng nhập").FillAsync(OutreachAppFactory.AdminUserName);
        await page.GetByLabel("Mật khẩu").FillAsync(OutreachAppFactory.AdminPassword);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/staff");

        // The app's clock is Monday 23 November 2026: the demo week is next week, Monday 30 November.
        await page.ClickAsync("nav.site-nav a[href='/staff/visits']");
        var station = page.Locator("#visit-stations li", new() { HasText = "Công an thành phố Sông Công" });
        await station.GetByRole(AriaRole.Link, new() { Name = "Tuần sau (30/11)" }).ClickAsync();
        Assert.Contains("id=\"no-plan\"", await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#plan-week");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/staff/visits/\d+/2026-11-30\?planned=1$"));
        Assert.Equal("Đã lập phiên bản 1.", (await page.TextContentAsync("#planned-notice"))?.Trim());
        Assert.True(await Chromium.FitsWidthAsync(page), "the week board scrolls sideways at 360 px");

        // Teams by day: the three demo teams, each with at least one day out and an itinerary link.
        var rows = page.Locator("#team-grid tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await rows.Nth(i).Locator("a.visit-grid__link").CountAsync() >= 1, $"team row {i} has no itinerary");
        }

        // Sunday: the care centre with its doctor, visited by some team.
        var sunday = await page.Locator("#team-grid tbody td:nth-child(8)").AllTextContentsAsync();
        Assert.Contains(sunday, t => t.Contains("Trung tâm Bảo trợ xã hội", StringComparison.Ordinal));
        // Coverage: one row per visit request (12 in the demo), planned "N/M", and the reason for what is left.
        var coverage = page.Locator("#coverage tbody tr");
        Assert.Equal(12, await coverage.CountAsync());
        var latDa = coverage.Filter(new() { HasText = "Nhà văn hóa Xóm Lát Đá" });
        Assert.Matches(@"^\d+/60$", (await latDa.Locator("td.number").TextContentAsync())?.Trim() ?? "");
        // On the phone each site is a card: visible, with its applicants by category.
        Assert.True(await latDa.IsVisibleAsync());
        Assert.Contains("18 trẻ 6–14 tuổi (có người giám hộ), 30 người từ 14 tuổi, 12 người cao tuổi", await latDa.TextContentAsync() ?? "", StringComparison.Ordinal);

        // A team's day, as the shared route sheet: map, leave the station, arrive, set up, capture N people, leave,
        // back at the station; links to print and download it.
        await rows.Nth(0).Locator("a.visit-grid__link").First.ClickAsync();
        await page.WaitForSelectorAsync("article.sheet ol.stops");
        Assert.StartsWith("Lịch trình tổ: Tổ lưu động 1", (await page.TextContentAsync("h1"))?.Trim(), StringComparison.Ordinal);
        var stops = page.Locator("article.sheet ol.stops > li");
        Assert.True(await stops.CountAsync() >= 3, "a team-day has at least the station, one visit and the station again");
        Assert.Contains("Rời trụ sở", await stops.First.Locator(".stop-kind").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("Về trụ sở", await stops.Last.Locator(".stop-kind").TextContentAsync() ?? "", StringComparison.Ordinal);
        var visit = stops.Nth(1);
        Assert.Matches(@"^\d{2}:\d{2}$", (await visit.Locator(".stop-time").TextContentAsync())?.Trim() ?? "");
        Assert.Matches(@"^(Đặt máy \d+ phút|Tiếp tục tại chỗ)", (await visit.Locator(".visit-setup").TextContentAsync())?.Trim() ?? "");
        Assert.Matches(@"^Thu nhận \d{2}:\d{2}–\d{2}:\d{2}", (await visit.Locator(".visit-capture").TextContentAsync())?.Trim() ?? "");
        Assert.Matches(@"(Thu nhận|Thu nhận lại) \d+ người", await visit.Locator(".visit").TextContentAsync() ?? "");
        Assert.True(await page.Locator(".sheet-map svg").IsVisibleAsync(), "the team-day map is not shown");
        Assert.Contains("(tổ trưởng)", await page.TextContentAsync(".sheet-crew") ?? "", StringComparison.Ordinal);
        Assert.Contains("dvhcvn", await page.TextContentAsync("body") ?? "", StringComparison.Ordinal);
        Assert.True(await Chromium.FitsWidthAsync(page), "the team-day sheet scrolls sideways at 360 px");
        var pdfHref = await page.GetAttributeAsync("#pdf-sheet", "href");
        await using (var pdf = await context.APIRequest.GetAsync(baseUrl + pdfHref))
        {
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        }

        await page.ClickAsync("a.language-switch");
        await page.WaitForSelectorAsync("article.sheet ol.stops");
        Assert.StartsWith("Team itinerary: Tổ lưu động 1", (await page.TextContentAsync("h1"))?.Trim(), StringComparison.Ordinal);
        Assert.Matches(@"(Capture|Retry) \d+ people", await page.Locator("article.sheet ol.stops > li").Nth(1).Locator(".visit").TextContentAsync() ?? "");

        // On paper: no header, navigation or buttons, every stop still there.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("header.site-header"));
        Assert.False(await page.IsVisibleAsync("#print-sheet"));
        Assert.True(await page.Locator("article.sheet ol.stops > li").Last.IsVisibleAsync());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The A4 print page of the same sheet, then back to the week board and publish: each team lead's link is queued.
        await page.ClickAsync("#print-sheet");
        await page.WaitForSelectorAsync("article.sheet");
        Assert.False(await page.IsVisibleAsync("nav.site-nav"));
        await page.ClickAsync(".sheet-toolbar a[href^='/staff/visits/']");
        await page.WaitForSelectorAsync("#publish");
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync("#published-notice");
        Assert.Matches(@"\d+ of them team leads' itinerary links", await page.TextContentAsync("#published-notice") ?? "");

        // The lead opens the link from the message on a cheap phone, not signed in, JavaScript off.
        var database = app.Services.GetRequiredService<Outreach.Data.Database>();
        string payload;
        await using (var connection = await database.OpenAsync())
        {
            payload = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
                "SELECT payload_json FROM notification_outbox WHERE template_key = 'visit.team-lead-link' ORDER BY id LIMIT 1") ?? "";
        }

        var url = System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("url").GetString()!;
        await using var leadPhone = await browser.NewContextAsync(Chromium.Phone(javaScript: false));
        var lead = await leadPhone.NewPageAsync();
        await lead.GotoAsync(url);
        Assert.StartsWith("Lịch trình tổ: Tổ lưu động", (await lead.TextContentAsync("h1"))?.Trim(), StringComparison.Ordinal);
        Assert.True(await lead.Locator("article.sheet ol.stops > li .visit").CountAsync() >= 1);
        Assert.False(await lead.Locator("nav.site-nav").IsVisibleAsync());
        Assert.True(await Chromium.FitsWidthAsync(lead), "the team lead's page scrolls sideways at 360 px");
        await page.GotoAsync(baseUrl + "/staff/visits/1/2026-11-30");
        Assert.Empty(consoleErrors);
    }
}
