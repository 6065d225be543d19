using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Data.Stores;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// A station's settings edited on a 360 px phone without JavaScript: the form fits the screen, a wrong value comes
/// back named with nothing stored, and a right one (an evening session added) is stored.
/// </summary>
public sealed class StationSettingsBrowserTests
{
    [SkippableFact]
    public async Task Admin_EditsDesksAndAnEveningSession_OnA360PixelPhone()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var scenario = await BookingScenario.CreateAsync(app);
        var stations = app.Services.GetRequiredService<StationStore>();
        var before = await stations.GetAsync(scenario.StationId);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        var url = $"/staff/station?station={scenario.StationId}";
        await page.GotoAsync($"{baseUrl}/sign-in?returnUrl={Uri.EscapeDataString(url)}");
        await page.FillAsync("#user-name", OutreachAppFactory.AdminUserName);
        await page.FillAsync("#password", OutreachAppFactory.AdminPassword);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(baseUrl + url);
        await FitsAsync(page);

        await page.FillAsync("#deskCount", "25");
        await page.ClickAsync(SaveButton);
        await page.WaitForSelectorAsync("#error-summary");
        Assert.Contains("25", await page.TextContentAsync("#error-summary"), StringComparison.Ordinal);
        await FitsAsync(page);
        Assert.Equal(before!.DeskCount, (await stations.GetAsync(scenario.StationId))!.DeskCount);

        await page.FillAsync("#deskCount", "3");
        await page.FillAsync("#tuesday-3-opens", "18:30");
        await page.FillAsync("#tuesday-3-closes", "21:00");
        await page.ClickAsync(SaveButton);
        await page.WaitForSelectorAsync("#settings-saved");
        await FitsAsync(page);

        var after = (await stations.GetAsync(scenario.StationId))!;
        Assert.Equal(3, after.DeskCount);
        Assert.Contains(after.OpeningHours, h => h.Day == DayOfWeek.Tuesday && h.Opens == new TimeOnly(18, 30) && h.Closes == new TimeOnly(21, 0));
    }

    /// <summary>The settings form's own submit button (the menu's sign-out form posts too).</summary>
    private const string SaveButton = "form:has(input[name='_handler'][value='station-settings']) button[type='submit']";

    private static async Task FitsAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"{page.Url}: the page is {scrollWidth} px wide on a 360 px screen");
    }
}
