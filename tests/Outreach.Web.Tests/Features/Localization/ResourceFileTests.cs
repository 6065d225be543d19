using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Localization;

public sealed partial class ResourceFileTests
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "Features", "Localization");

    /// <summary>Every Vietnamese resource file of the web app that has an English twin, by its path under src/Outreach.Web.</summary>
    public static TheoryData<string> ResourcePairs() => new(ResourceFiles());

    private static List<string> ResourceFiles()
    {
        var web = Path.Combine(RepoRoot.Path, "src", "Outreach.Web");
        return Directory.EnumerateFiles(Path.Combine(web, "Features"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Theory]
    [MemberData(nameof(ResourcePairs))]
    public void EnglishAndVietnamese_HaveTheSameKeysAndPlaceholders(string vietnamese)
    {
        var path = Path.Combine(RepoRoot.Path, "src", "Outreach.Web", vietnamese);
        var english = Path.ChangeExtension(path, ".en.resx");
        Assert.True(File.Exists(english), $"{vietnamese} has no English twin");
        var vi = ReadFile(path);
        var en = ReadFile(english);

        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in vi)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{key} is empty in Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(en[key]), $"{key} is empty in English");
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"{key}: placeholders differ");
        }
    }

    [Fact]
    public void ResourcePairs_FindsEveryFeaturesFile()
    {
        var files = ResourceFiles();

        Assert.Contains(Path.Combine("Features", "Localization", "SharedResource.resx"), files);
        Assert.True(files.Count >= 6, $"{files.Count} resource files found");
    }

    [Fact]
    public void EveryKeyUsedInPages_ExistsInTheResources()
    {
        // T["Key"] and T["Key", args] in .razor files; keys built at run time (Role.{role}, Problem.{status}) are listed here.
        var keys = Read("SharedResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var source = Path.Combine(RepoRoot.Path, "src", "Outreach.Web");
        var used = Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Equal([], used.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToArray());
    }

    private static Dictionary<string, string> Read(string file) => ReadFile(Path.Combine(Folder, file));

    private static Dictionary<string, string> ReadFile(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bT\[""([A-Za-z0-9.]+)""")]
    private static partial Regex UsedKey();
}
