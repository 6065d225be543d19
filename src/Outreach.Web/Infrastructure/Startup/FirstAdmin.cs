using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Web.Infrastructure.Startup;

/// <summary>Where the one-time password of the first administrator is shown: the console, once.</summary>
public interface IOneTimePasswordNotice
{
    void Show(string userName, string password);
}

/// <summary>Writes straight to standard output, not through logging, so the password never reaches log sinks.</summary>
internal sealed class ConsoleOneTimePasswordNotice : IOneTimePasswordNotice
{
    public void Show(string userName, string password)
    {
        var line = new string('=', 72);
        Console.Out.WriteLine(line);
        Console.Out.WriteLine("Outreach: first administrator created / đã tạo tài khoản quản trị đầu tiên");
        Console.Out.WriteLine($"  user name / tên đăng nhập: {userName}");
        Console.Out.WriteLine($"  one-time password / mật khẩu dùng một lần: {password}");
        Console.Out.WriteLine("  Change it at first sign-in; it is shown only this once.");
        Console.Out.WriteLine("  Đổi mật khẩu khi đăng nhập lần đầu; mật khẩu chỉ hiện một lần này.");
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}

/// <summary>
/// Makes sure someone can sign in. With Outreach:Admin:UserName and Outreach:Admin:Password configured,
/// that administrator is created if missing (an existing account is left as it is). With neither, and
/// no staff account at all, an "admin" account gets a random one-time password shown once on the
/// console, to be changed at first sign-in.
/// </summary>
public sealed partial class FirstAdmin(
    StaffUserStore users,
    IPasswordHasher<StaffUser> hasher,
    IConfiguration configuration,
    IOneTimePasswordNotice notice,
    TimeProvider time,
    ILogger<FirstAdmin> logger)
{
    public const string UserNameKey = "Outreach:Admin:UserName";
    public const string PasswordKey = "Outreach:Admin:Password";
    public const string DefaultUserName = "admin";

    /// <summary>No 0/O, 1/l/I: the password is read off a console and typed in.</summary>
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int OneTimePasswordLength = 16;

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        var userName = configuration[UserNameKey];
        var password = configuration[PasswordKey];
        if (!string.IsNullOrWhiteSpace(userName) || !string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            {
                throw new InvalidOperationException(
                    $"Configure both {UserNameKey} and {PasswordKey}, or neither (then a one-time password is printed at first start).");
            }

            await EnsureConfiguredAsync(userName.Trim(), password, cancellationToken);
            return;
        }

        if (await users.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var oneTime = RandomNumberGenerator.GetString(Alphabet, OneTimePasswordLength);
        if (await TryInsertAsync(DefaultUserName, oneTime, mustChangePassword: true, cancellationToken))
        {
            notice.Show(DefaultUserName, oneTime);
        }
    }

    private async Task EnsureConfiguredAsync(string userName, string password, CancellationToken cancellationToken)
    {
        if (await users.GetByUserNameAsync(userName, cancellationToken) is not null)
        {
            return;
        }

        await TryInsertAsync(userName, password, mustChangePassword: false, cancellationToken);
    }

    /// <summary>False when another instance starting at the same moment created the account first.</summary>
    private async Task<bool> TryInsertAsync(string userName, string password, bool mustChangePassword, CancellationToken cancellationToken)
    {
        var user = new StaffUser(
            Id: 0,
            UserName: userName,
            DisplayName: "Quản trị viên",
            PasswordHash: "",
            Role: StaffRole.Admin,
            StationId: null,
            MustChangePassword: mustChangePassword,
            CreatedAt: time.GetUtcNow());
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        try
        {
            var id = await users.InsertAsync(user, cancellationToken);
            LogCreated(logger, id, mustChangePassword);
            return true;
        }
        catch (DuplicateKeyException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First administrator created as staff user {UserId} (must change its password: {MustChange})")]
    private static partial void LogCreated(ILogger logger, long userId, bool mustChange);
}
