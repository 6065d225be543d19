using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Routing;

/// <summary>
/// Exact O(n) schedule of one vehicle over all its trips: windows, reloads, breaks (placed greedily), links,
/// then a backward pass that starts every event as late as its successors allow, which removes waiting on board
/// (ride times) and before departure (duration). Used to confirm candidate moves on models whose constraints the
/// O(1) route checks cannot decide, and to produce the output times. Allocation-free after construction; not thread-safe.
/// </summary>
internal sealed class VehicleScheduler
{
    private readonly CompiledModel m;

    // The candidate sequence: seq[tripBegin[k] .. tripBegin[k + 1]) are the stops of the k-th non-empty trip.
    private readonly int[] seq;
    private readonly int[] tripBegin;
    private readonly int[] tripId;
    private int tripCount;

    // Per stop: stamp == current evaluation when in the sequence / already scheduled forward / already shifted backward.
    private readonly int[] inSequence;
    private readonly int[] forwardDone;
    private readonly int[] backwardDone;
    private readonly int[] stopEnd;
    private readonly int[] stopFinalStart;
    private int stamp;

    // Events in time order: kind, reference (stop id, break index, trip id), location, earliest start, duration, final start.
    private readonly VisitKind[] kind;
    private readonly int[] reference;
    private readonly int[] location;
    private readonly int[] early;
    private readonly int[] duration;
    private readonly int[] final;
    private readonly int[] loads;

    public VehicleScheduler(CompiledModel model)
    {
        m = model;
        int maxTrips = model.MaxTrips.Length == 0 ? 1 : model.MaxTrips.Max();
        int maxBreaks = model.Breaks.Length == 0 ? 0 : model.Breaks.Max(b => b.Length);
        seq = new int[model.StopCount + 2];
        tripBegin = new int[maxTrips + 1];
        tripId = new int[maxTrips];
        inSequence = new int[model.StopCount];
        forwardDone = new int[model.StopCount];
        backwardDone = new int[model.StopCount];
        stopEnd = new int[model.StopCount];
        stopFinalStart = new int[model.StopCount];
        int events = model.StopCount + maxBreaks + (2 * maxTrips) + 2;
        kind = new VisitKind[events];
        reference = new int[events];
        location = new int[events];
        early = new int[events];
        duration = new int[events];
        final = new int[events];
        loads = new int[events * Math.Max(1, model.Dimensions)];
    }

    public UnassignedReason Reason { get; private set; }

    public int EventCount { get; private set; }

    /// <summary>
    /// Schedules vehicle <paramref name="vehicle"/> as it is in <paramref name="state"/>, with stop <paramref name="first"/>
    /// inserted after position <paramref name="afterFirst"/> of route <paramref name="route"/> and, when
    /// <paramref name="second"/> >= 0, stop <paramref name="second"/> after original position <paramref name="afterSecond"/>.
    /// Pass route = -1 for the vehicle as it is.
    /// </summary>
    public bool Evaluate(SolutionState state, int vehicle, int route, int first, int afterFirst, int second, int afterSecond)
    {
        BuildSequence(state, vehicle, route, first, afterFirst, second, afterSecond);
        return Schedule(state, vehicle);
    }

    /// <summary>
    /// Publishes the final start and end times of the last evaluated vehicle's stops into the state (logged for undo);
    /// true when any changed.
    /// </summary>
    public bool Publish(SolutionState state)
    {
        bool changed = false;
        for (int e = 0; e < EventCount; e++)
        {
            if (kind[e] is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
            {
                changed |= state.PublishStop(reference[e], final[e], final[e] + duration[e]);
            }
        }

        return changed;
    }

    /// <summary>Builds the visits of the last evaluated vehicle, one plan per non-empty trip.</summary>
    public List<RoutePlan> ToPlans(int vehicle)
    {
        var plans = new List<RoutePlan>();
        int size = m.Size;
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
            int dims = m.Dimensions;
            var load = new int[dims];
            Array.Copy(loads, e * dims, load, 0, dims);
            if (kind[e] == VisitKind.Start)
            {
                visits = [];
                tripMetres = tripSeconds = tripCost = 0;
                trip = reference[e];
                visits.Add(new Visit(VisitKind.Start, -1, location[e], final[e], final[e], final[e], load));
                previousLocation = location[e];
                previousDeparture = final[e];
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
            int departure = kind[e] == VisitKind.End ? final[e] : final[e] + duration[e];
            visits!.Add(new Visit(kind[e], index, shownLocation, arrival, final[e], departure, load));
            previousLocation = location[e];
            previousDeparture = final[e] + duration[e];
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
            Array.Clear(forwardDone);
            Array.Clear(backwardDone);
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

    private int AddEvent(VisitKind eventKind, int eventReference, int eventLocation, long eventEarly, int eventDuration)
    {
        int e = EventCount++;
        kind[e] = eventKind;
        reference[e] = eventReference;
        location[e] = eventLocation;
        early[e] = (int)Math.Min(eventEarly, TimeWindow.MaxSeconds);
        duration[e] = eventDuration;
        return e;
    }

    private bool Fail(UnassignedReason reason)
    {
        Reason = reason;
        return false;
    }

    private bool Schedule(SolutionState state, int vehicle)
    {
        EventCount = 0;
        Reason = UnassignedReason.None;
        if (tripCount == 0)
        {
            return true;
        }

        int size = m.Size;
        int dims = m.Dimensions;
        var travel = m.TravelSeconds[m.VehicleProfile[vehicle]];
        var breaks = m.Breaks[vehicle];
        int depot = m.VehicleStart[vehicle];
        int end = m.MaxTrips[vehicle] > 1 ? depot : m.VehicleEnd[vehicle];
        int reload = m.Reload[vehicle];
        int shiftEnd = m.ShiftEnd[vehicle];
        long t = m.ShiftStart[vehicle];
        int nextBreak = 0;

        for (int k = 0; k < tripCount; k++)
        {
            bool lastTrip = k == tripCount - 1;
            int startEvent = AddEvent(VisitKind.Start, tripId[k], depot, t, 0);
            for (int d = 0; d < dims; d++)
            {
                int load = 0;
                for (int i = tripBegin[k]; i < tripBegin[k + 1]; i++)
                {
                    load += m.StartLoad[(seq[i] * dims) + d];
                }

                loads[(startEvent * dims) + d] = load;
                if (load > m.Capacity[(vehicle * dims) + d])
                {
                    return Fail(UnassignedReason.Capacity);
                }
            }

            int previousLocation = depot;
            int previousEvent = startEvent;
            for (int i = tripBegin[k]; i <= tripBegin[k + 1]; i++)
            {
                bool isStop = i < tripBegin[k + 1];
                int s = isStop ? seq[i] : -1;
                int targetLocation = isStop ? m.StopLocation[s] : end;
                int service = isStop ? m.StopService[s] : (lastTrip ? 0 : reload);
                long release = 0;
                if (isStop && !TryRelease(state, vehicle, s, ref release))
                {
                    return false;
                }

                long arrival, targetStart;
                while (true)
                {
                    arrival = t + travel[(previousLocation * size) + targetLocation];
                    targetStart = isStop ? StartAt(s, Math.Max(arrival, release)) : arrival;
                    if (nextBreak >= breaks.Length)
                    {
                        break;
                    }

                    var brk = breaks[nextBreak];
                    long breakStart = Math.Max(t, brk.Window.StartSeconds);
                    bool take;
                    if (!isStop && lastTrip)
                    {
                        if (brk.Window.StartSeconds >= arrival)
                        {
                            // Every remaining break opens after the shift's work ends: not needed.
                            nextBreak = breaks.Length;
                            break;
                        }

                        take = true;
                    }
                    else if (targetStart >= CompiledModel.Infeasible)
                    {
                        take = true;
                    }
                    else
                    {
                        long nextChance = Math.Max(targetStart + service, brk.Window.StartSeconds);
                        long waiting = targetStart - arrival;
                        take = nextChance > brk.Window.EndSeconds || waiting >= breakStart - t + brk.DurationSeconds;
                    }

                    if (!take)
                    {
                        break;
                    }

                    if (breakStart > brk.Window.EndSeconds)
                    {
                        return Fail(UnassignedReason.Break);
                    }

                    int b = AddEvent(VisitKind.Break, nextBreak, previousLocation, breakStart, brk.DurationSeconds);
                    CopyLoads(previousEvent, b, dims);
                    previousEvent = b;
                    t = breakStart + brk.DurationSeconds;
                    nextBreak++;
                }

                if (travel[(previousLocation * size) + targetLocation] >= Matrix.UnreachableValue)
                {
                    return Fail(UnassignedReason.Unreachable);
                }

                if (targetStart >= CompiledModel.Infeasible)
                {
                    return Fail(release > arrival ? UnassignedReason.Link : UnassignedReason.TimeWindow);
                }

                if (targetStart > shiftEnd)
                {
                    return Fail(isStop ? UnassignedReason.TimeWindow : UnassignedReason.ShiftEnd);
                }

                int ev = AddEvent(isStop ? StopKind(s) : VisitKind.End, isStop ? s : tripId[k], targetLocation, targetStart, service);
                for (int d = 0; d < dims; d++)
                {
                    int load = loads[(previousEvent * dims) + d] + (isStop ? m.Delta[(s * dims) + d] : 0);
                    loads[(ev * dims) + d] = load;
                    if (load > m.Capacity[(vehicle * dims) + d])
                    {
                        return Fail(UnassignedReason.Capacity);
                    }
                }

                if (isStop)
                {
                    forwardDone[s] = stamp;
                    stopEnd[s] = (int)targetStart + service;
                    if (!CheckOutgoingEarly(state, vehicle, s, targetStart + service))
                    {
                        return false;
                    }
                }

                previousEvent = ev;
                previousLocation = targetLocation;
                t = targetStart + service;
            }
        }

        if (nextBreak < breaks.Length)
        {
            return Fail(UnassignedReason.Break);
        }

        return ShiftLate(state, vehicle, travel, size);
    }

    private bool TryRelease(SolutionState state, int vehicle, int s, ref long release)
    {
        for (int l = m.InLinkOffset[s]; l < m.InLinkOffset[s + 1]; l++)
        {
            int from = m.InLinkOther[l];
            if (inSequence[from] == stamp)
            {
                if (forwardDone[from] != stamp)
                {
                    return Fail(UnassignedReason.Link);
                }

                release = Math.Max(release, (long)stopEnd[from] + m.InLinkGap[l]);
            }
            else if (OnOtherVehicle(state, from, vehicle))
            {
                release = Math.Max(release, (long)state.ScheduleEnd[from] + m.InLinkGap[l]);
            }
        }

        return true;
    }

    private bool CheckOutgoingEarly(SolutionState state, int vehicle, int s, long endTime)
    {
        for (int l = m.OutLinkOffset[s]; l < m.OutLinkOffset[s + 1]; l++)
        {
            int to = m.OutLinkOther[l];
            if (inSequence[to] != stamp && OnOtherVehicle(state, to, vehicle) && endTime + m.OutLinkGap[l] > state.ScheduleStart[to])
            {
                return Fail(UnassignedReason.Link);
            }
        }

        return true;
    }

    private bool ShiftLate(SolutionState state, int vehicle, int[] travel, int size)
    {
        int last = EventCount - 1;
        final[last] = early[last];
        for (int e = last - 1; e >= 0; e--)
        {
            int travelTo = kind[e + 1] == VisitKind.Break ? 0 : travel[(location[e] * size) + location[e + 1]];
            long x = (long)final[e + 1] - duration[e] - travelTo;
            int latest;
            switch (kind[e])
            {
                case VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery:
                    int s = reference[e];
                    x = Math.Min(x, Deadline(state, vehicle, s, duration[e]));
                    latest = x < early[e] ? int.MinValue : m.LatestStart(s, (int)x);
                    backwardDone[s] = stamp;
                    stopFinalStart[s] = latest;
                    break;
                case VisitKind.Break:
                    latest = (int)Math.Min(x, m.Breaks[vehicle][reference[e]].Window.EndSeconds);
                    break;
                default:
                    latest = (int)Math.Min(x, TimeWindow.MaxSeconds);
                    break;
            }

            if (latest < early[e])
            {
                return Fail(UnassignedReason.Link);
            }

            final[e] = latest;
        }

        if (m.MaxDuration[vehicle] != CompiledModel.Infeasible && (long)final[last] - final[0] > m.MaxDuration[vehicle])
        {
            return Fail(UnassignedReason.MaxDuration);
        }

        if (m.HasRideLimits)
        {
            for (int e = 0; e <= last; e++)
            {
                if (kind[e] != VisitKind.Delivery)
                {
                    continue;
                }

                int delivery = reference[e];
                int pickup = m.StopSibling[delivery];
                int maxRide = m.TaskMaxRide[m.StopTask[delivery]];
                if (maxRide != CompiledModel.Infeasible && (long)final[e] - stopFinalStart[pickup] - m.StopService[pickup] > maxRide)
                {
                    return Fail(UnassignedReason.RideTime);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="stop"/> is served by a vehicle other than <paramref name="vehicle"/>: only then are its
    /// published times a constraint (a stop of this vehicle not in the candidate sequence is leaving it, and its
    /// new vehicle checks the link).
    /// </summary>
    private static bool OnOtherVehicle(SolutionState state, int stop, int vehicle) =>
        state.StopRoute[stop] >= 0 && state.Routes[state.StopRoute[stop]].Vehicle != vehicle;

    private long Deadline(SolutionState state, int vehicle, int s, int service)
    {
        long deadline = long.MaxValue;
        for (int l = m.OutLinkOffset[s]; l < m.OutLinkOffset[s + 1]; l++)
        {
            int to = m.OutLinkOther[l];
            if (inSequence[to] == stamp)
            {
                if (backwardDone[to] == stamp)
                {
                    deadline = Math.Min(deadline, (long)stopFinalStart[to] - m.OutLinkGap[l] - service);
                }
            }
            else if (OnOtherVehicle(state, to, vehicle))
            {
                deadline = Math.Min(deadline, (long)state.ScheduleStart[to] - m.OutLinkGap[l] - service);
            }
        }

        return deadline;
    }

    private long StartAt(int s, long arrival) =>
        arrival > TimeWindow.MaxSeconds ? CompiledModel.Infeasible : m.EarliestStart(s, (int)arrival);

    private VisitKind StopKind(int s) =>
        m.StopSibling[s] < 0 ? VisitKind.Visit : (m.StopIsDelivery[s] ? VisitKind.Delivery : VisitKind.Pickup);

    private void CopyLoads(int from, int to, int dims)
    {
        for (int d = 0; d < dims; d++)
        {
            loads[(to * dims) + d] = loads[(from * dims) + d];
        }
    }
}
