namespace Outreach.Web.Features.Localization;

/// <summary>
/// Marker for the UI strings: SharedResource.resx (Vietnamese, the neutral language) and
/// SharedResource.en.resx (English). Keys are "Area.What", e.g. "SignIn.Submit".
/// </summary>
public sealed class SharedResource;
