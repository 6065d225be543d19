using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Web.Features.Localization;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Localization;

public sealed partial class PluralsTests
{
    [Theory]
    [InlineData("en", 1, Plurals.One)]
    [InlineData("en", 0, Plurals.Other)]
    [InlineData("en", 2, Plurals.Other)]
    [InlineData("en", 21, Plurals.Other)]
    [InlineData("vi", 1, Plurals.Other)]
    [InlineData("vi", 2, Plurals.Other)]
    public void Category_EnglishOneOnlyForExactlyOne_VietnameseAlwaysOther(string language, long count, string expected) =>
        Assert.Equal(expected, Plurals.Category(CultureInfo.GetCultureInfo(language), count));

    [Fact]
    public void EveryCountedText_HasBothFormsInBothLanguages()
    {
        var web = Path.Combine(RepoRoot.Path, "src", "Outreach.Web");
        var features = Path.Combine(web, "Features");
        var used = Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => UsedPlural().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var resources = Directory.EnumerateFiles(features, "*.resx", SearchOption.AllDirectories).ToList();
        var vietnamese = Keys(resources.Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)));
        var english = Keys(resources.Where(f => f.EndsWith(".en.resx", StringComparison.Ordinal)));

        Assert.Contains("Booking.Count.Adults", used);
        var missing = used.SelectMany(k => new[] { $"{k}.{Plurals.One}", $"{k}.{Plurals.Other}" })
            .Where(k => !vietnamese.Contains(k) || !english.Contains(k))
            .Order(StringComparer.Ordinal);
        Assert.Empty(missing);
    }

    private static HashSet<string> Keys(IEnumerable<string> files) =>
        files.SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\.Plural\(""([A-Za-z0-9.]+)""")]
    private static partial Regex UsedPlural();
}
