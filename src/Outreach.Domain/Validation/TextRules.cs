using System.Globalization;
using System.Text;

namespace Outreach.Domain.Validation;

/// <summary>
/// Which characters a name or a free-text field may hold. Refused everywhere: C0 controls (NUL, bell, escape, ...),
/// DEL, C1 controls (U+0080-U+009F), the bidirectional controls that reorder text on screen (U+061C, U+200E, U+200F,
/// U+202A-U+202E, U+2066-U+2069: a name could otherwise show as something else on a route sheet or in an SMS), the
/// line and paragraph separators U+2028/U+2029, U+FFFD (what is left of bytes that were not UTF-8), the noncharacters
/// U+FFFE/U+FFFF and unpaired surrogates. A multi-line field (a note) may also hold line breaks and tabs. Vietnamese
/// letters, combining marks, emoji and zero-width joiners are all allowed. Stateless and thread-safe.
/// </summary>
public static class TextRules
{
    /// <summary>The index of the first character that is not allowed, or -1 when the text is clean (or null).</summary>
    public static int IndexOfForbidden(string? text, bool multiline = false)
    {
        if (text is null)
        {
            return -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (IsForbidden(c, multiline))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether the text holds a character that is not allowed.</summary>
    public static bool HasForbidden(string? text, bool multiline = false) => IndexOfForbidden(text, multiline) >= 0;

    /// <summary>"U+202E": how an error message names the first refused character of <paramref name="text"/> ("" when none).</summary>
    public static string FirstForbidden(string? text, bool multiline = false) =>
        IndexOfForbidden(text, multiline) is var i and >= 0 ? CodePoint(text![i]) : "";

    /// <summary>
    /// The text as an error message may show it back: each refused character written as "[U+202E]", shortened to
    /// <paramref name="max"/> characters, so a message never carries the control itself.
    /// </summary>
    public static string Visible(string? text, int max = 40)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var shown = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                shown.Append(c).Append(text[++i]);
            }
            else if (IsForbidden(c, multiline: false))
            {
                shown.Append('[').Append(CodePoint(c)).Append(']');
            }
            else
            {
                shown.Append(c);
            }
        }

        if (shown.Length <= max)
        {
            return shown.ToString();
        }

        var cut = char.IsHighSurrogate(shown[max - 1]) ? max - 1 : max;
        return shown.ToString(0, cut) + "…";
    }

    private static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static bool IsForbidden(char c, bool multiline) => c switch
    {
        '\n' or '\r' or '\t' => !multiline,
        < ' ' or '\u007F' => true,
        >= '\u0080' and <= '\u009F' => true,
        '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        '\uFFFD' or '\uFFFE' or '\uFFFF' => true,
        _ => char.IsSurrogate(c),
    };
}
