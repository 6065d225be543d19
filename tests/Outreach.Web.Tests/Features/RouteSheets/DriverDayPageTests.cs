using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

/// <summary>The short link of a driver's day ("/d/{code}", one per van and day): the day's trips, each on its signed link.</summary>
public sealed partial class DriverDayPageTests
{
    private static Task<DriverDayLink> DayLinkAsync(OutreachAppFactory app, HandBuiltPlan plan) =>
        app.Services.GetRequiredService<DriverDayLinkStore>().GetOrCreateAsync(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date,
            RouteSheetLinks.DefaultExpiry(plan.Date));

    [Fact]
    public async Task Get_DayOfTwoTrips_ListsBothWithTheirSheetsTimesAndSignedLinksAndNoFamily()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var day = await DayLinkAsync(app, plan);
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(DriverDayPage.PathFor(day.Code));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Contains("Chuyến 1 · 07:30–08:05 · 3 lượt đón", html, StringComparison.Ordinal);
        Assert.Contains("Chuyến 2 · 10:35–11:05 · 3 lượt đón", html, StringComparison.Ordinal);
        var links = app.Services.GetRequiredService<RouteSheetLinks>();
        var trips = TripLink().Matches(html).Select(m => links.Read(m.Groups["token"].Value)).ToList();
        Assert.Equal([LinkStatus.Valid, LinkStatus.Valid], trips.Select(t => t.Status));
        Assert.Equal([1, 2], trips.Select(t => t.Key.TripNumber));
        Assert.All(trips, t => Assert.Equal((plan.PlanId, plan.Van.Id, day.ExpiresAt), (t.Key.PlanId, t.Key.ResourceId, t.ExpiresAt)));
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, html, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DayOfOneTrip_GoesStraightToItsSheet()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongAsync(app.Services);
        var day = await DayLinkAsync(app, plan);
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(DriverDayPage.PathFor(day.Code.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response)!;
        var check = app.Services.GetRequiredService<RouteSheetLinks>().Read(location["/r/".Length..]);
        Assert.Equal((LinkStatus.Valid, new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1)), (check.Status, check.Key));
    }

    [Fact]
    public async Task Get_UnknownOrExpiredCode_SaysSoAndShowsNoTrip()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var day = await DayLinkAsync(app, plan);
        using var client = app.CreateBrowserLikeClient();

        using var unknown = await client.GetAsync(DriverDayPage.PathFor("ZZZZZZZZZZZZ"));
        app.Clock.Advance(TimeSpan.FromDays(4));
        using var expired = await client.GetAsync(DriverDayPage.PathFor(day.Code));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Gone), (unknown.StatusCode, expired.StatusCode));
        Assert.Contains("Đường dẫn không hợp lệ", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var gone = WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync());
        Assert.Contains("Đường dẫn đã hết hạn", gone, StringComparison.Ordinal);
        Assert.DoesNotContain("day-trip", gone, StringComparison.Ordinal);
    }

    [GeneratedRegex("class=\"sheet-button day-trip\" id=\"day-trip-\\d+\" href=\"/r/(?<token>[A-Za-z0-9_-]+)\"")]
    private static partial Regex TripLink();
}
