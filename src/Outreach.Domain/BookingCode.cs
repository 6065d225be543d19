using System.Security.Cryptography;

namespace Outreach.Domain;

/// <summary>
/// Short booking codes families read out over the phone: 6 characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L), e.g. "K7M2QX". 30^6 ≈ 729 million codes.
/// </summary>
public static class BookingCode
{
    public const int Length = 6;

    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ2345679";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Upper-cases and trims what a family typed; codes are compared in this form.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
