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

    /// <summary>
    /// Too many failures from this client for this user name (or, from a client new to the account, for the name
    /// everywhere): no password is checked until <paramref name="RetryAt"/>. Said alike whether the name exists or not.
    /// </summary>
    public sealed record Throttled(DateTimeOffset RetryAt) : SignInOutcome;
}

/// <summary>
/// Checks staff credentials against staff_users with the framework's PasswordHasher, slowed by <see cref="SignInThrottle"/>
/// per user name and client (never a lock of the account that someone elsewhere could set off). An unknown user name
/// costs a hash check like a wrong password and gets the same answer, and a throttled try is answered alike for both.
/// Logs account ids only, never user names typed in or passwords.
/// </summary>
public sealed partial class StaffSignInService(
    StaffUserStore users,
    IPasswordHasher<StaffUser> hasher,
    SignInThrottle throttle,
    ILogger<StaffSignInService> logger)
{
    /// <summary>Verified against when the user name is unknown, so both failures take as long.</summary>
    private static readonly Lazy<string> DummyHash =
        new(() => new PasswordHasher<StaffUser>().HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> CheckAsync(string userName, string password, SignInClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(client);
        if (throttle.RetryAt(userName, client) is { } retryAt)
        {
            LogThrottled(logger, client.KnownDevice);
            return new SignInOutcome.Throttled(retryAt);
        }

        var user = await users.GetByUserNameAsync(userName, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            throttle.Failed(userName, client);
            LogUnknownUser(logger);
            return new SignInOutcome.Failed();
        }

        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            throttle.Failed(userName, client);
            LogWrongPassword(logger, user.Id);
            return new SignInOutcome.Failed();
        }

        throttle.Succeeded(userName, client);
        if (user.IsDisabled)
        {
            LogDisabled(logger, user.Id);
            return new SignInOutcome.Disabled();
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = hasher.HashPassword(user, password);
            await users.RehashPasswordAsync(user.Id, rehashed, cancellationToken);
            user = user with { PasswordHash = rehashed };
        }

        LogSignedIn(logger, user.Id);
        return new SignInOutcome.Succeeded(user);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed: unknown user name")]
    private static partial void LogUnknownUser(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: too many failures for the name typed (known device: {KnownDevice})")]
    private static partial void LogThrottled(ILogger logger, bool knownDevice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed: wrong password for staff user {UserId}")]
    private static partial void LogWrongPassword(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: staff user {UserId} is disabled")]
    private static partial void LogDisabled(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff user {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, long userId);
}
