namespace Outreach.Web.Features.Outbox;

/// <summary>Marker for the outbox page's strings: OutboxResource.resx (Vietnamese, neutral) and OutboxResource.en.resx.</summary>
public sealed class OutboxResource;
