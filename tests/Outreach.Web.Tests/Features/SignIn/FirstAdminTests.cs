using System.Net;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.SignIn;

public sealed class FirstAdminTests
{
    [Fact]
    public async Task FirstStart_NoAdminConfigured_ShowsOneTimePasswordOnceAndDemandsAChange()
    {
        // Both starts share one data folder the test owns (a factory deletes only folders it made).
        var folder = Directory.CreateTempSubdirectory("outreach-web-restart-").FullName;
        string password;
        using (var first = new OutreachAppFactory { ConfigureAdmin = false, DataFolder = folder })
        {
            using var client = first.CreateBrowserLikeClient();
            var shown = Assert.Single(first.Notices.Shown);
            Assert.Equal("admin", shown.UserName);
            Assert.Equal(16, shown.Password.Length);
            password = shown.Password;

            using var signIn = await Forms.SignInAsync(client, "admin", password);
            using var elsewhere = await client.GetAsync("/staff/users");
            using var api = await client.GetAsync("/api/me");

            Assert.Equal("/account/password", Forms.Location(signIn));
            Assert.Equal("/account/password", Forms.Location(elsewhere));
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        }

        // A second start on the same data prints nothing: an account exists now.
        using var second = new OutreachAppFactory { ConfigureAdmin = false, DataFolder = folder };
        using var again = second.CreateBrowserLikeClient();
        using var stillWorks = await Forms.SignInAsync(again, "admin", password);
        Assert.Empty(second.Notices.Shown);
        Assert.Equal("/account/password", Forms.Location(stillWorks));
        second.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ChangePassword_TooShortOrMismatched_IsRefusedWithReason()
    {
        using var app = new OutreachAppFactory { ConfigureAdmin = false };
        using var client = app.CreateBrowserLikeClient();
        var password = Assert.Single(app.Notices.Shown).Password;
        (await Forms.SignInAsync(client, "admin", password)).Dispose();

        using var tooShort = await Forms.SubmitAsync(client, "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = password,
            ["NewPassword"] = "ngan",
            ["ConfirmPassword"] = "ngan",
        }, "change-password");
        using var mismatch = await Forms.SubmitAsync(client, "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = password,
            ["NewPassword"] = "mot-mat-khau-dai",
            ["ConfirmPassword"] = "mot-mat-khau-khac",
        }, "change-password");

        Assert.Contains("Mật khẩu phải có ít nhất 10 ký tự.", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Hai lần nhập mật khẩu mới không khớp.", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void FirstStart_AdminConfigured_PrintsNothing()
    {
        using var app = new OutreachAppFactory();
        using var client = app.CreateBrowserLikeClient();

        Assert.Empty(app.Notices.Shown);
    }
}
