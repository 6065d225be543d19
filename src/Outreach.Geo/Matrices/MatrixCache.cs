using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using Outreach.Geo.Weather;

namespace Outreach.Geo.Matrices;

/// <summary>
/// Caches travel costs per (map version, profile, weather, speeds) and matrices per that key plus the site list, so a
/// replan after a booking change reuses work while a new weather state or map version never sees stale times.
/// Thread-safe: each entry is computed once even under concurrent requests. Holds at most
/// <see cref="MaxMatrices"/> matrices (the whole matrix cache is cleared when that is exceeded).
/// </summary>
public sealed class MatrixCache
{
    private readonly ConcurrentDictionary<string, Lazy<TravelCosts>> _costs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<TravelMatrix>> _matrices = new(StringComparer.Ordinal);
    private int _computed;

    /// <summary>Heights for slope-aware speeds, or null to ignore slopes. Fixed for the cache's lifetime.</summary>
    public Elevation.SrtmElevation? Elevation { get; init; }

    /// <summary>Upper bound on cached matrices.</summary>
    public int MaxMatrices { get; init; } = 64;

    /// <summary>How many matrices were actually computed (cache misses), for tests and diagnostics.</summary>
    public int ComputedCount => _computed;

    /// <summary>The costs of <paramref name="profile"/> on <paramref name="network"/> under <paramref name="weather"/>.</summary>
    public TravelCosts Costs(RoadNetwork network, TravelProfile profile, WeatherState weather, SpeedTable? speeds = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weather);
        string key = CostKey(network, profile, weather, speeds);
        return _costs.GetOrAdd(key, _ => new Lazy<TravelCosts>(() => new TravelCosts(network.Graph(profile), speeds, weather, Elevation))).Value;
    }

    /// <summary>The matrix between <paramref name="points"/> (lon/lat), snapped with <paramref name="snap"/>.</summary>
    public TravelMatrix Matrix(RoadNetwork network, TravelProfile profile, WeatherState weather, IReadOnlyList<Coordinate> points,
        SnapOptions? snap = null, SpeedTable? speeds = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        snap ??= SnapOptions.For(profile);
        var text = new StringBuilder(CostKey(network, profile, weather, speeds)).Append(CultureInfo.InvariantCulture, $"|{snap}");
        foreach (var p in points)
        {
            text.Append(CultureInfo.InvariantCulture, $"|{p.X:R},{p.Y:R}");
        }

        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        if (_matrices.Count >= MaxMatrices && !_matrices.ContainsKey(key))
        {
            _matrices.Clear();
        }

        return _matrices.GetOrAdd(key, _ => new Lazy<TravelMatrix>(() =>
        {
            Interlocked.Increment(ref _computed);
            var costs = Costs(network, profile, weather, speeds);
            return RoadMatrix.Compute(costs, Snapper.SnapAll(costs.Graph, points, snap));
        })).Value;
    }

    /// <summary>
    /// Road matrix where <paramref name="network"/> exists, otherwise the labelled straight-line estimate for
    /// <paramref name="terrain"/> (<see cref="TravelMatrix.IsEstimated"/> set): the one call Planning needs.
    /// </summary>
    public TravelMatrix MatrixOrEstimate(RoadNetwork? network, TravelProfile profile, WeatherState weather, IReadOnlyList<Coordinate> points,
        Fallback.TerrainClass terrain, SnapOptions? snap = null, SpeedTable? speeds = null) =>
        network is null ? Fallback.EstimatedTravel.Compute(points, terrain, profile) : Matrix(network, profile, weather, points, snap, speeds);

    private static string CostKey(RoadNetwork network, TravelProfile profile, WeatherState weather, SpeedTable? speeds) =>
        $"{network.Version}|{profile}|{weather.Fingerprint}|{(speeds is null ? "default" : speeds.Fingerprint)}";
}
