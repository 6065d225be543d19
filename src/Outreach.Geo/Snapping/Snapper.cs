using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Snapping;

/// <summary>Snapping limits, in metres and km/h.</summary>
/// <param name="OnRoadRadiusMetres">A site this close to a usable road is on the network.</param>
/// <param name="MaxRadiusMetres">Beyond this no road is used: the site is unreachable ("not snapped").</param>
/// <param name="OffNetworkKmh">Speed of the off-network leg between site and road (walking pace by default).</param>
public sealed record SnapOptions(double OnRoadRadiusMetres = 100, double MaxRadiusMetres = 1500, double OffNetworkKmh = 4.0)
{
    /// <summary>The defaults: 100 m on-road radius (school grounds drawn as outlines have their centre up to ~70 m inside), 1.5 km maximum, 4 km/h off-network.</summary>
    public static SnapOptions Default { get; } = new();

    /// <summary>The defaults for a profile: van crews and walkers cover the off-network leg on foot (4 km/h), motorbikes ride it (10 km/h).</summary>
    public static SnapOptions For(TravelProfile profile) => profile == TravelProfile.Motorbike ? new SnapOptions(OffNetworkKmh: 10) : Default;
}

/// <summary>
/// Where a site joins the road graph of a profile. When <see cref="IsOffNetwork"/> the last stretch
/// (<see cref="OffNetworkMetres"/>) is walked or ridden off the road and the UI should say so. Immutable.
/// </summary>
/// <param name="Site">The site's position (lon/lat).</param>
/// <param name="Hit">The nearest usable segment, or null when none is within the maximum radius.</param>
/// <param name="IsOffNetwork">Farther than the on-road radius from the road.</param>
/// <param name="OffNetworkMetres">Straight-line metres from the site to the road (0 when on the road).</param>
/// <param name="OffNetworkSeconds">Time for that leg at the off-network speed.</param>
public sealed record SnappedSite(Coordinate Site, EdgeHit? Hit, bool IsOffNetwork, double OffNetworkMetres, double OffNetworkSeconds)
{
    /// <summary>A usable segment was found.</summary>
    public bool IsSnapped => Hit is not null;

    /// <summary>A short note for the UI, Vietnamese first, or null when the site is on a road.</summary>
    public string? Note()
    {
        if (!IsSnapped)
        {
            return "Không có đường trong bán kính tìm kiếm / no road within the search radius";
        }

        return IsOffNetwork
            ? string.Create(CultureInfo.InvariantCulture, $"Cách đường gần nhất {OffNetworkMetres:0} m / {OffNetworkMetres:0} m from the nearest road")
            : null;
    }
}

/// <summary>Snaps sites to one profile's graph. Stateless apart from the shared, read-only index; thread-safe.</summary>
public static class Snapper
{
    /// <summary>Snaps (lon, lat) to <paramref name="graph"/>.</summary>
    public static SnappedSite Snap(RoadGraph graph, double lon, double lat, SnapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= SnapOptions.For(graph.Profile);
        var site = new Coordinate(lon, lat);
        var hit = graph.Index.Nearest(lon, lat, options.MaxRadiusMetres);
        if (hit is not { } h)
        {
            return new SnappedSite(site, null, true, 0, 0);
        }

        bool off = h.DistanceMetres > options.OnRoadRadiusMetres;
        double metres = off ? h.DistanceMetres : 0;
        return new SnappedSite(site, h, off, metres, metres / (options.OffNetworkKmh / 3.6));
    }

    /// <summary>Snaps every point (X = lon, Y = lat), in parallel.</summary>
    public static SnappedSite[] SnapAll(RoadGraph graph, IReadOnlyList<Coordinate> points, SnapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var result = new SnappedSite[points.Count];
        Parallel.For(0, points.Count, i => result[i] = Snap(graph, points[i].X, points[i].Y, options));
        return result;
    }
}
