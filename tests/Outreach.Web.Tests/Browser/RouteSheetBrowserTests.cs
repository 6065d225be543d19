using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Tests.Features.PickupPlans;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The whole publish-to-driver path in Debian's chromium: a chief signs in, opens the day's pickup plan and
/// publishes it; the driver's link is taken from the outbox message (as the SMS would carry it) and opened on a
/// 360 px phone with JavaScript off; the stop shows the right families. Skips when /usr/bin/chromium is missing,
/// fails instead when OUTREACH_REQUIRE_BROWSER=1.
/// </summary>
public sealed class RouteSheetBrowserTests
{
    [SkippableFact]
    public async Task ChiefPublishes_DriverLinkFromTheOutbox_ShowsTheStopWithTheRightPeopleAt360Px()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.CreateUserAsync("truong-cong-an", "mat-khau-truong-2026", StaffRole.Chief, stationId: plan.Station.Id);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // The chief, on an office screen.
        await using (var office = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } }))
        {
            var page = await office.NewPageAsync();
            await page.GotoAsync(baseUrl + "/sign-in");
            await page.GetByLabel("Tên đăng nhập").FillAsync("truong-cong-an");
            await page.GetByLabel("Mật khẩu").FillAsync("mat-khau-truong-2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await page.WaitForURLAsync(baseUrl + "/staff");

            await page.ClickAsync("nav a[href='/staff/pickups']");
            await page.WaitForURLAsync(baseUrl + "/staff/pickups");
            await page.SelectOptionAsync("#pickup-station", plan.Station.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#pickup-date", "2026-11-24");
            await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
            await page.WaitForSelectorAsync($"#trip-{plan.Van.Id}-1");
            Assert.Contains("Chuyến 07:30 thứ Ba đã đủ chỗ", await page.TextContentAsync("#unserved"), StringComparison.Ordinal);

            await page.GetByRole(AriaRole.Button, new() { Name = "Công bố và gửi tin nhắn" }).ClickAsync();
            await page.WaitForSelectorAsync("#pickup-notice");
            Assert.Contains("Đã công bố bản 1", await page.TextContentAsync("#pickup-notice"), StringComparison.Ordinal);
        }

        // The SMS the driver gets: one for the van's day, its short link listing the two trips.
        var message = (await Outbox.AllAsync(app.Services)).Single(r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);
        Assert.Equal(plan.Driver.Phone, message.Recipient);
        var link = new Uri(JsonDocument.Parse(message.PayloadJson).RootElement.GetProperty("Url").GetString()!);
        Assert.Equal(new Uri(baseUrl).Authority, link.Authority);

        // The driver, on a cheap phone in an English-language browser with JavaScript off, not signed in.
        await using var phone = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            Locale = "en-US",
            JavaScriptEnabled = false,
        });
        var driverPage = await phone.NewPageAsync();
        Assert.Equal(200, (await driverPage.GotoAsync(link.ToString()))!.Status);
        Assert.Equal(2, await driverPage.Locator("a.day-trip").CountAsync());
        Assert.Equal("Chuyến 1 · 07:30–08:05 · 3 lượt đón", (await driverPage.TextContentAsync("#day-trip-1"))?.Trim());
        var response = await driverPage.RunAndWaitForResponseAsync(() => driverPage.ClickAsync("#day-trip-1"), r => r.Url.Contains("/r/", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        Assert.Equal("vi", await driverPage.GetAttributeAsync("html", "lang"));
        Assert.Equal("Lộ trình xe: Xe đón phường (7 chỗ)", (await driverPage.TextContentAsync("h1"))?.Trim());

        // Stop 2: the school, Lan and Minh get on, 4 seats in use after it.
        var school = driverPage.Locator("#stop-1-2");
        Assert.Equal("Trường Tiểu học Trần Quốc Thảo", (await school.Locator(".stop-place").TextContentAsync())?.Trim());
        Assert.Equal("07:40", (await school.Locator(".stop-time").TextContentAsync())?.Trim());
        var parties = school.Locator(".people--on .party");
        Assert.Equal(2, await parties.CountAsync());
        Assert.Equal(plan.Bookings["Lan"].Code, (await parties.Nth(0).Locator(".code").TextContentAsync())?.Trim());
        Assert.Equal("Lan", (await parties.Nth(0).Locator(".name").TextContentAsync())?.Trim());
        Assert.Equal("1 trẻ em, 1 người giám hộ", (await parties.Nth(0).Locator(".counts").TextContentAsync())?.Trim());
        Assert.Equal(plan.Bookings["Minh"].Code, (await parties.Nth(1).Locator(".code").TextContentAsync())?.Trim());
        Assert.Equal("Minh", (await parties.Nth(1).Locator(".name").TextContentAsync())?.Trim());
        Assert.Equal("xe lăn", (await parties.Nth(1).Locator(".needs").TextContentAsync())?.Trim());
        Assert.Equal("tel:0903111222", await parties.Nth(1).Locator("a.call").GetAttributeAsync("href"));
        Assert.Contains("4/6", await school.Locator(".stop-seats").TextContentAsync(), StringComparison.Ordinal);
        // Directions open the navigation app on Android and iPhone alike; geo: stays for other Android map apps.
        Assert.Equal("https://www.google.com/maps/dir/?api=1&destination=10.78206,106.69491",
            await school.Locator(".stop-nav a.directions").GetAttributeAsync("href"));
        Assert.StartsWith("geo:10.78206,106.69491", await school.Locator(".stop-nav a.geo-link").GetAttributeAsync("href"), StringComparison.Ordinal);
        // Only trip 1; the unserved family is nowhere.
        Assert.Equal(0, await driverPage.Locator("#stop-2-1").CountAsync());
        Assert.DoesNotContain(plan.Bookings["Tuấn"].Code, await driverPage.ContentAsync(), StringComparison.Ordinal);

        Assert.True(await Chromium.FitsWidthAsync(driverPage), "the driver's page scrolls sideways at 360 px");
        var call = await parties.Nth(0).Locator("a.call").BoundingBoxAsync();
        Assert.True(call!.Height >= 44, $"the call link is {call.Height} px high, too small to tap");
        var mapBox = await driverPage.Locator(".sheet-map svg").BoundingBoxAsync();
        Assert.True(mapBox!.Width is > 300 and <= 360, $"map is {mapBox.Width} px wide");
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "outreach-route-sheets"));
        await driverPage.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Path.GetTempPath(), "outreach-route-sheets", "driver-phone-360.png"),
            FullPage = true,
        });
    }
}
