using Outreach.Domain;
using Outreach.Jobs.Replanning;

namespace Outreach.Web.Features.WeekBoard;

/// <summary>
/// Stores the floods and closures a chief draws on the board into each chosen day's weather, merged into what the day
/// already holds (its rain areas and the other floods and closures stay; one of the same type and name is replaced), and
/// removes them again, through <see cref="PlanInputs.ChangeWeatherAsync"/>: each day is changed in one locked
/// transaction (the weather poll replacing the rain meanwhile keeps them), and each day that changed asks for its re-plan
/// with the hazard's name in the reason ("weather.flood:Cầu Rẽo"). Thread-safe.
/// </summary>
public sealed class BoardHazards(PlanInputs inputs, TimeProvider clock)
{
    /// <summary>The source a day's weather row gets when staff made it (the poll writes its provider's name).</summary>
    public const string StaffSource = "staff";

    /// <summary>Adds (or redraws) the hazard on each of <paramref name="days"/>; returns the days whose weather changed.</summary>
    public Task<IReadOnlyList<DateOnly>> SaveAsync(long stationId, HazardType type, string name, IReadOnlyList<GeoPoint> points, IReadOnlyList<DateOnly> days,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(days);
        var reason = type == HazardType.Flood ? ReplanReasons.FloodDrawn(name) : ReplanReasons.ClosureDrawn(name);
        var now = clock.GetUtcNow();
        return inputs.ChangeWeatherAsync(stationId, days, stored =>
        {
            var day = Without(stored, type, name);
            return type == HazardType.Flood
                ? day with { FloodAreas = [.. day.FloodAreas, new FloodArea(name, new GeoPolygon([points]))], ObservedAt = now }
                : day with { Closures = [.. day.Closures, new Closure(KindOf(type), name, points, null)], ObservedAt = now };
        }, reason, cancellationToken);
    }

    /// <summary>Takes the hazard off every day of the week that holds it; returns the days whose weather changed.</summary>
    public Task<IReadOnlyList<DateOnly>> RemoveAsync(long stationId, HazardType type, string name, DateOnly monday, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var now = clock.GetUtcNow();
        return inputs.ChangeWeatherAsync(stationId, Enumerable.Range(0, 7).Select(monday.AddDays),
            stored => Without(stored, type, name) with { ObservedAt = now }, ReplanReasons.Reopened(name), cancellationToken);
    }

    private static ClosureKind KindOf(HazardType type) => type == HazardType.Road ? ClosureKind.Road : ClosureKind.Bridge;

    /// <summary>The day's weather (dry and open when none) without the hazard of that type and name.</summary>
    private static WeatherState Without(WeatherState? stored, HazardType type, string name)
    {
        var day = stored ?? new WeatherState(0, 0, default, [], [], [], default, StaffSource);
        return type == HazardType.Flood
            ? day with { FloodAreas = [.. day.FloodAreas.Where(f => !string.Equals(f.Name, name, StringComparison.Ordinal))] }
            : day with { Closures = [.. day.Closures.Where(c => c.Kind != KindOf(type) || !string.Equals(c.Name, name, StringComparison.Ordinal))] };
    }
}
