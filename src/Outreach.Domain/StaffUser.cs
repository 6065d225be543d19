namespace Outreach.Domain;

public enum StaffRole
{
    Admin,
    Chief,
    Dispatcher,
    Driver,
}

/// <summary>
/// A staff account. An admin works for every station and has no <see cref="StationId"/>; every other account acts only
/// on its own station, and one without a station (made before stations were required) on none.
/// <see cref="DisabledAt"/> is set while an admin has disabled the account (it cannot sign in).
/// <see cref="SecurityStamp"/> is a random value every sign-in cookie carries; the store replaces it at sign-out, on a new
/// password, a change of role or station and when the account is disabled, which ends every session made before.
/// </summary>
public sealed record StaffUser(
    long Id,
    string UserName,
    string DisplayName,
    string PasswordHash,
    StaffRole Role,
    long? StationId,
    bool MustChangePassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt = null,
    string SecurityStamp = "")
{
    public bool IsDisabled => DisabledAt is not null;
}
