using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Infrastructure.Security;

/// <summary>
/// Issue 14, finding 7: no Content-Security-Policy, X-Content-Type-Options or HSTS; X-Frame-Options only on pages with a
/// form (the driver's page had none); forwarded headers ignored, so behind a TLS proxy cookies lost Secure and every
/// client shared one rate-limit bucket; and 30 requests a minute for everyone behind one carrier address.
/// </summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var link = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));
        using var client = app.CreateBrowserLikeClient();
        using var json = new StringContent("{", Encoding.UTF8, "application/json");
        var requests = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("home page", () => client.GetAsync("/")),
            ("driver's page (no form)", () => client.GetAsync(link)),
            ("driver's PDF", () => client.GetAsync(link + "/pdf")),
            ("booking start", () => client.GetAsync("/booking")),
            ("area map", () => client.GetAsync($"/booking/{plan.Station.Id}/map.svg")),
            ("style sheet", () => client.GetAsync("/css/site.css")),
            ("health", () => client.GetAsync("/health")),
            ("API without sign-in (401)", () => client.GetAsync("/api/me")),
            ("API bad body", () => client.PostAsync("/api/stations", json)),
            ("page not found", () => client.GetAsync("/khong-co-trang-nay")),
            ("sign-out without a token (400)", () => client.PostAsync("/sign-out", null)),
        };

        foreach (var (what, send) in requests)
        {
            using var response = await send();
            var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            Assert.True(headers.TryGetValue("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal(("nosniff", "DENY"), (headers.GetValueOrDefault("X-Content-Type-Options"), headers.GetValueOrDefault("X-Frame-Options")));
            Assert.True(headers.ContainsKey("Referrer-Policy"), $"{what}: no Referrer-Policy");
            Assert.False(headers.ContainsKey("Strict-Transport-Security"), $"{what}: HSTS over plain http");
        }
    }

    [Fact]
    public async Task Https_HstsForTheSiteButNotForLocalhost()
    {
        using var app = new OutreachAppFactory();
        using var site = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://outreach.example.vn"), AllowAutoRedirect = false });
        using var local = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var fromSite = await site.GetAsync("/");
        using var fromLocal = await local.GetAsync("/");

        Assert.StartsWith("max-age=", string.Join("", fromSite.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.False(fromLocal.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BehindAConfiguredTlsProxy_CookiesStaySecureAndEachClientHasItsOwnBucket()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:ForwardedHeaders:KnownProxies"] = "10.0.0.5";
        app.Settings["Outreach:RateLimit:PerClientPerMinute"] = "3";
        using var first = ViaProxy(app, "10.0.0.5", "198.51.100.7");
        using var second = ViaProxy(app, "10.0.0.5", "198.51.100.8");

        using var signInPage = await first.GetAsync("/sign-in");
        var firstCodes = new List<HttpStatusCode> { signInPage.StatusCode };
        for (var i = 0; i < 3; i++)
        {
            using var response = await first.GetAsync("/booking");
            firstCodes.Add(response.StatusCode);
        }

        using var secondClient = await second.GetAsync("/booking");
        using var signIn = await SignInViaProxyAsync(app, "10.0.0.5", "198.51.100.9");

        // The proxy said https: the antiforgery cookie and the sign-in cookie are Secure.
        Assert.Contains(signInPage.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("outreach.auth=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstCodes);
        Assert.Equal(HttpStatusCode.OK, secondClient.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeadersFromAnAddressNotConfigured_Ignored()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:ForwardedHeaders:KnownProxies"] = "10.0.0.5";
        app.Settings["Outreach:RateLimit:PerClientPerMinute"] = "2";
        using var spoofA = ViaProxy(app, "203.0.113.50", "198.51.100.1");
        using var spoofB = ViaProxy(app, "203.0.113.50", "198.51.100.2");

        using var signInPage = await spoofA.GetAsync("/sign-in");
        using var second = await spoofB.GetAsync("/booking");
        using var third = await spoofA.GetAsync("/booking");

        // Both come from 203.0.113.50, whatever they claim: one bucket of 2, and no https either.
        Assert.DoesNotContain(signInPage.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task DefaultLimits_FortyFamiliesBehindOneCarrierAddressInAMinute_NoneRefused()
    {
        using var app = new OutreachAppFactory();
        // The test factory raises the limit for other tests: this one runs with the shipped default.
        app.Settings["Outreach:RateLimit:PerClientPerMinute"] = null;
        var scenario = await BookingScenario.CreateAsync(app);
        Assert.True(string.IsNullOrEmpty(app.Services.GetRequiredService<IConfiguration>()["Outreach:RateLimit:PerClientPerMinute"]));
        var refused = 0;
        for (var family = 0; family < 40; family++)
        {
            using var client = app.CreateBrowserLikeClient("100.64.12.34");
            foreach (var url in new[] { "/booking", scenario.WizardUrl, $"{scenario.WizardUrl}/map.svg", "/booking/find" })
            {
                using var response = await client.GetAsync(url);
                refused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
            }

            var fields = scenario.Family();
            fields["action"] = "slots";
            using var slots = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
            refused += slots.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.Equal(0, refused);
    }

    [Fact]
    public async Task Booking_ManyBookingsWithOnePhone_RefusedNamingThePhoneField_OtherPhonesGoOn()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:RateLimit:PerPhoneOrBookingPerHour"] = "3";
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 60);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var client = app.CreateBrowserLikeClient($"100.64.0.{i + 1}");
            using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(phone: "0912 345 678"), "booking");
            codes.Add(response.StatusCode);
            if (i == 3)
            {
                Assert.Contains("id=\"phone-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        using var another = app.CreateBrowserLikeClient("100.64.0.9");
        using var otherPhone = await Forms.SubmitAsync(another, scenario.WizardUrl, scenario.Booking(phone: "0987 111 222"), "booking");

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(HttpStatusCode.Redirect, otherPhone.StatusCode);
    }

    /// <summary>
    /// Signs in as the admin through the proxy, carrying the cookies by hand: a cookie container would not send the
    /// (Secure) antiforgery cookie back over the test server's plain http, as a browser talking https to the proxy does.
    /// </summary>
    private static async Task<HttpResponseMessage> SignInViaProxyAsync(OutreachAppFactory app, string proxy, string client)
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        void Through(HttpRequestMessage request)
        {
            request.Headers.Add(OutreachAppFactory.PeerHeader, proxy);
            request.Headers.Add("X-Forwarded-For", client);
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        Through(get);
        using var page = await http.SendAsync(get);
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var fields = Forms.HiddenInputs(Forms.FindForm(await page.Content.ReadAsStringAsync(), "sign-in"));
        fields["UserName"] = OutreachAppFactory.AdminUserName;
        fields["Password"] = OutreachAppFactory.AdminPassword;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in") { Content = new FormUrlEncodedContent(fields) };
        Through(post);
        post.Headers.Add("Cookie", cookies);
        return await http.SendAsync(post);
    }

    /// <summary>A client whose requests reach the app from <paramref name="proxy"/>, saying they came from <paramref name="client"/> over https.</summary>
    private static HttpClient ViaProxy(OutreachAppFactory app, string proxy, string client)
    {
        var http = app.CreateBrowserLikeClient(proxy);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }
}
