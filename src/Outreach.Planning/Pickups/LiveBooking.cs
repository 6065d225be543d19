using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// The answer to one booking request against the day's live plan.
/// </summary>
/// <param name="Accepted">True when the family and every family the plan served before are served by <see cref="Result"/>.</param>
/// <param name="Result">The day planned with the family in; when accepted, its plan is the new live plan.</param>
/// <param name="Reason">When refused: why the family itself could not be placed, or, when placing it would leave out a
/// family already promised a seat, that family's reason (<see cref="PushedOut"/> names them).</param>
/// <param name="PushedOut">Bookings served by the plan before that this plan leaves out (refused then).</param>
public sealed record LiveDecision(bool Accepted, PickupPlanResult Result, UnservedBooking? Reason, IReadOnlyList<long> PushedOut);

/// <summary>
/// A confirmed pickup is a seat in the plan: a booking request is accepted only when the day's plan, re-planned from
/// the current live plan with the family in (<see cref="PickupPlanRequest.Start"/>), still serves the family and
/// every family it served before, both ways, with the ride limits, the desks' queue and the wait for the ride home.
/// Times nobody was told yet move freely (others' unpublished pickup times may shift to make room); what was published
/// stays pinned as in any re-plan. The plan that said yes becomes the live plan, so the next request is checked
/// against a plan in which every promise is kept. Stateless: callers keep the live plan (and serialise requests per
/// station and day).
/// </summary>
public static class LiveBooking
{
    /// <summary>
    /// Plans <paramref name="day"/> (whose bookings include the candidate <paramref name="candidateId"/>, and whose
    /// <see cref="PickupPlanRequest.Start"/> is the current live plan or null for the day's first request) and decides.
    /// </summary>
    public static LiveDecision TryAccept(PickupPlanRequest day, long candidateId)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (!day.Bookings.Any(b => b.Id == candidateId && Booking.HoldsSeats(b.Status)))
        {
            throw new ArgumentException($"candidateId = {candidateId}: not among the day's bookings that hold seats", nameof(candidateId));
        }

        // No live plan yet while others hold seats (entered before live plans, or by staff): the day without the family
        // is planned first, and what it cannot serve was never promised by a plan.
        var others = day.Bookings.Where(b => b.Id != candidateId && Booking.HoldsSeats(b.Status)).ToList();
        if (day.Start is null && others.Count > 0)
        {
            day = day with { Start = PickupPlanner.Plan(day with { Bookings = others }).Plan };
        }

        // Promised a seat: every other booking but those the live plan already could not serve (one entered after the
        // plan was made, e.g. by staff on the phone, is promised too).
        var unservable = day.Start?.Unserved.Select(u => u.BookingId).ToHashSet() ?? [];
        var promised = others.Select(b => b.Id).Where(id => !unservable.Contains(id)).ToHashSet();

        // Most requests fit where the live plan has room: inserting the family into the live plan's trips (no search:
        // the others keep their trips and order) says so at once; only when that fails does the day get the search the
        // caller allows.
        var quick = Decide(candidateId, promised, PickupPlanner.Plan(day with { Search = day.Search with { MaxIterations = 0, TimeLimit = null } }));
        return quick.Accepted || day.Search.MaxIterations is 0 ? quick : Decide(candidateId, promised, PickupPlanner.Plan(day));
    }

    private static LiveDecision Decide(long candidateId, HashSet<long> promised, PickupPlanResult result)
    {
        var unserved = result.Plan.Unserved;
        var own = unserved.FirstOrDefault(u => u.BookingId == candidateId);
        var pushed = unserved.Where(u => u.BookingId != candidateId && promised.Contains(u.BookingId)).ToList();
        bool accepted = own is null && pushed.Count == 0 && result.CheckerErrors.Count == 0;
        return new LiveDecision(accepted, result, accepted ? null : own ?? pushed.FirstOrDefault(), pushed.Select(p => p.BookingId).ToList());
    }
}
