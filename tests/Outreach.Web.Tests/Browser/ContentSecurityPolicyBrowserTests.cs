using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// Issue 14, finding 7: under the Content-Security-Policy every page sends, nothing a page uses is blocked: Chromium
/// reports each refused script, style, image, font or form target on the console, and this walks the pages a family,
/// a driver and the staff open (with JavaScript on, so Radzen's script runs too) and expects no report at all.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests
{
    [SkippableFact]
    public async Task PublicAndStaffPages_UnderThePolicy_NothingIsBlocked()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var scenario = await BookingScenario.CreateAsync(app);
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var link = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone());
        var page = await context.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => blocked.Add($"{page.Url}: {error}");

        // The home page; a family: the units, the wizard with a home pin drawn on the map, the day's slots, the find page.
        await page.GotoAsync(baseUrl + "/");
        await page.GotoAsync(baseUrl + "/booking");
        await page.GotoAsync(baseUrl + scenario.WizardUrl);
        await page.SelectOptionAsync("#pickup-select", "home");
        await page.ClickAsync("#map", new PageClickOptions { Position = new Position { X = 160, Y = 160 } });
        await page.WaitForSelectorAsync(".map-pin");
        Assert.True(await page.IsVisibleAsync(".map-pin"));
        await page.SelectOptionAsync("#pickup-select", scenario.SchoolId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("button.wide-button[value='slots']");
        await page.WaitForSelectorAsync("#slot");
        await page.GotoAsync(baseUrl + "/booking/find");

        // A driver's link and its PDF page; then the staff side.
        await page.GotoAsync(baseUrl + link);
        await Chromium.SignInAsAdminAsync(page, baseUrl, "/staff");
        foreach (var path in new[]
        {
            "/staff/users", $"/staff/station?station={plan.Station.Id}", $"/staff/pickups?station={plan.Station.Id}&date={plan.Date:yyyy-MM-dd}",
            $"/staff/route-sheets/{plan.PlanId}", $"/staff/outbox?station={plan.Station.Id}", "/staff/visits", "/account/password",
        })
        {
            var response = await page.GotoAsync(baseUrl + path);
            Assert.True(response?.Ok, $"{path}: {response?.Status}");
        }

        // The week board: Leaflet (the app's own copy) draws the map from the app's layers and its script polls the versions.
        await page.GotoAsync(baseUrl + $"/staff/board?station={plan.Station.Id}&week=2026-11-23&day={plan.Date:yyyy-MM-dd}");
        await page.WaitForSelectorAsync("#board-map[data-loaded='true']");
        Assert.True(await page.Locator("#board-map path.leaflet-interactive").CountAsync() >= 2, "the day's routes are not on the map");

        // Radzen's script (a file) ran: the policy lets the site's own scripts through.
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Radzen === 'object'"));
        Assert.True(blocked.Count == 0, string.Join(Environment.NewLine, blocked.Distinct()));
    }
}
