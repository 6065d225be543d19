using System.Globalization;
using Outreach.Domain;
using Outreach.Geo;

namespace Outreach.Web.Features.Bookings;

/// <summary>A pickup point as families see it: its number on the map and in the list, and its commune or ward.</summary>
public sealed record PickupPoint(int Number, Site Site, string Group);

/// <summary>
/// The sites families may choose as pickup points, numbered the same way on the map and in the list: grouped by
/// commune or ward (units.json names, else the unit code, else the station's own unit), then by name. Homes, care
/// centres and the collection point are never listed: homes are private addresses of people the mobile teams visit.
/// </summary>
public static class PickupPoints
{
    /// <summary>Vietnamese alphabetical order (Đ after D, not after Z).</summary>
    private static readonly StringComparer VietnameseOrder = StringComparer.Create(CultureInfo.GetCultureInfo("vi"), ignoreCase: false);

    public static bool IsPickupKind(SiteKind kind) =>
        kind is SiteKind.School or SiteKind.CommuneOffice or SiteKind.VillageCulturalHouse or SiteKind.PickupPoint;

    public static IReadOnlyList<PickupPoint> Of(Station station, IEnumerable<Site> sites, AreaData area)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(area);
        var fallback = station.NewUnitName ?? station.Name;
        var number = 0;
        return sites
            .Where(s => IsPickupKind(s.Kind))
            .Select(s => (Site: s, Group: s.UnitCode is { } code ? area.UnitNames.GetValueOrDefault(code) ?? code : fallback))
            .OrderBy(x => x.Group, VietnameseOrder)
            .ThenBy(x => x.Site.Name, VietnameseOrder)
            .ThenBy(x => x.Site.Id)
            .Select(x => new PickupPoint(++number, x.Site, x.Group))
            .ToList();
    }

    /// <summary>
    /// The <paramref name="count"/> points nearest <paramref name="place"/> in a straight line, nearest first (ties by
    /// number): what a family looking at part of the map, or who marked their home, most likely wants.
    /// </summary>
    public static IReadOnlyList<PickupPoint> Nearest(IReadOnlyList<PickupPoint> points, GeoPoint place, int count)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return points
            .OrderBy(p => Geodesy.HaversineMetres(place.Longitude, place.Latitude, p.Site.Location.Longitude, p.Site.Location.Latitude))
            .ThenBy(p => p.Number)
            .Take(count)
            .ToList();
    }
}
