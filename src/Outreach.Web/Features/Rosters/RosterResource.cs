namespace Outreach.Web.Features.Rosters;

/// <summary>Marker for the duty roster's strings: RosterResource.resx (Vietnamese, neutral) and RosterResource.en.resx (English).</summary>
public sealed class RosterResource;
