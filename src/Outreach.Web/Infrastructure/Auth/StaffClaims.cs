using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Domain;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>What the sign-in cookie says about a staff member: id, user name, display name, role, and
/// whether the password must be changed before anything else.</summary>
public static class StaffClaims
{
    public const string DisplayName = "outreach:display_name";
    public const string MustChangePassword = "outreach:must_change_password";

    public static ClaimsPrincipal CreatePrincipal(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayName, user.DisplayName),
            new(ClaimTypes.Role, Policies.RoleClaim(user.Role)),
        };
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(
            claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static long? UserId(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var value = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public static bool MustChange(ClaimsPrincipal principal) =>
        principal?.HasClaim(MustChangePassword, "true") == true;
}
