using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Geo;
using Outreach.Geo.Fallback;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using DomainWeather = Outreach.Domain.WeatherState;
using GeoWeather = Outreach.Geo.Weather;

namespace Outreach.Planning.Visits;

/// <summary>Turns the stored weather of a day (Domain) into what Geo routes with. Stateless and thread-safe.</summary>
public static class VisitWeather
{
    /// <summary>
    /// Rain areas and floods become polygons; closures of roads become lines, of bridges and ferries points, of areas
    /// polygons (all of kind Other unless the reason names a flood or landslide). Null means dry, nothing closed.
    /// </summary>
    public static GeoWeather.WeatherState ToGeo(DomainWeather? state)
    {
        if (state is null || (state.RainAreas.Count == 0 && state.FloodAreas.Count == 0 && state.Closures.Count == 0))
        {
            return GeoWeather.WeatherState.None;
        }

        var rain = state.RainAreas.Select(r => new GeoWeather.RainArea(Polygon(r.Area), r.IntensityMmPerHour)).ToList();
        var floods = state.FloodAreas.Select(f => new GeoWeather.FloodArea(f.Name, Polygon(f.Area))).ToList();
        var closures = state.Closures.Where(c => c.Geometry.Count > 0).Select(c => new GeoWeather.RoadClosure(c.Name, Kind(c), Geometry(c))).ToList();
        return new GeoWeather.WeatherState(rain, floods, closures);
    }

    private static GeoWeather.ClosureKind Kind(Domain.Closure c)
    {
        var reason = (c.Reason ?? "").ToLowerInvariant();
        return reason.Contains("ngập", StringComparison.Ordinal) || reason.Contains("flood", StringComparison.Ordinal) ? GeoWeather.ClosureKind.Flood
            : reason.Contains("sạt", StringComparison.Ordinal) || reason.Contains("landslide", StringComparison.Ordinal) ? GeoWeather.ClosureKind.Landslide
            : GeoWeather.ClosureKind.Other;
    }

    private static Geometry Geometry(Domain.Closure c)
    {
        var points = c.Geometry.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray();
        return c.Kind switch
        {
            Domain.ClosureKind.Road when points.Length >= 2 => Geodesy.Factory.CreateLineString(points),
            Domain.ClosureKind.Area when points.Length >= 3 => Geodesy.Factory.CreatePolygon(Closed(points)),
            _ => points.Length == 1 ? Geodesy.Factory.CreatePoint(points[0]) : Geodesy.Factory.CreateMultiPointFromCoords(points),
        };
    }

    private static Polygon Polygon(Domain.GeoPolygon polygon)
    {
        var rings = polygon.Rings.Select(r => Geodesy.Factory.CreateLinearRing(Closed([.. r.Select(p => new Coordinate(p.Longitude, p.Latitude))]))).ToList();
        return Geodesy.Factory.CreatePolygon(rings[0], [.. rings.Skip(1)]);
    }

    private static Coordinate[] Closed(Coordinate[] ring) =>
        ring.Length > 0 && !ring[0].Equals2D(ring[^1]) ? [.. ring, ring[0]] : ring;
}

/// <summary>
/// Travel between the station (point 0) and the visited sites for one vehicle profile and one day's weather, in
/// whole seconds and metres (row-major n x n, <see cref="TravelMatrix.Unreachable"/> for cut pairs) with the reason
/// of each cut. Built by <see cref="VisitTravel"/>. Immutable.
/// </summary>
public sealed class TravelTable
{
    private readonly TravelMatrix _matrix;
    private readonly int[]? _estimatedReason;
    private readonly IReadOnlyList<UnreachableReason> _estimatedReasons;

    internal TravelTable(TravelMatrix matrix, int[] seconds, int[] metres, int[]? estimatedReason, IReadOnlyList<UnreachableReason> estimatedReasons, string source)
    {
        _matrix = matrix;
        Seconds = seconds;
        Metres = metres;
        _estimatedReason = estimatedReason;
        _estimatedReasons = estimatedReasons;
        Source = source;
    }

    public int Size => _matrix.Size;

    public int[] Seconds { get; }

    public int[] Metres { get; }

    public bool IsEstimated => _matrix.IsEstimated;

    public string Source { get; }

    public int SecondsBetween(int from, int to) => Seconds[(from * Size) + to];

    public int MetresBetween(int from, int to) => Metres[(from * Size) + to];

    public bool Reachable(int from, int to) => Seconds[(from * Size) + to] >= 0;

    /// <summary>Why the pair is cut, or null when it is reachable.</summary>
    public UnreachableReason? ReasonFor(int from, int to) =>
        Reachable(from, to) ? null
        : _estimatedReason is not null && _estimatedReason[(from * Size) + to] > 0 ? _estimatedReasons[_estimatedReason[(from * Size) + to] - 1]
        : _matrix.ReasonFor(from, to) ?? new UnreachableReason(UnreachableKind.Disconnected, null);
}

/// <summary>
/// Computes the travel tables a week needs: one per (vehicle profile, distinct weather of a day), over the station and
/// the sites. On a road network it is Geo's road matrix under that weather (cached in the shared
/// <see cref="MatrixCache"/>). Without one it is Geo's labelled straight-line estimate per terrain, to which the
/// day's weather is applied here, because the estimate itself ignores it: rain slows legs that start or end in it by
/// Geo's rain factor (unpaved for hilly terrain, paved otherwise), and a site inside a flood area is cut off with the
/// flood named. Closures need roads, so they act only on road networks.
/// </summary>
public static class VisitTravel
{
    public static TravelTable Compute(
        MatrixCache cache, RoadNetwork? network, TravelProfile profile, GeoWeather.WeatherState weather, IReadOnlyList<Coordinate> points,
        IReadOnlyList<TerrainClass> terrain, SnapOptions? snap)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(weather);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(terrain);
        if (network is not null)
        {
            var road = cache.MatrixOrEstimate(network, profile, weather, points, TerrainClass.Rural, snap);
            return new TravelTable(road, road.DurationsSeconds, road.DistancesMetres, null, [], road.Source);
        }

        var estimate = EstimatedTravel.Compute(points, terrain, profile);
        if (ReferenceEquals(weather, GeoWeather.WeatherState.None) || weather.Fingerprint == "dry")
        {
            return new TravelTable(estimate, estimate.DurationsSeconds, estimate.DistancesMetres, null, [], estimate.Source);
        }

        int n = points.Count;
        var factor = new double[n];
        var flooded = new int[n];
        var reasons = new List<UnreachableReason>();
        for (int i = 0; i < n; i++)
        {
            var point = Geodesy.Factory.CreatePoint(points[i]);
            var surface = terrain[i] == TerrainClass.Hilly ? SurfaceClass.Unpaved : SurfaceClass.Paved;
            var mm = weather.Rain.Where(r => r.Area.Covers(point)).Select(r => r.MillimetresPerHour).DefaultIfEmpty(0).Max();
            factor[i] = GeoWeather.WeatherState.RainSpeedFactor(surface, mm);
            var flood = weather.Floods.FirstOrDefault(f => f.Area.Covers(point));
            if (flood is not null)
            {
                reasons.Add(new UnreachableReason(UnreachableKind.Flood, flood.Name));
                flooded[i] = reasons.Count;
            }
        }

        var seconds = (int[])estimate.DurationsSeconds.Clone();
        var metres = (int[])estimate.DistancesMetres.Clone();
        var reasonIndex = new int[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                int cut = flooded[i] > 0 ? flooded[i] : flooded[j];
                if (cut > 0)
                {
                    seconds[(i * n) + j] = TravelMatrix.Unreachable;
                    metres[(i * n) + j] = TravelMatrix.Unreachable;
                    reasonIndex[(i * n) + j] = cut;
                    continue;
                }

                seconds[(i * n) + j] = (int)Math.Round(seconds[(i * n) + j] / Math.Min(factor[i], factor[j]));
            }
        }

        var source = string.Create(CultureInfo.InvariantCulture, $"{estimate.Source}; weather {weather.Fingerprint} applied to the estimate");
        return new TravelTable(estimate, seconds, metres, reasonIndex, reasons, source);
    }
}
