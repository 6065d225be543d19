using System.Globalization;
using Outreach.Planning.Pickups;

namespace Outreach.Bench.Pickups;

/// <summary>A plan's trips as plain text, one line per stop (booking codes only: no names or phones).</summary>
public static class PickupPlanText
{
    public static void Write(PickupPlan plan, IReadOnlyDictionary<long, string> codes, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var trip in plan.Trips)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  van {trip.VehicleId} trip {trip.TripNumber}: {trip.Metres / 1000.0:0.0} km, peak {trip.PeakSeats} seats{(trip.PassesThroughCollectionPoint ? ", passes through the collection point" : "")}"));
            foreach (var s in trip.Stops)
            {
                string who = s.BookingId is long id ? codes.GetValueOrDefault(id, id.ToString(CultureInfo.InvariantCulture)) : "";
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {PlanClock.Hhmm(s.ArrivalSeconds)}-{PlanClock.Hhmm(s.DepartureSeconds)} {s.Kind,-22} {who,-8} +{s.Boarding} -{s.Alighting} seats {s.SeatsAfter}"));
            }
        }
    }
}
