namespace Outreach.Web.Features.StationSettings;

/// <summary>Marker for the station settings page's strings: StationSettingsResource.resx (Vietnamese, neutral) and StationSettingsResource.en.resx.</summary>
public sealed class StationSettingsResource;
