using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// An admin manages an account on a 360 px phone without JavaScript: the list and the account page fit the screen, a
/// wrong choice (an admin tied to a station) comes back named with nothing stored, then the officer is moved to another
/// station and disabled, and the list says so.
/// </summary>
public sealed class StaffAccountsBrowserTests
{
    [SkippableFact]
    public async Task Admin_MovesAndDisablesAnAccount_OnA360PixelPhone()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);
        var first = await BookingScenario.CreateAsync(app);
        var second = await BookingScenario.CreateAsync(app);
        var officer = await app.CreateUserAsync("dieu-phoi-da-chuyen", "mat-khau-thu-nghiem", StaffRole.Dispatcher, stationId: first.StationId);
        var users = app.Services.GetRequiredService<StaffUserStore>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(Chromium.Phone(javaScript: false));
        var page = await context.NewPageAsync();
        await Chromium.SignInAsAdminAsync(page, baseUrl, "/staff/users");
        await FitsAsync(page);

        await page.ClickAsync($"tr[data-user='{officer.Id}'] a");
        await page.WaitForURLAsync($"{baseUrl}/staff/users/{officer.Id}");
        await FitsAsync(page);
        await page.SelectOptionAsync("#role", nameof(StaffRole.Admin));
        await page.ClickAsync(SaveButton);
        await page.WaitForSelectorAsync("#edit-user-error");
        Assert.Contains("Đơn vị:", await page.TextContentAsync("#edit-user-error"), StringComparison.Ordinal);
        await FitsAsync(page);
        Assert.Equal(StaffRole.Dispatcher, (await users.GetAsync(officer.Id))!.Role);

        await page.SelectOptionAsync("#role", nameof(StaffRole.Dispatcher));
        await page.SelectOptionAsync("#station", second.StationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.CheckAsync("#disabled");
        await page.ClickAsync(SaveButton);
        await page.WaitForSelectorAsync("#account-saved");
        await FitsAsync(page);

        var stored = (await users.GetAsync(officer.Id))!;
        Assert.Equal((StaffRole.Dispatcher, (long?)second.StationId, true), (stored.Role, stored.StationId, stored.IsDisabled));
        Assert.Contains("Đã vô hiệu hóa từ", await page.TextContentAsync($"tr[data-user='{officer.Id}']"), StringComparison.Ordinal);
    }

    /// <summary>The account form's own submit button (the menu's sign-out form posts too).</summary>
    private const string SaveButton = "form:has(input[name='_handler'][value='edit-user']) button[type='submit']";

    private static async Task FitsAsync(IPage page) =>
        Assert.True(await Chromium.FitsWidthAsync(page), $"{page.Url} scrolls sideways at 360 px");
}
