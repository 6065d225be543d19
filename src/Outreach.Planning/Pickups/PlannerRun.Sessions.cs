using System.Globalization;
using Outreach.Domain;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Pickups;

/// <summary>This file: the day's sessions, the solver model of a session, and the repair rounds after each solve.</summary>
internal sealed partial class PlannerRun
{
    /// <summary>A break in the opening hours at least this long splits the day into sessions.</summary>
    private const int SessionBreakSeconds = 3600;


    /// <summary>Rounds in which pins loosen and desk times are corrected; removals of half-served families go on after.</summary>
    private const int MaxRepairRounds = 5;

    /// <summary>
    /// Sessions: runs of opening intervals without a break of an hour or more. The drivers of one session stop when
    /// the next session's drivers start: <see cref="PickupSettings.DriverStartsBeforeOpeningMinutes"/> before its
    /// opening, but not before the earlier session closes. Each session is planned whole, however busy: cutting a busy
    /// one into parts of whole slots (a van starting each part when its earlier trips were over) served fewer families on
    /// every day `bench pickups` measured (seeds 1-5 of 300 requests and a 600-request day), in the same time.
    /// </summary>
    private List<Session> BuildSessions()
    {
        var groups = new List<List<(int Open, int Close)>>();
        foreach (var interval in _opening)
        {
            if (groups.Count == 0 || interval.Open - groups[^1][^1].Close >= SessionBreakSeconds)
            {
                groups.Add([]);
            }

            groups[^1].Add(interval);
        }

        int before = _s.DriverStartsBeforeOpeningMinutes * 60;
        var sessions = new List<Session>();
        int previousEnd = 0;
        for (int k = 0; k < groups.Count; k++)
        {
            int open = groups[k][0].Open, close = groups[k].Max(o => o.Close);
            int start = k == 0 ? Math.Max(0, open - before) : previousEnd;
            int end = k == groups.Count - 1
                ? close + (_s.DriverEndsAfterClosingMinutes * 60)
                : Math.Clamp(groups[k + 1][0].Open - before, close, groups[k + 1][0].Open);
            previousEnd = end;
            var session = new Session { Index = k, ShiftStart = start, ShiftEnd = end };
            session.Families.AddRange(_families
                .Where(f => f.Unserved is null && (k == groups.Count - 1 || f.AllowedWindows[0].Start < close) && (k == 0 || f.AllowedWindows[0].Start >= open))
                .OrderBy(f => f.SlotStart));
            sessions.Add(session);
        }

        return sessions;
    }

    /// <summary>Solves one session of the day, repairing until the plan is whole or its time is up.</summary>
    private void SolveSession(Session session, List<Session> sessions)
    {
        // Trips: what the van has left after earlier sessions, keeping one for each later session that has families.
        int maxTrips = Math.Clamp(_s.MaxTripsPerVan, 1, 16);
        int later = sessions.Skip(session.Index + 1).Count(s => s.Families.Any(f => f.Unserved is null));
        foreach (var van in _vans)
        {
            int used = sessions.Take(session.Index).Sum(s => s.Solution?.Routes.Count(r => s.Vans[r.Vehicle].Id == van.Id) ?? 0);
            int left = maxTrips - used;
            int cap = left <= 0 ? 0 : Math.Max(1, left - later);
            if (cap > 0 && session.ShiftStart < session.ShiftEnd)
            {
                session.Vans.Add(van);
                session.Caps[van.Id] = cap;
            }

            session.PublishedOffset[van.Id] = _published.TripStarts.Count(t => t.Key.Vehicle == van.Id && t.Value < session.ShiftStart);
        }

        if (session.Families.Count == 0)
        {
            return;
        }

        if (session.Vans.Count == 0)
        {

            foreach (var f in session.Families)
            {
                f.Unserved = UnservedSentences.VansBusy(f.Booking.Id, Context(f, null));
            }

            return;
        }

        TimeSpan? budget = null;
        if (_totalTime is TimeSpan total)
        {
            var remaining = total - _r.Search.Clock.GetElapsedTime(_startTimestamp);
            double share = (double)session.Families.Count(f => f.Unserved is null)
                / Math.Max(1, sessions.Skip(session.Index).Sum(s => s.Families.Count(f => f.Unserved is null)));
            budget = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, (long)(remaining.Ticks * share)));
        }

        long sessionStart = _r.Search.Clock.GetTimestamp();
        IReadOnlyList<InitialTrip> initial = [];
        Snapshot? previous = null;
        while (true)
        {
            var inModel = session.Families.Where(f => f.Unserved is null).ToList();
            if (inModel.Count == 0)
            {
                session.Model = null;
                session.Solution = null;
                return;
            }

            var model = BuildModel(session, inModel);
            if (session.Rounds == 0 && _r.Start is { } start)
            {
                initial = InitialFromPlan(session, inModel, start);
            }

            long roundStart = _r.Search.Clock.GetTimestamp();
            var options = Slice(budget, sessionStart, session.Rounds, initial);
            var probes = inModel.Where(f => f.IsProbe).ToList();
            if (probes.Count > 0)
            {
                options = options with { Probes = [.. probes.Select(f => (IReadOnlyList<int>)[2 * f.ModelIndex, (2 * f.ModelIndex) + 1])] };
            }

            var sliceLimit = options.TimeLimit;
            var solution = RoutingSolver.Solve(model, options);
            var roundTime = _r.Search.Clock.GetElapsedTime(roundStart);
            session.Log.Add(new PickupRound(roundTime, solution.Iterations, inModel.Count, solution.Unassigned.Count, solution.GreedyStartTasks));
            session.Rounds++;
            session.Model = model;
            session.Solution = solution;
            session.ModelFamilies = inModel;
            var placed = Locate(solution);
            session.Placed = placed;
            var reasons = solution.Unassigned.ToDictionary(u => u.Task, u => u.Reason);
            for (int i = 0; i < inModel.Count; i++)
            {
                inModel[i].PlannedArrival = placed.TryGetValue((2 * i, VisitKind.Delivery), out var drop) ? drop.Visit.StartSeconds : null;
                inModel[i].PlannedBoarding = placed.TryGetValue(((2 * i) + 1, VisitKind.Pickup), out var board) ? board.Visit.StartSeconds : null;
                inModel[i].Solved = true;
            }

            if (probes.Count > 0)
            {
                // Probes ask only whether each fits into the start as it is: one solve, no repair round.
                for (int k = 0; k < probes.Count; k++)
                {
                    probes[k].ProbeFits = solution.ProbeFits[k];
                    var starts = solution.ProbeStarts[k];
                    probes[k].PlannedArrival = starts.Count == 4 ? starts[1] : null;
                    probes[k].PlannedBoarding = starts.Count == 4 ? starts[2] : null;
                }

                return;
            }

            // A repair solve that starts from the previous plan but places fewer legs (its slice was too short to
            // re-insert what a re-timed window pushed out) is worse than the plan it started from: when it is the
            // last solve, the previous one is kept (its stops of families removed since are taken out below).
            var snapshot = new Snapshot(model, solution, inModel, placed, reasons);
            if (_r.Search.MaxIterations == 0 && _r.Required is { } required
                && inModel.Where((f, i) => required.Contains(f.Booking.Id) && (reasons.ContainsKey(2 * i) || reasons.ContainsKey((2 * i) + 1))).Any())
            {
                TakeOutHalfServed(session, inModel, reasons);
                return;
            }

            // Pins loosen first (a solve with looser pins may serve both legs); then half-served families leave (after
            // two more tries) and desk times the queue has changed are corrected. Pins and desk times only change in
            // the first rounds; removals always, each removing a family, so the loop ends.
            bool changed = session.Rounds <= MaxRepairRounds && RelaxPins(inModel, reasons);
            if (!changed)
            {
                changed = RemoveHalfServed(session, inModel, placed, reasons);
                if (session.Rounds <= MaxRepairRounds)
                {
                    changed |= Requeue(inModel);
                }
            }

            if (!changed)
            {
                _ = KeepBetter(session, previous, snapshot);
                return;
            }

            // Another solve takes its slice (half of what is left) plus what the engine spends outside its time limit
            // (building the start, diagnosing unserved tasks); if that no longer fits, stop here.
            var overhead = roundTime - (sliceLimit ?? TimeSpan.Zero);
            if (budget is TimeSpan b && b - _r.Search.Clock.GetElapsedTime(sessionStart) < (2 * overhead) + TimeSpan.FromMilliseconds(20))
            {
                // No time for another solve: take out the families this solve could not serve both ways.
                if (!KeepBetter(session, previous, snapshot))
                {
                    TakeOutHalfServed(session, inModel, reasons);
                }

                return;
            }

            previous = snapshot;
            initial = InitialFrom(solution, inModel);
        }
    }

    /// <summary>
    /// Keeps the solve before the last one of a session when it served more families both ways (of those still in the
    /// plan): the session then holds it, families it serves both ways are back in, and the stops of those it serves
    /// one way only leave it. Returns true when it was kept.
    /// </summary>
    private bool KeepBetter(Session session, Snapshot? previous, Snapshot last)
    {
        if (previous is null || Served(previous) <= Served(last))
        {
            return false;
        }

        session.Model = previous.Model;
        session.Solution = previous.Solution;
        session.ModelFamilies = previous.Families;
        session.Placed = previous.Placed;
        for (int i = 0; i < previous.Families.Count; i++)
        {
            var f = previous.Families[i];
            f.ModelIndex = i;
            if (!previous.Reasons.ContainsKey(2 * i) && !previous.Reasons.ContainsKey((2 * i) + 1))
            {
                // Taken out after that solve for a later one's sake; the kept solve serves it both ways.
                f.Unserved = null;
            }

            f.PlannedArrival = previous.Placed.TryGetValue((2 * i, VisitKind.Delivery), out var drop) ? drop.Visit.StartSeconds : null;
            f.PlannedBoarding = previous.Placed.TryGetValue(((2 * i) + 1, VisitKind.Pickup), out var board) ? board.Visit.StartSeconds : null;
        }

        TakeOutHalfServed(session, previous.Families, previous.Reasons);
        return true;

        static int Served(Snapshot s) => Enumerable.Range(0, s.Families.Count)
            .Count(i => !s.Reasons.ContainsKey(2 * i) && !s.Reasons.ContainsKey((2 * i) + 1));
    }

    /// <summary>One solve of a session with the model it answered and its families by model index.</summary>
    private sealed record Snapshot(RoutingModel Model, RoutingSolution Solution, List<Family> Families,
        Dictionary<(int Task, VisitKind Kind), Placed> Placed, Dictionary<int, UnassignedReason> Reasons);

    private SearchOptions Slice(TimeSpan? budget, long sessionStart, int round, IReadOnlyList<InitialTrip> initial)
    {
        var search = _r.Search;
        TimeSpan? limit = null;
        if (budget is TimeSpan total)
        {
            var remaining = total - search.Clock.GetElapsedTime(sessionStart);
            // The first solve builds the plan; the repair solves start from it and need less.
            var slice = round == 0 ? total * 0.4 : remaining / 2;
            limit = slice < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : slice;
        }

        long? iterations = search.MaxIterations is long max ? (round == 0 || max == 0 ? max : Math.Max(50, max / 2)) : null;
        return search with { TimeLimit = limit, MaxIterations = iterations, InitialTrips = initial };
    }

    private RoutingModel BuildModel(Session session, List<Family> inModel)
    {
        foreach (var family in session.Families)
        {
            family.ModelIndex = -1;
        }

        var builder = new RoutingModelBuilder(3);
        builder.AddProfile(_places.Profile);
        var vanIndex = new Dictionary<long, int>();
        foreach (var van in session.Vans)
        {
            vanIndex[van.Id] = builder.AddVehicle(new VehicleSpec
            {
                Id = van.Id.ToString(CultureInfo.InvariantCulture),
                StartLocation = ModelPlaces.Depot,
                EndLocation = ModelPlaces.Depot,
                // Each van starts at the session's start, with the session's drivers.
                Shift = new TimeWindow(session.ShiftStart, session.ShiftEnd),
                Capacity = [van.SeatCount, van.WheelchairPlaces, van.ChildSeatCount],
                MaxTrips = session.Caps[van.Id],
                ReloadSeconds = _s.ReloadMinutes * 60,
            });
        }

        // Positions of pinned legs: per published trip, the kept stops in their published order form the prefix 0..k-1.
        var positions = new Dictionary<(int Family, bool Return, bool Second), int>();
        var legs = new List<(long Vehicle, int Trip, int Sequence, int Family, bool Return, bool Second)>();
        for (int i = 0; i < inModel.Count; i++)
        {
            var f = inModel[i];
            f.ModelIndex = i;
            if (f.Published is not { } p)
            {
                continue;
            }

            foreach (var (leg, level, isReturn) in new[] { (p.Outbound, f.OutLevel, false), (p.Return, f.ReturnLevel, true) })
            {
                if (level == PinLevel.Position && PinSlot(session, leg, vanIndex) is not null)
                {
                    legs.Add((leg.VehicleId, leg.TripNumber, leg.FirstSequence, i, isReturn, false));
                    legs.Add((leg.VehicleId, leg.TripNumber, leg.SecondSequence, i, isReturn, true));
                }
            }
        }

        foreach (var trip in legs.GroupBy(l => (l.Vehicle, l.Trip)))
        {
            int position = 0;
            foreach (var stop in trip.OrderBy(l => l.Sequence))
            {
                positions[(stop.Family, stop.Return, stop.Second)] = position++;
            }
        }

        for (int i = 0; i < inModel.Count; i++)
        {
            var f = inModel[i];
            IReadOnlyList<int> load = [f.Seats, f.Wheelchair, f.ChildSeat];
            long penalty = BasePenalty + ((long)(_families.Count - f.Order) * PriorityStep);
            string id = f.Booking.Id.ToString(CultureInfo.InvariantCulture);
            builder.AddTask(new TaskSpec
            {
                Id = $"b{id}-out",
                Pickup = new StopSpec(_places.Field(f.Location), f.BoardSeconds, f.HeldSeconds > 0 && f.OutLevel != PinLevel.None && f.Published is { } told
                    ? [new TimeWindow(told.PickupSeconds - f.HeldSeconds, Math.Max(told.PickupSeconds, told.PickupDepartureSeconds - f.BoardSeconds) + f.HeldSeconds)]
                    : []),
                Delivery = new StopSpec(ModelPlaces.DropOff, f.AlightSeconds, f.Windows.Select(w => new TimeWindow(w.Start, w.End)).ToList()),
                Load = load,
                MaxRideSeconds = _maxRideSeconds,
                DropPenalty = penalty,
                Pin = Pin(session, f, f.Published?.Outbound, f.OutLevel, false, vanIndex, positions),
            });
            builder.AddTask(new TaskSpec
            {
                Id = $"b{id}-back",
                Pickup = new StopSpec(ModelPlaces.Boarding, f.BoardSeconds, [ReturnWindow(session, f)]),
                // Home no earlier than the family was told (nor so early that a gate where others then board is told
                // an earlier time); later is "about" the told time and loosens with the pins.
                Delivery = new StopSpec(_places.Field(f.Location), f.AlightSeconds, f.HomeHeldSeconds > 0 && f.ReturnLevel != PinLevel.None && f.Published is { } home
                    ? [new TimeWindow(home.HomeSeconds - f.HomeHeldSeconds, Math.Max(session.ShiftEnd, home.HomeSeconds))]
                    : []),
                Load = load,
                MaxRideSeconds = _maxRideSeconds,
                DropPenalty = penalty,
                Pin = Pin(session, f, f.Published?.Return, f.ReturnLevel, true, vanIndex, positions),
            });

            // The van home comes when the files are done, and within the wait limit after: exact in the engine's
            // schedule whichever vans take the two legs.
            builder.AddLink(new TaskLink(2 * i, (2 * i) + 1, f.DeskSeconds, f.DeskSeconds + (_s.MaxReturnWaitMinutes * 60)));
        }

        return builder.Build();
    }

    /// <summary>
    /// Boarding for home: between the files being done after the earliest and after the latest arrival the family's
    /// windows allow, plus the wait limit, before the session's drivers stop (the link to the outbound leg says exactly
    /// when; the window only keeps the search from trying hopeless places).
    /// </summary>
    private TimeWindow ReturnWindow(Session session, Family f)
    {
        int start = Math.Min(f.ReturnEarliest, session.ShiftEnd);
        int latest = f.Windows[^1].End + f.AlightSeconds + f.DeskSeconds + (_s.MaxReturnWaitMinutes * 60);
        return new TimeWindow(start, Math.Max(start, Math.Min(session.ShiftEnd, latest)));
    }

    /// <summary>The session's trip index of a published trip (its number less the van's published trips in earlier sessions), or null.</summary>
    private static int? PinSlot(Session session, PublishedLeg leg, Dictionary<long, int> vanIndex)
    {
        if (!vanIndex.ContainsKey(leg.VehicleId))
        {
            return null;
        }

        int slot = leg.TripNumber - 1 - session.PublishedOffset[leg.VehicleId];
        return slot >= 0 && slot < session.Caps[leg.VehicleId] ? slot : null;
    }

    private static TaskPin? Pin(Session session, Family f, PublishedLeg? leg, PinLevel level, bool isReturn, Dictionary<long, int> vanIndex,
        Dictionary<(int Family, bool Return, bool Second), int> positions)
    {
        if (leg is null || level == PinLevel.None || PinSlot(session, leg, vanIndex) is not int slot)
        {
            return null;
        }

        int vehicle = vanIndex[leg.VehicleId];
        return level == PinLevel.Position
            ? new TaskPin(vehicle, slot, positions[(f.ModelIndex, isReturn, false)], positions[(f.ModelIndex, isReturn, true)])
            : new TaskPin(vehicle, slot);
    }

    private static Dictionary<(int Task, VisitKind Kind), Placed> Locate(RoutingSolution solution)
    {
        var placed = new Dictionary<(int Task, VisitKind Kind), Placed>();
        foreach (var route in solution.Routes)
        {
            foreach (var visit in route.Visits)
            {
                if (visit.Kind is VisitKind.Pickup or VisitKind.Delivery)
                {
                    placed[(visit.Index, visit.Kind)] = new Placed(route, visit);
                }
            }
        }

        return placed;
    }

    private bool MustServe(Family f) =>
        f.Published is not null || (_r.Required?.Contains(f.Booking.Id) ?? false) || (_startServed ??= StartServed()).Contains(f.Booking.Id);

    private HashSet<long>? _startServed;

    private HashSet<long> StartServed()
    {
        var served = _r.Start?.Trips.SelectMany(t => t.Stops).Select(s => s.BookingId).OfType<long>().ToHashSet() ?? [];
        served.ExceptWith(_r.Start?.Unserved.Select(u => u.BookingId) ?? []);
        return served;
    }

    /// <summary>
    /// Loosens pins that no longer fit: first, when a family that must be served is left out (one on the published plan,
    /// one the start plan serves, i.e. promised a seat, or one <see cref="PickupPlanRequest.Required"/> names, such as the
    /// family asking), the published legs on the trips that could take it (<see cref="NearTrips"/>) keep van, trip and
    /// told time but not their order, then their told times loosen a step (half a minute, five minutes, then let go
    /// within <see cref="PublishedSlackSeconds"/> of the published arrival, unless <see cref="PickupPlanRequest.KeepTold"/>);
    /// only when that is spent do all published legs loosen so. A family nobody promised anything does not move what was
    /// told. Then a trip whose order fails keeps van and trip; a leg failing there goes free.
    /// </summary>
    private bool RelaxPins(List<Family> inModel, Dictionary<int, UnassignedReason> reasons)
    {
        if (reasons.Keys.Any(task => MustServe(inModel[task / 2])))
        {
            // Someone who must be served is left out. First only the trips that could take them loosen: their own
            // published trips, and the trips bringing families in within half an hour of their windows (a van that
            // broke down or a flooded road needs room there, not across the day); then, if that is not enough, all.
            // A step: the published families keep their vans, trips and told times but not their order (a family may
            // join a trip between them); then the told times loosen (see HeldTimeSteps).
            var near = NearTrips(inModel, reasons);
            bool OutNear(Family f) => f.Published is { } p && near.Contains(Trip(p.Outbound));
            bool ReturnNear(Family f) => f.Published is { } p && near.Contains(Trip(p.Return));
            if (LoosenStep(inModel, OutNear, ReturnNear) || LoosenStep(inModel, _ => true, _ => true))
            {
                return true;
            }
        }

        if (_r.KeepTold)
        {
            // What was told stays: whoever does not fit around it is left out.
            return false;
        }

        bool changed = false;
        var brokenTrips = new HashSet<(long Vehicle, int Trip)>();
        foreach (var (task, reason) in reasons)
        {
            var f = inModel[task / 2];
            bool isReturn = task % 2 == 1;
            var level = isReturn ? f.ReturnLevel : f.OutLevel;
            var leg = isReturn ? f.Published?.Return : f.Published?.Outbound;
            if (leg is null || level == PinLevel.None)
            {
                continue;
            }

            if (level == PinLevel.Position && reason == UnassignedReason.Pin)
            {
                brokenTrips.Add((leg.VehicleId, leg.TripNumber));
            }
            else if (level == PinLevel.Trip)
            {
                // Free at last: the published arrival window goes too.
                if (isReturn)
                {
                    f.ReturnLevel = PinLevel.None;
                }
                else
                {
                    f.OutLevel = PinLevel.None;
                }

                f.Windows = f.AllowedWindows;
                changed = true;
            }
        }

        foreach (var f in inModel.Where(f => f.Published is not null))
        {
            if (f.OutLevel == PinLevel.Position && brokenTrips.Contains((f.Published!.Outbound.VehicleId, f.Published.Outbound.TripNumber)))
            {
                f.OutLevel = PinLevel.Trip;
                changed = true;
            }

            if (f.ReturnLevel == PinLevel.Position && brokenTrips.Contains((f.Published!.Return.VehicleId, f.Published.Return.TripNumber)))
            {
                f.ReturnLevel = PinLevel.Trip;
                changed = true;
            }
        }

        return changed;
    }

    private static (long Vehicle, int Trip) Trip(PublishedLeg leg) => (leg.VehicleId, leg.TripNumber);

    /// <summary>How far from when a left-out leg could ride a published trip may start and still be near.</summary>
    private const int NearTripSeconds = 30 * 60;

    /// <summary>
    /// The published trips that could take the left-out legs in <paramref name="reasons"/> of families that must be
    /// served: the leg's own, and those starting within <see cref="NearTripSeconds"/> of when the leg could ride
    /// (to the collection point: from a ride limit before its arrival windows to their end; home: from its files being
    /// done to the wait limit after).
    /// </summary>
    private HashSet<(long Vehicle, int Trip)> NearTrips(List<Family> inModel, Dictionary<int, UnassignedReason> reasons)
    {
        var near = new HashSet<(long Vehicle, int Trip)>();
        foreach (int task in reasons.Keys)
        {
            var f = inModel[task / 2];
            if (!MustServe(f))
            {
                continue;
            }

            if (f.Published is { } own)
            {
                near.Add(Trip(task % 2 == 0 ? own.Outbound : own.Return));
            }

            var windows = task % 2 == 0
                ? f.AllowedWindows.Select(w => (From: w.Start - _maxRideSeconds, To: w.End)).ToList()
                : [(From: f.ReturnEarliest, To: f.ReturnEarliest + (_s.MaxReturnWaitMinutes * 60))];
            foreach (var (trip, start) in _published.TripStarts)
            {
                if (windows.Any(w => start >= w.From - NearTripSeconds && start <= w.To + NearTripSeconds))
                {
                    near.Add(trip);
                }
            }
        }

        return near;
    }

    /// <summary>
    /// One loosening step for the legs <paramref name="outbound"/> and <paramref name="home"/> choose: legs kept in their
    /// published order go to trip level; when none is, the told times of those legs (the pickup, the arrival home) loosen
    /// a step (to none only without <see cref="PickupPlanRequest.KeepTold"/>). A leg not chosen keeps its pin, so a
    /// morning trip stays as it was when only its families' rides home must move. True when something loosened.
    /// </summary>
    private bool LoosenStep(List<Family> families, Func<Family, bool> outbound, Func<Family, bool> home)
    {
        bool loosened = false;
        foreach (var f in families)
        {
            if (f.OutLevel == PinLevel.Position && outbound(f))
            {
                f.OutLevel = PinLevel.Trip;
                loosened = true;
            }

            if (f.ReturnLevel == PinLevel.Position && home(f))
            {
                f.ReturnLevel = PinLevel.Trip;
                loosened = true;
            }
        }

        if (loosened)
        {
            return true;
        }

        foreach (var f in families)
        {
            if (f.HeldSeconds > 0 && outbound(f) && Loosen(f.HeldSeconds) is int pickup)
            {
                f.HeldSeconds = pickup;
                loosened = true;
            }

            if (f.HomeHeldSeconds > 0 && home(f) && Loosen(f.HomeHeldSeconds) is int back)
            {
                f.HomeHeldSeconds = back;
                loosened = true;
            }
        }

        return loosened;

        int? Loosen(int held)
        {
            int step = Array.IndexOf(HeldTimeSteps, held);
            int next = step >= 0 && step + 1 < HeldTimeSteps.Length ? HeldTimeSteps[step + 1] : 0;
            return next > 0 || !_r.KeepTold ? next : null;
        }
    }

    /// <summary>
    /// A family served one way only (brought but not taken home, or the reverse) gets two more tries (none when the
    /// caller asked for insertion only): the next solve starts without its lone leg. After that it leaves the plan with
    /// the reason of the missing leg.
    /// </summary>
    private bool RemoveHalfServed(Session session, List<Family> inModel, Dictionary<(int Task, VisitKind Kind), Placed> placed,
        Dictionary<int, UnassignedReason> reasons)
    {
        bool changed = false;
        for (int i = 0; i < inModel.Count; i++)
        {
            bool outServed = !reasons.ContainsKey(2 * i);
            bool backServed = !reasons.ContainsKey((2 * i) + 1);
            if (outServed == backServed)
            {
                continue;
            }

            var f = inModel[i];
            // Without a search (insertion only) another try would place the same legs the same way.
            if (++f.HalfServed > (_r.Search.MaxIterations == 0 ? 0 : 2))
            {
                f.Unserved = outServed
                    ? UnservedSentences.NoReturn(f.Booking.Id, Context(f, null), f.ReturnEarliest, session.ShiftEnd)
                    : ReasonFor(f, reasons[2 * i], inModel, placed);
            }

            changed = true;
        }

        return changed;
    }

    /// <summary>When the time is up: every family not served both ways leaves the plan, its stops taken out of the solution.</summary>
    private void TakeOutHalfServed(Session session, List<Family> inModel, Dictionary<int, UnassignedReason> reasons)
    {
        var tasks = new HashSet<int>();
        for (int i = 0; i < inModel.Count; i++)
        {
            bool outServed = !reasons.ContainsKey(2 * i);
            bool backServed = !reasons.ContainsKey((2 * i) + 1);
            var f = inModel[i];
            if (outServed != backServed && f.Unserved is null)
            {
                f.Unserved = outServed
                    ? UnservedSentences.NoReturn(f.Booking.Id, Context(f, null), f.ReturnEarliest, session.ShiftEnd)
                    : ReasonFor(f, reasons[2 * i], inModel, session.Placed);
            }

            if (f.Unserved is not null && (outServed || backServed))
            {
                tasks.Add(2 * i);
                tasks.Add((2 * i) + 1);
                f.PlannedArrival = null;
                f.PlannedBoarding = null;
            }
        }

        session.Solution = SolutionEdits.WithoutTasks(session.Model!, session.Solution!, tasks);
        session.Model = SolutionEdits.PinsAsPlaced(session.Model!, session.Solution);
        session.Placed = Locate(session.Solution);
    }

    /// <summary>
    /// After a solve: the desks' plan of the day (<see cref="DeskPlan"/>) with every family where the plans so far put
    /// it: a family of a session not solved yet at the start of its window, a family a solve left out either way not at all
    /// (as in the plan's output, it takes no desk time; counting it at its window's start would make the families the plan does bring look late, and on a
    /// re-planned day break the told times of families the published plan had in time). A family whose files the desks
    /// cannot finish before its van home (the queue grew since its desk time was estimated) gets a desk time longer by
    /// what it lacks, and the session is solved again; but a family whose van home was published and is still held keeps it
    /// when the van waits at most <see cref="PublishedReturnWaitSeconds"/> (the plan warns that it may wait). Desk times
    /// only grow, so the rounds settle.
    /// </summary>
    private bool Requeue(List<Family> inModel)
    {
        var active = _families.Where(f => f.Unserved is null && (!f.Solved || (f.PlannedArrival is not null && f.PlannedBoarding is not null))).ToList();
        var done = DeskPlan(active.Select(f => (f, f.PlannedArrival ?? f.Windows[0].Start, f.PlannedBoarding)).ToList());
        var doneOf = active.Select((f, k) => (f, k)).ToDictionary(x => x.f, x => done[x.k]);
        bool changed = false;
        foreach (var f in inModel.Where(f => f.Unserved is null && f.PlannedArrival is not null && f.PlannedBoarding is not null))
        {
            int late = doneOf[f] - f.PlannedBoarding!.Value - f.StartLateSeconds;
            if (late > 0 && late <= PublishedReturnWaitSeconds && f.Published is not null && f.ReturnLevel != PinLevel.None)
            {
                // The van home the family was told waits a few minutes for its files rather than be re-timed: a
                // longer desk time would only break its pin, and loosening it moves what others were told.
                continue;
            }

            if (late > 0)
            {
                f.DeskSeconds += late;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// The previous solution's trips as a start for the next model, whose indices follow the families still in; a
    /// family served one way only starts unplaced, so the search places both its legs afresh.
    /// </summary>
    private static List<InitialTrip> InitialFrom(RoutingSolution solution, List<Family> previousModel)
    {
        var next = new int[previousModel.Count];
        int index = 0;
        for (int i = 0; i < previousModel.Count; i++)
        {
            next[i] = previousModel[i].Unserved is null ? index++ : -1;
        }

        var legs = solution.Routes.SelectMany(r => r.Visits).Where(v => v.Kind == VisitKind.Pickup).Select(v => v.Index).ToHashSet();
        bool Whole(int family) => legs.Contains(2 * family) && legs.Contains((2 * family) + 1);
        return solution.Routes
            .Select(route => new InitialTrip(route.Vehicle, route.Trip, route.Visits
                .Where(v => v.Kind is VisitKind.Pickup or VisitKind.Delivery && next[v.Index / 2] >= 0 && Whole(v.Index / 2))
                .Select(v => (2 * next[v.Index / 2]) + (v.Index % 2))
                .ToList()))
            .Where(t => t.Tasks.Count > 0)
            .ToList();
    }

    /// <summary>
    /// The trips of a plan of the same day (<see cref="PickupPlanRequest.Start"/>) as the first solve's start: per van of
    /// the session, its trips in order that carry families of the session, each leg whose two stops are on the trip (task 2i
    /// outbound, 2i + 1 home, i the family's index in the model), as many trips as the session gives the van.
    /// </summary>
    private static List<InitialTrip> InitialFromPlan(Session session, List<Family> inModel, PickupPlan start)
    {
        var index = new Dictionary<long, int>();
        for (int i = 0; i < inModel.Count; i++)
        {
            index[inModel[i].Booking.Id] = i;
        }

        // The start's trips by van, in trip order, read once (every request of a busy day goes through here).
        var byVan = start.Trips.GroupBy(t => t.VehicleId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.TripNumber).ToList());
        var trips = new List<InitialTrip>();
        var legs = new List<int>();
        var mentions = new Dictionary<int, int>();
        for (int v = 0; v < session.Vans.Count; v++)
        {
            var van = session.Vans[v];
            int cap = session.Caps[van.Id];
            int made = 0;
            foreach (var trip in byVan.GetValueOrDefault(van.Id) ?? [])
            {
                if (made >= cap)
                {
                    break;
                }

                // A task goes in only when both its stops are on the trip (a leg's pickup and drop-off), in the trip's order.
                legs.Clear();
                mentions.Clear();
                foreach (var stop in trip.Stops)
                {
                    if (stop.BookingId is long id && index.TryGetValue(id, out int i))
                    {
                        int task = (2 * i) + (stop.Kind is PickupStopKind.CollectionPointPickup or PickupStopKind.HomeDropOff ? 1 : 0);
                        legs.Add(task);
                        mentions[task] = mentions.GetValueOrDefault(task) + 1;
                    }
                }

                var tasks = legs.Where(t => mentions[t] == 2).ToList();
                if (tasks.Count > 0)
                {
                    trips.Add(new InitialTrip(v, made++, tasks));
                }
            }
        }

        return trips;
    }

    /// <summary>
    /// The sentence for an outbound leg the search could not place. Capacity means seats; a time reason (every van
    /// busy) is told as "trip full" too when the slot's planned families and this one need more seats than one trip of
    /// every van holds, since that is what the dispatcher must act on.
    /// </summary>
    private UnservedBooking ReasonFor(Family f, UnassignedReason reason, List<Family> modelFamilies, Dictionary<(int Task, VisitKind Kind), Placed> placed) => reason switch
    {
        UnassignedReason.Capacity => UnservedSentences.TripFull(f.Booking.Id, Context(f, null), f.Booking.Needs),
        UnassignedReason.TimeWindow or UnassignedReason.ShiftEnd or UnassignedReason.Link or UnassignedReason.MaxDuration or UnassignedReason.None
            when SeatsPlannedInSlot(f.SlotStart, modelFamilies, placed) + f.Seats > _vans.Sum(v => v.SeatCount) =>
            UnservedSentences.TripFull(f.Booking.Id, Context(f, null), f.Booking.Needs),
        UnassignedReason.RideTime when Math.Max(_r.Travel.Duration(f.Location, 0), _r.Travel.Duration(0, f.Location)) <= _maxRideSeconds =>
            UnservedSentences.RideShared(f.Booking.Id, Context(f, null), _station.MaxRideMinutes),
        UnassignedReason.RideTime => UnservedSentences.RideTooLong(f.Booking.Id,
            Math.Max(_r.Travel.Duration(f.Location, 0), _r.Travel.Duration(0, f.Location)), _station.MaxRideMinutes),
        UnassignedReason.Unreachable => UnservedSentences.Unreachable(f.Booking.Id, _r.Travel.ReasonFor(f.Location, 0)),
        _ => UnservedSentences.VansBusy(f.Booking.Id, Context(f, null)),
    };

    private static int SeatsPlannedInSlot(int slotStart, List<Family> modelFamilies, Dictionary<(int Task, VisitKind Kind), Placed> placed) =>
        Enumerable.Range(0, modelFamilies.Count)
            .Where(i => modelFamilies[i].SlotStart == slotStart && placed.ContainsKey((2 * i, VisitKind.Delivery)) && placed.ContainsKey(((2 * i) + 1, VisitKind.Delivery)))
            .Sum(i => modelFamilies[i].Seats);

    /// <summary>Where a task's stop is in a solution.</summary>
    private readonly record struct Placed(RoutePlan Route, Visit Visit);

    /// <summary>A session of the day, planned on its own: its drivers' shift, families, vans and trips, and its last solve.</summary>
    private sealed class Session
    {
        public required int Index { get; init; }

        public required int ShiftStart { get; init; }

        public required int ShiftEnd { get; init; }

        public List<Family> Families { get; } = [];

        /// <summary>Vans in the session's model, by model vehicle index.</summary>
        public List<Vehicle> Vans { get; } = [];

        /// <summary>Trips each van may make in the session.</summary>
        public Dictionary<long, int> Caps { get; } = [];

        /// <summary>Per van: its published trips that started before this session (to map published trip numbers).</summary>
        public Dictionary<long, int> PublishedOffset { get; } = [];

        public RoutingModel? Model { get; set; }

        public RoutingSolution? Solution { get; set; }

        /// <summary>The families of <see cref="Model"/>, by model index.</summary>
        public List<Family> ModelFamilies { get; set; } = [];

        public Dictionary<(int Task, VisitKind Kind), Placed> Placed { get; set; } = [];

        public int Rounds { get; set; }

        public List<PickupRound> Log { get; } = [];
    }
}
