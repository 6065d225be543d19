using System.Net;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

public sealed class RouteSheetPrintPageTests
{
    [Fact]
    public async Task Get_WholeDay_BothTripsOnePerPageWithoutNavigation()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        using var response = await dispatcher.GetAsync($"/staff/route-sheets/{plan.PlanId}?date=2026-11-24");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, CountOf(html, "<article class=\"sheet\""));
        Assert.Contains($"id=\"trip-vehicle-{plan.Van.Id}-20261124-1\"", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"trip-vehicle-{plan.Van.Id}-20261124-2\"", html, StringComparison.Ordinal);
        Assert.Contains("route-sheets", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"site-nav\"", html, StringComparison.Ordinal);
        Assert.Contains($"/staff/route-sheets/{plan.PlanId}/pdf?date=2026-11-24", html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, "<svg"));
    }

    [Fact]
    public async Task Css_PrintRules_A4AndABreakBetweenTrips()
    {
        var css = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "wwwroot", "css", "route-sheets.css"));

        Assert.Contains("@page { size: A4;", css, StringComparison.Ordinal);
        Assert.Contains(".sheet + .sheet { break-before: page; }", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownPlan_404_AnonymousGoesToSignIn()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        using var anonymous = app.CreateBrowserLikeClient();

        using var missing = await chief.GetAsync("/staff/route-sheets/999");
        using var pdf = await chief.GetAsync("/staff/route-sheets/999/pdf");
        using var signIn = await anonymous.GetAsync("/staff/route-sheets/1");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/sign-in", Forms.Location(signIn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ChiefOfAnotherStation_Forbidden()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var other = await HandBuiltPlans.SongCongAsync(app.Services);
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Outreach.Data.Stores.StaffUserStore>(app.Services);
        var chief = await app.CreateUserAsync("truong-song-cong", "mat-khau-thu-nghiem", StaffRole.Chief);
        await users.UpdateProfileAsync(chief.Id, chief.DisplayName, StaffRole.Chief, other.Station.Id);
        using var client = app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, "truong-song-cong", "mat-khau-thu-nghiem")).Dispose();

        using var theirs = await client.GetAsync($"/staff/route-sheets/{other.PlanId}");
        using var notTheirs = await client.GetAsync($"/staff/route-sheets/{plan.PlanId}");
        using var notTheirsPdf = await client.GetAsync($"/staff/route-sheets/{plan.PlanId}/pdf");

        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(notTheirs), StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, await notTheirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, notTheirsPdf.StatusCode);
    }

    private static int CountOf(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
