using System.Globalization;

namespace Outreach.Web.Features.Localization;

/// <summary>The languages the interface offers: Vietnamese first (the default), then English.</summary>
public static class Languages
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static IReadOnlyList<CultureInfo> Supported { get; } =
        [CultureInfo.GetCultureInfo(Vietnamese), CultureInfo.GetCultureInfo(English)];

    public static bool IsSupported(string? name) =>
        name is Vietnamese or English;

    /// <summary>The language a switch link on a page in <paramref name="current"/> offers.</summary>
    public static string Other(CultureInfo current) =>
        current.TwoLetterISOLanguageName == English ? Vietnamese : English;
}
