using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Outreach.Web.Features.Localization;

/// <summary>
/// Counted phrases in the right grammatical number ("1 adult", "2 adults"). A counted text has one resource per CLDR
/// plural category of the interface's languages, <c>Key.One</c> and <c>Key.Other</c>, both with the count as {0}:
/// English says "one" for exactly 1 and "other" for every other count; Vietnamese has no plural forms, so it always
/// takes <c>Key.Other</c> (its <c>Key.One</c> is the same text, kept so both files list the same keys).
/// </summary>
public static class Plurals
{
    public const string One = "One";
    public const string Other = "Other";

    /// <summary>The CLDR cardinal category of <paramref name="count"/> in <paramref name="culture"/>'s language.</summary>
    public static string Category(CultureInfo culture, long count)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == Languages.English && count == 1 ? One : Other;
    }

    /// <summary><c>Key.One</c> or <c>Key.Other</c> in the request's language, with {0} = <paramref name="count"/> and {1}... = <paramref name="more"/>.</summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, long count, params object[] more)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(more);
        return localizer[$"{key}.{Category(CultureInfo.CurrentUICulture, count)}", [count, .. more]];
    }
}
