using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Outreach.Data.Stores;
using Outreach.Web.Infrastructure.Http;

namespace Outreach.Web.Features.SignIn;

/// <summary>
/// Remembers, in a protected cookie, that this browser signed in to an account before (the user name and a random id of
/// the browser, for <see cref="Lifetime"/>). A sign-in attempt from such a browser for that account is throttled on its
/// own (<see cref="SignInThrottle"/>): guessing from other addresses, or from the same carrier address, does not slow
/// the person down. The cookie grants nothing else and is sent only to the sign-in page. Thread-safe.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection)
{
    public const string CookieName = "outreach.device";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Outreach.SignIn.KnownDevice").ToTimeLimitedDataProtector();

    /// <summary>The client as the throttle counts it for a sign-in with <paramref name="userName"/>.</summary>
    public SignInClient ClientFor(HttpContext context, string userName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(userName);
        if (Read(context) is { } device && device.UserName == StaffUserStore.Normalize(userName))
        {
            return new SignInClient("device:" + device.Id, KnownDevice: true);
        }

        return new SignInClient(ClientAddress.KeyOf(context), KnownDevice: false);
    }

    /// <summary>After a successful sign-in: this browser is known for <paramref name="userName"/> (the browser id is kept).</summary>
    public void Remember(HttpContext context, string userName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(userName);
        var id = Read(context)?.Id ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var value = _protector.Protect($"{StaffUserStore.Normalize(userName)}\n{id}", Lifetime);
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/sign-in",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    private (string UserName, string Id)? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
