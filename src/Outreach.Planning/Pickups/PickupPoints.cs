using NetTopologySuite.Geometries;
using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The places a day's pickup plan visits, as the rows of its travel matrix: index 0 is the station's collection
/// point (where the vans start and end), then every distinct pickup location of the bookings in first-seen order.
/// A booking at a known site uses the site's position; an "at my home" booking its own pin. Build the matrix over
/// <see cref="Coordinates"/> (e.g. <c>MatrixCache.MatrixOrEstimate(network, TravelProfile.Van, weather,
/// points.Coordinates, terrain)</c>). Immutable; thread-safe to read.
/// </summary>
public sealed class PickupPoints
{
    /// <summary>Matrix index of the collection point.</summary>
    public const int CollectionPoint = 0;

    private readonly Dictionary<long, int> _bookingIndex;

    private PickupPoints(IReadOnlyList<GeoPoint> locations, Dictionary<long, int> bookingIndex)
    {
        Locations = locations;
        _bookingIndex = bookingIndex;
        Coordinates = locations.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray();
    }

    /// <summary>Positions by matrix index (lon/lat).</summary>
    public IReadOnlyList<GeoPoint> Locations { get; }

    /// <summary>The same positions as NetTopologySuite coordinates (X = longitude), for Geo's matrices.</summary>
    public IReadOnlyList<Coordinate> Coordinates { get; }

    /// <summary>Number of places (the matrix size).</summary>
    public int Count => Locations.Count;

    /// <summary>
    /// Collects the places of <paramref name="bookings"/> (those without a usable position are left out: see
    /// <see cref="IndexOf"/>). <paramref name="sites"/> must hold every site the bookings name.
    /// </summary>
    public static PickupPoints Collect(Station station, IEnumerable<Booking> bookings, IEnumerable<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(sites);
        var siteLocations = new Dictionary<long, GeoPoint>();
        foreach (var site in sites)
        {
            siteLocations[site.Id] = site.Location;
        }

        var locations = new List<GeoPoint> { station.CollectionPointLocation };
        var byPosition = new Dictionary<GeoPoint, int> { [station.CollectionPointLocation] = CollectionPoint };
        var bookingIndex = new Dictionary<long, int>();
        foreach (var booking in bookings)
        {
            if (Position(booking, siteLocations) is not { } position)
            {
                continue;
            }

            if (!byPosition.TryGetValue(position, out int index))
            {
                index = locations.Count;
                locations.Add(position);
                byPosition[position] = index;
            }

            bookingIndex[booking.Id] = index;
        }

        return new PickupPoints(locations, bookingIndex);
    }

    /// <summary>The matrix index of the booking's pickup (and return) place, or null when it has none.</summary>
    public int? IndexOf(long bookingId) => _bookingIndex.TryGetValue(bookingId, out int index) ? index : null;

    private static GeoPoint? Position(Booking booking, Dictionary<long, GeoPoint> siteLocations)
    {
        if (booking.PickupSiteId is { } siteId)
        {
            return siteLocations.TryGetValue(siteId, out var location) && location.IsInRange ? location : null;
        }

        return booking.PickupLocation is { IsInRange: true } home ? home : null;
    }
}
