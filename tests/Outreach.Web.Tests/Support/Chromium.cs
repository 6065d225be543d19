using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Outreach.Web.Tests.Support;

/// <summary>
/// Debian's chromium driven by Playwright, as every browser test uses it: never a downloaded browser (no
/// `playwright install`), the flags this machine's closed network needs, and the skip-or-fail rule (skip with the reason
/// when /usr/bin/chromium is missing; fail instead when OUTREACH_REQUIRE_BROWSER=1, as CI sets).
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    /// <summary>Skips the calling [SkippableFact] when chromium is missing, unless CI requires browsers.</summary>
    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OUTREACH_REQUIRE_BROWSER") == "1")
        {
            throw new InvalidOperationException($"OUTREACH_REQUIRE_BROWSER=1 but {ExecutablePath} is missing (apt-get install chromium).");
        }

        Skip.If(true, $"{ExecutablePath} is missing: install Debian's chromium to run browser tests.");
    }

    /// <summary>Headless chromium with the flags above.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
    }

    /// <summary>A cheap phone: 360 x 740, optionally with JavaScript off.</summary>
    public static BrowserNewContextOptions Phone(bool javaScript = true, string locale = "vi-VN") => new()
    {
        ViewportSize = new ViewportSize { Width = 360, Height = 740 },
        JavaScriptEnabled = javaScript,
        Locale = locale,
    };

    /// <summary>The loopback address the Kestrel-hosted app listens on (after UseKestrel(0) and StartServer()).</summary>
    public static string BaseUrl(OutreachAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>Signs in as the test factory's administrator and waits until the page asked for is shown.</summary>
    public static async Task SignInAsAdminAsync(IPage page, string baseUrl, string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{baseUrl}/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#user-name", OutreachAppFactory.AdminUserName);
        await page.FillAsync("#password", OutreachAppFactory.AdminPassword);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(baseUrl + returnUrl);
    }

    /// <summary>True when the page does not scroll sideways.</summary>
    public static async Task<bool> FitsWidthAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
    }
}
