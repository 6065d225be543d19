using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    [SkippableFact]
    public async Task HomePage_SwitchToEnglish_ThenSignIn_OnA360PixelPhoneAndPrint()
    {
        RequireBrowser();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
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
        Assert.True(await FitsWidthAsync(page), "the home page scrolls sideways at 360 px");

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
        Assert.True(await FitsWidthAsync(page), "the dashboard scrolls sideways at 360 px");
        Assert.Equal("Sign out", (await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).TextContentAsync())?.Trim());
        // On paper: no header or buttons, the attribution footer stays.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("header.site-header"));
        Assert.True(await page.IsVisibleAsync("footer.site-footer"));
        Assert.Empty(consoleErrors);
    }

    private static async Task<bool> FitsWidthAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static void RequireBrowser()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OUTREACH_REQUIRE_BROWSER") == "1")
        {
            throw new InvalidOperationException($"OUTREACH_REQUIRE_BROWSER=1 but {ChromiumPath} is missing (apt-get install chromium).");
        }

        Skip.If(true, $"{ChromiumPath} is missing: install Debian's chromium to run browser tests.");
    }
}
