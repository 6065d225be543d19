using System.Xml.Linq;
using Outreach.Domain;
using Outreach.Jobs.Notifications;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Outbox;

/// <summary>The outbox page's labels built at run time (both languages agree: see ResourceFileTests).</summary>
public sealed class OutboxResourceTests
{
    [Fact]
    public void Labels_EveryTemplateStatusAndChannelHasOne()
    {
        var keys = XDocument.Load(Path.Combine(RepoRoot.Path, "src", "Outreach.Web", "Features", "Outbox", "OutboxResource.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        var needed = MessageText.Templates.Select(t => $"Template.{t}")
            .Concat(Enum.GetNames<NotificationStatus>().Select(s => $"Status.{s}"))
            .Concat(Enum.GetNames<NotificationChannel>().Select(c => $"Channel.{c}"));
        Assert.Equal([], needed.Where(k => !keys.Contains(k)).ToArray());
    }
}
