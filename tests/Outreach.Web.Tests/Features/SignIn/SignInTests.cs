using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.SignIn;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.SignIn;

public sealed partial class SignInTests
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

    // Issue 14, finding 6: five wrong passwords from anywhere locked the account for everyone for 15 minutes (an admin
    // included), and the lock message said that the account existed.
    [Fact]
    public async Task SignIn_GuessingFromAnotherAddress_NeverLocksTheRealPersonOut()
    {
        using var app = new OutreachAppFactory();
        await app.CreateUserAsync("laixe1", "dung-mat-khau-1", StaffRole.Driver);
        using var attacker = app.CreateBrowserLikeClient("203.0.113.7");
        using var person = app.CreateBrowserLikeClient("198.51.100.20");

        for (var i = 0; i < 8; i++)
        {
            (await Forms.SignInAsync(attacker, "laixe1", $"doan-mo-{i}")).Dispose();
        }

        using var personSignsIn = await Forms.SignInAsync(person, "laixe1", "dung-mat-khau-1");
        using var attackerWithTheRightPassword = await Forms.SignInAsync(attacker, "laixe1", "dung-mat-khau-1");
        using var admin = app.CreateBrowserLikeClient("198.51.100.21");
        for (var i = 0; i < 8; i++)
        {
            (await Forms.SignInAsync(attacker, OutreachAppFactory.AdminUserName, $"doan-mo-{i}")).Dispose();
        }

        using var adminSignsIn = await Forms.SignInAsync(admin, OutreachAppFactory.AdminUserName, OutreachAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, personSignsIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, adminSignsIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, attackerWithTheRightPassword.StatusCode);
        Assert.Contains("thử lại sau 08:0", await ErrorAsync(attackerWithTheRightPassword), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_TooManyFailures_SameAnswerForAnAccountAndForANameNobodyHas()
    {
        using var app = new OutreachAppFactory();
        await app.CreateUserAsync("dieuphoi1", "dung-mat-khau-2", StaffRole.Dispatcher);
        using var client = app.CreateBrowserLikeClient("203.0.113.8");
        var answers = new Dictionary<string, List<string>>();
        foreach (var name in new[] { "dieuphoi1", "khong-ai-co-ten-nay" })
        {
            answers[name] = [];
            for (var i = 0; i < SignInThrottle.FreeFailures + 2; i++)
            {
                using var response = await Forms.SignInAsync(client, name, "sai-mat-khau");
                answers[name].Add($"{(int)response.StatusCode} {await ErrorAsync(response)}");
            }
        }

        Assert.Equal(answers["dieuphoi1"], answers["khong-ai-co-ten-nay"]);
        Assert.All(answers["dieuphoi1"].Take(SignInThrottle.FreeFailures), a => Assert.Equal("200 Sai tên đăng nhập hoặc mật khẩu.", a));
        Assert.All(answers["dieuphoi1"].Skip(SignInThrottle.FreeFailures), a => Assert.Contains("thử lại sau 08:00", a, StringComparison.Ordinal));
        Assert.DoesNotContain(answers["dieuphoi1"], a => a.Contains("khóa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_AfterTheFreeFailures_EachWaitDoublesAndTheRightPasswordThenWorks()
    {
        using var app = new OutreachAppFactory();
        await app.CreateUserAsync("chihuy2", "dung-mat-khau-3", StaffRole.Chief);
        using var client = app.CreateBrowserLikeClient("203.0.113.9");
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            (await Forms.SignInAsync(client, "chihuy2", "sai")).Dispose();
        }

        // Monday 08:00:00: five failures; the next try waits 30 s, after a sixth failure 60 s.
        using var tooSoon = await Forms.SignInAsync(client, "chihuy2", "dung-mat-khau-3");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        using var sixth = await Forms.SignInAsync(client, "chihuy2", "sai");
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        using var stillTooSoon = await Forms.SignInAsync(client, "chihuy2", "dung-mat-khau-3");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var right = await Forms.SignInAsync(client, "chihuy2", "dung-mat-khau-3");

        Assert.Contains("thử lại sau 08:00", await ErrorAsync(tooSoon), StringComparison.Ordinal);
        Assert.Equal("Sai tên đăng nhập hoặc mật khẩu.", await ErrorAsync(sixth));
        Assert.Contains("thử lại sau 08:01", await ErrorAsync(stillTooSoon), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.Delay(40, SignInThrottle.FreeFailures));
    }

    [Fact]
    public async Task SignIn_GuessingFromManyAddresses_SlowsNewClientsButNotABrowserThatSignedInBefore()
    {
        using var app = new OutreachAppFactory();
        await app.CreateUserAsync("chihuy3", "dung-mat-khau-4", StaffRole.Chief);
        using var known = app.CreateBrowserLikeClient("198.51.100.30");
        (await Forms.SignInAsync(known, "chihuy3", "dung-mat-khau-4")).Dispose();
        (await Forms.SubmitAsync(known, "/staff", new Dictionary<string, string>(), formName: null)).Dispose();

        for (var i = 0; i <= SignInThrottle.AccountFreeFailures; i++)
        {
            using var bot = app.CreateBrowserLikeClient($"203.0.{113 + (i / 200)}.{(i % 200) + 1}");
            (await Forms.SignInAsync(bot, "chihuy3", $"doan-{i}")).Dispose();
        }

        using var newClient = app.CreateBrowserLikeClient("198.51.100.31");
        using var fromNewClient = await Forms.SignInAsync(newClient, "chihuy3", "dung-mat-khau-4");
        using var fromKnownBrowser = await Forms.SignInAsync(known, "chihuy3", "dung-mat-khau-4");

        Assert.Contains("thử lại sau", await ErrorAsync(fromNewClient), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, fromKnownBrowser.StatusCode);
    }

    [Fact]
    public async Task CheckAsync_UnknownNameOrWrongPassword_OneHashCheckEach()
    {
        using var app = new OutreachAppFactory();
        await app.CreateUserAsync("laixe2", "dung-mat-khau-5", StaffRole.Driver);
        var hasher = new CountingHasher();
        var service = new StaffSignInService(app.Services.GetRequiredService<StaffUserStore>(), hasher, new SignInThrottle(app.Clock),
            NullLogger<StaffSignInService>.Instance);
        var client = new SignInClient("203.0.113.10", KnownDevice: false);

        var unknown = await service.CheckAsync("khong-co-ai", "sai-mat-khau", client);
        var afterUnknown = hasher.Verifications;
        var wrong = await service.CheckAsync("laixe2", "sai-mat-khau", client);

        Assert.IsType<SignInOutcome.Failed>(unknown);
        Assert.IsType<SignInOutcome.Failed>(wrong);
        Assert.Equal((1, 2), (afterUnknown, hasher.Verifications));
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

    // Issue 14, finding 5: the cookie's value stayed valid after sign-out (a copy kept by a proxy, a shared computer or
    // a thief still got 200), since signing out only told the browser to forget it.
    [Fact]
    public async Task SignOut_TheOldCookieReplayed_Gets401()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();
        using var signIn = await Forms.SignInAsync(client, OutreachAppFactory.AdminUserName, OutreachAppFactory.AdminPassword);
        var cookie = AuthCookie(signIn);
        using var replay = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var before = await GetWithCookieAsync(replay, "/api/me", cookie);

        using var signOut = await Forms.SubmitAsync(client, "/staff", new Dictionary<string, string>(), formName: null);
        using var after = await GetWithCookieAsync(replay, "/api/me", cookie);
        using var page = await GetWithCookieAsync(replay, "/staff", cookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.StartsWith("/sign-in", Forms.Location(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AgainAfterSignOut_Works()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, OutreachAppFactory.AdminUserName, OutreachAppFactory.AdminPassword)).Dispose();
        (await Forms.SubmitAsync(client, "/staff", new Dictionary<string, string>(), formName: null)).Dispose();

        using var again = await Forms.SignInAsync(client, OutreachAppFactory.AdminUserName, OutreachAppFactory.AdminPassword);
        using var me = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
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

    /// <summary>"outreach.auth=..." as the sign-in answer set it.</summary>
    internal static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("outreach.auth=", StringComparison.Ordinal)).Split(';')[0];

    internal static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>The sign-in page's error message ("" when none).</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        var match = SignInError().Match(await response.Content.ReadAsStringAsync());
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }

    [GeneratedRegex("id=\"sign-in-error\">([^<]*)<")]
    private static partial Regex SignInError();

    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> inner = new();

        public int Verifications { get; private set; }

        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
