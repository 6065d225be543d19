using System.Net;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Home;

public sealed class HomePageTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    [Fact]
    public async Task Get_NoLanguageChosen_RendersVietnamese()
    {
        using var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("Đưa việc cấp căn cước đến tận người dân", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sign-in\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BrowserAsksForEnglish_PageStaysVietnamese()
    {
        // Pages are Vietnamese first: only the switch (cookie) changes them, not the browser's header.
        using var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_SetsCookieAndPageTurnsEnglish()
    {
        using var client = app.CreateBrowserLikeClient();
        var home = await client.GetStringAsync("/");
        // The page's own switch link, as a person without JavaScript would follow it.
        Assert.Contains("href=\"/language?culture=en&amp;returnUrl=%2F\"", home, StringComparison.Ordinal);

        using var switched = await client.GetAsync("/language?culture=en&returnUrl=%2F");
        var html = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location?.OriginalString);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Bringing ID-card enrolment to people", html, StringComparison.Ordinal);
        Assert.Contains("Tiếng Việt", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_BackToVietnamese_PageTurnsVietnamese()
    {
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/language?culture=en&returnUrl=%2F")).Dispose();
        (await client.GetAsync("/language?culture=vi&returnUrl=%2F")).Dispose();

        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task LanguageSwitch_ReturnUrlOffSite_RedirectsHome(string returnUrl)
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/language?culture=en&returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_AnyPage_FooterCarriesMapAttribution()
    {
        using var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("© OpenStreetMap contributors", html, StringComparison.Ordinal);
        Assert.Contains("ODbL", html, StringComparison.Ordinal);
        Assert.Contains("dvhcvn", html, StringComparison.Ordinal);
        Assert.Contains("GPL-3.0", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HomePage_RadzenThemeAndSiteCssAreServed()
    {
        using var client = app.CreateBrowserLikeClient();
        var html = await client.GetStringAsync("/");

        foreach (var href in new[] { "_content/Radzen.Blazor/css/material", "css/site" })
        {
            var start = html.IndexOf(href, StringComparison.Ordinal);
            Assert.True(start > 0, $"no link to {href}");
            var end = html.IndexOf('"', start);
            using var css = await client.GetAsync("/" + html[start..end]);
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Get_UnknownPage_Returns404InVietnamese()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/khong-co-trang-nay");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", html, StringComparison.Ordinal);
    }
}
