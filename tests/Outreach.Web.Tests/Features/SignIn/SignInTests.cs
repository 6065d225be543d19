using System.Net;
using Outreach.Domain;
using Outreach.Web.Features.SignIn;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.SignIn;

public sealed class SignInTests
{
    [Fact]
    public async Task SignIn_RightPassword_SetsCookieAndOpensDashboard()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SignInAsync(client, OutreachAppFactory.AdminUserName, OutreachAppFactory.AdminPassword);
        using var dashboard = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", Forms.Location(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("outreach.auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Bảng điều hành", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UserNameInOtherCase_IsAccepted()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SignInAsync(client, "QuanTri", OutreachAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndSetsNoCookie()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SignInAsync(client, OutreachAppFactory.AdminUserName, "not-the-password");
        var html = await response.Content.ReadAsStringAsync();
        using var dashboard = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu.", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("outreach.auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownUser_ShowsTheSameErrorAsAWrongPassword()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SignInAsync(client, "khong-ai-ca", "whatever-password");

        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksEvenTheRightPasswordFor15Minutes()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();
        await app.CreateUserAsync("laixe1", "dung-mat-khau-1", StaffRole.Driver);

        // Failures 1-4 only count; the 5th locks the account until 08:15 (the clock is Monday 08:00 in Vietnam).
        for (var i = 1; i <= StaffSignInService.MaxFailedAttempts - 1; i++)
        {
            using var failed = await Forms.SignInAsync(client, "laixe1", "sai-mat-khau");
            Assert.Contains("Sai tên đăng nhập hoặc mật khẩu.", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var fifth = await Forms.SignInAsync(client, "laixe1", "sai-mat-khau");
        using var rightButLocked = await Forms.SignInAsync(client, "laixe1", "dung-mat-khau-1");
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        using var stillLocked = await Forms.SignInAsync(client, "laixe1", "dung-mat-khau-1");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var unlocked = await Forms.SignInAsync(client, "laixe1", "dung-mat-khau-1");

        Assert.Contains("Thử lại sau 08:15.", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rightButLocked.StatusCode);
        Assert.Contains("Tài khoản tạm khóa", await rightButLocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
    }

    [Fact]
    public async Task SignIn_SuccessAfterFailures_ResetsTheCount()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();
        await app.CreateUserAsync("dieuphoi1", "dung-mat-khau-2", StaffRole.Dispatcher);

        // 4 failures, a success (count back to 0), then 4 more failures: never 5 in a row, so no lock.
        for (var i = 0; i < 4; i++)
        {
            (await Forms.SignInAsync(client, "dieuphoi1", "sai")).Dispose();
        }

        (await Forms.SignInAsync(client, "dieuphoi1", "dung-mat-khau-2")).Dispose();
        using var anotherClient = app.CreateBrowserLikeClient();
        for (var i = 0; i < 4; i++)
        {
            (await Forms.SignInAsync(anotherClient, "dieuphoi1", "sai")).Dispose();
        }

        using var response = await Forms.SignInAsync(anotherClient, "dieuphoi1", "dung-mat-khau-2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_IsRejected()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["UserName"] = OutreachAppFactory.AdminUserName,
            ["Password"] = OutreachAppFactory.AdminPassword,
        });

        using var response = await client.PostAsync("/sign-in", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_ReturnUrlOnSite_GoesBackThere_OffSiteIgnored()
    {
        using var app = new OutreachAppFactory();
        using var local = app.CreateBrowserLikeClient();
        using var offSite = app.CreateBrowserLikeClient();
        var fields = new Dictionary<string, string> { ["UserName"] = OutreachAppFactory.AdminUserName, ["Password"] = OutreachAppFactory.AdminPassword };

        using var toLocal = await Forms.SubmitAsync(local, "/sign-in?returnUrl=%2Fstaff%2Fusers", fields, "sign-in");
        using var toOffSite = await Forms.SubmitAsync(offSite, "/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F", fields, "sign-in");

        Assert.Equal("/staff/users", Forms.Location(toLocal));
        Assert.Equal("/", Forms.Location(toOffSite));
    }

    [Fact]
    public async Task SignOut_AfterSignIn_DashboardAsksToSignInAgain()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, OutreachAppFactory.AdminUserName, OutreachAppFactory.AdminPassword)).Dispose();

        // The sign-out button is a form in the header of every page.
        using var signOut = await Forms.SubmitAsync(client, "/staff", new Dictionary<string, string>(), formName: null);
        using var dashboard = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/sign-in", Forms.Location(dashboard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_OnOneDevice_SignsOutTheOthers()
    {
        using var app = new OutreachAppFactory();
        await app.CreateUserAsync("chihuy1", "mat-khau-cu-1234", StaffRole.Chief);
        using var phone = app.CreateBrowserLikeClient();
        using var office = app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(phone, "chihuy1", "mat-khau-cu-1234")).Dispose();
        (await Forms.SignInAsync(office, "chihuy1", "mat-khau-cu-1234")).Dispose();

        using var changed = await Forms.SubmitAsync(office, "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "mat-khau-cu-1234",
            ["NewPassword"] = "mat-khau-moi-5678",
            ["ConfirmPassword"] = "mat-khau-moi-5678",
        }, "change-password");
        using var officeAfter = await office.GetAsync("/staff");
        using var phoneAfter = await phone.GetAsync("/staff");

        Assert.Equal("/staff?passwordChanged=1", Forms.Location(changed));
        Assert.Equal(HttpStatusCode.OK, officeAfter.StatusCode);
        Assert.StartsWith("/sign-in", Forms.Location(phoneAfter), StringComparison.Ordinal);
    }
}
