using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// Issue 17: the call list on a laptop (1280 x 800, a 1,120 px content box) and a 360 px phone, with a published pickup
/// day and a driver's message whose link is one long word. The page never scrolls sideways, each recipient's button is on
/// screen and marks that recipient's messages; ticked blocks are marked together (their boxes sit outside the form they
/// post); on paper the boxes and buttons go. Skips when /usr/bin/chromium is missing; fails instead when
/// OUTREACH_REQUIRE_BROWSER=1.
/// </summary>
public sealed class OutboxBrowserTests
{
    [SkippableFact]
    public async Task CallList_Laptop1280And360PixelPhone_FitsAndEachRecipientIsMarkedWithItsOwnButton()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, new Uri("https://outreach.example.vn/"), new Dictionary<long, string?>());
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();
        var published = await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 10);
        // A second van's driver whose link is 240 characters without a break: it must wrap, not widen the page.
        var driver = published.Single(m => m.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);
        var payload = JsonNode.Parse(driver.PayloadJson)!.AsObject();
        payload["Url"] = "https://outreach.example.vn/d/" + new string('K', 210);
        await outbox.EnqueueAsync([driver with { Id = 0, Recipient = "0988777666", PayloadJson = payload.ToJsonString(), DeduplicationKey = driver.DeduplicationKey + ":long" }]);
        var lan = published.Where(m => m.Recipient == "0912345678").ToList();
        var minh = published.First(m => m.Recipient == "0903111222");
        var url = $"/staff/outbox?station={plan.Station.Id}";
        var baseUrl = Chromium.BaseUrl(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using (var laptop = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "vi-VN",
        }))
        {
            var page = await laptop.NewPageAsync();
            await Chromium.SignInAsAdminAsync(page, baseUrl, url);

            Assert.True(await Chromium.FitsWidthAsync(page), $"the call list scrolls sideways at 1280 px: {await ScrollWidthAsync(page)} px");
            var button = page.Locator($"#mark-group-{lan[0].Id}");
            Assert.True(await button.IsVisibleAsync());
            Assert.Equal("Đã gửi tay (2 tin)", (await button.TextContentAsync())!.Trim());
            var box = await button.BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= 1280, $"the button spans {box.X}-{box.X + box.Width} px of a 1280 px window");

            await button.ClickAsync();
            await page.WaitForSelectorAsync("#outbox-notice");
            Assert.Contains("Đã ghi nhận 2 tin của 1 người nhận là đã gửi tay.", await page.TextContentAsync("#outbox-notice"), StringComparison.Ordinal);
            Assert.All(await Task.WhenAll(lan.Select(m => outbox.GetAsync(m.Id))), m => Assert.Equal(NotificationStatus.Sent, m!.Status));

            // Two blocks ticked, one press.
            await page.CheckAsync($"#pick-{minh.Id}");
            await page.CheckAsync($"#pick-{driver.Id}");
            await page.ClickAsync("#mark-selected");
            await page.WaitForSelectorAsync("#outbox-notice >> text=Đã ghi nhận 3 tin của 2 người nhận là đã gửi tay.");
            Assert.Equal(3, (await outbox.CountByStatusAsync(plan.Station.Id))[NotificationStatus.Pending]);
            Assert.True(await Chromium.FitsWidthAsync(page), $"the call list scrolls sideways at 1280 px after marking: {await ScrollWidthAsync(page)} px");

            // On paper: the blocks, without boxes and buttons.
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            Assert.True(await page.Locator(".call-group").First.IsVisibleAsync());
            Assert.Equal(0, await page.Locator(".call-group__mark:visible, .call-group__pick:visible, #mark-selected:visible").CountAsync());
        }

        await using var phone = await browser.NewContextAsync(Chromium.Phone());
        var small = await phone.NewPageAsync();
        await Chromium.SignInAsAdminAsync(small, baseUrl, url);
        Assert.True(await Chromium.FitsWidthAsync(small), $"the call list scrolls sideways at 360 px: {await ScrollWidthAsync(small)} px");
        var longDriver = (await outbox.GetByDeduplicationKeyAsync(driver.DeduplicationKey + ":long"))!;
        var phoneButton = small.Locator($"#mark-group-{longDriver.Id}");
        Assert.True(await phoneButton.IsVisibleAsync());
        var phoneBox = await phoneButton.BoundingBoxAsync();
        Assert.True(phoneBox!.X >= 0 && phoneBox.X + phoneBox.Width <= 360, $"the button spans {phoneBox.X}-{phoneBox.X + phoneBox.Width} px of a 360 px phone");
        await small.EvaluateAsync("() => window.scrollTo(0, 0)");
        await small.Locator("#outbox-status").SelectOptionAsync(nameof(NotificationStatus.Sent));
        await small.ClickAsync("#outbox-filter button[type='submit']");
        await small.WaitForSelectorAsync($"#message-{minh.Id}");
        Assert.True(await Chromium.FitsWidthAsync(small), $"the sent list scrolls sideways at 360 px: {await ScrollWidthAsync(small)} px");
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
}
