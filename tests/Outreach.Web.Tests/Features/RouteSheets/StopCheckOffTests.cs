using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

/// <summary>
/// Issue 17: stops checked off from the driver's phone (a plain form on the sheet's page, posted with the link), stored
/// for that stop of the link's trip only, audited, idempotent; the next stop advances.
/// </summary>
public sealed partial class StopCheckOffTests
{
    private static async Task<(OutreachAppFactory App, HandBuiltPlan Plan, string Link)> SetUpAsync(int trip = 1)
    {
        var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var link = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, trip));
        return (app, plan, link);
    }

    private static async Task<IReadOnlyDictionary<long, StopCheckOff>> ChecksAsync(OutreachAppFactory app, HandBuiltPlan plan) =>
        await app.Services.GetRequiredService<StopCheckOffStore>().ListByPlanAsync(plan.PlanId);

    private static long RowId(HandBuiltPlan plan, int trip, int sequence) =>
        plan.Content.Stops.Single(s => s.TripNumber == trip && s.Sequence == sequence).Id;

    private static async Task<(string Detail, int Codes)[]> CheckOffAuditAsync(OutreachAppFactory app)
    {
        await using var connection = await app.Services.GetRequiredService<Outreach.Data.Database>().OpenAsync();
        return [.. await connection.QueryAsync<(string, int)>(
            "SELECT detail, booking_count FROM audit_log WHERE subject = 'DriverLink' AND action = 'Change' ORDER BY id")];
    }

    private static async Task<string> NextStopAsync(HttpClient client, string link)
    {
        var html = await client.GetStringAsync(link);
        return NextStop().Match(html).Groups["stop"].Value;
    }

    [Fact]
    public async Task CheckOff_NoShowAtTheNextStop_StoredAuditedAndTheNextStopAdvances()
    {
        var (app, plan, link) = await SetUpAsync();
        using var _ = app;
        using var client = app.CreateBrowserLikeClient();
        // Stop 1 is the start (nobody gets on): the first stop to check off is 2, the school gate.
        Assert.Equal("2", await NextStopAsync(client, link));

        using var response = await Forms.SubmitAsync(client, link, new Dictionary<string, string> { ["status"] = "NoShow" }, "check-2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(link + "?checked=2", Forms.Location(response));
        var check = Assert.Single((await ChecksAsync(app, plan)).Values);
        // The stop is the school gate's first plan row (Lan's; Minh's row is merged into the same stop).
        Assert.Equal((RowId(plan, 1, 1), StopCheckStatus.NoShow, app.Clock.Now), (check.PlanStopId, check.Status, check.CheckedAt));
        // The audit names the two families of that stop by code, and the stop; never a name or a phone.
        var audit = Assert.Single(await CheckOffAuditAsync(app));
        Assert.Equal(("stop 2 checked off: NoShow", 2), audit);
        var page = await client.GetStringAsync(link + "?checked=2");
        Assert.Contains("Đã ghi điểm 2: Vắng mặt.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal("3", await NextStopAsync(client, link));
    }

    [Fact]
    public async Task CheckOff_SameStatusTwice_OneCheckOffWithTheFirstTimeAndOneAuditEntry()
    {
        var (app, plan, link) = await SetUpAsync();
        using var _ = app;
        using var client = app.CreateBrowserLikeClient();
        var fields = new Dictionary<string, string> { ["status"] = "PickedUp" };
        using (await Forms.SubmitAsync(client, link, fields, "check-2"))
        {
        }

        var first = app.Clock.Now;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        // The second tap comes from the page as it was before the first (a double tap): stop 2's form is still there.
        using var again = await Forms.PostDirectAsync(client, link, "check-2", fields, tokenPage: link);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var check = Assert.Single((await ChecksAsync(app, plan)).Values);
        Assert.Equal((StopCheckStatus.PickedUp, first), (check.Status, check.CheckedAt));
        Assert.Single(await CheckOffAuditAsync(app));
    }

    [Fact]
    public async Task CheckOff_AlteredOrExpiredLink_RefusedAndNothingStored()
    {
        var (app, plan, link) = await SetUpAsync();
        using var _ = app;
        using var client = app.CreateBrowserLikeClient();
        var fields = new Dictionary<string, string> { ["status"] = "PickedUp" };
        var altered = link[..^4] + (link[^4] == 'A' ? "BBBB" : "AAAA");

        using var wrong = await Forms.PostDirectAsync(client, altered, "check-2", fields, tokenPage: link);
        app.Clock.Advance(TimeSpan.FromDays(4));
        using var expired = await Forms.PostDirectAsync(client, link, "check-2", fields, tokenPage: "/sign-in");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Gone), (wrong.StatusCode, expired.StatusCode));
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ChecksAsync(app, plan));
        Assert.Empty(await CheckOffAuditAsync(app));
    }

    [Fact]
    public async Task CheckOff_StopNotOnTheLinksSheetOrStatusNotOfferedThere_RefusedAndNothingStored()
    {
        var (app, plan, link) = await SetUpAsync();
        using var _ = app;
        using var client = app.CreateBrowserLikeClient();

        // Trip 1's sheet has four stops: a form for a sixth names a stop this link does not hold.
        using var otherTrip = await Forms.PostDirectAsync(client, link, "check-6", new Dictionary<string, string> { ["status"] = "Dropped" }, tokenPage: link);
        // Nobody gets off at the school gate on the way out.
        using var notOffered = await Forms.PostDirectAsync(client, link, "check-2", new Dictionary<string, string> { ["status"] = "Dropped" }, tokenPage: link);
        using var number = await Forms.PostDirectAsync(client, link, "check-2", new Dictionary<string, string> { ["status"] = "1" }, tokenPage: link);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (otherTrip.StatusCode, notOffered.StatusCode, number.StatusCode));
        Assert.Contains("Không ghi được", WebUtility.HtmlDecode(await notOffered.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await ChecksAsync(app, plan));
        Assert.Empty(await CheckOffAuditAsync(app));
    }

    [Fact]
    public async Task CheckOff_Trip2Link_RecordsTrip2sStopAndLeavesTrip1Untouched()
    {
        var (app, plan, link) = await SetUpAsync(trip: 2);
        using var _ = app;
        using var client = app.CreateBrowserLikeClient();
        // Trip 2's first stop is the station, where the three families board (the start row is merged into it).
        Assert.Equal("1", await NextStopAsync(client, link));

        using var response = await Forms.SubmitAsync(client, link, new Dictionary<string, string> { ["status"] = "PickedUp" }, "check-1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RowId(plan, 2, 0), Assert.Single((await ChecksAsync(app, plan)).Values).PlanStopId);
        Assert.Equal("2", await NextStopAsync(client, link));
    }

    [Fact]
    public async Task CheckOff_TeamLeadsLink_VisitCheckedOffAsVisitedAndTheNextVisitFollows()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        var link = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(plan.Key);
        using var client = app.CreateBrowserLikeClient();
        // Stop 2 is the first visit (Nhung, at home); the team lead sees visited / no-show, not the van's buttons.
        var html = await client.GetStringAsync(link);
        Assert.Equal("2", NextStop().Match(html).Groups["stop"].Value);
        Assert.Contains("name=\"status\" value=\"Visited\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"PickedUp\"", html, StringComparison.Ordinal);

        using var response = await Forms.SubmitAsync(client, link, new Dictionary<string, string> { ["status"] = "Visited" }, "check-2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var check = Assert.Single((await app.Services.GetRequiredService<StopCheckOffStore>().ListByPlanAsync(plan.Key.PlanId)).Values);
        Assert.Equal(StopCheckStatus.Visited, check.Status);
        Assert.Equal("3", await NextStopAsync(client, link));
        // The dispatcher's page of the team's day shows it.
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        var staffPage = WebUtility.HtmlDecode(await dispatcher.GetStringAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"/staff/visits/{plan.Station.Id}/{plan.Content.Plan.PeriodStart:yyyy-MM-dd}/plans/{plan.PlanId}/teams/{plan.Team.Id}/{plan.Key.Date:yyyy-MM-dd}")));
        Assert.Contains($"Đã thu nhận lúc {Outreach.Web.Infrastructure.Time.LocalTime.FormatTime(app.Clock.Now)}", staffPage, StringComparison.Ordinal);
    }

    [GeneratedRegex("<section class=\"next-stop\" id=\"next-stop\"[^>]*data-stop=\"(?<stop>\\d*)\"")]
    private static partial Regex NextStop();
}
