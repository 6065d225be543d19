using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Tests.Features.PickupPlans;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The pickup van issue end to end, with nothing built by hand but the station: a family books on a cheap phone with
/// JavaScript off, the chief has the planner plan the day on the real Ho Chi Minh City road sample and publishes it,
/// and the driver's link from the outbox shows the family at their stop, going and coming back.
/// </summary>
public sealed class PickupEndToEndBrowserTests
{
    private static readonly DateOnly Tuesday = new(2026, 11, 24);

    // Real positions from maps/hcmc-q3-sample/pois.geojson (© OpenStreetMap contributors).
    private static readonly GeoPoint WardOffice = new(106.6860724, 10.7828768);
    private static readonly GeoPoint TranQuocThao = new(106.6949075, 10.7820551);

    [SkippableFact]
    public async Task FamilyBooks_ChiefPlansAndPublishes_DriverLinkShowsTheFamilyGoingAndComingBack()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:Planning:PickupSeconds"] = "1";
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var (stationId, vanId) = await SeedWardAsync(app.Services);
        await app.CreateUserAsync("truong-cong-an", "mat-khau-truong-2026", StaffRole.Chief, stationId: stationId);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // The family: a 360 px phone, JavaScript off.
        string code;
        await using (var phone = await browser.NewContextAsync(Chromium.Phone(javaScript: false)))
        {
            var page = await phone.NewPageAsync();
            await page.GotoAsync($"{baseUrl}/booking/{stationId}");
            var school = await page.Locator("#pickup-select option", new PageLocatorOptions { HasTextString = "Trường Tiểu học Trần Quốc Thảo" }).First.GetAttributeAsync("value");
            await page.SelectOptionAsync("#pickup-select", school!);
            await page.FillAsync("#children", "2");
            await page.FillAsync("#guardians", "1");
            await page.SelectOptionAsync("#date", "2026-11-24");
            await page.ClickAsync("button[value='slots']:not(.default-action)");
            await page.CheckAsync("input[name='slot'][value='2026-11-24T09:00']");
            await page.FillAsync("#firstName", "Hằng");
            await page.FillAsync("#phone", "0912 345 678");
            await page.ClickAsync("#book");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/booking/manage/[A-Z0-9]{6}\\?new=1$"));
            code = (await page.TextContentAsync("#booking-code"))!.Trim();
        }

        // The chief, at the office: plan the day, then publish it.
        await using (var office = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } }))
        {
            var page = await office.NewPageAsync();
            await page.GotoAsync(baseUrl + "/sign-in");
            await page.GetByLabel("Tên đăng nhập").FillAsync("truong-cong-an");
            await page.GetByLabel("Mật khẩu").FillAsync("mat-khau-truong-2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await page.WaitForURLAsync(baseUrl + "/staff");

            await page.GotoAsync($"{baseUrl}/staff/pickups?station={stationId}&date=2026-11-24");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch ngay" }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("planned=1$"));
            Assert.True(await page.IsVisibleAsync($"#trip-{vanId}-1"));
            Assert.Equal(0, await page.Locator("#unserved").CountAsync());

            await page.GetByRole(AriaRole.Button, new() { Name = "Công bố và gửi tin nhắn" }).ClickAsync();
            await page.WaitForSelectorAsync("#pickup-notice");
            Assert.Contains("Đã công bố bản 1", await page.TextContentAsync("#pickup-notice"), StringComparison.Ordinal);
        }

        var outbox = await Outbox.AllAsync(app.Services);
        var confirmation = Assert.Single(outbox, m => m.TemplateKey == PickupPlanPublisher.ConfirmationTemplate);
        Assert.Equal("0912345678", confirmation.Recipient);
        Assert.Contains(code, confirmation.PayloadJson, StringComparison.Ordinal);
        // One message for the van's day, with a short link to its trips: out to the collection point before 10:00 and
        // home again after the children's files are done (one trip each way, or one trip through the collection point).
        var message = Assert.Single(outbox, m => m.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);
        Assert.Equal("0987654321", message.Recipient);

        // The driver opens the day's link on a phone, not signed in, then each trip's sheet (a day of one trip opens
        // straight on its sheet).
        await using var driverPhone = await browser.NewContextAsync(Chromium.Phone(javaScript: false, locale: "en-US"));
        var sheet = await driverPhone.NewPageAsync();
        var dayUrl = JsonDocument.Parse(message.PayloadJson).RootElement.GetProperty("Url").GetString()!;
        Assert.Equal(200, (await sheet.GotoAsync(dayUrl))!.Status);
        var trips = new List<string>();
        if (sheet.Url.Contains("/r/", StringComparison.Ordinal))
        {
            trips.Add(sheet.Url);
        }
        else
        {
            foreach (var trip in await sheet.Locator("a.day-trip").AllAsync())
            {
                trips.Add(new Uri(new Uri(dayUrl), await trip.GetAttributeAsync("href")).ToString());
            }
        }

        Assert.InRange(trips.Count, 1, 2);
        var seen = new List<(string Where, string Kind)>();
        foreach (var url in trips)
        {
            var response = await sheet.GotoAsync(url);
            Assert.Equal(200, response!.Status);
            Assert.True(await Chromium.FitsWidthAsync(sheet), "the driver's page scrolls sideways at 360 px");
            var party = sheet.Locator(".party").Filter(new() { Has = sheet.Locator(".code", new() { HasTextString = code }) });
            Assert.True(await party.CountAsync() >= 2, $"the family should board and get off on {url}");
            Assert.Equal("Hằng", (await party.First.Locator(".name").TextContentAsync())?.Trim());
            Assert.Equal("2 trẻ em, 1 người giám hộ", (await party.First.Locator(".counts").TextContentAsync())?.Trim());
            Assert.Equal("tel:0912345678", await party.First.Locator("a.call").GetAttributeAsync("href"));
            foreach (var stop in await sheet.Locator("li.stop").Filter(new() { Has = sheet.Locator(".code", new() { HasTextString = code }) }).AllAsync())
            {
                var place = (await stop.Locator(".stop-place").TextContentAsync())!.Trim();
                var on = await stop.Locator(".people--on .code", new() { HasTextString = code }).CountAsync() > 0;
                seen.Add((place, on ? "on" : "off"));
            }
        }

        // Boards at the school, gets off at the ward office; boards there again and gets off at the school.
        Assert.Equal(
            [("Trường Tiểu học Trần Quốc Thảo", "on"), ("Trụ sở UBND phường Xuân Hòa", "off"), ("Trụ sở UBND phường Xuân Hòa", "on"), ("Trường Tiểu học Trần Quốc Thảo", "off")],
            seen);
        var booking = await app.Services.GetRequiredService<BookingStore>().GetByCodeAsync(code);
        Assert.Equal(Tuesday, booking!.Date);
    }

    private static async Task<(long StationId, long VanId)> SeedWardAsync(IServiceProvider services)
    {
        var stations = services.GetRequiredService<StationStore>();
        var days = Enum.GetValues<DayOfWeek>();
        var stationId = await stations.InsertAsync(new Station(
            0, "Công an phường Xuân Hòa (đầu cuối)", null, null, null, "Phường Xuân Hòa", "Trụ sở UBND phường Xuân Hòa", WardOffice,
            "99-99A Trần Quốc Thảo, phường Xuân Hòa", DeskCount: 2, FilesPerDeskPerHour: 5, MaxRideMinutes: 45, BookingSlotMinutes: 60,
            MapAreaKey: "hcmc-q3-sample",
            OpeningHours: [.. days.Select(d => new OpeningHours(d, new TimeOnly(7, 30), new TimeOnly(11, 30))),
                .. days.Select(d => new OpeningHours(d, new TimeOnly(13, 30), new TimeOnly(17, 0)))]));
        var sites = services.GetRequiredService<SiteStore>();
        await sites.InsertAsync(new Site(0, stationId, "Trụ sở UBND phường Xuân Hòa", SiteKind.CollectionPoint, WardOffice, null, false, null));
        await sites.InsertAsync(new Site(0, stationId, "Trường Tiểu học Trần Quốc Thảo", SiteKind.School, TranQuocThao, null, false, "Cổng chính"));
        var vanId = await services.GetRequiredService<FleetStore>().InsertVehicleAsync(
            new Vehicle(0, stationId, "Xe đón phường (16 chỗ)", "51A-030.99", 15, 1, 2, VehicleProfile.Van));
        await services.GetRequiredService<OfficerStore>().InsertAsync(
            new Officer(0, stationId, "Phạm Văn Tài", OfficerSkills.Driver, 40, "0987654321", []));
        return (stationId, vanId);
    }
}
