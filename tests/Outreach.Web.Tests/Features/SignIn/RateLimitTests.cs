using System.Net;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.SignIn;

public sealed class RateLimitTests
{
    [Fact]
    public async Task SignInPage_MoreRequestsThanTheLimit_429WithRetryAfter()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:RateLimit:PerClientPerMinute"] = "5";
        using var client = app.CreateBrowserLikeClient();

        // Five requests in the minute are allowed; the sixth is refused. Other pages are not limited.
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await client.GetAsync("/sign-in");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/sign-in");
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Quá nhiều yêu cầu", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
