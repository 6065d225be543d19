using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Routing;

/// <summary>
/// Cheapest feasible insertion of one task over all routes: O(1) time and load checks per position from the
/// routes' cached forward/backward data (O(n^2) per route for pairs, pickup before delivery), then, on models with
/// breaks, ride times, links or duration limits, an exact vehicle schedule for each improving candidate.
/// Allocation-free.
/// </summary>
internal sealed partial class SolutionState
{
    private int[]? classStamp;
    private int classStampValue;

    // Positions of the vehicle being scanned that pass every O(1) check, on models that need the exact schedule:
    // route, pickup (or visit) after, delivery after, cost delta. They are confirmed cheapest first, so the exact
    // schedule runs for about as many positions as fail it before the best feasible one, not for every improving
    // position met in scan order.
    private int[] candidateRoute = new int[64];
    private int[] candidateAfter = new int[64];
    private int[] candidateDeliveryAfter = new int[64];
    private long[] candidateDelta = new long[64];
    private int[] candidateOrder = new int[64];
    private int candidateCount;

    private static readonly int ReasonCount = Enum.GetValues<UnassignedReason>().Length;

    /// <summary>
    /// Per-reason counters filled by <see cref="Diagnose"/>: [reason] for positions the O(1) checks reject,
    /// [ReasonCount + reason] for positions that pass them and fail only the exact vehicle schedule.
    /// </summary>
    private readonly int[] reasonCounts = new int[2 * ReasonCount];

    /// <summary>
    /// Finds the cheapest feasible insertion of <paramref name="task"/>. Unused vehicles are tried once per
    /// interchangeable class, and only when <paramref name="allowNewVehicles"/>. With <paramref name="blinkRate"/> > 0,
    /// each improving position is skipped with that probability (SISR blinks).
    /// </summary>
    public Insertion FindBest(int task, bool allowNewVehicles, ref Rng rng, double blinkRate)
    {
        var best = Insertion.None;
        classStamp ??= new int[Math.Max(1, M.VehicleClassCount)];
        classStampValue++;
        int pinVehicle = M.TaskPinVehicle[task];
        int vFrom = pinVehicle >= 0 ? pinVehicle : 0;
        int vTo = pinVehicle >= 0 ? pinVehicle + 1 : M.VehicleCount;
        for (int v = vFrom; v < vTo; v++)
        {
            if (!VehicleUsed[v])
            {
                if (!allowNewVehicles && pinVehicle < 0)
                {
                    continue;
                }

                int cls = M.VehicleClass[v];
                if (classStamp[cls] == classStampValue && pinVehicle < 0)
                {
                    continue;
                }

                classStamp[cls] = classStampValue;
            }

            BestInVehicle(task, v, ref best, ref rng, blinkRate);
        }

        return best;
    }

    /// <summary>Improves <paramref name="best"/> with the cheapest feasible insertion of the task into vehicle <paramref name="v"/>.</summary>
    public void BestInVehicle(int task, int v, ref Insertion best, ref Rng rng, double blinkRate)
    {
        if (!M.VehicleCanServe(v, task))
        {
            return;
        }

        bool used = VehicleUsed[v];
        int pinTrip = M.TaskPinTrip[task];
        long extra = used ? 0 : M.FixedCost[v];
        int first = VehicleFirstRoute[v];
        int trips = used ? M.MaxTrips[v] : 1;
        for (int k = 0; k < trips; k++)
        {
            // An unused vehicle is tried on one trip only: its first, or the pinned one.
            int trip = used ? k : Math.Max(pinTrip, 0);
            if (used && pinTrip >= 0 && k != pinTrip)
            {
                continue;
            }

            int route = first + trip;
            if (M.TaskIsPair[task])
            {
                ScanPair(task, route, extra, ref best, ref rng, blinkRate, null);
            }
            else
            {
                ScanSingle(task, route, extra, ref best, ref rng, blinkRate, null);
            }
        }

        Resolve(task, ref best);
    }

    /// <summary>
    /// Improves <paramref name="best"/> with the cheapest feasible insertion of the task into one route of a used
    /// vehicle (the caller checks skills and pins). The task may still sit in another vehicle's route.
    /// </summary>
    public void BestInRoute(int task, int route, ref Insertion best)
    {
        var rng = default(Rng);
        if (M.TaskIsPair[task])
        {
            ScanPair(task, route, 0, ref best, ref rng, 0, null);
        }
        else
        {
            ScanSingle(task, route, 0, ref best, ref rng, 0, null);
        }

        Resolve(task, ref best);
    }

    /// <summary>Confirms the collected candidates with the exact vehicle schedule, cheapest first, into <paramref name="best"/>.</summary>
    private void Resolve(int task, ref Insertion best)
    {
        int count = candidateCount;
        if (count == 0)
        {
            return;
        }

        candidateCount = 0;
        for (int k = 0; k < count; k++)
        {
            candidateOrder[k] = k;
        }

        Array.Sort(candidateDelta, candidateOrder, 0, count);
        int first = M.TaskFirstStop[task];
        int second = M.TaskIsPair[task] ? first + 1 : -1;
        for (int k = 0; k < count && candidateDelta[k] < best.Delta; k++)
        {
            int c = candidateOrder[k];
            int route = candidateRoute[c];
            if (Scheduler.Evaluate(this, Routes[route].Vehicle, route, first, candidateAfter[c], second, candidateDeliveryAfter[c]))
            {
                best = new Insertion(route, candidateAfter[c], second >= 0 ? candidateDeliveryAfter[c] : -1, candidateDelta[k]);
                return;
            }
        }
    }

    private void AddCandidate(int route, int after, int deliveryAfter, long delta)
    {
        if (candidateCount == candidateRoute.Length)
        {
            int size = candidateRoute.Length * 2;
            Array.Resize(ref candidateRoute, size);
            Array.Resize(ref candidateAfter, size);
            Array.Resize(ref candidateDeliveryAfter, size);
            Array.Resize(ref candidateDelta, size);
            Array.Resize(ref candidateOrder, size);
        }

        candidateRoute[candidateCount] = route;
        candidateAfter[candidateCount] = after;
        candidateDeliveryAfter[candidateCount] = deliveryAfter;
        candidateDelta[candidateCount] = delta;
        candidateCount++;
    }

    /// <summary>Counts, over all routes and positions, which constraint rejects <paramref name="task"/>; returns the most frequent.</summary>
    public UnassignedReason Diagnose(int task)
    {
        Array.Clear(reasonCounts);
        var rng = new Rng(1);
        for (int v = 0; v < M.VehicleCount; v++)
        {
            if (!M.VehicleCanServe(v, task))
            {
                reasonCounts[(int)UnassignedReason.Skill]++;
                continue;
            }

            if (M.TaskPinVehicle[task] >= 0 && M.TaskPinVehicle[task] != v)
            {
                reasonCounts[(int)UnassignedReason.Pin]++;
                continue;
            }

            long extra = VehicleUsed[v] ? 0 : M.FixedCost[v];
            for (int r = VehicleFirstRoute[v]; r < VehicleFirstRoute[v + 1]; r++)
            {
                if (M.TaskPinTrip[task] >= 0 && M.TaskPinTrip[task] != r - VehicleFirstRoute[v])
                {
                    reasonCounts[(int)UnassignedReason.Pin]++;
                    continue;
                }

                var best = Insertion.None;
                if (M.TaskIsPair[task])
                {
                    ScanPair(task, r, extra, ref best, ref rng, 0, reasonCounts);
                }
                else
                {
                    ScanSingle(task, r, extra, ref best, ref rng, 0, reasonCounts);
                }
            }
        }

        // Positions that pass every quick check come closest to fitting: what blocks them is the reason to report
        // (e.g. "the day would be too long" rather than "another family's window" for positions that never could).
        var reason = MostFrequent(ReasonCount);
        reason = reason != UnassignedReason.None ? reason : MostFrequent(0);

        // Windows reject most positions of a busy day, so "time window" says little; when a ride limit (the task's own or
        // that of someone already on board) also rejected positions, sharing a trip is what failed, and that is named.
        int rideOnly = reasonCounts[(int)UnassignedReason.RideTime] + reasonCounts[ReasonCount + (int)UnassignedReason.RideTime];
        return reason == UnassignedReason.TimeWindow && rideOnly > 0 ? UnassignedReason.RideTime : reason;
    }

    private UnassignedReason MostFrequent(int offset)
    {
        var reason = UnassignedReason.None;
        int most = 0;
        for (int i = 1; i < ReasonCount; i++)
        {
            if (reasonCounts[offset + i] > most)
            {
                most = reasonCounts[offset + i];
                reason = (UnassignedReason)i;
            }
        }

        return reason;
    }

    private static void Count(int[]? counts, UnassignedReason reason)
    {
        if (counts is not null)
        {
            counts[(int)reason]++;
        }
    }

    /// <summary>Counts a rejection by the exact vehicle schedule (after every quick check passed).</summary>
    private static void CountExact(int[]? counts, UnassignedReason reason)
    {
        if (counts is not null)
        {
            counts[ReasonCount + (int)reason]++;
        }
    }

    /// <summary>True when even driving straight back from <paramref name="location"/> at <paramref name="time"/> ends too late.</summary>
    private bool PastShift(RouteState route, long time, int location) =>
        time + route.Travel[(location * M.Size) + route.EndLocation] > route.EndLatest;

    private bool LoadFits(RouteState route, int s, int dims, int[] loadsByPosition, int position, int extra)
    {
        for (int d = 0; d < dims; d++)
        {
            int amount = extra == 0 ? M.StartLoad[(s * dims) + d] : M.Delta[(s * dims) + d];
            if (loadsByPosition[(position * dims) + d] + amount > M.Capacity[(route.Vehicle * dims) + d])
            {
                return false;
            }
        }

        return true;
    }

    private void ScanSingle(int task, int routeIndex, long extra, ref Insertion best, ref Rng rng, double blinkRate, int[]? counts)
    {
        var route = Routes[routeIndex];
        int s = M.TaskFirstStop[task];
        int size = M.Size;
        int dims = M.Dimensions;
        int ls = M.StopLocation[s];
        int service = M.StopService[s];
        int lastWindowEnd = M.WindowEnd[M.WindowOffset[s + 1] - 1];
        var travel = route.Travel;
        var cost = route.Cost;
        int n = route.Count;
        long emptyBase = n == 0 ? cost[(route.StartLocation * size) + route.EndLocation] : 0;
        for (int p = route.PinnedPrefix; p <= n; p++)
        {
            int from = route.Location[p];
            int to = route.Location[p + 1];
            long departure = (long)route.Early[p] + route.Service[p];
            if (departure > lastWindowEnd)
            {
                // Early[] never decreases along a route: no later position can meet this stop's windows.
                Count(counts, UnassignedReason.TimeWindow);
                break;
            }

            if (!LoadFits(route, s, dims, route.PrefixMax, p, 0))
            {
                Count(counts, UnassignedReason.Capacity);
                continue;
            }

            int travelIn = travel[(from * size) + ls];
            int travelOut = travel[(ls * size) + to];
            if (travelIn >= Matrix.UnreachableValue || travelOut >= Matrix.UnreachableValue)
            {
                Count(counts, UnassignedReason.Unreachable);
                continue;
            }

            int start = M.EarliestStart(s, (int)(departure + travelIn));
            if (start == CompiledModel.Infeasible)
            {
                Count(counts, UnassignedReason.TimeWindow);
                continue;
            }

            long next = (long)start + service + travelOut;
            if (next > route.Late[p + 1])
            {
                Count(counts, PastShift(route, start + service, ls) ? UnassignedReason.ShiftEnd : UnassignedReason.TimeWindow);
                continue;
            }

            long delta = cost[(from * size) + ls] + cost[(ls * size) + to] - cost[(from * size) + to] + emptyBase + extra;
            if (delta >= best.Delta && counts is null)
            {
                continue;
            }

            if (blinkRate > 0 && rng.NextDouble() < blinkRate)
            {
                continue;
            }

            if (M.HasRideLimits && RideRejects(route, s, p))
            {
                Count(counts, UnassignedReason.RideTime);
                continue;
            }

            if (M.NeedsFullCheck)
            {
                if (counts is null)
                {
                    AddCandidate(routeIndex, p, -1, delta);
                    continue;
                }

                if (!Scheduler.Evaluate(this, route.Vehicle, routeIndex, s, p, -1, -1))
                {
                    CountExact(counts, Scheduler.Reason);
                    continue;
                }
            }

            if (delta < best.Delta)
            {
                best = new Insertion(routeIndex, p, -1, delta);
            }
        }
    }

    private void ScanPair(int task, int routeIndex, long extra, ref Insertion best, ref Rng rng, double blinkRate, int[]? counts)
    {
        var route = Routes[routeIndex];
        int sp = M.TaskFirstStop[task];
        int sd = sp + 1;
        int size = M.Size;
        int dims = M.Dimensions;
        int lp = M.StopLocation[sp];
        int ld = M.StopLocation[sd];
        int serviceP = M.StopService[sp];
        int serviceD = M.StopService[sd];
        int lastEndP = M.WindowEnd[M.WindowOffset[sp + 1] - 1];
        int lastEndD = M.WindowEnd[M.WindowOffset[sd + 1] - 1];
        int maxRide = M.TaskMaxRide[task];
        var travel = route.Travel;
        var cost = route.Cost;
        int n = route.Count;
        long emptyBase = n == 0 ? cost[(route.StartLocation * size) + route.EndLocation] : 0;
        for (int i = route.PinnedPrefix; i <= n; i++)
        {
            int from = route.Location[i];
            int after = route.Location[i + 1];
            long departure = (long)route.Early[i] + route.Service[i];
            if (departure > lastEndP)
            {
                Count(counts, UnassignedReason.TimeWindow);
                break;
            }

            if (!LoadFits(route, sp, dims, route.LoadAfter, i, 1))
            {
                Count(counts, UnassignedReason.Capacity);
                continue;
            }

            int travelIn = travel[(from * size) + lp];
            if (travelIn >= Matrix.UnreachableValue)
            {
                Count(counts, UnassignedReason.Unreachable);
                continue;
            }

            int startP = M.EarliestStart(sp, (int)(departure + travelIn));
            if (startP == CompiledModel.Infeasible)
            {
                Count(counts, UnassignedReason.TimeWindow);
                continue;
            }

            long departP = (long)startP + serviceP;
            long pickupDelta = cost[(from * size) + lp] + cost[(lp * size) + after] - cost[(from * size) + after];

            // Delivery right after the pickup.
            long arrivalD = departP + travel[(lp * size) + ld];
            int startD = arrivalD > TimeWindow.MaxSeconds ? CompiledModel.Infeasible : M.EarliestStart(sd, (int)arrivalD);
            if (startD == CompiledModel.Infeasible)
            {
                Count(counts, travel[(lp * size) + ld] >= Matrix.UnreachableValue ? UnassignedReason.Unreachable : UnassignedReason.TimeWindow);
            }
            else if ((long)startD + serviceD + travel[(ld * size) + after] > route.Late[i + 1])
            {
                Count(counts, PastShift(route, startD + serviceD, ld) ? UnassignedReason.ShiftEnd : UnassignedReason.TimeWindow);
            }
            else
            {
                long delta = cost[(from * size) + lp] + cost[(lp * size) + ld] + cost[(ld * size) + after] - cost[(from * size) + after] + emptyBase + extra;
                Consider(route, routeIndex, sp, sd, i, i, delta, ref best, ref rng, blinkRate, counts);
            }

            // Delivery after a later stop j costs at least pickupDelta when arc costs obey the triangle
            // inequality (always on the literature sets; on road matrices a rare missed candidate costs only quality).
            if (counts is null && pickupDelta + emptyBase + extra >= best.Delta)
            {
                continue;
            }

            // With the pickup after i, a pair on board across arc i whose ride the detour already pushes past its limit
            // rules out every later delivery position (the same bound as RideRejects, once for all j).
            long rideToNext = 0;
            if (M.HasRideLimits)
            {
                long detour = (long)travel[(from * size) + lp] + serviceP + travel[(lp * size) + after] - travel[(from * size) + after];
                if (detour > route.RideSlack[i])
                {
                    Count(counts, UnassignedReason.RideTime);
                    continue;
                }

                rideToNext = travel[(lp * size) + after] - route.Chain[i + 1];
            }

            // Delivery after a later stop j: push the schedule from i + 1 on, stop as soon as it breaks.
            int previousLocation = lp;
            long previousDeparture = departP;
            for (int j = i + 1; j <= n; j++)
            {
                // Driving and service alone from the pickup to the end of stop j: when that exceeds the pair's own ride
                // limit, so does every delivery at or after j.
                if (maxRide != CompiledModel.Infeasible && rideToNext + route.Chain[j] + route.Service[j] > maxRide)
                {
                    Count(counts, UnassignedReason.RideTime);
                    break;
                }

                long arrival = previousDeparture + travel[(previousLocation * size) + route.Location[j]];
                int start = arrival <= route.Early[j]
                    ? route.Early[j] // the push is absorbed by waiting: the cached schedule holds from here on
                    : (arrival > TimeWindow.MaxSeconds ? CompiledModel.Infeasible : M.EarliestStart(route.Stops[j], (int)arrival));
                if (start == CompiledModel.Infeasible || start > route.Late[j])
                {
                    Count(counts, UnassignedReason.TimeWindow);
                    break;
                }

                if (!LoadFits(route, sp, dims, route.LoadAfter, j, 1))
                {
                    Count(counts, UnassignedReason.Capacity);
                    break;
                }

                previousDeparture = (long)start + route.Service[j];
                previousLocation = route.Location[j];
                if (previousDeparture > lastEndD)
                {
                    Count(counts, UnassignedReason.TimeWindow);
                    break;
                }

                int next = route.Location[j + 1];
                long arrivalAtD = previousDeparture + travel[(previousLocation * size) + ld];
                int startAtD = arrivalAtD > TimeWindow.MaxSeconds ? CompiledModel.Infeasible : M.EarliestStart(sd, (int)arrivalAtD);
                if (startAtD == CompiledModel.Infeasible)
                {
                    Count(counts, UnassignedReason.TimeWindow);
                    continue;
                }

                if ((long)startAtD + serviceD + travel[(ld * size) + next] > route.Late[j + 1])
                {
                    Count(counts, PastShift(route, startAtD + serviceD, ld) ? UnassignedReason.ShiftEnd : UnassignedReason.TimeWindow);
                    continue;
                }

                long delta = pickupDelta + cost[(previousLocation * size) + ld] + cost[(ld * size) + next] - cost[(previousLocation * size) + next] + emptyBase + extra;
                Consider(route, routeIndex, sp, sd, i, j, delta, ref best, ref rng, blinkRate, counts);
            }
        }
    }

    private void Consider(RouteState route, int routeIndex, int sp, int sd, int i, int j, long delta, ref Insertion best, ref Rng rng, double blinkRate, int[]? counts)
    {
        if (delta >= best.Delta && counts is null)
        {
            return;
        }

        if (blinkRate > 0 && rng.NextDouble() < blinkRate)
        {
            return;
        }

        if (M.HasRideLimits && RideRejects(route, sp, sd, i, j))
        {
            Count(counts, UnassignedReason.RideTime);
            return;
        }

        if (M.NeedsFullCheck)
        {
            if (counts is null)
            {
                AddCandidate(routeIndex, i, j, delta);
                return;
            }

            if (!Scheduler.Evaluate(this, route.Vehicle, routeIndex, sp, i, sd, j))
            {
                CountExact(counts, Scheduler.Reason);
                return;
            }
        }

        if (delta < best.Delta)
        {
            best = new Insertion(routeIndex, i, j, delta);
        }
    }

    /// <summary>
    /// True when ride-time lower bounds (<see cref="RouteState.Chain"/>, <see cref="RouteState.RideSlack"/>) already rule
    /// out stop <paramref name="s"/> after position <paramref name="p"/>: the detour pushes a pair on board past its limit.
    /// Sound: a schedule only adds waiting and breaks to the bound, so this never rejects a position the full schedule accepts.
    /// </summary>
    internal bool RideRejects(RouteState route, int s, int p)
    {
        int size = M.Size;
        var travel = route.Travel;
        int from = route.Location[p];
        int to = route.Location[p + 1];
        int ls = M.StopLocation[s];
        long detour = (long)travel[(from * size) + ls] + M.StopService[s] + travel[(ls * size) + to] - travel[(from * size) + to];
        return detour > route.RideSlack[p];
    }

    /// <summary>
    /// True when ride-time lower bounds already rule out pickup <paramref name="sp"/> after position <paramref name="i"/> and
    /// delivery <paramref name="sd"/> after original position <paramref name="j"/> (j >= i): the pair's own ride, or the
    /// detour of either stop for the pairs on board across its arc, exceeds a limit. Sound as <see cref="RideRejects(RouteState, int, int)"/>.
    /// </summary>
    internal bool RideRejects(RouteState route, int sp, int sd, int i, int j)
    {
        int size = M.Size;
        var travel = route.Travel;
        var location = route.Location;
        int lp = M.StopLocation[sp];
        int ld = M.StopLocation[sd];
        int maxRide = M.TaskMaxRide[M.StopTask[sp]];
        if (i == j)
        {
            int from = location[i];
            int to = location[i + 1];
            long detour = (long)travel[(from * size) + lp] + M.StopService[sp] + travel[(lp * size) + ld] + M.StopService[sd]
                + travel[(ld * size) + to] - travel[(from * size) + to];
            return detour > route.RideSlack[i] || (maxRide != CompiledModel.Infeasible && travel[(lp * size) + ld] > maxRide);
        }

        int li = location[i];
        int afterPickup = location[i + 1];
        long detourP = (long)travel[(li * size) + lp] + M.StopService[sp] + travel[(lp * size) + afterPickup] - travel[(li * size) + afterPickup];
        if (detourP > route.RideSlack[i])
        {
            return true;
        }

        int lj = location[j];
        int afterDelivery = location[j + 1];
        long detourD = (long)travel[(lj * size) + ld] + M.StopService[sd] + travel[(ld * size) + afterDelivery] - travel[(lj * size) + afterDelivery];
        if (detourD > route.RideSlack[j])
        {
            return true;
        }

        if (maxRide == CompiledModel.Infeasible)
        {
            return false;
        }

        long ride = (long)travel[(lp * size) + afterPickup] + (route.Chain[j] - route.Chain[i + 1]) + route.Service[j] + travel[(lj * size) + ld];
        return ride > maxRide;
    }
}
