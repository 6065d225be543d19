namespace Outreach.Web.Features.Audit;

/// <summary>Marker for the audit page's strings: AuditResource.resx (Vietnamese, neutral) and AuditResource.en.resx.</summary>
public sealed class AuditResource;
