using System.Security.Claims;
using Outreach.Data.Stores;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Which stations' plans a signed-in staff member may see: an admin, or an account without a station
/// (province-wide), sees every station; an account tied to a station sees only that one. Thread-safe.
/// </summary>
public sealed class StationAccess(StaffUserStore users)
{
    public async Task<bool> CanSeeAsync(ClaimsPrincipal principal, long stationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsInRole(Policies.RoleClaim(Domain.StaffRole.Admin)))
        {
            return true;
        }

        if (StaffClaims.UserId(principal) is not { } id || await users.GetAsync(id, cancellationToken) is not { } user)
        {
            return false;
        }

        return user.StationId is null || user.StationId == stationId;
    }
}
