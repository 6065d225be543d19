namespace Outreach.Domain.Validation;

/// <summary>
/// Vietnamese phone numbers: a leading 0 and 9 digits (0912345678) or +84 and 9 digits (+84912345678).
/// Spaces, dots and hyphens between digits are allowed on input.
/// </summary>
public static class VietnamPhone
{
    /// <summary>Returns the number in national form (0 + 9 digits), or null when it is not a valid number.</summary>
    public static string? Normalize(string? input)
    {
        if (Scan(input, parentheses: false) is not { } scanned)
        {
            return null;
        }

        var (d, plus) = scanned;

        if (plus)
        {
            return d.Length == 11 && d.StartsWith("84", StringComparison.Ordinal) && d[2] != '0' ? string.Concat("0", d[2..]) : null;
        }

        return d.Length == 10 && d[0] == '0' && d[1] != '0' ? d : null;
    }

    public static bool IsValid(string? input) => Normalize(input) is not null;

    /// <summary>
    /// A unit's number families may call: a mobile number as <see cref="Normalize"/> takes it, or a landline with its
    /// area code (02 and 9 digits, e.g. 0208 3856 123; +84 2 and 9 digits). National form, or null when neither.
    /// </summary>
    public static string? NormalizeStationLine(string? input)
    {
        if (Normalize(input) is { } mobile)
        {
            return mobile;
        }

        if (Scan(input, parentheses: true) is not { } scanned)
        {
            return null;
        }

        var (d, plus) = scanned;

        if (plus)
        {
            return d.Length == 12 && d.StartsWith("842", StringComparison.Ordinal) ? string.Concat("0", d[2..]) : null;
        }

        return d.Length == 11 && d.StartsWith("02", StringComparison.Ordinal) ? d : null;
    }

    /// <summary>
    /// The digits of <paramref name="input"/> and whether it began with +; spaces, dots and hyphens (and, when allowed,
    /// parentheses around an area code) are skipped. Null when empty, or on any other character or more than 16 digits.
    /// </summary>
    private static (string Digits, bool Plus)? Scan(string? input, bool parentheses)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        Span<char> digits = stackalloc char[16];
        var count = 0;
        var plus = false;
        foreach (char c in input)
        {
            if (c is ' ' or '.' or '-' || (parentheses && c is '(' or ')'))
            {
                continue;
            }

            if (c == '+' && count == 0 && !plus)
            {
                plus = true;
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == digits.Length)
            {
                return null;
            }

            digits[count++] = c;
        }

        return (digits[..count].ToString(), plus);
    }

    /// <summary>The number with all but the last three digits hidden, for logs and lists (0*******678).</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }

        return phone.Length <= 3 ? new string('*', phone.Length) : new string('*', phone.Length - 3) + phone[^3..];
    }
}
