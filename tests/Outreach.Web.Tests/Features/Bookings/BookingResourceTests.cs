using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Domain;
using Outreach.Planning.Pickups.Slots;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

public sealed partial class BookingResourceTests
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "Features", "Bookings");

    private static readonly string[] FeatureFolders = ["Features/Bookings", "Features/PhoneBooking"];

    [Fact]
    public void EnglishAndVietnamese_HaveTheSameKeysAndPlaceholders()
    {
        var vi = Read("BookingResource.resx");
        var en = Read("BookingResource.en.resx");

        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in vi)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{key} is empty in Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(en[key]), $"{key} is empty in English");
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"{key}: placeholders differ");
        }
    }

    [Fact]
    public void EveryKeyTheBookingPagesUse_Exists()
    {
        var keys = Read("BookingResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var web = Path.Combine(RepoRoot.Path, "src", "Outreach.Web");
        var files = FeatureFolders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(web, f), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Append(Path.Combine(web, "Components", "Layout", "NavMenu.razor"));
        var used = files.SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        // Keys built at run time from enums.
        used.UnionWith(Enum.GetNames<SlotRefusal>().Select(r => $"Booking.Refusal.{r}"));
        used.UnionWith(Enum.GetNames<BookingStatus>().Select(s => $"Booking.Status.{s}"));

        Assert.True(used.Count > 100, $"only {used.Count} keys found: is the pattern still right?");
        Assert.Equal([], used.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToArray());
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?:L|text|BookingText)\[""([A-Za-z0-9.]+)""")]
    private static partial Regex UsedKey();
}
