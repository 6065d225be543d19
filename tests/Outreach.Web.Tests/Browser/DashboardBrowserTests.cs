using Microsoft.Playwright;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The dashboard's unit cards on a 360 px phone and on paper, with a pickup day and a team week planned (admin: both
/// units). Skips when /usr/bin/chromium is missing; fails instead when OUTREACH_REQUIRE_BROWSER=1.
/// </summary>
public sealed class DashboardBrowserTests
{
    [SkippableFact]
    public async Task Dashboard_PlannedUnits_FitA360PixelPhoneAndPrintWithoutWeekLinks()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var pickups = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var team = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        var baseUrl = Chromium.BaseUrl(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone());
        var page = await context.NewPageAsync();
        await Chromium.SignInAsAdminAsync(page, baseUrl, "/staff");

        Assert.True(await page.IsVisibleAsync($"#figures-{pickups.Station.Id}"));
        Assert.True(await page.IsVisibleAsync($"#figures-{team.Station.Id}"));
        Assert.True(await Chromium.FitsWidthAsync(page), "the dashboard scrolls sideways at 360 px");
        // The card is one column: its figures table is no wider than the card.
        var card = await page.Locator($"#figures-{pickups.Station.Id}").BoundingBoxAsync();
        var table = await page.Locator($"#figures-{pickups.Station.Id} .dash-figures").BoundingBoxAsync();
        Assert.True(table!.Width <= card!.Width, $"figures {table.Width} px in a card of {card.Width} px");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("nav.dash-weeks"));
        Assert.True(await page.IsVisibleAsync($"#week-{pickups.Station.Id}"));
    }
}
