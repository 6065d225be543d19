using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Domain;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// A family on a 360 px phone with JavaScript switched off books a pickup, sees the code, moves the booking and
/// cancels it; the pages never scroll sideways and errors name the field. Debian's chromium through Playwright (never
/// downloaded); skips without /usr/bin/chromium, fails instead when OUTREACH_REQUIRE_BROWSER=1. Set
/// OUTREACH_SCREENSHOTS to a folder to keep a screenshot of each page.
/// </summary>
public sealed class BookingBrowserTests
{
    [SkippableFact]
    public async Task FamilyWithoutJavaScript_BooksMovesAndCancels_OnA360PixelPhone()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var scenario = await BookingScenario.CreateAsync(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            JavaScriptEnabled = false,
            Locale = "vi-VN",
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(baseUrl + "/booking");
        await CheckAsync(page, "1-start");
        await page.ClickAsync($"a[href='/booking/{scenario.StationId}']");
        await page.WaitForURLAsync($"{baseUrl}/booking/{scenario.StationId}");
        await CheckAsync(page, "2-where");
        await AssertTouchTargetsAsync(page);

        // Nothing chosen and no children: both errors sit next to their fields and say which field is wrong.
        await page.FillAsync("#children", "0");
        await page.ClickAsync("button[value='slots']:not(.default-action)");
        Assert.StartsWith("Điểm đón:", (await page.TextContentAsync("#pickup-error"))?.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Số trẻ:", (await page.TextContentAsync("#children-error"))?.Trim(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#children", "aria-invalid"));
        await CheckAsync(page, "3-errors");

        // "At my home" and a tap on the map: the server turns the tapped pixel into a position and zooms in there.
        await page.SelectOptionAsync("#pickup-select", new SelectOptionValue { Label = "Đón tại nhà tôi" });
        await page.Locator("#map").ClickAsync(new LocatorClickOptions { Position = new Position { X = 170, Y = 150 } });
        Assert.True(await page.IsVisibleAsync("#pin-set"));
        Assert.Equal("2", await page.GetAttributeAsync("input[name='mapZoom']", "value"));
        await CheckAsync(page, "4-home-pin");

        // Then the school after all, two children and a guardian, Tuesday.
        await page.SelectOptionAsync("#pickup-select", new SelectOptionValue { Label = "1. Trường Tiểu học Thắng Lợi" });
        await page.FillAsync("#children", "2");
        await page.FillAsync("#guardians", "1");
        await page.SelectOptionAsync("#date", BookingScenario.TuesdayKey);
        await page.ClickAsync("button[value='slots']:not(.default-action)");
        Assert.Contains("còn 16 chỗ", await page.TextContentAsync("#slot"), StringComparison.Ordinal);
        await CheckAsync(page, "5-slots");

        await page.CheckAsync($"input[name='slot'][value='{BookingScenario.TuesdayKey}T09:00']");
        await page.FillAsync("#firstName", "Lan");
        await page.FillAsync("#phone", "12345");
        await page.ClickAsync("#book");
        Assert.StartsWith("Số điện thoại: “12345” không đúng.", (await page.TextContentAsync("#phone-error"))?.Trim(), StringComparison.Ordinal);
        await CheckAsync(page, "6-phone-error");

        await page.CheckAsync($"input[name='slot'][value='{BookingScenario.TuesdayKey}T09:00']");
        await page.FillAsync("#phone", "0912 345 678");
        await page.ClickAsync("#book");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/booking/manage/[A-Z0-9]{6}\\?new=1$"));
        var code = (await page.TextContentAsync("#booking-code"))!.Trim();
        Assert.True(BookingCode.IsWellFormed(code));
        Assert.Equal("09:00–10:00, Thứ Ba, 24/11/2026", (await page.TextContentAsync("#when"))?.Trim());
        await CheckAsync(page, "7-booked");

        // Move to 14:00 the same day (Post/Redirect/Get back to the booking).
        await page.CheckAsync($"input[name='slot'][value='{BookingScenario.TuesdayKey}T14:00']");
        await page.ClickAsync("#move");
        await page.WaitForURLAsync($"{baseUrl}/booking/manage/{code}?moved=1");
        Assert.Equal("14:00–15:00, Thứ Ba, 24/11/2026", (await page.TextContentAsync("#when"))?.Trim());
        await CheckAsync(page, "8-moved");

        // Cancelling asks for the tick first, next to the box.
        await page.ClickAsync("#cancel");
        Assert.StartsWith("Xác nhận hủy", (await page.TextContentAsync("#confirmCancel-error"))?.Trim(), StringComparison.Ordinal);
        await page.GetByLabel("Tôi muốn hủy đặt chỗ này").CheckAsync();
        await page.ClickAsync("#cancel");
        await page.WaitForURLAsync($"{baseUrl}/booking/manage/{code}?cancelled=1");
        Assert.Equal("Đã hủy", (await page.TextContentAsync("#status"))?.Trim());
        await CheckAsync(page, "9-cancelled");

        var stored = await app.Services.GetRequiredService<Outreach.Data.Stores.BookingStore>().GetByCodeAsync(code);
        Assert.Equal((BookingStatus.Cancelled, new TimeOnly(14, 0), "0912345678"), (stored!.Status, stored.SlotStart, stored.Phone));
    }

    [SkippableFact]
    public async Task Dispatcher_PhoneInForVillageHead_TwoFamiliesSavedWithCodes_OnA360PixelPhone()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var scenario = await BookingScenario.CreateAsync(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsAdminAsync(page, baseUrl, "/staff/phone-booking");
        await page.SelectOptionAsync("#station", scenario.StationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#date", BookingScenario.TuesdayKey);
        await page.ClickAsync("button[value='station']");

        await FillRowAsync(page, 0, "Hoa", "0911111111");
        await page.ClickAsync("#add-row");
        await FillRowAsync(page, 1, "Tuấn", "0922222222");
        await CheckAsync(page, "10-phone-in");
        await page.ClickAsync("#save");

        await page.WaitForSelectorAsync("#saved-bookings");
        Assert.Equal(2, await page.Locator("#saved-bookings tbody tr").CountAsync());
        await CheckAsync(page, "11-phone-in-saved");
    }

    [SkippableFact]
    public async Task DemoSongCong_HomePinOnTheRealOutline_RefinedByZoomThenSlotsWithEstimatedRide()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var songCong = (await app.Services.GetRequiredService<Outreach.Data.Stores.StationStore>().ListAsync()).Single(s => s.MapAreaKey == "song-cong");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/booking/{songCong.Id}");
        Assert.Equal(1, await page.Locator("#pickup-select optgroup[label='Xã Bình Sơn']").CountAsync());
        await CheckAsync(page, "demo-1-song-cong");

        // Tap near the middle of the city twice: each tap moves the pin and zooms in around it.
        await page.SelectOptionAsync("#pickup-select", new SelectOptionValue { Label = "Đón tại nhà tôi" });
        await page.Locator("#map").ClickAsync(new LocatorClickOptions { Position = new Position { X = 180, Y = 170 } });
        await page.Locator("#map").ClickAsync(new LocatorClickOptions { Position = new Position { X = 160, Y = 160 } });
        Assert.Equal("4", await page.GetAttributeAsync("input[name='mapZoom']", "value"));
        Assert.True(await page.IsVisibleAsync(".map-pin"));
        await page.FillAsync("#addressNote", "Số 12, ngõ 3, cạnh nhà văn hóa");
        await page.FillAsync("#children", "2");
        await page.SelectOptionAsync("#date", BookingScenario.TuesdayKey);
        await CheckAsync(page, "demo-2-home-pin");
        await page.ClickAsync("button[value='slots']:not(.default-action)");

        // No road network for Sông Công: the ride is the labelled straight-line estimate.
        Assert.Contains("ước tính theo đường chim bay", await page.TextContentAsync("#summary"), StringComparison.Ordinal);
        Assert.True(await page.Locator("input[name='slot']").CountAsync() > 0);
        await CheckAsync(page, "demo-3-slots");
    }

    private static async Task FillRowAsync(IPage page, int row, string name, string phone)
    {
        await page.SelectOptionAsync($"#slot-{row}", "09:00");
        await page.SelectOptionAsync($"#site-{row}", new SelectOptionValue { Label = "1. Trường Tiểu học Thắng Lợi" });
        await page.FillAsync($"#children-{row}", "2");
        await page.FillAsync($"#firstName-{row}", name);
        await page.FillAsync($"#phone-{row}", phone);
    }

    /// <summary>The page fits the phone's width (no sideways scrolling) and, when asked, is kept as a screenshot.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.Equal(360, innerWidth);
        Assert.True(scrollWidth <= innerWidth, $"{name}: the page is {scrollWidth} px wide on a {innerWidth} px screen");
        if (Environment.GetEnvironmentVariable("OUTREACH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"booking-{name}.png"), FullPage = true });
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"booking-{name}-screen.png") });
        }
    }

    /// <summary>Every button, checkbox row, text field and list of the form is at least 44 px high.</summary>
    private static async Task AssertTouchTargetsAsync(IPage page)
    {
        var heights = await page.EvaluateAsync<Dictionary<string, int>>(
            """
            () => Object.fromEntries([...document.querySelectorAll('main form .choice, main form button:not(.default-action), main form input:is([type="text"], :not([type]), [type="number"], [type="tel"]), main form select')]
                .map((e, i) => [i + ':' + (e.id || e.name || e.className), Math.round(e.getBoundingClientRect().height)]))
            """);
        // The pickup list, the three text fields, the day, the three needs and the show-slots button.
        Assert.True(heights.Count >= 9, $"only {heights.Count} controls measured");
        Assert.Contains(heights, h => h.Key.EndsWith(":pickup-select", StringComparison.Ordinal));
        Assert.Contains(heights, h => h.Key.EndsWith(":addressNote", StringComparison.Ordinal));
        Assert.DoesNotContain(heights, h => h.Value < 44);
    }
}
