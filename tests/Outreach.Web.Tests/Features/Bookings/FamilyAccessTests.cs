using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

public sealed class FamilyAccessTests
{
    private readonly ManualClock clock = new(ManualClock.MondayMorning);
    private readonly EphemeralDataProtectionProvider protection = new();

    [Fact]
    public void Allows_AfterGrant_OnlyTheGrantedBookings()
    {
        var access = new FamilyAccess(protection, clock);
        var cookie = Grant(access, null, 12);
        cookie = Grant(access, cookie, 34);

        Assert.True(access.Allows(WithCookie(cookie), 12));
        Assert.True(access.Allows(WithCookie(cookie), 34));
        Assert.False(access.Allows(WithCookie(cookie), 56));
        Assert.False(access.Allows(new DefaultHttpContext(), 12));
    }

    [Fact]
    public void Allows_TamperedCookie_Nothing()
    {
        var access = new FamilyAccess(protection, clock);
        var cookie = Grant(access, null, 12);

        Assert.False(access.Allows(WithCookie(cookie[..^2] + "xx"), 12));
        Assert.False(access.Allows(WithCookie("1999999999|12"), 12)); // a hand-written value is not protected
    }

    [Fact]
    public void Allows_AfterADay_Nothing()
    {
        var access = new FamilyAccess(protection, clock);
        var cookie = Grant(access, null, 12);

        clock.Advance(FamilyAccess.Lifetime + TimeSpan.FromMinutes(1));

        Assert.False(access.Allows(WithCookie(cookie), 12));
    }

    [Fact]
    public void Grant_Cookie_HttpOnlyLaxAndOnlyForBookingPages()
    {
        var context = new DefaultHttpContext();

        new FamilyAccess(protection, clock).Grant(context, 12);

        var header = context.Response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/booking", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("|12", header, StringComparison.Ordinal);
    }

    private static string Grant(FamilyAccess access, string? existing, long id)
    {
        var context = existing is null ? new DefaultHttpContext() : WithCookie(existing);
        access.Grant(context, id);
        var header = context.Response.Headers.SetCookie.ToString();
        var value = header[(FamilyAccess.CookieName.Length + 1)..header.IndexOf(';', StringComparison.Ordinal)];
        return Uri.UnescapeDataString(value);
    }

    private static DefaultHttpContext WithCookie(string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{FamilyAccess.CookieName}={Uri.EscapeDataString(value)}";
        return context;
    }
}
