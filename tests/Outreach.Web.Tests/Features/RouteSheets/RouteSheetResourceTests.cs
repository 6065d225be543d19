using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.RouteSheets;

/// <summary>
/// The feature resource files of route sheets and pickup plans: Vietnamese and English have the same keys and
/// placeholders, and every key the feature's pages and code ask for exists (keys built from enum names included).
/// </summary>
public sealed partial class RouteSheetResourceTests
{
    [Theory]
    [InlineData("RouteSheets", "RouteSheetResource")]
    [InlineData("PickupPlans", "PickupPlanResource")]
    public void EnglishAndVietnamese_HaveTheSameKeysAndPlaceholders(string feature, string resource)
    {
        var vi = Read(feature, resource + ".resx");
        var en = Read(feature, resource + ".en.resx");

        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in vi)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{key} is empty in Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(en[key]), $"{key} is empty in English");
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"{key}: placeholders differ");
        }
    }

    [Theory]
    [InlineData("RouteSheets", "RouteSheetResource")]
    [InlineData("PickupPlans", "PickupPlanResource")]
    public void EveryKeyUsedInTheFeature_Exists(string feature, string resource)
    {
        var keys = Read(feature, resource + ".resx").Keys.ToHashSet(StringComparer.Ordinal);
        var folder = Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "Features", feature);
        var used = Directory.EnumerateFiles(folder, "*.*")
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LocalizerCall().Matches(File.ReadAllText(f)))
            .SelectMany(m => QuotedKey().Matches(m.Groups[1].Value).Select(k => k.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Equal([], used.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void KeysBuiltFromEnumNames_ExistForEveryValue()
    {
        var keys = Read("RouteSheets", "RouteSheetResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var expected = Enum.GetNames<SiteKind>().Select(n => $"Kind.{n}")
            .Concat(Enum.GetNames<StopKind>().Select(n => $"StopKind.{n}"))
            .Concat(Enum.GetNames<BookingNeeds>().Where(n => n != "None").Select(n => $"Needs.{n}"))
            .Concat(Enum.GetNames<RequiredPresence>().Where(n => n != "None").Select(n => $"Presence.{n}"))
            .Concat(Enum.GetNames<ApplicantCategory>().Select(n => $"Category.{n}"))
            .Concat(Enum.GetNames<VehicleProfile>().Select(n => $"Profile.{n}"))
            .Concat(["StopKind.Start.Team", "StopKind.End.Team"]);

        Assert.Equal([], expected.Where(k => !keys.Contains(k)).ToArray());
    }

    private static Dictionary<string, string> Read(string feature, string file) =>
        XDocument.Load(Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "Features", feature, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // L["Key", ...], localizer[cond ? "A.B" : "C.D"], text["Key"], Text["Key"]: everything inside the brackets.
    [GeneratedRegex(@"\b(?:L|localizer|text|Text)\[([^\]]*)\]")]
    private static partial Regex LocalizerCall();

    // Literal keys only ("Area.What"); interpolated ones ($"Kind.{kind}") are checked against the enums.
    [GeneratedRegex(@"(?<!\$)""([A-Za-z]+(?:\.[A-Za-z]+)+)""")]
    private static partial Regex QuotedKey();
}
