using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Data.Stores;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>
/// On every request with a sign-in cookie: the account must still exist with the same role and the
/// same password, otherwise the cookie is dropped and the person signs in again. So a changed
/// password ends sessions on other devices, and a role change takes effect at once. One indexed
/// read per staff request.
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
            || principal.FindFirstValue(StaffClaims.PasswordStamp) != StaffClaims.Stamp(user)
            || principal.FindFirstValue(ClaimTypes.Role) != Policies.RoleClaim(user.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
