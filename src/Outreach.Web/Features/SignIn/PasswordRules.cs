using System.Globalization;
using System.Text;

namespace Outreach.Web.Features.SignIn;

/// <summary>
/// What a staff password must be. Long rather than clever: a passphrase is fine. Refused: fewer than
/// <see cref="MinLength"/> characters; one of the most common passwords (an embedded list, common-passwords.txt), also
/// with digits or signs added before or after it ("iloveyou2026!"); digits only (a phone number or a date); very few
/// different characters ("aaaaaaaaaa"); and the account's user name or an obvious word of this app (outreach, công an,
/// mật khẩu, căn cước, ...) with fewer than six other letters or digits. Letters are compared without case and
/// without Vietnamese marks, so "Công An 2026" counts as "congan2026". Thread-safe.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    /// <summary>Letters and digits that must remain besides the user name and the words below.</summary>
    private const int MinOwnCharacters = 6;

    /// <summary>All-digit passwords of this length or more are accepted (they are no longer a phone number or a date).</summary>
    private const int DigitsOnlyAccepted = 16;

    /// <summary>Words anyone would try first against this app's accounts, folded as <see cref="Fold"/> folds them.</summary>
    private static readonly string[] ObviousWords =
    [
        "outreach", "congan", "conganxa", "conganphuong", "canhsat", "cand", "bocongan", "matkhau", "password", "passw0rd",
        "admin", "quantri", "quantrivien", "cancuoc", "cancuoccongdan", "cccd", "vneid", "dinhdanh", "vietnam", "hanoi",
        "saigon", "hochiminh", "anhyeuem", "emyeuanh", "yeuem", "iloveyou", "chihuy", "dieuphoi", "laixe", "xedon",
    ];

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>The resource key of the first rule broken, or null when the password is acceptable.</summary>
    public static string? Check(string? password, string? userName = null)
    {
        switch (password)
        {
            case null or "":
                return "Password.Required";
            case { Length: < MinLength }:
                return "Password.TooShort";
            case { Length: > MaxLength }:
                return "Password.TooLong";
        }

        if (string.IsNullOrWhiteSpace(password))
        {
            return "Password.Required";
        }

        var folded = Fold(password);
        if (Common.Value.Contains(password.ToLowerInvariant()) || Common.Value.Contains(folded)
            || Common.Value.Contains(Core(folded)) || folded.Distinct().Count() < 4)
        {
            return "Password.Common";
        }

        if (folded.Length > 0 && folded.All(char.IsAsciiDigit) && folded.Length < DigitsOnlyAccepted)
        {
            return "Password.DigitsOnly";
        }

        var rest = folded;
        foreach (var word in ObviousWords.Append(userName is null ? "" : Fold(userName)).Where(w => w.Length >= 3).OrderByDescending(w => w.Length))
        {
            rest = rest.Replace(word, "", StringComparison.Ordinal);
        }

        return rest.Length != folded.Length && (rest.Length < MinOwnCharacters || IsCommonWord(Core(rest)))
            ? "Password.Guessable"
            : null;
    }

    /// <summary>Lower-case letters and digits only, Vietnamese marks taken off ("Công An 2026!" → "congan2026").</summary>
    internal static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = c is 'Đ' or 'đ' ? 'd' : char.ToLowerInvariant(c);
            if (char.IsLetterOrDigit(lower))
            {
                folded.Append(lower);
            }
        }

        return folded.ToString();
    }

    /// <summary>The word a password is built around: digits taken off both ends ("2026iloveyou99" → "iloveyou").</summary>
    private static string Core(string folded) => folded.Trim("0123456789".ToCharArray());

    private static bool IsCommonWord(string core) =>
        core.Length > 0 && (Common.Value.Contains(core) || ObviousWords.Contains(core, StringComparer.Ordinal));

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Outreach.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list common-passwords.txt is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
                words.Add(Fold(line));
            }
        }

        return words;
    }
}
