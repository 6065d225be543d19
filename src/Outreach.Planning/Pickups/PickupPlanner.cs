using System.Globalization;
using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// Plans a day of pickup vans for one station: every booking becomes an outbound pickup-delivery pair (its pickup
/// point to the collection point, arriving inside the booked slot) and a return pair (collection point back to its
/// pickup point) that boards only once the family's files are done; the routing engine places both on the vans' trips.
/// <para>
/// The model, in seconds since local midnight and metres:
/// <list type="bullet">
/// <item>Loads in three dimensions: seats (children + guardians), wheelchair places, small-child seats.</item>
/// <item>Boarding takes <see cref="PickupSettings.BoardingMinutesPerBooking"/>, getting off
/// <see cref="PickupSettings.AlightingMinutesPerBooking"/>, each plus <see cref="PickupSettings.NeedsExtraMinutes"/>
/// for a wheelchair or a child who must be carried.</item>
/// <item>Each leg rides at most <see cref="Station.MaxRideMinutes"/>.</item>
/// <item>Vans make up to <see cref="PickupSettings.MaxTripsPerVan"/> trips from and back to the collection point
/// within the driver's shift (the day's opening hours widened by the driver settings), with
/// <see cref="PickupSettings.ReloadMinutes"/> between trips (see <see cref="ModelPlaces"/> for why a trip does not
/// pass through the collection point unless the trips run out).</item>
/// <item>A day whose opening hours break for an hour or more (lunch) is planned as sessions, one after the other:
/// the morning's vans bring everyone home before the afternoon's drivers start (an hour before the afternoon
/// opening, <see cref="PickupSettings.DriverStartsBeforeOpeningMinutes"/>), and the afternoon gets the trips the
/// morning left. Two half-size problems search far faster than one day-size problem, and nothing crosses the
/// break: families booked in the morning are done long before the afternoon starts. A session is planned whole,
/// however busy (cutting a busy one into parts of whole slots served fewer families on every `bench pickups` day).</item>
/// <item>Arrivals are spread over half-hours so the desks are never promised more children than they take
/// (<see cref="ArrivalSpreading"/>).</item>
/// <item>The return boards no earlier than the family's files are done: off the van, to the desks
/// (<see cref="PickupSettings.CollectionPointStopMinutes"/>), waiting for a desk and the children's files
/// (<see cref="PickupSettings.MinutesPerChild"/> each, spread over the desks), from a simulation of the day's desk
/// queue (<see cref="DeskQueue"/>), and within <see cref="PickupSettings.MaxReturnWaitMinutes"/> of that (a family no
/// van can take home so soon is not served: the wait is a promise). This is a time window on the return's boarding,
/// not a link between the legs: the routing engine's links across vans are not reliable yet (a restored solution
/// can come back inconsistent and the solve throws), and windows keep both legs free to use any van. The first
/// estimate has every family arrive at the end of its arrival window, which keeps every return after its outbound;
/// after each solve the windows end where the families were planned to arrive and the returns are estimated again
/// (in the first rounds), then the queue is simulated with the planned arrivals and a return planned too early is
/// delayed (later rounds), so the rounds settle. Each new solve starts from the previous plan.</item>
/// <item>Drop-offs are re-timed to the earliest moment after the solve (<see cref="SolutionEdits"/>): the engine
/// starts every visit as late as it can, which would leave families sitting in a parked van.</item>
/// <item>Drop penalties far above any route cost, so a booking is left out only when it cannot be served; among
/// bookings that compete, published ones and then the earliest booked win.</item>
/// <item>Published stops are pinned: first van, trip and order (and the arrival within 15 min of the published
/// one); a trip whose order no longer fits keeps only its van and trip; a leg that fits nowhere there is set free.</item>
/// </list>
/// A booking is served both ways or not at all: when only one leg fits, it gets two more tries, then it is taken out
/// and the rest solved again (or, when the time is up, its stops are taken out of the plan, which keeps it feasible).
/// The time limit covers the whole day (nine tenths of it go to the engine's solves). Stateless and thread-safe (each call owns its searches).
/// </para>
/// </summary>
public static class PickupPlanner
{
    /// <summary>Plans the day. Throws <see cref="ArgumentException"/> naming the field and value on inconsistent input.</summary>
    public static PickupPlanResult Plan(PickupPlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var run = new PlannerRun(request);
        return run.Execute();
    }

    private static void Validate(PickupPlanRequest request)
    {
        if (request.Travel.Size != request.Points.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"travel.size = {request.Travel.Size}: the matrix must cover the {request.Points.Count} pickup points"), nameof(request));
        }

        for (int i = 0; i < request.Bookings.Count; i++)
        {
            var b = request.Bookings[i];
            if (b.StationId != request.Station.Id)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"bookings[{i}].stationId = {b.StationId}: must be the planned station {request.Station.Id}"), nameof(request));
            }

            if (b.Date != request.Date)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"bookings[{i}].date = {b.Date:yyyy-MM-dd}: must be the planned date {request.Date:yyyy-MM-dd}"), nameof(request));
            }
        }

        if (request.Published is { } published
            && (published.Plan.StationId != request.Station.Id || published.Plan.PeriodStart > request.Date || published.Plan.PeriodEnd < request.Date))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"published.plan.id = {published.Plan.Id}: not a plan of station {request.Station.Id} covering {request.Date:yyyy-MM-dd}"), nameof(request));
        }
    }

}
