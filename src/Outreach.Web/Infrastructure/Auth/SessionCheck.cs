using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Data.Stores;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>
/// On every request with a sign-in cookie: the account must still exist, not be disabled, and have the same
/// role, station and password, otherwise the cookie is dropped and the person signs in again. So a changed
/// password ends sessions on other devices, a role or station change takes effect at once, and a disabled
/// account's sessions stop at their next request. One indexed read per staff request.
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
            || principal.FindFirstValue(StaffClaims.PasswordStamp) != StaffClaims.Stamp(user)
            || principal.FindFirstValue(ClaimTypes.Role) != Policies.RoleClaim(user.Role)
            || (principal.FindFirstValue(StaffClaims.Station) ?? "") != StaffClaims.StationValue(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
