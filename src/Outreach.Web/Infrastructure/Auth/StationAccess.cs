using System.Security.Claims;
using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>
/// Which stations a signed-in account works for: an admin every station; a chief, dispatcher or driver only the
/// station of their account; an account that is not an admin and has no station none (it can sign in, change its
/// password and see the dashboard, nothing of any unit). The station is read from the sign-in cookie, which
/// <see cref="SessionCheck"/> compares with the account on every request. The one place that answers "may this account
/// act on that station": <see cref="StationScopeGate"/> for the station a request names, pages for the lists they show.
/// Thread-safe.
/// </summary>
public sealed class StationAccess(StationStore stations)
{
    public static bool IsAdmin(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.IsInRole(Policies.RoleClaim(StaffRole.Admin));
    }

    /// <summary>The account's own station, or null (an admin, or an account without one).</summary>
    public static long? StationOf(ClaimsPrincipal principal) => StaffClaims.StationId(principal);

    /// <summary>Whether the account may act on the station: an admin any, anyone else only their own.</summary>
    public static bool MayActOn(ClaimsPrincipal principal, long stationId) =>
        IsAdmin(principal) || StationOf(principal) == stationId;

    /// <summary>The stations the account may see, in the store's order: all for an admin, else at most its own.</summary>
    public async Task<IReadOnlyList<Station>> VisibleAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (IsAdmin(principal))
        {
            return await stations.ListAsync(cancellationToken);
        }

        return StationOf(principal) is { } own && await stations.GetAsync(own, cancellationToken) is { } station ? [station] : [];
    }
}
