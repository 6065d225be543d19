namespace Outreach.Web.Features.VisitPlans;

/// <summary>
/// Marker for the week board's strings: VisitPlansResource.resx (Vietnamese, the neutral language) and
/// VisitPlansResource.en.resx (English), kept apart from the shared resource so features merge without clashes.
/// </summary>
public sealed class VisitPlansResource;
