using Microsoft.AspNetCore.Identity;
using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Web.Features.SignIn;

/// <summary>The outcome of checking a user name and password.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    public sealed record Succeeded(StaffUser User) : SignInOutcome;

    /// <summary>Wrong user name or password (which one is not said).</summary>
    public sealed record Failed : SignInOutcome;

    /// <summary>The right password for an account an admin has disabled (said only to whoever knows the password).</summary>
    public sealed record Disabled : SignInOutcome;

    /// <summary>Too many failures in a row: refused until <paramref name="Until"/>, even with the right password.</summary>
    public sealed record LockedOut(DateTimeOffset Until) : SignInOutcome;
}

/// <summary>
/// Checks staff credentials against staff_users with the framework's PasswordHasher; after
/// <see cref="MaxFailedAttempts"/> failures in a row the account is locked for <see cref="LockoutDuration"/>
/// (the count and the lock are stored in staff_users, so they hold across restarts and app instances).
/// Logs account ids only, never user names typed in or passwords.
/// </summary>
public sealed partial class StaffSignInService(
    StaffUserStore users,
    IPasswordHasher<StaffUser> hasher,
    TimeProvider time,
    ILogger<StaffSignInService> logger)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Verified against when the user name is unknown, so both failures take as long.</summary>
    private static readonly Lazy<string> DummyHash =
        new(() => new PasswordHasher<StaffUser>().HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> CheckAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var now = time.GetUtcNow();
        var user = await users.GetByUserNameAsync(userName, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            LogUnknownUser(logger);
            return new SignInOutcome.Failed();
        }

        if (user.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            LogLockedOut(logger, user.Id);
            return new SignInOutcome.LockedOut(lockedUntil);
        }

        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            var after = await users.RecordFailedAttemptAsync(user.Id, MaxFailedAttempts, LockoutDuration, now, cancellationToken);
            if (after?.LockoutEnd is { } until && until > now)
            {
                LogLockedNow(logger, user.Id, until);
                return new SignInOutcome.LockedOut(until);
            }

            LogWrongPassword(logger, user.Id, after?.FailedAttempts ?? 0);
            return new SignInOutcome.Failed();
        }

        if (user.IsDisabled)
        {
            LogDisabled(logger, user.Id);
            return new SignInOutcome.Disabled();
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The cookie's password stamp must come from the hash now stored.
            user = user with { PasswordHash = hasher.HashPassword(user, password) };
            await users.UpdatePasswordAsync(user.Id, user.PasswordHash, user.MustChangePassword, cancellationToken);
        }

        if (user.FailedAttempts > 0 || user.LockoutEnd is not null)
        {
            await users.ResetFailedAttemptsAsync(user.Id, cancellationToken);
        }

        LogSignedIn(logger, user.Id);
        return new SignInOutcome.Succeeded(user);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed: unknown user name")]
    private static partial void LogUnknownUser(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: staff user {UserId} is locked out")]
    private static partial void LogLockedOut(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff user {UserId} locked out until {Until} after repeated failures")]
    private static partial void LogLockedNow(ILogger logger, long userId, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed: wrong password for staff user {UserId} ({Failures} in a row)")]
    private static partial void LogWrongPassword(ILogger logger, long userId, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: staff user {UserId} is disabled")]
    private static partial void LogDisabled(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, long userId);
}
