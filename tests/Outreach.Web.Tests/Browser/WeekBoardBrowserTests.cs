using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.Jobs;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The chief's week board in Debian's chromium on a 360 px phone: on the seeded Sông Công demo a flood is drawn on the
/// Leaflet map by tapping, named, saved for a day and listed; the board shows a new plan version saved in the
/// background without being reloaded; and a flood drawn around a school gate re-plans the day with the flood named as
/// the reason. Skips when /usr/bin/chromium is missing; fails instead when
/// OUTREACH_REQUIRE_BROWSER=1.
/// </summary>
public sealed class WeekBoardBrowserTests
{
    [SkippableFact]
    public async Task DemoStation_DrawAFloodByTappingTheMap_ItIsSavedAndListed()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var songCong = (await app.Services.GetRequiredService<StationStore>().ListAsync()).Single(s => s.Name == "Công an thành phố Sông Công");
        var board = $"/staff/board?station={songCong.Id}&week=2026-11-30";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await Chromium.SignInAsAdminAsync(page, baseUrl, board);

        // The map drew the unit from the app's own layers (no tile server): the outline and the demo's sites.
        await page.WaitForSelectorAsync("#board-map[data-loaded='true']");
        Assert.True(await page.Locator("#board-map path.leaflet-interactive").CountAsync() >= 5, "the outline and sites are not on the map");
        Assert.True(await page.IsVisibleAsync("#draw-tools"));
        Assert.False(await page.IsVisibleAsync(".board-map-nojs"));
        Assert.True(await Chromium.FitsWidthAsync(page), "the week board scrolls sideways at 360 px");

        // Tap four corners of a square in the middle of the map: the status counts them and the form holds the polygon.
        var map = page.Locator("#board-map");
        await map.ScrollIntoViewIfNeededAsync();
        var box = (await map.BoundingBoxAsync())!;
        foreach (var (x, y) in new[] { (0.40, 0.40), (0.60, 0.40), (0.60, 0.60), (0.40, 0.60) })
        {
            await map.ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)(box.Width * x), Y = (float)(box.Height * y) } });
        }

        await page.WaitForSelectorAsync("#draw-status[data-count='4']");
        Assert.Equal("Đã đặt 4 điểm.", (await page.TextContentAsync("#draw-status"))?.Trim());
        var geometry = await page.InputValueAsync("#hazard-geometry");
        Assert.StartsWith("{\"type\":\"Polygon\",\"coordinates\":[[", geometry, StringComparison.Ordinal);

        await page.FillAsync("#hazard-name", "Cầu Rẽo");
        await page.CheckAsync("input[name='HazardDays'][value='2026-12-01']");
        await page.ClickAsync("#save-hazard");

        await page.WaitForSelectorAsync("#board-notice");
        var listed = page.Locator("#hazards li[data-hazard='flood']");
        Assert.Equal(1, await listed.CountAsync());
        Assert.Equal("Cầu Rẽo", (await listed.Locator(".hazard-name").TextContentAsync())?.Trim());
        Assert.Equal("thứ Ba 01/12", (await listed.Locator(".hazard-days").TextContentAsync())?.Trim());
        var stored = (await app.Services.GetRequiredService<WeatherStore>().GetAsync(songCong.Id, new DateOnly(2026, 12, 1)))!;
        var ring = Assert.Single(stored.FloodAreas).Area.Rings[0];
        Assert.Equal(5, ring.Count);
        // Drawn inside the unit: the square's corners lie within Sông Công's outline box.
        Assert.All(ring, p => Assert.True(p.Longitude is > 105.7 and < 106.0 && p.Latitude is > 21.3 and < 21.6, $"{p}"));

        // On the map again, after the redirect, as the day's hazard.
        await page.WaitForSelectorAsync("#board-map[data-loaded='true']");
        Assert.True(await page.Locator("#board-map path[stroke='#d32f2f']").CountAsync() >= 1, "the saved flood is not drawn");
        Assert.True(await Chromium.FitsWidthAsync(page), "the week board scrolls sideways at 360 px after saving");

        // On paper: the days and the list of floods, without the map, the forms or the navigation.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await page.IsVisibleAsync("#day-2026-12-01"));
        Assert.True(await page.IsVisibleAsync("#hazards"));
        Assert.False(await page.IsVisibleAsync("#board-map"));
        Assert.False(await page.IsVisibleAsync("#hazard-form"));
        Assert.False(await page.IsVisibleAsync("nav.site-nav"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [SkippableFact]
    public async Task OpenBoard_ANewPlanVersionIsSaved_TheVersionsUpdateWithoutAReload()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var board = $"/staff/board?station={plan.Station.Id}&week=2026-11-23";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await Chromium.SignInAsAdminAsync(page, baseUrl, board);
        Assert.Equal(1, await page.Locator("#versions li[data-plan]").CountAsync());
        // Version 1 is a draft: its publish button shows.
        Assert.True(await page.IsVisibleAsync("#versions button.publish"));
        // A mark on this document: a reload would lose it.
        await page.EvaluateAsync("() => { window.boardMark = 'same document'; }");

        // A background re-plan saves version 2 while the page is open.
        var saved = await app.Services.GetRequiredService<PlanStore>().SaveNewVersionAsync(plan.Content with { Plan = plan.Content.Plan with { Id = 0, CreatedBy = "replan" } });

        await page.WaitForSelectorAsync($"#versions li[data-plan='{saved.Plan.Id}']");
        Assert.Equal(2, await page.Locator("#versions li[data-plan]").CountAsync());
        Assert.StartsWith("Bảng đã cập nhật lúc ", (await page.TextContentAsync("#board-refreshed"))?.Trim(), StringComparison.Ordinal);
        Assert.Contains("Bản 2", await page.Locator($"#versions li[data-plan='{saved.Plan.Id}']").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal($"{saved.Plan.Id}d,{plan.PlanId}d", await page.GetAttributeAsync("#board-live", "data-stamp"));
        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.boardMark"));

        // Published in the background too: the board swaps again, and the publish button is gone (its form stays hidden).
        Assert.True(await app.Services.GetRequiredService<PlanStore>().PublishAsync(saved.Plan.Id));
        await page.WaitForSelectorAsync($"#versions li[data-plan='{saved.Plan.Id}'][data-status='published']");
        Assert.False(await page.IsVisibleAsync("#versions button.publish"));
        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.boardMark"));
        Assert.True(await Chromium.FitsWidthAsync(page), "the week board scrolls sideways at 360 px");
    }

    [SkippableFact]
    public async Task OpenBoard_AFamilyCancelsAndTheDayIsReplanned_TheNewVersionAndWhatChangedShowWithoutAReload()
    {
        Chromium.Require();
        using var app = ReplanningApp();
        var baseUrl = Chromium.BaseUrl(app);
        var plan = await PublishedXuanHoaAsync(app);
        var board = $"/staff/board?station={plan.Station.Id}&week=2026-11-23";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await Chromium.SignInAsAdminAsync(page, baseUrl, board);
        await page.EvaluateAsync("() => { window.boardMark = 'same document'; }");

        // The family cancels on its own booking page, in its own browser; the background re-plan it asked for runs.
        var cancelled = plan.Bookings.Values.OrderBy(b => b.Id).First();
        await using (var family = await browser.NewContextAsync(Chromium.Phone()))
        {
            var phone = await family.NewPageAsync();
            phone.SetDefaultTimeout(30_000);
            await phone.GotoAsync(baseUrl + "/booking/find");
            await phone.FillAsync("input[name='code']", cancelled.Code);
            await phone.FillAsync("input[name='phone']", cancelled.Phone);
            await phone.Locator("form:has(input[name='code']) button[type='submit']").ClickAsync();
            await phone.WaitForURLAsync($"**/booking/manage/{cancelled.Code}");
            await phone.CheckAsync("input[name='confirmCancel']");
            await phone.Locator("form:has(input[name='confirmCancel']) button[type='submit']").ClickAsync();
            await phone.WaitForLoadStateAsync();
        }

        Assert.True(await Replans.WaitAsync(async () =>
            (await app.Services.GetRequiredService<BookingStore>().GetAsync(cancelled.Id))!.Status == BookingStatus.Cancelled, 30));
        Assert.True(await Replans.WaitAsync(async () => (await Replans.VersionsAsync(app, plan.Station.Id, plan.Date)).Count == 2, 60), Replans.Describe(app));
        var replanned = (await Replans.VersionsAsync(app, plan.Station.Id, plan.Date))[0];
        Assert.Equal(Outreach.Jobs.Replanning.ReplanService.JobName, replanned.CreatedBy);

        // The board shows the new version, compared with the published one: the family is off the plan, cancelled.
        var removed = page.Locator($"#versions li[data-plan='{replanned.Id}'] li.change-removed");
        await removed.First.WaitForAsync();
        var line = await removed.First.TextContentAsync() ?? "";
        Assert.Contains(cancelled.Code, line, StringComparison.Ordinal);
        Assert.Contains("đã hủy", line, StringComparison.Ordinal);
        Assert.Contains("So với bản 1", await page.Locator($"#versions li[data-plan='{replanned.Id}']").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal("same document", await page.EvaluateAsync<string>("() => window.boardMark"));
        Assert.True(await Chromium.FitsWidthAsync(page), "the week board scrolls sideways at 360 px");
    }

    [SkippableFact]
    public async Task OpenBoard_AFloodDrawnAroundTheSchoolGate_TheDayIsReplannedWithTheFloodNamedAsTheReason()
    {
        Chromium.Require();
        using var app = ReplanningApp();
        var baseUrl = Chromium.BaseUrl(app);
        var plan = await PublishedXuanHoaAsync(app);
        var school = plan.Sites["Trường Tiểu học Trần Quốc Thảo"];
        var board = $"/staff/board?station={plan.Station.Id}&week=2026-11-23";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await Chromium.SignInAsAdminAsync(page, baseUrl, board);

        // Tap a square around the school gate where Lan and Minh board, on the real road map of the ward.
        await page.WaitForSelectorAsync("#board-map[data-loaded='true']");
        var map = page.Locator("#board-map");
        await map.ScrollIntoViewIfNeededAsync();
        var gate = page.Locator($"#board-map path[data-feature='site-{school.Id}']");
        await gate.WaitForAsync();
        var mapBox = (await map.BoundingBoxAsync())!;
        var gateBox = (await gate.BoundingBoxAsync())!;
        double x = gateBox.X + (gateBox.Width / 2) - mapBox.X, y = gateBox.Y + (gateBox.Height / 2) - mapBox.Y;
        foreach (var (dx, dy) in new[] { (-20, -20), (20, -20), (20, 20), (-20, 20) })
        {
            await map.ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)(x + dx), Y = (float)(y + dy) } });
        }

        await page.WaitForSelectorAsync("#draw-status[data-count='4']");
        await page.FillAsync("#hazard-name", "Ngập cổng trường");
        await page.CheckAsync($"input[name='HazardDays'][value='{plan.Date:yyyy-MM-dd}']");
        await page.ClickAsync("#save-hazard");
        await page.WaitForSelectorAsync("#board-notice");

        // The saved flood asks for the day's re-plan; the job saves a new version without the two families at the gate.
        Assert.True(await Replans.WaitAsync(async () => (await Replans.VersionsAsync(app, plan.Station.Id, plan.Date)).Count == 2, 60), Replans.Describe(app));
        var replanned = (await Replans.VersionsAsync(app, plan.Station.Id, plan.Date))[0];
        Assert.Equal(Outreach.Jobs.Replanning.ReplanService.JobName, replanned.CreatedBy);

        // The board names the flood: as the version's reason, and on each family it took off the plan.
        var version = page.Locator($"#versions li[data-plan='{replanned.Id}']");
        var removed = version.Locator("li.change-removed");
        await removed.First.WaitForAsync();
        Assert.Contains("đường ngập: Ngập cổng trường", await version.TextContentAsync() ?? "", StringComparison.Ordinal);
        var lines = await removed.AllTextContentsAsync();
        foreach (var code in new[] { plan.Bookings["Lan"].Code, plan.Bookings["Minh"].Code })
        {
            var line = Assert.Single(lines, l => l.Contains(code, StringComparison.Ordinal));
            Assert.Contains("Ngập cổng trường", line, StringComparison.Ordinal);
        }
    }

    /// <summary>An app on a real port whose re-plan jobs run for real, a second after a change (the job server looks every 0.2 s).</summary>
    private static OutreachAppFactory ReplanningApp()
    {
        var app = new OutreachAppFactory();
        app.Settings["Outreach:Replan:DelaySeconds"] = "1";
        app.Settings["Outreach:Jobs:PollSeconds"] = "0.2";
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.5";
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>The hand-built Xuân Hòa day (Tuesday 24/11), published.</summary>
    private static async Task<HandBuiltPlan> PublishedXuanHoaAsync(OutreachAppFactory app)
    {
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        Assert.True(await app.Services.GetRequiredService<PlanStore>().PublishAsync(plan.PlanId));
        return plan;
    }
}
