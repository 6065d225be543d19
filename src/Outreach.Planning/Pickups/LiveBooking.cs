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
public sealed record LiveDecision(bool Accepted, PickupPlanResult Result, UnservedBooking? Reason, IReadOnlyList<long> PushedOut)
{
    /// <summary>True when the insertion into the live plan failed and the day was searched (the slower answer).</summary>
    public bool Searched { get; init; }
}

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
    /// With <paramref name="insertFirst"/> false the day is searched at once (the caller already knows the insertion
    /// alone finds no room).
    /// </summary>
    public static LiveDecision TryAccept(PickupPlanRequest day, long candidateId, bool insertFirst = true)
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

        var promised = Promised(day.Start, others.Select(b => b.Id));

        // Most requests fit where the live plan has room: inserting the family into the live plan's trips (no search:
        // the others keep their trips and order) says so at once; only when that fails does the day get the search the
        // caller allows.
        // The search must serve the promised families and the one asking; published pickup times may move five minutes
        // for them at most, in the published order (KeepTold): a family that only fits by moving more is refused.
        var searched = day with { Required = new HashSet<long>(promised) { candidateId }, KeepTold = true };
        if (!insertFirst && day.Search.MaxIterations is not 0)
        {
            return Decide(candidateId, promised, PickupPlanner.Plan(searched)) with { Searched = true };
        }

        var quick = Decide(candidateId, promised, PickupPlanner.Plan(Insertion(day, new HashSet<long>(promised) { candidateId })));
        return quick.Accepted || day.Search.MaxIterations is 0 ? quick : Decide(candidateId, promised, PickupPlanner.Plan(searched)) with { Searched = true };
    }

    /// <summary>
    /// What the day's live plan (<see cref="PickupPlanRequest.Start"/>) says to each of <paramref name="variants"/>, one
    /// family's request in several slots (not bookings of <paramref name="day"/>; each with its own id, and a pickup point
    /// in <see cref="PickupPlanRequest.Points"/>): null where the family fits into the plan as it is, with every promised
    /// family kept and what families were told held, as the booking's insertion checks; else the reason. One model
    /// answers all of them (<see cref="PlannerRun.Probe"/>), so a day's offer list costs about one insertion. The booking
    /// still has the final word (its insertion, then a search when that finds no room). Null when there is no live plan
    /// yet while others hold seats (nothing to probe into without planning the day first).
    /// </summary>
    public static IReadOnlyList<UnservedBooking?>? Probe(PickupPlanRequest day, IReadOnlyList<Booking> variants)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(variants);
        var ids = day.Bookings.Select(b => b.Id).ToHashSet();
        for (int i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            if (!ids.Add(v.Id) || v.StationId != day.Station.Id || v.Date != day.Date || !Booking.HoldsSeats(v.Status) || day.Points.IndexOf(v.Id) is null)
            {
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"variants[{i}].id = {v.Id}: must be a new id, of the day's station and date, holding seats, with a pickup point"), nameof(variants));
            }
        }

        var holding = day.Bookings.Where(b => Booking.HoldsSeats(b.Status)).Select(b => b.Id).ToList();
        if (day.Start is null && holding.Count > 0)
        {
            return null;
        }

        var probed = day with
        {
            Search = day.Search with { MaxIterations = 0, TimeLimit = null },
            Required = Promised(day.Start, holding),
            KeepTold = true,
        };
        var answers = new PlannerRun(probed, variants).Probe();

        // Where the probe is not sure (the desks' queue with the family in would move a van home), the variant gets the
        // booking's own insertion: exact, and rare.
        return [.. answers.Select((a, k) => a.Sure ? a.No
            : TryAccept(probed with { Bookings = [.. day.Bookings, variants[k]] }, variants[k].Id, insertFirst: true) is { Accepted: false } no
                ? no.Reason ?? UnservedSentences.VansBusyThatDay(variants[k].Id)
                : null)];
    }

    /// <summary>
    /// Promised a seat: every one of <paramref name="others"/> (the day's other bookings holding seats) but those the live
    /// plan <paramref name="start"/> already could not serve (one entered after the plan was made, e.g. by staff on the
    /// phone, is promised too).
    /// </summary>
    internal static HashSet<long> Promised(PickupPlan? start, IEnumerable<long> others)
    {
        var unservable = start?.Unserved.Select(u => u.BookingId).ToHashSet() ?? [];
        return others.Where(id => !unservable.Contains(id)).ToHashSet();
    }

    /// <summary>
    /// The day planned by inserting into the live plan's trips alone (no search: the others keep their trips and order),
    /// serving <paramref name="required"/> or saying who it leaves out, with what families were told kept (KeepTold).
    /// </summary>
    internal static PickupPlanRequest Insertion(PickupPlanRequest day, IReadOnlySet<long> required) => day with
    {
        Search = day.Search with { MaxIterations = 0, TimeLimit = null },
        Required = required,
        KeepTold = true,
    };

    /// <summary>
    /// A better live plan for <paramref name="day"/>, or null. The quick insertion that accepts a family does not re-optimise,
    /// so over a busy day the live plan drifts from what a fresh search would find and later families are refused that a
    /// better plan would take. This plans the day from <see cref="PickupPlanRequest.Start"/> (the current live plan; required)
    /// within the caller's <see cref="PickupPlanRequest.Search"/>, and keeps the result only when it breaks no promise and is
    /// better: it serves, both ways, every booking of the day the start served (a booking cancelled since is no promise),
    /// the independent checker finds nothing, and it leaves fewer of the day's bookings unserved, or as many and drives
    /// fewer metres (<see cref="PickupPlanFigures.Metres"/>). Pure and thread-safe; storing it is the caller's part.
    /// </summary>
    public static PickupPlan? Improve(PickupPlanRequest day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (day.Start is not { } start)
        {
            throw new ArgumentException("day.start = null: there is no live plan to improve", nameof(day));
        }

        var holding = day.Bookings.Where(b => Booking.HoldsSeats(b.Status)).Select(b => b.Id).ToHashSet();
        var promised = ServedSet(start);
        promised.IntersectWith(holding);
        // A better plan for the vans is no reason to move what families were told: published times hold (KeepTold).
        var result = PickupPlanner.Plan(day with { KeepTold = true });
        var served = ServedSet(result.Plan);
        if (result.CheckerErrors.Count > 0 || !served.IsSupersetOf(promised))
        {
            return null;
        }

        // Unserved counted against the day's bookings, not the plans' lists: the start may name a family cancelled since, or
        // not know one entered by staff after it was made.
        served.IntersectWith(holding);
        int startUnserved = holding.Count - promised.Count, unserved = holding.Count - served.Count;
        bool better = unserved < startUnserved || (unserved == startUnserved && result.Plan.Figures.Metres < start.Figures.Metres);
        return better ? result.Plan : null;
    }

    /// <summary>
    /// The bookings <paramref name="plan"/> serves: those with a schedule (both legs on the trips) that it does not also
    /// name as unserved. The store checks a replacement of the live plan against this set of the stored plan.
    /// </summary>
    public static IReadOnlySet<long> Served(PickupPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ServedSet(plan);
    }

    private static HashSet<long> ServedSet(PickupPlan plan)
    {
        var served = plan.Bookings.Select(b => b.BookingId).ToHashSet();
        served.ExceptWith(plan.Unserved.Select(u => u.BookingId));
        return served;
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
