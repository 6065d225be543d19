using Microsoft.Playwright;
using Outreach.Jobs.Notifications;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Browser;

/// <summary>
/// The background jobs' dashboard (Hangfire's pages) in a browser, under the policy every page sends: an admin opens it
/// from the navigation, its scripts run (the live counters poll), and triggering a recurring job works with the app's
/// antiforgery token.
/// </summary>
public sealed class JobsDashboardBrowserTests
{
    [SkippableFact]
    public async Task Dashboard_Admin_OpensItFromTheMenuAndTriggersTheSender()
    {
        Chromium.Require();
        using var app = new OutreachAppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = Chromium.BaseUrl(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
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

        await Chromium.SignInAsAdminAsync(page, baseUrl, "/staff");
        await page.ClickAsync("nav a[href='/staff/jobs']");
        await page.WaitForURLAsync(baseUrl + "/staff/jobs");
        // The realtime graph is drawn (Chart.js runs without the style element the policy would refuse).
        await page.WaitForSelectorAsync("canvas");
        await page.GotoAsync(baseUrl + "/staff/jobs/recurring");
        await page.CheckAsync($"input.js-jobs-list-checkbox[value='{OutboxDispatchJob.RecurringId}']");
        // The dashboard's script posts the command (with the antiforgery token) and reloads the page once it was done.
        var command = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button.js-jobs-list-command[data-url$='/recurring/trigger']"), r => r.Url.EndsWith("/recurring/trigger", StringComparison.Ordinal));
        Assert.Equal(204, command.Status);
        var ran = false;
        for (var i = 0; i < 50 && !ran; i++)
        {
            await Task.Delay(200);
            try
            {
                await page.GotoAsync(baseUrl + "/staff/jobs/jobs/succeeded");
            }
            catch (PlaywrightException)
            {
                continue; // the script's reload took over this navigation
            }

            ran = await page.GetByText("Send due messages").CountAsync() > 0;
        }

        Assert.True(ran, await page.ContentAsync());
        Assert.True(blocked.Count == 0, string.Join(Environment.NewLine, blocked.Distinct()));
    }
}
