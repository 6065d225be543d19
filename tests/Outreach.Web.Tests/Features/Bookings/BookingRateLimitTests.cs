using System.Net;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

public sealed class BookingRateLimitTests
{
    [Fact]
    public async Task BookingPages_MoreRequestsThanTheLimit_Localized429()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:RateLimit:PerClientPerMinute"] = "3";
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/language?culture=en&returnUrl=/")).Dispose();

        // The start page, the form and the find page share the client's budget of 3 a minute.
        foreach (var url in new[] { "/booking", scenario.WizardUrl, "/booking/find" })
        {
            using var allowed = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync(scenario.WizardUrl);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
    }
}
