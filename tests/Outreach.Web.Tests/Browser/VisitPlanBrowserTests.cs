using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The seeded Sông Công demo week in Debian's chromium on a 360 px phone: a chief plans the week on the board, reads
/// the teams-by-day grid and the coverage, opens a team's itinerary, switches to English and prints. Skips when
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

        // A team's day: leave the station, arrive, set up, capture N people, leave, back at the station.
        await rows.Nth(0).Locator("a.visit-grid__link").First.ClickAsync();
        await page.WaitForSelectorAsync("#itinerary");
        Assert.StartsWith("Lịch trình Tổ lưu động 1", (await page.TextContentAsync("h1"))?.Trim(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#itinerary > li").CountAsync() >= 1);
        Assert.Matches(@"^\d{2}:\d{2}$", (await page.Locator("#itinerary .visit-arrive").First.TextContentAsync())?.Trim() ?? "");
        Assert.Matches(@"\d+ người", (await page.Locator("#itinerary .visit-people").First.TextContentAsync()) ?? "");
        Assert.True(await page.IsVisibleAsync("#leave-station"));
        Assert.True(await page.IsVisibleAsync("#return-station"));
        Assert.True(await Chromium.FitsWidthAsync(page), "the itinerary scrolls sideways at 360 px");

        await page.ClickAsync("a.language-switch");
        await page.WaitForSelectorAsync("#itinerary");
        Assert.StartsWith("Itinerary of Tổ lưu động 1", (await page.TextContentAsync("h1"))?.Trim(), StringComparison.Ordinal);
        Assert.Matches(@"\d+ people", (await page.Locator("#itinerary .visit-people").First.TextContentAsync()) ?? "");

        // On paper: no header or navigation, every stop still there.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("header.site-header"));
        Assert.True(await page.Locator("#itinerary > li").First.IsVisibleAsync());
        Assert.Empty(consoleErrors);
    }
}
