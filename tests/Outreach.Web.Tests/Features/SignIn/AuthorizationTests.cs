using System.Net;
using System.Net.Http.Json;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.SignIn;

public sealed class AuthorizationTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private static int counter;

    [Fact]
    public async Task StaffPage_Anonymous_RedirectsToSignInWithReturnUrl()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2Fstaff", Forms.Location(response));
    }

    [Theory]
    [InlineData(StaffRole.Driver)]
    [InlineData(StaffRole.Dispatcher)]
    [InlineData(StaffRole.Chief)]
    public async Task AccountsPage_NotAnAdmin_IsDenied(StaffRole role)
    {
        using var client = await SignedInAsync(role);

        using var response = await client.GetAsync("/staff/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsPage_Admin_ListsAccounts()
    {
        using var client = await SignedInAsync(StaffRole.Admin);

        using var response = await client.GetAsync("/staff/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OutreachAppFactory.AdminUserName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRole.Driver)]
    [InlineData(StaffRole.Admin)]
    public async Task Dashboard_AnyStaffRole_Opens(StaffRole role)
    {
        using var client = await SignedInAsync(role);

        using var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Navigation_Driver_SeesNoAccountsLink_AdminDoes()
    {
        using var driver = await SignedInAsync(StaffRole.Driver);
        using var admin = await SignedInAsync(StaffRole.Admin);

        var driverHtml = await driver.GetStringAsync("/staff");
        var adminHtml = await admin.GetStringAsync("/staff");

        Assert.DoesNotContain("href=\"/staff/users\"", driverHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/staff/users\"", adminHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Anonymous_Gets401ProblemDetails()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/api/me");
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Chưa đăng nhập", problem?["title"]?.ToString());
    }

    [Fact]
    public async Task Api_SignedInDriver_SaysWhoIsSignedIn()
    {
        using var client = await SignedInAsync(StaffRole.Driver);

        var me = await client.GetFromJsonAsync<Dictionary<string, object>>("/api/me");

        Assert.Equal("driver", me?["role"]?.ToString());
    }

    [Fact]
    public async Task AccountsPage_AdminCreatesDispatcher_WhoMustChangePasswordFirst()
    {
        using var admin = await SignedInAsync(StaffRole.Admin);
        var name = $"dieuphoi-moi-{Interlocked.Increment(ref counter)}";
        var station = await Bookings.BookingScenario.CreateAsync(app);

        using var created = await Forms.SubmitAsync(admin, "/staff/users", new Dictionary<string, string>
        {
            ["NewUserName"] = name,
            ["NewDisplayName"] = "Nguyễn Văn A",
            ["NewRole"] = nameof(StaffRole.Dispatcher),
            ["NewStation"] = station.StationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NewPassword"] = "tam-thoi-12345",
        }, "create-user");
        using var person = app.CreateBrowserLikeClient();
        using var signIn = await Forms.SignInAsync(person, name, "tam-thoi-12345");
        using var dashboard = await person.GetAsync("/staff");
        using var changed = await Forms.SubmitAsync(person, "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "tam-thoi-12345",
            ["NewPassword"] = "mat-khau-rieng-cua-toi",
            ["ConfirmPassword"] = "mat-khau-rieng-cua-toi",
        }, "change-password");
        using var dashboardAfter = await person.GetAsync("/staff");

        Assert.Contains($"Đã tạo tài khoản &#x27;{name}&#x27;.", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/account/password", Forms.Location(signIn));
        Assert.Equal("/account/password", Forms.Location(dashboard));
        Assert.Equal("/staff?passwordChanged=1", Forms.Location(changed));
        Assert.Equal(HttpStatusCode.OK, dashboardAfter.StatusCode);
    }

    [Fact]
    public async Task AccountsPage_DuplicateUserName_ShowsErrorNamingIt()
    {
        using var admin = await SignedInAsync(StaffRole.Admin);

        using var response = await Forms.SubmitAsync(admin, "/staff/users", new Dictionary<string, string>
        {
            ["NewUserName"] = OutreachAppFactory.AdminUserName.ToUpperInvariant(),
            ["NewDisplayName"] = "Trùng tên",
            ["NewRole"] = nameof(StaffRole.Driver),
            ["NewPassword"] = "tam-thoi-12345",
        }, "create-user");

        Assert.Contains("id=\"create-user-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpClient> SignedInAsync(StaffRole role) => app.SignedInAsync(role);
}
