namespace Outreach.Web.Features.SignIn;

/// <summary>What a staff password must be. Long rather than clever: a passphrase is fine.</summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    /// <summary>The resource key of the first rule broken, or null when the password is acceptable.</summary>
    public static string? Check(string? password) => password switch
    {
        null or "" => "Password.Required",
        { Length: < MinLength } => "Password.TooShort",
        { Length: > MaxLength } => "Password.TooLong",
        _ when string.IsNullOrWhiteSpace(password) => "Password.Required",
        _ => null,
    };
}
