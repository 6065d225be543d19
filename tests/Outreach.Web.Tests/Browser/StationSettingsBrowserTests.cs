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
        await using var context = await browser.NewContextAsync(Chromium.Phone(javaScript: false));
        var page = await context.NewPageAsync();
        await Chromium.SignInAsAdminAsync(page, baseUrl, $"/staff/station?station={scenario.StationId}");
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

    [SkippableTheory]
    [InlineData(360)]
    [InlineData(320)]
    public async Task OpeningHours_OnAPhone_EveryTimeFieldStaysInsideItsDayBox(int width)
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var scenario = await BookingScenario.CreateAsync(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var phone = Chromium.Phone();
        phone.ViewportSize = new ViewportSize { Width = width, Height = 740 };
        await using var context = await browser.NewContextAsync(phone);
        var page = await context.NewPageAsync();
        await Chromium.SignInAsAdminAsync(page, baseUrl, $"/staff/station?station={scenario.StationId}");
        if (Environment.GetEnvironmentVariable("OUTREACH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"station-settings-{width}.png"), FullPage = true });
        }

        // Each time field (and its label) lies within its day's box, inside the box's own padding. The two columns of
        // a session once kept the time fields' natural width, and on a 320 px phone "closes" stuck out of the box.
        var spills = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('.day-hours input[type="time"], .day-hours label')].flatMap(e => {
                const box = e.closest('.day-hours').getBoundingClientRect(), r = e.getBoundingClientRect();
                return r.left >= box.left + 4 && r.right <= box.right - 4 ? [] : [`${e.id || e.htmlFor}: ${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(box.left)}-${Math.round(box.right)}`];
            })
            """);
        Assert.Equal(7 * 3 * 2, await page.Locator(".day-hours input[type='time']").CountAsync());
        Assert.Empty(spills);
        Assert.DoesNotContain("Hours.", await page.TextContentAsync("#opening-hours"), StringComparison.Ordinal);
        await FitsAsync(page);
    }

    /// <summary>The settings form's own submit button (the menu's sign-out form posts too).</summary>
    private const string SaveButton = "form:has(input[name='_handler'][value='station-settings']) button[type='submit']";

    private static async Task FitsAsync(IPage page) =>
        Assert.True(await Chromium.FitsWidthAsync(page), $"{page.Url} scrolls sideways at 360 px");
}
