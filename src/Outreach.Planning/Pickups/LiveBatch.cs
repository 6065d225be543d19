using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// What the day's live plan says to several requests inserted together (<see cref="LiveBatch.TryAcceptEach"/>).
/// </summary>
/// <param name="Result">The day with the accepted requests in (its plan serves them and every promised family; the
/// refused ones are not in it at all, as a refused request leaves nothing behind).</param>
/// <param name="Accepted">The requests the plan serves, in the order they were given.</param>
/// <param name="Refused">The requests it could not take, each with the plan's reason.</param>
public sealed record LiveBatchDecision(PickupPlanResult Result, IReadOnlyList<long> Accepted, IReadOnlyDictionary<long, UnservedBooking> Refused);

/// <summary>
/// The requests that queued together for a station's day, inserted into its live plan in one go instead of one plan
/// each (<see cref="LiveBooking.TryAccept"/>): on a busy day most of an insertion's time is the day itself (the model,
/// the trips placed as they are, the plan written out, the checker), so a burst of families pays for it once. Each
/// request is still a seat in the plan or nothing: a request is accepted only where the plan serves it both ways, with
/// every family promised a seat before still served and published times kept as for one request (KeepTold); those it
/// cannot take are refused with the plan's reason. When the requests together break something (a promised family left
/// out, a fault the independent checker finds), the batch is split in halves, each inserted on the day the half before
/// it left, down to one request, which is then refused as <see cref="LiveBooking.TryAccept"/> refuses it without a search:
/// one troublesome family costs the burst a few insertions, not one each. Stateless and thread-safe, like <see cref="LiveBooking"/>.
/// </summary>
public static class LiveBatch
{
    /// <summary>
    /// Inserts the requests <paramref name="candidateIds"/> (bookings of <paramref name="day"/> that hold seats) into the
    /// live plan (<see cref="PickupPlanRequest.Start"/>) together, without search. Null when there is no live plan yet (the
    /// day's first plan): the caller then asks <see cref="LiveBooking.TryAccept"/> for each in turn.
    /// </summary>
    public static LiveBatchDecision? TryAcceptEach(PickupPlanRequest day, IReadOnlyList<long> candidateIds)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(candidateIds);
        var candidates = candidateIds.ToHashSet();
        var holding = day.Bookings.Where(b => Booking.HoldsSeats(b.Status)).Select(b => b.Id).ToHashSet();
        if (candidates.Count != candidateIds.Count || candidateIds.Any(id => !holding.Contains(id)))
        {
            throw new ArgumentException($"candidateIds = [{string.Join(", ", candidateIds)}]: each must be once among the day's bookings that hold seats", nameof(candidateIds));
        }

        return day.Start is null ? null : Decide(day, candidateIds);
    }

    /// <summary>The requests inserted together into the day's live plan, or, when that breaks something, in halves.</summary>
    private static LiveBatchDecision Decide(PickupPlanRequest day, IReadOnlyList<long> candidateIds)
    {
        var start = day.Start!;
        var candidates = candidateIds.ToHashSet();
        var holding = day.Bookings.Where(b => Booking.HoldsSeats(b.Status)).ToDictionary(b => b.Id);

        // Promised a seat, as for one request; the plan must serve them and is asked to serve the requests too.
        var promised = LiveBooking.Promised(start, holding.Keys.Where(id => !candidates.Contains(id)));
        var required = new HashSet<long>(promised);
        required.UnionWith(candidates);
        var result = PickupPlanner.Plan(LiveBooking.Insertion(day, required));
        var unserved = result.Plan.Unserved.ToDictionary(u => u.BookingId);
        var served = LiveBooking.Served(result.Plan);
        var refused = candidateIds.Where(id => !served.Contains(id))
            .ToDictionary(id => id, id => unserved.GetValueOrDefault(id) ?? UnservedSentences.VansBusyThatDay(id));

        // A refused request is no booking: it leaves nothing in the plan (a leg of it still on a trip would be a seat).
        bool broken = result.CheckerErrors.Count > 0 || promised.Any(unserved.ContainsKey)
            || result.Plan.Trips.Any(t => t.Stops.Any(s => s.BookingId is long b && refused.ContainsKey(b)));
        if (broken)
        {
            return candidateIds.Count == 1 ? Refuse(day, candidateIds[0], promised, unserved) : InHalves(day, candidateIds);
        }

        if (refused.Count == 0)
        {
            return new LiveBatchDecision(result, [.. candidateIds], refused);
        }

        var counted = result.Plan.Unserved.Where(u => refused.ContainsKey(u.BookingId)).Select(u => holding[u.BookingId]).ToList();
        var plan = result.Plan with
        {
            Bookings = result.Plan.Bookings.Where(b => !refused.ContainsKey(b.BookingId)).ToList(),
            Unserved = result.Plan.Unserved.Where(u => !refused.ContainsKey(u.BookingId)).ToList(),
            Figures = result.Plan.Figures with
            {
                BookingsUnserved = result.Plan.Figures.BookingsUnserved - counted.Count,
                PeopleUnserved = Math.Max(0, result.Plan.Figures.PeopleUnserved - counted.Sum(b => b.ChildCount + b.GuardianCount)),
            },
        };
        return new LiveBatchDecision(result with { Plan = plan }, [.. candidateIds.Where(served.Contains)], refused);
    }

    /// <summary>
    /// The first half inserted on the day without the second, then the second on the day the first left (its accepted
    /// families promised, its refused ones gone): each family still a seat in the plan or nothing.
    /// </summary>
    private static LiveBatchDecision InHalves(PickupPlanRequest day, IReadOnlyList<long> candidateIds)
    {
        int half = candidateIds.Count / 2;
        var first = candidateIds.Take(half).ToList();
        var second = candidateIds.Skip(half).ToList();
        var later = second.ToHashSet();
        var early = Decide(day with { Bookings = day.Bookings.Where(b => !later.Contains(b.Id)).ToList() }, first);
        var rest = Decide(day with
        {
            Bookings = day.Bookings.Where(b => !early.Refused.ContainsKey(b.Id)).ToList(),
            Start = early.Result.Plan,
        }, second);
        var refused = new Dictionary<long, UnservedBooking>(early.Refused);
        foreach (var (id, reason) in rest.Refused)
        {
            refused[id] = reason;
        }

        return new LiveBatchDecision(rest.Result, [.. early.Accepted, .. rest.Accepted], refused);
    }

    /// <summary>
    /// One request whose insertion breaks a promise (or that the checker faults): refused, as one request alone is, with
    /// its own reason or that of the promised family it would leave out; the live plan stays as it was.
    /// </summary>
    private static LiveBatchDecision Refuse(PickupPlanRequest day, long candidateId, HashSet<long> promised, Dictionary<long, UnservedBooking> unserved)
    {
        var reason = unserved.GetValueOrDefault(candidateId)
            ?? promised.Where(unserved.ContainsKey).Select(id => unserved[id] with { BookingId = candidateId }).FirstOrDefault()
            ?? UnservedSentences.VansBusyThatDay(candidateId);
        return new LiveBatchDecision(new PickupPlanResult(day.Start!, [], []), [], new Dictionary<long, UnservedBooking> { [candidateId] = reason });
    }
}
