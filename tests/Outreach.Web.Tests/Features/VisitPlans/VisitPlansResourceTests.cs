using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.VisitPlans;

public sealed partial class VisitPlansResourceTests
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "Features", "VisitPlans");

    [Fact]
    public void EnglishAndVietnamese_HaveTheSameKeysAndPlaceholders()
    {
        var vi = Read("VisitPlansResource.resx");
        var en = Read("VisitPlansResource.en.resx");

        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in vi)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{key} is empty in Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(en[key]), $"{key} is empty in English");
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"{key}: placeholders differ");
        }
    }

    [Fact]
    public void EveryKeyUsedInTheBoardPages_ExistsInTheResources()
    {
        // L["Key"] in the feature's .razor files; keys built at run time (Board.Status.{status}, Profile.{profile})
        // are checked against the enums they come from. Sheets' words (categories, presence) are RouteSheetResource's.
        var keys = Read("VisitPlansResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var used = Directory.EnumerateFiles(Folder, "*.razor")
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var built = Enum.GetNames<Outreach.Domain.PlanStatus>().Select(s => $"Board.Status.{s}")
            .Concat(Enum.GetNames<Outreach.Domain.VehicleProfile>().Select(p => $"Profile.{p}"));

        Assert.True(used.Count > 30, $"only {used.Count} keys found in the pages");
        Assert.Equal([], used.Concat(built).Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToArray());
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bL\[""([A-Za-z0-9.]+)""")]
    private static partial Regex UsedKey();
}
