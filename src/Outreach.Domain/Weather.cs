namespace Outreach.Domain;

/// <summary>
/// A polygon as GeoJSON rings: the first ring is the outer boundary, any further rings are holes.
/// Each ring is closed (first point equals last).
/// </summary>
public sealed record GeoPolygon(IReadOnlyList<IReadOnlyList<GeoPoint>> Rings);

public sealed record RainArea(double IntensityMmPerHour, GeoPolygon Area);

public sealed record FloodArea(string Name, GeoPolygon Area);

public enum ClosureKind
{
    Road,
    Bridge,
    Ferry,
    Area,
}

/// <summary>A closed road (line), bridge or ferry (point) or area (closed ring) given as points.</summary>
public sealed record Closure(ClosureKind Kind, string Name, IReadOnlyList<GeoPoint> Geometry, string? Reason);

/// <summary>The weather facts for one station and local date, which Geo turns into speed factors and closures.</summary>
public sealed record WeatherState(
    long Id,
    long StationId,
    DateOnly Date,
    IReadOnlyList<RainArea> RainAreas,
    IReadOnlyList<FloodArea> FloodAreas,
    IReadOnlyList<Closure> Closures,
    DateTimeOffset ObservedAt,
    string? Source);
