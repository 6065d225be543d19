using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Jobs.Rosters;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The seeded Sông Công demo week's duty roster in Debian's chromium on a 360 px phone: a chief plans it, reads the
/// grid (officers x days, coloured by shift type) and the coverage charts, downloads an officer's iCalendar and the
/// grid as CSV, and tries a swap that would break the rest between shifts: refused, with the rule named. Skips when
/// /usr/bin/chromium is missing; fails instead when OUTREACH_REQUIRE_BROWSER=1.
/// </summary>
public sealed class RosterBrowserTests
{
    [SkippableFact]
    public async Task DemoWeek_PlanReadAndARestBreakingSwapRefused_OnA360PixelPhone()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        app.Settings["Outreach:Planning:RosterSeconds"] = "2";
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await Chromium.SignInAsAdminAsync(page, baseUrl, "/staff");

        // The app's clock is Monday 23 November 2026: the demo week is next week, Monday 30 November.
        await page.ClickAsync("nav.site-nav a[href='/staff/rosters']");
        var station = page.Locator("#roster-stations li", new() { HasText = "Công an thành phố Sông Công" });
        await station.GetByRole(AriaRole.Link, new() { Name = "Tuần sau (từ 30/11)" }).ClickAsync();
        Assert.Equal(1, await page.Locator("#no-roster").CountAsync());

        await page.FillAsync("#uplift", "60");
        await page.ClickAsync("#plan-roster");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/staff/rosters/\d+/2026-11-30\?version=1&planned=1$"));
        Assert.Equal("Đã lập lịch trực, bản 1 (bản nháp).", (await page.TextContentAsync("#planned-notice"))?.Trim());
        Assert.True(await Chromium.FitsWidthAsync(page), "the roster board scrolls sideways at 360 px");

        // The grid: the 30 demo officers by 7 days, every working cell coloured by its kind, leave marked.
        var rows = page.Locator("#roster-grid tbody tr");
        Assert.Equal(30, await rows.CountAsync());
        Assert.Equal(30 * 7, await page.Locator("#roster-grid td.roster-cell").CountAsync());
        Assert.True(await page.Locator("#roster-grid td.roster-cell--desk").CountAsync() > 0);
        Assert.True(await page.Locator("#roster-grid td.roster-cell--leave").CountAsync() >= 4, "two officers on leave Wednesday and Thursday");
        var deskColour = await page.Locator("#roster-grid td.roster-cell--desk").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(227, 242, 253)", deskColour);
        // Coverage: one server-drawn chart per day, each block with what was wanted and staffed.
        Assert.Equal(7, await page.Locator("#roster-charts svg.roster-chart").CountAsync());
        var block = page.Locator("#coverage-2026-11-30 g.roster-chart__block").First;
        Assert.Matches(@"^\d+$", await block.GetAttributeAsync("data-wanted") ?? "");
        Assert.True(await page.Locator("#coverage-2026-11-30").IsVisibleAsync());
        Assert.Equal(30, await page.Locator("#roster-totals tbody tr").CountAsync());
        Assert.True(await page.Locator("#roster-fairness li").CountAsync() >= 3);
        Assert.Contains("60 %", await page.TextContentAsync("#roster-figures") ?? "", StringComparison.Ordinal);

        // Exports: the week of an officer with at least one shift as iCalendar (an officer the plan left off all week has
        // no event to carry a time zone), the grid as CSV.
        var ics = await page.APIRequest.GetAsync(baseUrl + await page.Locator("#roster-grid tr:has(td[data-shift]) a.roster-grid__ics").First.GetAttributeAsync("href"));
        Assert.Equal(200, ics.Status);
        Assert.StartsWith("text/calendar", ics.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", await ics.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("TZID=Asia/Ho_Chi_Minh", await ics.TextAsync(), StringComparison.Ordinal);
        var csv = await page.APIRequest.GetAsync(baseUrl + await page.GetAttributeAsync("#export-csv", "href"));
        Assert.Equal(31, (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // Arrange two officers (through the service, as a chief's earlier pins): a works the evening desk Monday (to
        // 22:00) and is off Tuesday; b is off Monday and on the 07:30 day desk Tuesday.
        var service = app.Services.GetRequiredService<RosterPlanningService>();
        var stores = app.Services.GetRequiredService<DataStores>();
        var stationId = long.Parse(page.Url.Split('/')[5], CultureInfo.InvariantCulture);
        var plan = (await stores.Plans.GetLatestAsync(stationId, PlanKind.Shifts, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)))!;
        var officers = (await stores.Officers.ListByStationAsync(stationId)).OrderBy(o => o.Id).ToList();
        var monday = new DateOnly(2026, 11, 30);
        (Officer A, Officer B)? pair = null;
        foreach (var a in officers)
        {
            foreach (var b in officers.Where(o => o.Id != a.Id))
            {
                if ((await service.PinAsync(plan.Id, a.Id, monday.AddDays(1), null)).Applied
                    && (await service.PinAsync(plan.Id, a.Id, monday, "evening")).Applied
                    && (await service.PinAsync(plan.Id, b.Id, monday, null)).Applied
                    && (await service.PinAsync(plan.Id, b.Id, monday.AddDays(1), "desk")).Applied)
                {
                    pair = (a, b);
                    break;
                }
            }

            if (pair is not null)
            {
                break;
            }
        }

        Assert.NotNull(pair);
        await page.ReloadAsync();

        // The swap on Tuesday would put a on the 07:30 desk after Monday's evening to 22:00: 9.5 hours of rest.
        await page.SelectOptionAsync("#swap-a", pair.Value.A.Id.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#swap-b", pair.Value.B.Id.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#swap-date", "2026-12-01");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#swap-submit"), r => r.Request.Method == "POST");
        Assert.Equal(422, response.Status);
        var refusal = (await page.TextContentAsync("#edit-refused"))?.Trim() ?? "";
        Assert.Contains("vi phạm quy tắc «nghỉ giữa hai ca»", refusal, StringComparison.Ordinal);
        Assert.Contains(pair.Value.A.Name, refusal, StringComparison.Ordinal);
        Assert.Contains("Ca ngày sau Ca tối: nghỉ 9 giờ 30 phút, cần 12 giờ", refusal, StringComparison.Ordinal);
        // Nothing moved: a is still off on Tuesday, b still on the day desk.
        var bTuesday = page.Locator($"#roster-grid td[data-officer='{pair.Value.B.Id}'][data-date='2026-12-01']");
        Assert.Equal("desk", await bTuesday.GetAttributeAsync("data-shift"));
        Assert.Null(await page.Locator($"#roster-grid td[data-officer='{pair.Value.A.Id}'][data-date='2026-12-01']").GetAttributeAsync("data-shift"));
        Assert.True(await Chromium.FitsWidthAsync(page));
    }
}
