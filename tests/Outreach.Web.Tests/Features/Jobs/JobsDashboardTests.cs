using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain;
using Outreach.Jobs.Notifications;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Jobs;

/// <summary>The background jobs' dashboard (Hangfire's) at /staff/jobs: an admin's page; everyone else is refused.</summary>
public sealed partial class JobsDashboardTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    [Fact]
    public async Task Dashboard_Admin_SeesTheRecurringJobsOfThisApp()
    {
        using var admin = await app.SignedInAsync(StaffRole.Admin);

        using var response = await admin.GetAsync("/staff/jobs/recurring");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OutboxDispatchJob.RecurringId, html, StringComparison.Ordinal);
        // The database's address is nobody's business on a page.
        Assert.DoesNotContain("Host=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Data Source", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(StaffRole.Chief)]
    [InlineData(StaffRole.Dispatcher)]
    [InlineData(StaffRole.Driver)]
    public async Task Dashboard_StaffNotAdmin_Refused(StaffRole role)
    {
        using var client = await app.SignedInAsync(role, stationId: await StationAsync());

        using var page = await client.GetAsync("/staff/jobs");
        using var api = await client.GetAsync("/staff/jobs/stats");

        Assert.Equal("/status/403", Forms.Location(page)?.Split('?')[0]);
        Assert.Equal("/status/403", Forms.Location(api)?.Split('?')[0]);
    }

    [Fact]
    public async Task Dashboard_NotSignedIn_SentToSignIn()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/staff/jobs");

        Assert.StartsWith("/sign-in", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AdminTriggersARecurringJob_OnlyWithTheAntiforgeryToken()
    {
        using var admin = await app.SignedInAsync(StaffRole.Admin);
        using var page = await admin.GetAsync("/staff/jobs/recurring");
        var html = await page.Content.ReadAsStringAsync();
        var header = AntiforgeryHeader().Match(html).Groups[1].Value;
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(header) || string.IsNullOrEmpty(token), "the dashboard page carries no antiforgery token");
        var before = Succeeded();

        using var forged = await admin.PostAsync("/staff/jobs/recurring/trigger", Trigger());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/jobs/recurring/trigger") { Content = Trigger() };
        request.Headers.Add(WebUtility.HtmlDecode(header), WebUtility.HtmlDecode(token));
        using var triggered = await admin.SendAsync(request);

        // Refused before the dashboard acts (the app's antiforgery check answers 400).
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, triggered.StatusCode);
        // The job ran (no gateway here: it leaves the outbox as it is).
        for (var i = 0; i < 100 && Succeeded() == before; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(before + 1, Succeeded());
    }

    private long Succeeded() => app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededListCount();

    private static FormUrlEncodedContent Trigger() => new([new KeyValuePair<string, string>("jobs[]", OutboxDispatchJob.RecurringId)]);

    private async Task<long> StationAsync() =>
        (await Outreach.Web.Tests.Features.RouteSheets.HandBuiltPlans.XuanHoaAsync(app.Services, stationName: $"Công an phường Việc Nền {Guid.NewGuid():N}"[..36])).Station.Id;

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryToken();
}
