using Outreach.Domain;

namespace Outreach.Planning.Versions;

/// <summary>
/// The time the route sheet shows for each stop of a plan, which is the time the family or contact is told:
/// consecutive stops of a trip at one site are one stop on the sheet, at the first one's arrival (two families at one
/// school gate, or a family brought home to a gate where others then board, are told the same time). A team's visits
/// are never merged. Stateless and thread-safe.
/// </summary>
public static class SheetTimes
{
    /// <summary>Each stop of <paramref name="content"/> (by reference) with the time its sheet shows.</summary>
    public static IReadOnlyDictionary<PlanStop, DateTimeOffset> Of(PlanContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var times = new Dictionary<PlanStop, DateTimeOffset>(ReferenceEqualityComparer.Instance);
        foreach (var trip in content.Stops.GroupBy(s => (s.ResourceKind, s.ResourceId, s.Date, s.TripNumber)))
        {
            PlanStop? previous = null;
            DateTimeOffset told = default;
            foreach (var stop in trip.OrderBy(s => s.Sequence))
            {
                bool samePlace = previous is { SiteId: { } before } && stop.SiteId == before && stop.Kind != StopKind.Visit;
                told = samePlace ? told : stop.Arrival;
                previous = stop;
                times[stop] = told;
            }
        }

        return times;
    }
}
