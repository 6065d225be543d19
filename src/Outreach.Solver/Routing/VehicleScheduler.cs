using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Routing;

/// <summary>
/// Exact schedule of one vehicle over all its trips: says yes exactly when service start times exist that meet every
/// window (several per stop allowed), service time, travel time, reload between trips, ride limit, the vehicle's
/// maximum duration, its breaks and the links (within the vehicle, and to the published times of linked stops on
/// other vehicles). Used to confirm candidate moves on models whose constraints the O(1) route checks cannot decide,
/// and to produce the output times.
/// <para>
/// Method. With the order of events fixed, every constraint but the windows is a difference constraint
/// t[j] >= t[i] + w: travel (t[e + 1] >= t[e] + service + travel), a ride limit (pickup >= delivery - service - limit),
/// the duration (departure >= return - limit), a link (to >= from + service + gap). Such a system, with lower and upper
/// bounds and windows, has solutions closed under the pointwise minimum, so it is feasible exactly when its least
/// solution is, and that least solution is the limit of "raise a time to what a constraint demands": a forward pass
/// along the route (all travel constraints at once), then the backward-pointing constraints (ride, duration, a link
/// against the route order) raise their earlier event and the pass reruns from there. With one window per stop this
/// is Bellman-Ford on the constraint graph: after (backward constraints + 1) rounds with no event moving to a later
/// window, a further violation is a positive cycle and no schedule exists (Cordeau &amp; Laporte 2003 and Tang et al.
/// 2010 treat the same system with forward time slacks). An upper bound (window end, shift end, a linked stop's
/// published start) exceeded by a time that is already a lower bound of every schedule ends the check.
/// </para>
/// <para>
/// Breaks are events whose place in the order is chosen: a break is needed unless the last trip ends by the time its
/// window opens (breaks are taken in index order, at the previous stop's location). The check first solves without
/// breaks (a relaxation: taking a break only adds time), then tries, for the number of breaks needed, the gaps whose
/// earliest time leaves the break room to start in its window, gaps with nobody on board first.
/// </para>
/// <para>
/// Output times (<see cref="Publish"/>, <see cref="ToPlans"/>): the break placement that ends the work earliest, its
/// least schedule, then each trip leaves the depot as late as the waiting before its first boarding allows (the stops
/// before it move later, nothing after it), and each pickup is delayed by the waiting that would otherwise happen on
/// board before the next drop-off, as far as every constraint allows: passengers do not wait on board when they need
/// not, and the van does not leave early to wait empty.
/// </para>
/// Allocation-free after construction; not thread-safe.
/// </summary>
internal sealed class VehicleScheduler
{
    /// <summary>Break placements tried at most per evaluation (keeps a pathological model from stalling the search).</summary>
    private const int MaxBreakPlacements = 4096;

    private readonly CompiledModel m;

    // The candidate sequence: seq[tripBegin[k] .. tripBegin[k + 1]) are the stops of the k-th non-empty trip.
    private readonly int[] seq;
    private readonly int[] tripBegin;
    private readonly int[] tripId;
    private int tripCount;

    // Per stop: stamp == current evaluation when in the candidate sequence / already met while building the events.
    private readonly int[] inSequence;
    private readonly int[] stopSeen;
    private readonly int[] stopBase;
    private int stamp;

    // Base events: the vehicle's trips without breaks. Per base event b: kind, reference (stop id or trip id),
    // location, duration (service, or reload after a trip that is not the last), open pairs after it, fixed lower and
    // upper bounds on its start with their reasons, and [b * D + d] the load on board after it.
    private readonly VisitKind[] baseKind;
    private readonly int[] baseRef;
    private readonly int[] baseLocation;
    private readonly int[] baseDuration;
    private readonly int[] baseOpen;
    private readonly long[] baseLow;
    private readonly UnassignedReason[] baseLowCause;
    private readonly long[] baseHigh;
    private readonly UnassignedReason[] baseHighReason;
    private readonly int[] baseLoads;
    private readonly long[] relaxed;
    private int baseCount;

    // Extra windows of the stops in the sequence (window count - 1, summed): bounds the rounds of the fixpoint.
    private int windowJumps;

    // Backward-pointing constraints on base events: t[cTo] >= t[cFrom] + cWeight.
    private int[] cFrom;
    private int[] cTo;
    private long[] cWeight;
    private UnassignedReason[] cReason;
    private int constraintCount;

    // Links within the vehicle in route order, into base stop b: entries fOffset[b] .. fOffset[b + 1] of fFrom/fWeight.
    private readonly int[] fOffset;
    private readonly int[] fFrom;
    private readonly long[] fWeight;
    private int forwardCount;

    // Timeline: the base events with the chosen breaks, what the fixpoint works on. Per event e: kind, reference
    // (stop id, break index, trip id), location, duration, gap[e] = duration + travel to e + 1, bounds with reasons,
    // the base event it comes from (a break: the one before it), current time and the reason that time was pushed by.
    private readonly VisitKind[] kind;
    private readonly int[] reference;
    private readonly int[] location;
    private readonly int[] duration;
    private readonly long[] gap;
    private readonly long[] low;
    private readonly UnassignedReason[] lowCause;
    private readonly long[] high;
    private readonly UnassignedReason[] highReason;
    private readonly int[] baseOf;
    private readonly int[] posOf;
    private readonly long[] time;
    private readonly UnassignedReason[] cause;

    // Backups of the timeline while output times are refined: while `saving`, events [savedFrom, EventCount) are
    // saved. A delay moves an event and the events after it (a backward constraint may reach a little before), so
    // the events are saved from the earliest one a move writes, just before it writes it, not the whole timeline for
    // every event delayed.
    private readonly long[] savedLow;
    private readonly UnassignedReason[] savedLowCause;
    private readonly long[] savedTime;
    private readonly UnassignedReason[] savedCause;
    private bool saving;
    private int savedFrom;

    // [break]: base event the break follows, in the placement being tried.
    private readonly int[] placement;
    private int placementsTried;

    // Choosing the output placement among all feasible ones (see ChooseBreaks).
    private readonly int[] bestPlacement;
    private bool choosing;
    private int bestNeeded;
    private long bestEnd;
    private int bestOnBoard;
    private int vehicle;
    private bool refined;

    public VehicleScheduler(CompiledModel model)
    {
        m = model;
        int maxTrips = model.MaxTrips.Length == 0 ? 1 : model.MaxTrips.Max();
        int maxBreaks = model.Breaks.Length == 0 ? 0 : model.Breaks.Max(b => b.Length);
        seq = new int[model.StopCount + 2];
        tripBegin = new int[maxTrips + 1];
        tripId = new int[maxTrips];
        inSequence = new int[model.StopCount];
        stopSeen = new int[model.StopCount];
        stopBase = new int[model.StopCount];
        int baseEvents = model.StopCount + (2 * maxTrips) + 2;
        baseKind = new VisitKind[baseEvents];
        baseRef = new int[baseEvents];
        baseLocation = new int[baseEvents];
        baseDuration = new int[baseEvents];
        baseOpen = new int[baseEvents];
        baseLow = new long[baseEvents];
        baseLowCause = new UnassignedReason[baseEvents];
        baseHigh = new long[baseEvents];
        baseHighReason = new UnassignedReason[baseEvents];
        baseLoads = new int[baseEvents * Math.Max(1, model.Dimensions)];
        relaxed = new long[baseEvents];
        posOf = new int[baseEvents];
        fOffset = new int[baseEvents + 1];
        cFrom = new int[16];
        cTo = new int[16];
        cWeight = new long[16];
        cReason = new UnassignedReason[16];
        fFrom = new int[Math.Max(4, model.InLinkOther.Length + model.OutLinkOther.Length)];
        fWeight = new long[fFrom.Length];
        int events = baseEvents + maxBreaks;
        kind = new VisitKind[events];
        reference = new int[events];
        location = new int[events];
        duration = new int[events];
        gap = new long[events];
        low = new long[events];
        lowCause = new UnassignedReason[events];
        high = new long[events];
        highReason = new UnassignedReason[events];
        baseOf = new int[events];
        time = new long[events];
        cause = new UnassignedReason[events];
        savedLow = new long[events];
        savedLowCause = new UnassignedReason[events];
        savedTime = new long[events];
        savedCause = new UnassignedReason[events];
        placement = new int[Math.Max(1, maxBreaks)];
        bestPlacement = new int[Math.Max(1, maxBreaks)];
    }

    /// <summary>Why the last evaluation failed (<see cref="UnassignedReason.None"/> after a success).</summary>
    public UnassignedReason Reason { get; private set; }

    /// <summary>Events (trip starts, stops, breaks, trip ends) of the last successful evaluation.</summary>
    public int EventCount { get; private set; }

    /// <summary>
    /// Schedules vehicle <paramref name="vehicle"/> as it is in <paramref name="state"/>, with stop <paramref name="first"/>
    /// inserted after position <paramref name="afterFirst"/> of route <paramref name="route"/> and, when
    /// <paramref name="second"/> >= 0, stop <paramref name="second"/> after original position <paramref name="afterSecond"/>.
    /// Pass route = -1 for the vehicle as it is. True exactly when a schedule exists.
    /// </summary>
    public bool Evaluate(SolutionState state, int vehicle, int route, int first, int afterFirst, int second, int afterSecond)
    {
        BuildSequence(state, vehicle, route, first, afterFirst, second, afterSecond);
        return Schedule(state, vehicle);
    }

    /// <summary>
    /// Publishes the output start and end times of the last evaluated vehicle's stops into the state (logged for undo);
    /// true when any changed.
    /// </summary>
    public bool Publish(SolutionState state)
    {
        Refine();
        bool changed = false;
        for (int e = 0; e < EventCount; e++)
        {
            if (kind[e] is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
            {
                changed |= state.PublishStop(reference[e], (int)time[e], (int)time[e] + duration[e]);
            }
        }

        return changed;
    }

    /// <summary>
    /// Publishes the least schedule of the last evaluated vehicle (before the output refinement moves pickups and trip
    /// starts later): the times <see cref="SolutionState.SettleTogether"/> iterates on. True when any changed.
    /// </summary>
    public bool PublishLeast(SolutionState state)
    {
        bool changed = false;
        for (int e = 0; e < EventCount; e++)
        {
            if (kind[e] is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
            {
                changed |= state.PublishStop(reference[e], (int)time[e], (int)time[e] + duration[e]);
            }
        }

        return changed;
    }

    /// <summary>
    /// While set, the stops linked to other vehicles take only the lower bounds those vehicles' times put on them, not
    /// their deadlines (see <see cref="SolutionState.SettleTogether"/>).
    /// </summary>
    public bool RelaxPartnerDeadlines { get; set; }

    /// <summary>Builds the visits of the last evaluated vehicle with its output times, one plan per non-empty trip.</summary>
    public List<RoutePlan> ToPlans(int vehicle)
    {
        Refine();
        var plans = new List<RoutePlan>();
        int size = m.Size;
        int dims = m.Dimensions;
        var travel = m.TravelSeconds[m.VehicleProfile[vehicle]];
        var metres = m.Metres[m.VehicleProfile[vehicle]];
        var cost = m.ArcCost[m.VehicleCostClass[vehicle]];
        List<Visit>? visits = null;
        long tripMetres = 0, tripSeconds = 0, tripCost = 0;
        int trip = 0;
        int previousLocation = -1;
        int previousDeparture = 0;
        for (int e = 0; e < EventCount; e++)
        {
            var load = new int[dims];
            Array.Copy(baseLoads, baseOf[e] * dims, load, 0, dims);
            int start = (int)time[e];
            if (kind[e] == VisitKind.Start)
            {
                visits = [];
                tripMetres = tripSeconds = tripCost = 0;
                trip = reference[e];
                visits.Add(new Visit(VisitKind.Start, -1, location[e], start, start, start, load));
                previousLocation = location[e];
                previousDeparture = start;
                continue;
            }

            int arc = (previousLocation * size) + location[e];
            int arrival = kind[e] == VisitKind.Break ? previousDeparture : previousDeparture + travel[arc];
            if (kind[e] != VisitKind.Break)
            {
                tripMetres += metres[arc];
                tripSeconds += travel[arc];
                tripCost += cost[arc];
            }

            int index = kind[e] switch
            {
                VisitKind.Break => reference[e],
                VisitKind.End => -1,
                _ => m.StopTask[reference[e]],
            };
            int shownLocation = location[e] == m.Nowhere ? -1 : location[e];
            int departure = kind[e] == VisitKind.End ? start : start + duration[e];
            visits!.Add(new Visit(kind[e], index, shownLocation, arrival, start, departure, load));
            previousLocation = location[e];
            previousDeparture = start + duration[e];
            if (kind[e] == VisitKind.End)
            {
                plans.Add(new RoutePlan(vehicle, trip, visits, tripMetres, tripSeconds, tripCost));
            }
        }

        return plans;
    }

    private void BuildSequence(SolutionState state, int vehicle, int route, int first, int afterFirst, int second, int afterSecond)
    {
        stamp++;
        if (stamp == int.MaxValue)
        {
            Array.Clear(inSequence);
            Array.Clear(stopSeen);
            stamp = 1;
        }

        int count = 0;
        tripCount = 0;
        int firstRoute = state.VehicleFirstRoute[vehicle];
        for (int k = 0; k < m.MaxTrips[vehicle]; k++)
        {
            int r = firstRoute + k;
            var routeState = state.Routes[r];
            int begin = count;
            if (r == route)
            {
                for (int p = 1; p <= routeState.Count + 1; p++)
                {
                    if (p - 1 == afterFirst)
                    {
                        seq[count++] = first;
                    }

                    if (second >= 0 && p - 1 == afterSecond)
                    {
                        seq[count++] = second;
                    }

                    if (p <= routeState.Count)
                    {
                        seq[count++] = routeState.Stops[p];
                    }
                }
            }
            else
            {
                for (int p = 1; p <= routeState.Count; p++)
                {
                    seq[count++] = routeState.Stops[p];
                }
            }

            if (count > begin)
            {
                tripBegin[tripCount] = begin;
                tripId[tripCount] = k;
                tripCount++;
            }
        }

        tripBegin[tripCount] = count;
        for (int i = 0; i < count; i++)
        {
            inSequence[seq[i]] = stamp;
        }
    }

    private bool Fail(UnassignedReason reason)
    {
        Reason = reason;
        return false;
    }

    private bool Schedule(SolutionState state, int v)
    {
        vehicle = v;
        EventCount = 0;
        Reason = UnassignedReason.None;
        refined = false;
        if (tripCount == 0)
        {
            return true;
        }

        // The base events go straight into the timeline: without breaks it is the whole problem.
        if (!BuildBase(state))
        {
            return false;
        }

        var breaks = m.Breaks[vehicle];
        if (breaks.Length > 0)
        {
            SnapshotBase();
        }

        if (!Solve(0))
        {
            return false;
        }

        if (breaks.Length == 0)
        {
            return true;
        }

        // The least schedule without breaks bounds every schedule with them from below.
        for (int b = 0; b < baseCount; b++)
        {
            relaxed[b] = time[b];
        }

        placementsTried = 0;
        if (PlaceBreaks())
        {
            Reason = UnassignedReason.None;
            return true;
        }

        EventCount = 0;
        return Fail(UnassignedReason.Break);
    }

    /// <summary>Tries the breaks needed and their gaps (see the class remarks); true at the first feasible placement.</summary>
    private bool PlaceBreaks()
    {
        var breaks = m.Breaks[vehicle];
        placementsTried = 0;
        for (int needed = 0; needed <= breaks.Length; needed++)
        {
            if (needed < breaks.Length && relaxed[baseCount - 1] > breaks[needed].Window.StartSeconds)
            {
                continue; // the work cannot end before break `needed` opens: it must be taken
            }

            if (Place(0, needed, 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For the output: among all feasible break placements the one whose work ends earliest (then with fewest breaks
    /// while passengers are on board), left solved in the timeline. The evaluation found at least one.
    /// </summary>
    private void ChooseBreaks()
    {
        choosing = true;
        bestNeeded = -1;
        PlaceBreaks();
        choosing = false;
        if (bestNeeded < 0)
        {
            throw new InvalidOperationException("Internal error: the break placement found feasible could not be found again.");
        }

        Array.Copy(bestPlacement, placement, bestNeeded);
        BuildTimeline(bestNeeded, bestNeeded < m.Breaks[vehicle].Length ? bestNeeded : -1);
        if (!Solve(0))
        {
            throw new InvalidOperationException("Internal error: the chosen break placement is no longer feasible.");
        }
    }

    /// <summary>Tries placements of breaks b .. needed - 1 in gaps from base event <paramref name="minGap"/> on.</summary>
    private bool Place(int b, int needed, int minGap)
    {
        var breaks = m.Breaks[vehicle];
        if (b == needed)
        {
            if (++placementsTried > MaxBreakPlacements)
            {
                return false;
            }

            BuildTimeline(needed, needed < breaks.Length ? needed : -1);
            if (!Solve(0))
            {
                return false;
            }

            if (!choosing)
            {
                return true;
            }

            // Choosing the output placement: the earliest end of the work, then fewest breaks with passengers on board.
            long end = time[EventCount - 1];
            int onBoard = 0;
            for (int k = 0; k < needed; k++)
            {
                onBoard += baseOpen[placement[k]] > 0 ? 1 : 0;
            }

            if (bestNeeded < 0 || end < bestEnd || (end == bestEnd && onBoard < bestOnBoard))
            {
                bestNeeded = needed;
                bestEnd = end;
                bestOnBoard = onBoard;
                Array.Copy(placement, bestPlacement, needed);
            }

            return false;
        }

        int windowEnd = breaks[b].Window.EndSeconds;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int g = minGap; g < baseCount - 1; g++)
            {
                if (relaxed[g] + baseDuration[g] > windowEnd)
                {
                    break; // relaxed times only grow along the route: no later gap opens in time either
                }

                // Not between two trips: a break at the depot then follows the next trip's start (same place, same
                // freedom), so every trip's visits stay between its start and its end.
                if ((baseOpen[g] == 0) != (pass == 0) || (baseKind[g] == VisitKind.End))
                {
                    continue;
                }

                placement[b] = g;
                if (Place(b + 1, needed, g))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Builds the base events of the sequence: loads (capacity), pairing, reachability, bounds from the shift and from
    /// links to other vehicles, and the backward constraints (ride limits, duration, links against the route order).
    /// </summary>
    private bool BuildBase(SolutionState state)
    {
        int size = m.Size;
        int dims = m.Dimensions;
        var travel = m.TravelSeconds[m.VehicleProfile[vehicle]];
        int depot = m.VehicleStart[vehicle];
        int end = m.MaxTrips[vehicle] > 1 ? depot : m.VehicleEnd[vehicle];
        int reload = m.Reload[vehicle];
        long shiftStart = m.ShiftStart[vehicle];
        long shiftEnd = m.ShiftEnd[vehicle];
        baseCount = 0;
        constraintCount = 0;
        forwardCount = 0;
        windowJumps = 0;
        bool linked = m.InLinkOther.Length > 0;
        int open = 0;
        for (int k = 0; k < tripCount; k++)
        {
            bool lastTrip = k == tripCount - 1;
            int startEvent = AddBase(VisitKind.Start, tripId[k], depot, 0, shiftStart, shiftEnd, UnassignedReason.ShiftEnd, open);
            for (int d = 0; d < dims; d++)
            {
                int load = 0;
                for (int i = tripBegin[k]; i < tripBegin[k + 1]; i++)
                {
                    load += m.StartLoad[(seq[i] * dims) + d];
                }

                baseLoads[(startEvent * dims) + d] = load;
                if (load > m.Capacity[(vehicle * dims) + d])
                {
                    return Fail(UnassignedReason.Capacity);
                }
            }

            int previous = startEvent;
            int previousLocation = depot;
            for (int i = tripBegin[k]; i < tripBegin[k + 1]; i++)
            {
                int s = seq[i];
                int stopLocation = m.StopLocation[s];
                if (travel[(previousLocation * size) + stopLocation] >= Matrix.UnreachableValue)
                {
                    return Fail(UnassignedReason.Unreachable);
                }

                bool pair = m.StopSibling[s] >= 0;
                open += !pair ? 0 : (m.StopIsDelivery[s] ? -1 : 1);
                int b = AddBase(StopKind(s), s, stopLocation, m.StopService[s], long.MinValue, shiftEnd, UnassignedReason.ShiftEnd, open);
                stopSeen[s] = stamp;
                stopBase[s] = b;
                windowJumps += m.WindowOffset[s + 1] - m.WindowOffset[s] - 1;
                for (int d = 0; d < dims; d++)
                {
                    int load = baseLoads[(previous * dims) + d] + m.Delta[(s * dims) + d];
                    baseLoads[(b * dims) + d] = load;
                    if (load > m.Capacity[(vehicle * dims) + d])
                    {
                        return Fail(UnassignedReason.Capacity);
                    }
                }

                if (pair && m.StopIsDelivery[s])
                {
                    int pickup = m.StopSibling[s];
                    if (stopSeen[pickup] != stamp || stopBase[pickup] < startEvent)
                    {
                        return Fail(UnassignedReason.Capacity); // a drop-off before (or without) its pickup on this trip
                    }

                    int maxRide = m.TaskMaxRide[m.StopTask[s]];
                    if (maxRide != CompiledModel.Infeasible)
                    {
                        AddConstraint(b, stopBase[pickup], -((long)m.StopService[pickup] + maxRide), UnassignedReason.RideTime);
                    }
                }

                if (linked)
                {
                    LinkBounds(state, s, b);
                }

                previous = b;
                previousLocation = stopLocation;
            }

            if (open != 0)
            {
                return Fail(UnassignedReason.Capacity); // a pickup whose drop-off is not on this trip
            }

            if (travel[(previousLocation * size) + end] >= Matrix.UnreachableValue)
            {
                return Fail(UnassignedReason.Unreachable);
            }

            int endEvent = AddBase(VisitKind.End, tripId[k], end, lastTrip ? 0 : reload, long.MinValue, shiftEnd, UnassignedReason.ShiftEnd, 0);
            Array.Copy(baseLoads, previous * dims, baseLoads, endEvent * dims, dims);
        }

        fOffset[baseCount] = forwardCount;
        if (m.MaxDuration[vehicle] != CompiledModel.Infeasible)
        {
            AddConstraint(baseCount - 1, 0, -(long)m.MaxDuration[vehicle], UnassignedReason.MaxDuration);
        }

        // Links whose source comes later in the route than their target: backward constraints; a maximum gap of a link
        // in route order holds its source back from its target (t[from] >= t[to] - service - max gap), backward too.
        for (int i = 0; linked && i < tripBegin[tripCount]; i++)
        {
            int s = seq[i];
            for (int l = m.InLinkOffset[s]; l < m.InLinkOffset[s + 1]; l++)
            {
                int from = m.InLinkOther[l];
                if (inSequence[from] != stamp)
                {
                    continue;
                }

                if (stopBase[from] > stopBase[s])
                {
                    AddConstraint(stopBase[from], stopBase[s], (long)m.StopService[from] + m.InLinkGap[l], UnassignedReason.Link);
                }
                else if (m.InLinkMaxGap[l] != CompiledModel.NoMaxGap)
                {
                    AddConstraint(stopBase[s], stopBase[from], -((long)m.StopService[from] + m.InLinkMaxGap[l]), UnassignedReason.Link);
                }
            }
        }

        return true;
    }

    /// <summary>Links of stop <paramref name="s"/> (base event <paramref name="b"/>): forward constraints, and bounds from other vehicles.</summary>
    private void LinkBounds(SolutionState state, int s, int b)
    {
        fOffset[b] = forwardCount;
        for (int l = m.InLinkOffset[s]; l < m.InLinkOffset[s + 1]; l++)
        {
            int from = m.InLinkOther[l];
            if (inSequence[from] == stamp)
            {
                if (stopSeen[from] == stamp)
                {
                    fFrom[forwardCount] = stopBase[from];
                    fWeight[forwardCount] = (long)m.StopService[from] + m.InLinkGap[l];
                    forwardCount++;
                }
            }
            else if (OnOtherVehicle(state, from))
            {
                long release = (long)state.ScheduleEnd[from] + m.InLinkGap[l];
                if (release > low[b])
                {
                    low[b] = release;
                    lowCause[b] = UnassignedReason.Link;
                }

                if (m.InLinkMaxGap[l] != CompiledModel.NoMaxGap && !RelaxPartnerDeadlines)
                {
                    long latest = (long)state.ScheduleEnd[from] + m.InLinkMaxGap[l];
                    if (latest < high[b])
                    {
                        high[b] = latest;
                        highReason[b] = UnassignedReason.Link;
                    }
                }
            }
        }

        for (int l = m.OutLinkOffset[s]; l < m.OutLinkOffset[s + 1]; l++)
        {
            int to = m.OutLinkOther[l];
            if (inSequence[to] == stamp)
            {
                // Against the route order (the linked stop came first): its maximum gap holds this stop back.
                if (stopSeen[to] == stamp && m.OutLinkMaxGap[l] != CompiledModel.NoMaxGap)
                {
                    fFrom[forwardCount] = stopBase[to];
                    fWeight[forwardCount] = -((long)m.StopService[s] + m.OutLinkMaxGap[l]);
                    forwardCount++;
                }
            }
            else if (OnOtherVehicle(state, to))
            {
                long deadline = (long)state.ScheduleStart[to] - m.OutLinkGap[l] - m.StopService[s];
                if (deadline < high[b] && !RelaxPartnerDeadlines)
                {
                    high[b] = deadline;
                    highReason[b] = UnassignedReason.Link;
                }

                if (m.OutLinkMaxGap[l] != CompiledModel.NoMaxGap)
                {
                    long earliest = (long)state.ScheduleStart[to] - m.OutLinkMaxGap[l] - m.StopService[s];
                    if (earliest > low[b])
                    {
                        low[b] = earliest;
                        lowCause[b] = UnassignedReason.Link;
                    }
                }
            }
        }
    }

    /// <summary>Adds base event b = the timeline's event b (no breaks yet), with the gap from the event before it.</summary>
    private int AddBase(VisitKind eventKind, int eventReference, int eventLocation, int eventDuration, long lowBound, long highBound, UnassignedReason highWhy, int openAfter)
    {
        int b = baseCount++;
        kind[b] = eventKind;
        reference[b] = eventReference;
        location[b] = eventLocation;
        duration[b] = eventDuration;
        low[b] = lowBound;
        lowCause[b] = UnassignedReason.None;
        high[b] = highBound;
        highReason[b] = highWhy;
        baseOf[b] = b;
        posOf[b] = b;
        gap[b] = 0;
        baseOpen[b] = openAfter;
        fOffset[b] = forwardCount;
        if (b > 0)
        {
            bool moves = eventKind != VisitKind.Start;
            gap[b - 1] = duration[b - 1] + (moves ? m.TravelSeconds[m.VehicleProfile[vehicle]][(location[b - 1] * m.Size) + eventLocation] : 0);
        }

        EventCount = baseCount;
        return b;
    }

    /// <summary>Keeps the base events (the timeline without breaks) for the timelines with breaks placed.</summary>
    private void SnapshotBase()
    {
        Array.Copy(kind, baseKind, baseCount);
        Array.Copy(reference, baseRef, baseCount);
        Array.Copy(location, baseLocation, baseCount);
        Array.Copy(duration, baseDuration, baseCount);
        Array.Copy(low, baseLow, baseCount);
        Array.Copy(lowCause, baseLowCause, baseCount);
        Array.Copy(high, baseHigh, baseCount);
        Array.Copy(highReason, baseHighReason, baseCount);
    }

    private void AddConstraint(int from, int to, long weight, UnassignedReason reason)
    {
        if (constraintCount == cFrom.Length)
        {
            Array.Resize(ref cFrom, cFrom.Length * 2);
            Array.Resize(ref cTo, cTo.Length * 2);
            Array.Resize(ref cWeight, cWeight.Length * 2);
            Array.Resize(ref cReason, cReason.Length * 2);
        }

        cFrom[constraintCount] = from;
        cTo[constraintCount] = to;
        cWeight[constraintCount] = weight;
        cReason[constraintCount] = reason;
        constraintCount++;
    }

    /// <summary>
    /// The timeline: base events with breaks 0 .. <paramref name="placed"/> - 1 after base events placement[..], and,
    /// when <paramref name="notNeeded"/> >= 0, the work ending by the time break <paramref name="notNeeded"/> opens.
    /// </summary>
    private void BuildTimeline(int placed, int notNeeded)
    {
        var breaks = m.Breaks[vehicle];
        int n = 0;
        int p = 0;
        for (int b = 0; b < baseCount; b++)
        {
            int e = n++;
            kind[e] = baseKind[b];
            reference[e] = baseRef[b];
            location[e] = baseLocation[b];
            duration[e] = baseDuration[b];
            low[e] = baseLow[b];
            lowCause[e] = baseLowCause[b];
            high[e] = baseHigh[b];
            highReason[e] = baseHighReason[b];
            baseOf[e] = b;
            posOf[b] = e;
            while (p < placed && placement[p] == b)
            {
                int k = n++;
                kind[k] = VisitKind.Break;
                reference[k] = p;
                location[k] = baseLocation[b];
                duration[k] = breaks[p].DurationSeconds;
                low[k] = breaks[p].Window.StartSeconds;
                lowCause[k] = UnassignedReason.None;
                high[k] = breaks[p].Window.EndSeconds;
                highReason[k] = UnassignedReason.Break;
                baseOf[k] = b;
                p++;
            }
        }

        int size = m.Size;
        var travel = m.TravelSeconds[m.VehicleProfile[vehicle]];
        for (int e = 0; e < n - 1; e++)
        {
            bool moves = kind[e + 1] is not (VisitKind.Break or VisitKind.Start);
            gap[e] = duration[e] + (moves ? travel[(location[e] * size) + location[e + 1]] : 0);
        }

        gap[n - 1] = 0;
        if (notNeeded >= 0 && breaks[notNeeded].Window.StartSeconds < high[n - 1])
        {
            high[n - 1] = breaks[notNeeded].Window.StartSeconds;
            highReason[n - 1] = UnassignedReason.Break;
        }

        EventCount = n;
    }

    /// <summary>
    /// Least schedule of the timeline, times before <paramref name="from"/> taken as they are: forward passes and raises
    /// by the backward constraints until none is violated (true) or an upper bound or a positive cycle refutes it.
    /// </summary>
    private bool Solve(int from)
    {
        int n = EventCount;
        long roundLimit = ((long)constraintCount + 1) * (windowJumps + 1);
        long rounds = 0;
        while (true)
        {
            if (!Forward(from))
            {
                return false;
            }

            int raised = n;
            var reason = UnassignedReason.None;
            for (int c = 0; c < constraintCount; c++)
            {
                int j = posOf[cTo[c]];
                long need = time[posOf[cFrom[c]]] + cWeight[c];
                if (need > time[j])
                {
                    SaveFrom(j);
                    low[j] = need;
                    lowCause[j] = cReason[c];
                    reason = cReason[c];
                    raised = Math.Min(raised, j);
                }
            }

            if (raised == n)
            {
                return true;
            }

            if (++rounds > roundLimit)
            {
                return Fail(reason); // a cycle of constraints that no waiting can satisfy
            }

            from = raised;
        }
    }

    /// <summary>Earliest times from event <paramref name="from"/> on, given the times before it; false at a bound.</summary>
    private bool Forward(int from)
    {
        int n = EventCount;
        SaveFrom(from);
        for (int e = from; e < n; e++)
        {
            long t = low[e];
            var why = lowCause[e];
            if (e > 0)
            {
                long chain = time[e - 1] + gap[e - 1];
                if (chain > t || (chain == t && why == UnassignedReason.None))
                {
                    t = chain;
                    why = cause[e - 1];
                }
            }

            if (kind[e] is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
            {
                int b = baseOf[e];
                for (int f = fOffset[b]; f < fOffset[b + 1]; f++)
                {
                    long release = time[posOf[fFrom[f]]] + fWeight[f];
                    if (release > t)
                    {
                        t = release;
                        why = UnassignedReason.Link;
                    }
                }

                int start = t > TimeWindow.MaxSeconds ? CompiledModel.Infeasible : m.EarliestStart(reference[e], (int)Math.Max(t, 0));
                if (start == CompiledModel.Infeasible)
                {
                    return Fail(why != UnassignedReason.None ? why : UnassignedReason.TimeWindow);
                }

                if (start > t)
                {
                    t = start;
                    why = UnassignedReason.None;
                }
            }

            if (t > high[e])
            {
                return Fail(why != UnassignedReason.None ? why : highReason[e]);
            }

            time[e] = t;
            cause[e] = why;
        }

        return true;
    }

    /// <summary>
    /// Turns the least schedule into the output one: each trip leaves just in time for its first event, and each pickup
    /// starts as late as the constraints allow up to the waiting that would follow on board before the next drop-off.
    /// </summary>
    private void Refine()
    {
        if (refined)
        {
            return;
        }

        refined = true;
        if (m.Breaks[vehicle].Length > 0)
        {
            ChooseBreaks();
        }

        // Pickups first (each absorbs the waiting on board before the next drop-off), then trip starts (each absorbs
        // the waiting before its first boarding, which the pickups may have moved).
        int n = EventCount;
        RefineEvents(n, VisitKind.Pickup);
        RefineEvents(n, VisitKind.Start);
        Reason = UnassignedReason.None;
    }

    private void RefineEvents(int n, VisitKind which)
    {
        for (int e = 0; e < n - 1; e++)
        {
            if (kind[e] != which)
            {
                continue;
            }

            long waiting = 0;
            for (int f = e + 1; f < n; f++)
            {
                waiting += time[f] - (time[f - 1] + gap[f - 1]);
                if (kind[f] is VisitKind.End || kind[f] == (kind[e] == VisitKind.Start ? VisitKind.Pickup : VisitKind.Delivery))
                {
                    break;
                }
            }

            long target = time[e] + waiting;
            if (target > time[e])
            {
                Delay(e, target);
            }
        }
    }

    /// <summary>Moves event <paramref name="e"/> as close to <paramref name="target"/> as a feasible schedule allows.</summary>
    private void Delay(int e, long target)
    {
        int n = EventCount;
        long before = time[e];
        saving = true;
        savedFrom = n;
        if (TryDelay(e, target))
        {
            saving = false;
            return;
        }

        // Feasibility only shrinks as the event moves later: bisect for the latest start that still fits.
        long good = before;
        long lo = good + 1;
        long hi = target - 1;
        while (lo <= hi)
        {
            long mid = lo + ((hi - lo) / 2);
            Restore(n);
            if (TryDelay(e, mid))
            {
                good = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        Restore(n);
        if (good > before && !TryDelay(e, good))
        {
            Restore(n);
        }

        saving = false;
    }

    private bool TryDelay(int e, long target)
    {
        SaveFrom(e);
        low[e] = Math.Max(low[e], target);
        return Solve(e) && time[e] <= target;
    }

    /// <summary>While a delay is tried, saves the events from <paramref name="e"/> on that are not saved yet (before they are written).</summary>
    private void SaveFrom(int e)
    {
        if (!saving || e >= savedFrom)
        {
            return;
        }

        int count = savedFrom - e;
        Array.Copy(low, e, savedLow, e, count);
        Array.Copy(lowCause, e, savedLowCause, e, count);
        Array.Copy(time, e, savedTime, e, count);
        Array.Copy(cause, e, savedCause, e, count);
        savedFrom = e;
    }

    /// <summary>Puts back the saved events (those a try may have written; the earlier ones are as they were).</summary>
    private void Restore(int n)
    {
        int count = n - savedFrom;
        Array.Copy(savedLow, savedFrom, low, savedFrom, count);
        Array.Copy(savedLowCause, savedFrom, lowCause, savedFrom, count);
        Array.Copy(savedTime, savedFrom, time, savedFrom, count);
        Array.Copy(savedCause, savedFrom, cause, savedFrom, count);
    }

    /// <summary>
    /// True when <paramref name="stop"/> is served by a vehicle other than the one being scheduled: only then are its
    /// published times a constraint (a stop of this vehicle not in the candidate sequence is leaving it, and its new
    /// vehicle checks the link).
    /// </summary>
    private bool OnOtherVehicle(SolutionState state, int stop) =>
        state.StopRoute[stop] >= 0 && state.Routes[state.StopRoute[stop]].Vehicle != vehicle;

    private VisitKind StopKind(int s) =>
        m.StopSibling[s] < 0 ? VisitKind.Visit : (m.StopIsDelivery[s] ? VisitKind.Delivery : VisitKind.Pickup);
}
