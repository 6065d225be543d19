using System.Net;
using Outreach.Domain;
using Outreach.Web.Features.SignIn;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.SignIn;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("1234567890")] // common, and digits only
    [InlineData("qwertyuiop")]
    [InlineData("Password123")] // a common word with digits after it
    [InlineData("iloveyou2026!")]
    [InlineData("2026Dragon!!")]
    [InlineData("1q2w3e4r5t")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    public void Check_CommonPasswords_Refused(string password) =>
        Assert.Equal("Password.Common", PasswordRules.Check(password, "laixe1"));

    [Theory]
    [InlineData("0912345678")] // a phone number
    [InlineData("0912 345 678")]
    [InlineData("15081990-2024")] // dates
    public void Check_DigitsOnly_Refused(string password) =>
        Assert.Equal("Password.DigitsOnly", PasswordRules.Check(password));

    [Theory]
    [InlineData("Outreach2026!", null)]
    [InlineData("Công An 2026!", null)]
    [InlineData("congan-xa-123", null)]
    [InlineData("mật khẩu 2026", null)]
    [InlineData("tranvanhung-99", "tranvanhung")] // the user name and a little
    [InlineData("Tran.Van.Hung.2026", "TranVanHung")]
    public void Check_UserNameOrObviousWordWithTooLittleElse_Refused(string password, string? userName) =>
        Assert.Equal("Password.Guessable", PasswordRules.Check(password, userName));

    [Theory]
    [InlineData("sáng nay mưa to ở Bình Sơn", "laixe1")]
    [InlineData("correct horse battery staple", "laixe1")]
    [InlineData("ca-phe-sua-da-luc-7-gio", "chihuy")]
    [InlineData("outreach giúp trẻ em ở Lát Đá", "chihuy")] // an obvious word, but with plenty else
    [InlineData("8471209355617720", null)] // sixteen digits: no longer a phone number or a date
    public void Check_PassphrasesAndLongRandomOnes_Accepted(string password, string? userName) =>
        Assert.Null(PasswordRules.Check(password, userName));

    [Fact]
    public void Check_LengthRulesFirst()
    {
        Assert.Equal("Password.Required", PasswordRules.Check(""));
        Assert.Equal("Password.TooShort", PasswordRules.Check("123456"));
        Assert.Equal("Password.TooLong", PasswordRules.Check(new string('x', 201)));
        Assert.Equal("Password.Required", PasswordRules.Check(new string(' ', 12)));
    }

    [Fact]
    public async Task ChangePassword_ACommonPassword_RefusedAndTheOldOneStillWorks()
    {
        using var app = new OutreachAppFactory();
        await app.CreateUserAsync("dieuphoi9", "mat-khau-cu-1234", StaffRole.Dispatcher);
        using var client = app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, "dieuphoi9", "mat-khau-cu-1234")).Dispose();

        using var response = await Forms.SubmitAsync(client, "/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "mat-khau-cu-1234",
            ["NewPassword"] = "password12345",
            ["ConfirmPassword"] = "password12345",
        }, "change-password");
        using var again = app.CreateBrowserLikeClient();
        using var oldStillWorks = await Forms.SignInAsync(again, "dieuphoi9", "mat-khau-cu-1234");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nằm trong số mật khẩu phổ biến nhất", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, oldStillWorks.StatusCode);
    }
}
