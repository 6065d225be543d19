namespace Outreach.Domain;

public enum SiteKind
{
    School,
    CommuneOffice,
    VillageCulturalHouse,
    CareCentre,
    Home,
    PickupPoint,
    CollectionPoint,
}

/// <summary>
/// A place vans or teams go to. Hamlets (thôn, tổ dân phố) have no national code or official
/// coordinates; when a demo places one inside its commune without a real position,
/// <see cref="IsIllustrativePosition"/> is true and pages must label it so.
/// </summary>
public sealed record Site(
    long Id,
    long StationId,
    string Name,
    SiteKind Kind,
    GeoPoint Location,
    string? UnitCode,
    bool IsIllustrativePosition,
    string? Note)
{
    /// <summary>When the unit removed it (entered twice, no longer used); null while current. Kept for history.</summary>
    public DateTimeOffset? RemovedAt { get; init; }
}
