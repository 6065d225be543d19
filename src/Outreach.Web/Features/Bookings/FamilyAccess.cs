using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Which bookings this browser has proven it may see: the one it just made, or one it opened with code + phone. Kept in
/// a protected (encrypted and signed) HttpOnly cookie for a day, so the confirmation and manage pages show a family its
/// own booking only, and a code alone (e.g. read over someone's shoulder) shows nothing. No account, no phone in the
/// cookie, nothing stored on the server.
/// </summary>
public sealed class FamilyAccess(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = ".Outreach.Bookings";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    /// <summary>At most this many bookings per browser (a village head's phone may hold several families).</summary>
    private const int MaxBookings = 20;

    private readonly IDataProtector _protector = protection.CreateProtector("Outreach.Booking.FamilyAccess.v1");

    public bool Allows(HttpContext context, long bookingId) => Read(context).Contains(bookingId);

    public void Grant(HttpContext context, long bookingId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ids = Read(context).Where(id => id != bookingId).Prepend(bookingId).Take(MaxBookings).ToList();
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{expires}|{string.Join(',', ids)}");
        context.Response.Cookies.Append(CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = Lifetime,
            Path = "/booking",
        });
    }

    private HashSet<long> Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return [];
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return []; // tampered with, or from before a key change
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires < clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return [];
        }

        return parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .ToHashSet();
    }
}
