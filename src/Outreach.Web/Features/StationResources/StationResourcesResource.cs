namespace Outreach.Web.Features.StationResources;

/// <summary>Marker for the station's resource pages' strings: StationResourcesResource.resx (Vietnamese, neutral) and .en.resx.</summary>
public sealed class StationResourcesResource;
