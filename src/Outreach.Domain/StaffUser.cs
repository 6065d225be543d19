namespace Outreach.Domain;

public enum StaffRole
{
    Admin,
    Chief,
    Dispatcher,
    Driver,
}

/// <summary>A staff account. <see cref="StationId"/> is null for province-wide accounts (e.g. admin).</summary>
public sealed record StaffUser(
    long Id,
    string UserName,
    string DisplayName,
    string PasswordHash,
    StaffRole Role,
    long? StationId,
    int FailedAttempts,
    DateTimeOffset? LockoutEnd,
    bool MustChangePassword,
    DateTimeOffset CreatedAt);
