using Outreach.Domain;

namespace Outreach.Web.Infrastructure.Auth;

/// <summary>
/// Authorization policies by what a person may do. Roles nest: an admin may do what a chief may, a
/// chief what a dispatcher may; drivers see only staff-wide pages (their route sheets come by link).
/// Which station they may do it on is the other half, stated by every staff endpoint and checked in one
/// place: see <see cref="StationScopeGate"/> and <see cref="StationAccess"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in staff member (admin, chief, dispatcher, driver).</summary>
    public const string Staff = "staff";

    /// <summary>Enters bookings by phone, manages sites and vehicles: dispatcher, chief, admin.</summary>
    public const string Dispatcher = "dispatcher";

    /// <summary>Plans and publishes: chief, admin.</summary>
    public const string Chief = "chief";

    /// <summary>Manages accounts and stations: admin.</summary>
    public const string Admin = "admin";

    /// <summary>The role claim value written for each role (lower-case, stable in cookies).</summary>
    public static string RoleClaim(StaffRole role) => role switch
    {
        StaffRole.Admin => "admin",
        StaffRole.Chief => "chief",
        StaffRole.Dispatcher => "dispatcher",
        StaffRole.Driver => "driver",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown staff role."),
    };

    internal static readonly string[] StaffRoles = ["admin", "chief", "dispatcher", "driver"];
    internal static readonly string[] DispatcherRoles = ["admin", "chief", "dispatcher"];
    internal static readonly string[] ChiefRoles = ["admin", "chief"];
    internal static readonly string[] AdminRoles = ["admin"];
}
