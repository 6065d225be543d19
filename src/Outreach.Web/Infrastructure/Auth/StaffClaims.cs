using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Domain;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>What the sign-in cookie says about a staff member: id, user name, display name, role, station (none for an
/// admin), and whether the password must be changed before anything else.</summary>
public static class StaffClaims
{
    public const string DisplayName = "outreach:display_name";
    public const string MustChangePassword = "outreach:must_change_password";

    /// <summary>The account's station id; absent when it has none. <see cref="SessionCheck"/> keeps it true.</summary>
    public const string Station = "outreach:station_id";

    /// <summary>The account's security stamp when the cookie was made; a cookie whose stamp is no longer the account's
    /// (after sign-out, a new password, a new role or station, disabling) is refused (see <see cref="SessionCheck"/>).</summary>
    public const string SecurityStamp = "outreach:security_stamp";

    public static ClaimsPrincipal CreatePrincipal(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayName, user.DisplayName),
            new(ClaimTypes.Role, Policies.RoleClaim(user.Role)),
            new(SecurityStamp, user.SecurityStamp),
        };
        if (user.StationId is { } stationId)
        {
            claims.Add(new Claim(Station, stationId.ToString(CultureInfo.InvariantCulture)));
        }

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

    public static long? StationId(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var value = principal.FindFirstValue(Station);
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The station claim's value for an account ("" for none), as <see cref="SessionCheck"/> compares it.</summary>
    public static string StationValue(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.StationId?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    public static bool MustChange(ClaimsPrincipal principal) =>
        principal?.HasClaim(MustChangePassword, "true") == true;
}
