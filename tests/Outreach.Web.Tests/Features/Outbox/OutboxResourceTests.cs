using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Domain;
using Outreach.Jobs.Notifications;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Outbox;

public sealed partial class OutboxResourceTests
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "Features", "Outbox");

    [Fact]
    public void EnglishAndVietnamese_SameKeysAndPlaceholders_AndALabelForEveryTemplateStatusAndChannel()
    {
        var vi = Read("OutboxResource.resx");
        var en = Read("OutboxResource.en.resx");

        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in vi)
        {
            Assert.False(string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(en[key]), $"{key} is empty");
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"{key}: placeholders differ");
        }

        var needed = MessageText.Templates.Select(t => $"Template.{t}")
            .Concat(Enum.GetNames<NotificationStatus>().Select(s => $"Status.{s}"))
            .Concat(Enum.GetNames<NotificationChannel>().Select(c => $"Channel.{c}"));
        Assert.All(needed, key => Assert.True(vi.ContainsKey(key), $"{key} missing"));
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
