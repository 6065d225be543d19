using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The real app on Kestrel (a free loopback port, a temp data folder) driven by Debian's chromium
/// through Playwright: home page in Vietnamese, switch to English, sign in. Skips when
/// /usr/bin/chromium is missing; fails instead when OUTREACH_REQUIRE_BROWSER=1.
/// Never downloads a browser (no `playwright install`).
/// </summary>
public sealed class BrowserSmokeTests
{
    [SkippableFact]
    public async Task HomePage_SwitchToEnglish_ThenSignIn_OnA360PixelPhoneAndPrint()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        // A cheap phone in an English-language browser: the pages must still open in Vietnamese.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };

        await page.GotoAsync(baseUrl + "/");
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Đưa việc cấp căn cước đến tận người dân", (await page.TextContentAsync("h1"))?.Trim());
        Assert.True(await Chromium.FitsWidthAsync(page), "the home page scrolls sideways at 360 px");

        await page.ClickAsync("a.language-switch");
        await page.WaitForURLAsync(baseUrl + "/");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Bringing ID-card enrolment to people", (await page.TextContentAsync("h1"))?.Trim());

        await page.ClickAsync("main a[href='/sign-in']");
        await page.GetByLabel("User name").FillAsync(OutreachAppFactory.AdminUserName);
        await page.GetByLabel("Password").FillAsync(OutreachAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/staff");

        Assert.Equal("Dashboard", (await page.TextContentAsync("h1"))?.Trim());
        Assert.True(await Chromium.FitsWidthAsync(page), "the dashboard scrolls sideways at 360 px");
        Assert.Equal("Sign out", (await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).TextContentAsync())?.Trim());
        // On paper: no header or buttons, the attribution footer stays.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("header.site-header"));
        Assert.True(await page.IsVisibleAsync("footer.site-footer"));
        Assert.Empty(consoleErrors);
    }
}
