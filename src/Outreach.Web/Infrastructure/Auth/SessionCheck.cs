using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Data.Stores;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>
/// On every request with a sign-in cookie: the account must still exist, not be disabled, and have the same security
/// stamp, role and station as the cookie, otherwise the cookie is refused and the person signs in again. The stamp
/// changes at sign-out, with a new password, a new role or station and when the account is disabled, so each of these
/// ends the account's sessions on every device at their next request, a copy of an old cookie included. One indexed read
/// per staff request.
/// </summary>
internal static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal is null ? null : StaffClaims.UserId(principal);
        var users = context.HttpContext.RequestServices.GetRequiredService<StaffUserStore>();
        var user = id is { } userId ? await users.GetAsync(userId, context.HttpContext.RequestAborted) : null;
        if (user is null
            || principal is null
            || user.IsDisabled
            || string.IsNullOrEmpty(user.SecurityStamp)
            || principal.FindFirstValue(StaffClaims.SecurityStamp) != user.SecurityStamp
            || principal.FindFirstValue(ClaimTypes.Role) != Policies.RoleClaim(user.Role)
            || (principal.FindFirstValue(StaffClaims.Station) ?? "") != StaffClaims.StationValue(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
