using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

public sealed class RouteSheetLinksTests
{
    private static readonly TripKey Key = new(12, PlanResourceKind.Vehicle, 3, HandBuiltPlans.Tuesday, 2);

    [Fact]
    public void DefaultExpiry_TripOnTuesday_EndOfWednesdayVietnamTime()
    {
        // Thursday 00:00 in Asia/Ho_Chi_Minh (UTC+7) is Wednesday 17:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), RouteSheetLinks.DefaultExpiry(HandBuiltPlans.Tuesday));
    }

    [Fact]
    public void Read_FreshToken_ValidWithTheSameTrip()
    {
        var clock = new ManualClock(ManualClock.MondayMorning);
        var links = new RouteSheetLinks(new EphemeralDataProtectionProvider(), clock);

        var check = links.Read(links.CreateToken(Key));

        Assert.Equal(LinkStatus.Valid, check.Status);
        Assert.Equal(Key, check.Key);
        Assert.Equal(RouteSheetLinks.DefaultExpiry(Key.Date), check.ExpiresAt);
    }

    [Fact]
    public void Read_ClockMovedPastTheExpiry_Expired()
    {
        var clock = new ManualClock(ManualClock.MondayMorning);
        var links = new RouteSheetLinks(new EphemeralDataProtectionProvider(), clock);
        var token = links.CreateToken(Key);

        // Monday 01:00 UTC + 2 days 15 h = Wednesday 16:00 UTC: an hour before the expiry, still valid.
        clock.Advance(TimeSpan.FromHours(63));
        Assert.Equal(LinkStatus.Valid, links.Read(token).Status);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(LinkStatus.Expired, links.Read(token).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(-2)]
    public void Read_OneCharacterChanged_Invalid(int position)
    {
        // Not the last character: its low bits can be base64 padding that decoding ignores.
        var links = new RouteSheetLinks(new EphemeralDataProtectionProvider(), new ManualClock(ManualClock.MondayMorning));
        var token = links.CreateToken(Key);
        int i = position < 0 ? token.Length + position : position;
        var tampered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];

        Assert.Equal(LinkStatus.Invalid, links.Read(tampered).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("%%%")]
    public void Read_Garbage_Invalid(string? token)
    {
        var links = new RouteSheetLinks(new EphemeralDataProtectionProvider(), new ManualClock(ManualClock.MondayMorning));

        Assert.Equal(LinkStatus.Invalid, links.Read(token).Status);
    }

    [Fact]
    public void Read_TokenOfAnotherPurpose_Invalid()
    {
        // Same key ring, another feature's protector: it must not open a route sheet.
        var provider = new EphemeralDataProtectionProvider();
        var other = provider.CreateProtector("Outreach.SomethingElse").Protect(new byte[34]);
        var links = new RouteSheetLinks(provider, new ManualClock(ManualClock.MondayMorning));

        Assert.Equal(LinkStatus.Invalid, links.Read(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(other)).Status);
    }

    [Fact]
    public async Task DriverPage_ValidLink_ShowsOnlyThatTrip_NoStoreNoReferrer()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var links = app.Services.GetRequiredService<RouteSheetLinks>();
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(links.PathFor(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Lộ trình xe: Xe đón phường (7 chỗ)", html, StringComparison.Ordinal);
        Assert.Contains(plan.Bookings["Lan"].Code, html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:0912345678\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"geo:10.78620,106.68840?q=10.78620,106.68840\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        // Trip 2's return times are not on trip 1's page; the unserved family is on no sheet.
        Assert.DoesNotContain("10:45", html, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Bookings["Tuấn"].Code, html, StringComparison.Ordinal);
        Assert.DoesNotContain("site-nav", html, StringComparison.Ordinal);
        // The check-off forms' antiforgery token adds no-cache; no-store is what keeps the phones out of every cache.
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task DriverPage_ExpiredLink_410WithALocalizedPageAndNoData()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var path = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));
        using var client = app.CreateBrowserLikeClient();
        app.Clock.Advance(TimeSpan.FromDays(3));

        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        using var pdf = await client.GetAsync(path + "/pdf");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Đường dẫn đã hết hạn", html, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, html, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, pdf.StatusCode);
        Assert.Equal("text/html", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DriverPage_TamperedLink_404InEnglishWhenChosen()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var path = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));
        var tampered = path[..^3] + (path[^3] == 'x' ? 'y' : 'x') + path[^2..];
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/language?culture=en&returnUrl=/")).Dispose();

        using var response = await client.GetAsync(tampered);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, html[..Math.Min(html.Length, 3000)]);
        Assert.Contains("This link is not valid", html, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriverPage_ValidLinkToADeletedDraft_404()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var path = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(new TripKey(plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, 1));
        Assert.True(await app.Services.GetRequiredService<Outreach.Data.Stores.PlanStore>().DeleteDraftAsync(plan.PlanId));
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Đường dẫn không hợp lệ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamLeadPage_ValidLink_ShowsTheTeamDayWithContactsToCall()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        var path = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(plan.Key);
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(path);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        using var pdf = await client.GetAsync(path + "/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(
            ["Lịch trình tổ: Tổ lưu động 2", "Nhà văn hóa Xóm Lát Đá", "href=\"tel:0912000555\"", "Thu nhận lại 2 người (lần trước lỗi)", "Lường Văn Khoa (tổ trưởng)"],
            expected => Assert.Contains(expected, html, StringComparison.Ordinal));
        // Officers' own phones stay off the sheet; the page is never cached.
        Assert.DoesNotContain("0912345602", html, StringComparison.Ordinal);
        // The check-off forms' antiforgery token adds no-cache; no-store is what keeps the phones out of every cache.
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"lich-trinh-2026-11-24-to-{plan.Team.Id}.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar ?? pdf.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task TeamLeadPage_TamperedOrExpiredLink_RefusedWithoutTheTeamDay()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        var path = app.Services.GetRequiredService<RouteSheetLinks>().PathFor(plan.Key);
        var tampered = path[..^3] + (path[^3] == 'x' ? 'y' : 'x') + path[^2..];
        using var client = app.CreateBrowserLikeClient();

        using var altered = await client.GetAsync(tampered);
        using var alteredPdf = await client.GetAsync(tampered + "/pdf");
        // The link works to the end of the day after the visit (Wednesday 24:00 Vietnam time), not a minute longer.
        app.Clock.Advance(RouteSheetLinks.DefaultExpiry(HandBuiltTeamPlan.Date) - app.Clock.GetUtcNow());
        using var expired = await client.GetAsync(path);
        using var expiredPdf = await client.GetAsync(path + "/pdf");

        Assert.Equal(HttpStatusCode.NotFound, altered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alteredPdf.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expiredPdf.StatusCode);
        foreach (var response in new[] { altered, alteredPdf, expired, expiredPdf })
        {
            var body = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.DoesNotContain("Lát Đá", body, StringComparison.Ordinal);
            Assert.DoesNotContain("0912000555", body, StringComparison.Ordinal);
        }
    }
}
