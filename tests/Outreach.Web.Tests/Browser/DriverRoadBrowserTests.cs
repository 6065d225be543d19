using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Infrastructure.Time;
using Outreach.Web.Tests.Features.PickupPlans;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// Issue 17, the driver on the road: on a 360 x 740 phone with JavaScript off, the link from the SMS opens on the next
/// stop with everything needed there (time, place, people, call, directions, check-off) without scrolling; a no-show
/// checked off on the phone appears on the dispatcher's day page. Skips when /usr/bin/chromium is missing, fails
/// instead when OUTREACH_REQUIRE_BROWSER=1.
/// </summary>
public sealed class DriverRoadBrowserTests
{
    [SkippableFact]
    public async Task DriverOnAPhone_NextStopWithoutScrolling_NoShowCheckedOffAppearsOnTheDispatchersPage()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, new Uri(baseUrl + "/"), new Dictionary<long, string?>());
        await app.CreateUserAsync("dieu-phoi-vien", "mat-khau-dieu-phoi-2026", StaffRole.Dispatcher, stationId: plan.Station.Id);
        var message = (await Outbox.AllAsync(app.Services)).Single(r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);
        var dayLink = JsonDocument.Parse(message.PayloadJson).RootElement.GetProperty("Url").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // The driver: a cheap phone, JavaScript off, not signed in.
        await using var phone = await browser.NewContextAsync(Chromium.Phone(javaScript: false));
        var driver = await phone.NewPageAsync();
        // The SMS's short link lists the day's two trips; the driver taps the first.
        Assert.Equal(200, (await driver.GotoAsync(dayLink))!.Status);
        await driver.ClickAsync("#day-trip-1");
        await driver.WaitForURLAsync(url => url.Contains("/r/", StringComparison.Ordinal));
        var link = driver.Url;

        // The first screen is the next stop: stop 2, the school gate (stop 1 is the start, where nobody gets on).
        var next = driver.Locator("#next-stop");
        Assert.Equal("2", await next.GetAttributeAsync("data-stop"));
        Assert.Equal("07:40", (await next.Locator(".next-time").TextContentAsync())?.Trim());
        Assert.Equal("Trường Tiểu học Trần Quốc Thảo", (await next.Locator(".next-place").TextContentAsync())?.Trim());
        Assert.Equal("Đón 4 người: Lan, Minh", (await next.Locator(".next-people--on").TextContentAsync())?.Trim());
        Assert.Equal("Xuất phát 07:30 tại " + plan.Station.CollectionPointName, (await next.Locator(".next-departure").TextContentAsync())?.Trim());
        Assert.Equal("tel:0912345678", await next.Locator("a.call").First.GetAttributeAsync("href"));
        Assert.Equal("https://www.google.com/maps/dir/?api=1&destination=10.78206,106.69491", await next.Locator("a.directions").GetAttributeAsync("href"));
        Assert.Equal(0, await driver.EvaluateAsync<int>("() => window.scrollY"));
        foreach (var part in new[] { ".next-time", ".next-place", ".next-people--on", "a.directions", "a.call", "button[value='PickedUp']", "button[value='NoShow']" })
        {
            var box = await next.Locator(part).First.BoundingBoxAsync();
            Assert.True(box is { Y: >= 0 } && box.Y + box.Height <= 740, $"{part} is not on the first screen: {box?.Y}+{box?.Height}");
        }

        Assert.True(await Chromium.FitsWidthAsync(driver), "the driver's page scrolls sideways at 360 px");
        var noShow = await next.Locator("button[value='NoShow']").BoundingBoxAsync();
        Assert.True(noShow!.Height >= 44, $"the no-show button is {noShow.Height} px high, too small to tap");
        await Screenshot(driver, "driver-next-stop-360.png");

        // Nobody at the school gate: a no-show, then the page comes back on the next stop, Hường's home.
        await next.Locator("button[value='NoShow']").ClickAsync();
        await driver.WaitForURLAsync(link + "?checked=2");
        Assert.Equal("Đã ghi điểm 2: Vắng mặt.", (await driver.TextContentAsync("#checkoff-notice"))?.Trim());
        Assert.Equal("3", await driver.Locator("#next-stop").GetAttributeAsync("data-stop"));
        var checkedAt = LocalTime.FormatTime(app.Clock.Now);
        Assert.Equal($"Vắng mặt lúc {checkedAt}", (await driver.TextContentAsync("#stop-1-2 .stop-checked"))?.Trim());

        // Printed, the page is the sheet: no next-stop card, no buttons, the check-offs kept.
        await driver.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await driver.Locator("#next-stop").IsVisibleAsync());
        Assert.Equal(0, await driver.Locator("form.checkoff").Filter(new() { Visible = true }).CountAsync());
        Assert.True(await driver.Locator("#stop-1-2 .stop-checked").IsVisibleAsync());
        await driver.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The dispatcher, at the office, sees it on the day page.
        await using var office = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var desk = await office.NewPageAsync();
        await desk.GotoAsync(baseUrl + "/sign-in");
        await desk.GetByLabel("Tên đăng nhập").FillAsync("dieu-phoi-vien");
        await desk.GetByLabel("Mật khẩu").FillAsync("mat-khau-dieu-phoi-2026");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await desk.WaitForURLAsync(baseUrl + "/staff");
        await desk.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/staff/pickups?station={plan.Station.Id}&date=2026-11-24"));
        var progress = desk.Locator($"#progress-{plan.Van.Id}-1");
        Assert.True(await progress.Locator("summary").IsVisibleAsync());
        Assert.Equal("Báo từ xe, chuyến 1: 1/3 điểm", (await progress.Locator("summary").TextContentAsync())?.Trim());
        var school = progress.Locator("tr[data-stop='2']");
        Assert.True(await school.IsVisibleAsync(), "the reported stop is not shown open on the dispatcher's page");
        Assert.Equal("Vắng mặt", (await school.Locator(".checkoff-status").TextContentAsync())?.Trim());
        Assert.Equal(checkedAt, (await school.Locator(".checkoff-time").TextContentAsync())?.Trim());
        Assert.Equal("Chưa báo", (await progress.Locator("tr[data-stop='3'] .checkoff-status").TextContentAsync())?.Trim());
        await Screenshot(desk, "dispatcher-progress.png");
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "outreach-route-sheets");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
