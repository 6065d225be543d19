using System.Globalization;
using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

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
/// <item>Arrivals are spread over half-hours so the desks are never promised more children than they take
/// (<see cref="ArrivalSpreading"/>).</item>
/// <item>The return boards no earlier than the family's files are done: off the van, to the desks
/// (<see cref="PickupSettings.CollectionPointStopMinutes"/>), waiting for a desk and the children's files
/// (<see cref="PickupSettings.MinutesPerChild"/> each, spread over the desks), from a simulation of the day's desk
/// queue (<see cref="DeskQueue"/>). This is a time window on the return's boarding, not a link between the legs:
/// the routing engine's links across vans are not reliable yet (a restored solution can come back inconsistent),
/// and windows keep both legs free to use any van. The first estimate has every family arrive at the end of its
/// window (cautious). After the first solve each family's window shrinks to the quarter hour before its planned
/// arrival and the estimate is redone (tightening); after later solves the queue is simulated with the planned
/// arrivals and a return planned too early gets the later time. Each new solve starts from the previous plan.</item>
/// <item>Drop penalties far above any route cost, so a booking is left out only when it cannot be served; among
/// bookings that compete, published ones and then the earliest booked win.</item>
/// <item>Published stops are pinned: first van, trip and order (and the arrival within 15 min of the published
/// one); a trip whose order no longer fits keeps only its van and trip; a leg that fits nowhere there is set free.</item>
/// </list>
/// A booking is served both ways or not at all: when only one leg fits, the booking is taken out and the rest
/// solved again. Stateless and thread-safe (each call owns its searches).
/// </para>
/// </summary>
public static class PickupPlanner
{
    /// <summary>Penalty of leaving a booking out: above any day's route cost in metres (10^6 km).</summary>
    private const long BasePenalty = 1_000_000_000_000;

    /// <summary>Penalty step between consecutive bookings in priority order (above any day's route cost).</summary>
    private const long PriorityStep = 100_000_000;

    /// <summary>Rounds in which pins loosen and returns are re-timed; removals of half-served families go on after.</summary>
    private const int MaxRepairRounds = 5;

    /// <summary>The first solve is tightened once (see <c>Tighten</c>).</summary>
    private const int TighteningRounds = 1;

    /// <summary>How far before its planned arrival a family's window reaches after tightening.</summary>
    private const int TighteningSeconds = 15 * 60;

    /// <summary>How far a published family's arrival may move in a re-plan before its pins are loosened.</summary>
    private const int PublishedSlackSeconds = 15 * 60;

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

    /// <summary>One booking's facts and state during a run.</summary>
    private sealed class Family
    {
        public required Booking Booking { get; init; }

        /// <summary>Priority rank: 0 is served first when bookings compete.</summary>
        public required int Order { get; init; }

        public int Location { get; set; }

        public int Seats => Booking.SeatCount;

        public int Children => Booking.ChildCount;

        public int Wheelchair => Booking.Needs.HasFlag(BookingNeeds.Wheelchair) ? 1 : 0;

        public int ChildSeat => Booking.Needs.HasFlag(BookingNeeds.ChildSeat) ? 1 : 0;

        public int BoardSeconds { get; set; }

        public int AlightSeconds { get; set; }

        public int SlotStart { get; init; }

        public int SlotEnd { get; init; }

        /// <summary>Arrival windows at the collection point the desks allow (inclusive seconds).</summary>
        public IReadOnlyList<(int Start, int End)> AllowedWindows { get; set; } = [];

        /// <summary>Arrival windows of the current model: the allowed ones, or narrowed around a planned arrival.</summary>
        public IReadOnlyList<(int Start, int End)> Windows { get; set; } = [];

        /// <summary>Earliest boarding for home: when the desk queue says the family's files are done.</summary>
        public int ReturnEarliest { get; set; }

        public PublishedBooking? Published { get; set; }

        public PinLevel OutLevel { get; set; }

        public PinLevel ReturnLevel { get; set; }

        public UnservedBooking? Unserved { get; set; }

        /// <summary>Index in the current model (task 2i outbound, 2i+1 return), or -1.</summary>
        public int ModelIndex { get; set; } = -1;
    }

    /// <summary>Where a task's stops are in a solution.</summary>
    private readonly record struct Placed(RoutePlan Route, Visit Visit);

    private sealed class PlannerRun
    {
        private readonly PickupPlanRequest _r;
        private readonly PickupSettings _s;
        private readonly Station _station;
        private readonly List<Vehicle> _vans;
        private readonly List<(int Open, int Close)> _opening;
        private readonly int _shiftStart;
        private readonly int _shiftEnd;
        private readonly int _maxRideSeconds;
        private readonly int _secondsPerChild;
        private readonly int _stopSeconds;
        private readonly int _childrenPerHour;
        private readonly ArrivalSpreading _spreading;
        private readonly List<Family> _families = [];
        private readonly Dictionary<long, Site> _sites;
        private readonly long? _collectionSiteId;
        private readonly ModelPlaces _places;
        private readonly long _startTimestamp;
        private readonly TimeSpan? _totalTime;
        private readonly List<string> _warnings = [];

        public PlannerRun(PickupPlanRequest request)
        {
            _r = request;
            _s = request.Settings;
            _station = request.Station;
            _vans = request.Vans.Where(v => v.Profile == VehicleProfile.Van).OrderBy(v => v.Id).ToList();
            _opening = _station.OpeningHours
                .Where(o => o.Day == request.Date.DayOfWeek && o.Closes > o.Opens)
                .Select(o => (PlanClock.Seconds(o.Opens), PlanClock.Seconds(o.Closes)))
                .OrderBy(o => o.Item1)
                .ToList();
            _shiftStart = _opening.Count == 0 ? 0 : Math.Max(0, _opening[0].Open - (_s.DriverStartsBeforeOpeningMinutes * 60));
            _shiftEnd = _opening.Count == 0 ? 0 : _opening.Max(o => o.Close) + (_s.DriverEndsAfterClosingMinutes * 60);
            _maxRideSeconds = Math.Max(1, _station.MaxRideMinutes) * 60;
            _secondsPerChild = PickupSettings.MinutesPerChild(_station) * 60;
            _stopSeconds = _s.CollectionPointStopMinutes * 60;
            _childrenPerHour = Math.Max(1, _station.DeskCount) * Math.Max(1, _station.FilesPerDeskPerHour);
            _spreading = new ArrivalSpreading(_opening, _childrenPerHour);
            _sites = request.Sites.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
            _collectionSiteId = request.Sites
                .Where(s => s.Kind == SiteKind.CollectionPoint && s.StationId == _station.Id)
                .Select(s => (s.Id, Metres: Outreach.Geo.Geodesy.HaversineMetres(s.Location.Longitude, s.Location.Latitude,
                    _station.CollectionPointLocation.Longitude, _station.CollectionPointLocation.Latitude)))
                .Where(s => s.Metres <= 300)
                .OrderBy(s => s.Metres)
                .Select(s => (long?)s.Id)
                .FirstOrDefault();
            _places = new ModelPlaces(request.Travel);
            _startTimestamp = request.Search.Clock.GetTimestamp();
            _totalTime = request.Search.TimeLimit ?? (request.Search.MaxIterations is null ? TimeSpan.FromSeconds(3) : null);
        }

        public PickupPlanResult Execute()
        {
            var published = PublishedPins.Read(_r.Published, _r.Date);
            var ordered = _r.Bookings
                .Where(b => Booking.HoldsSeats(b.Status))
                .OrderBy(b => published.ContainsKey(b.Id) ? 0 : 1)
                .ThenBy(b => b.CreatedAt)
                .ThenBy(b => b.Id)
                .ToList();
            int slotSeconds = Math.Max(1, _station.BookingSlotMinutes) * 60;
            for (int i = 0; i < ordered.Count; i++)
            {
                int slotStart = PlanClock.Seconds(ordered[i].SlotStart);
                _families.Add(new Family { Booking = ordered[i], Order = i, SlotStart = slotStart, SlotEnd = slotStart + slotSeconds });
            }

            PreCheck(published);
            Spread();
            EstimateReturns();

            var (model, solution, rounds) = Solve();
            return Extract(model, solution, rounds);
        }

        private void PreCheck(Dictionary<long, PublishedBooking> published)
        {
            int largestSeats = _vans.Count == 0 ? 0 : _vans.Max(v => v.SeatCount);
            foreach (var f in _families)
            {
                var id = f.Booking.Id;
                int extra = f.Wheelchair > 0 || f.Booking.Needs.HasFlag(BookingNeeds.MustBeCarried) ? _s.NeedsExtraMinutes * 60 : 0;
                f.BoardSeconds = (_s.BoardingMinutesPerBooking * 60) + extra;
                f.AlightSeconds = (_s.AlightingMinutesPerBooking * 60) + extra;
                if (_vans.Count == 0)
                {
                    f.Unserved = UnservedSentences.NoVans(id);
                    continue;
                }

                if (_opening.Count == 0)
                {
                    f.Unserved = UnservedSentences.Closed(id, Context(f, null), wholeDay: true);
                    continue;
                }

                if (_r.Points.IndexOf(id) is not int location)
                {
                    f.Unserved = UnservedSentences.NoPickupLocation(id);
                    continue;
                }

                f.Location = location;
                int there = _r.Travel.Duration(PickupPoints.CollectionPoint, location);
                int back = _r.Travel.Duration(location, PickupPoints.CollectionPoint);
                if (there < 0 || back < 0)
                {
                    f.Unserved = UnservedSentences.Unreachable(id,
                        _r.Travel.ReasonFor(location, PickupPoints.CollectionPoint) ?? _r.Travel.ReasonFor(PickupPoints.CollectionPoint, location));
                    continue;
                }

                if (Math.Max(there, back) > _maxRideSeconds)
                {
                    f.Unserved = UnservedSentences.RideTooLong(id, Math.Max(there, back), _station.MaxRideMinutes);
                    continue;
                }

                if (!_vans.Any(v => v.SeatCount >= f.Seats && v.WheelchairPlaces >= f.Wheelchair && v.ChildSeatCount >= f.ChildSeat))
                {
                    f.Unserved = f.Seats > largestSeats ? UnservedSentences.TooManySeats(id, f.Seats, largestSeats)
                        : f.Wheelchair > 0 && !_vans.Any(v => v.WheelchairPlaces >= 1 && v.SeatCount >= f.Seats) ? UnservedSentences.NoWheelchairPlace(id)
                        : UnservedSentences.NoChildSeat(id);
                    continue;
                }

                // Kept only while it still means the same trip: same pickup site, and the family still got off inside its slot.
                if (published.TryGetValue(id, out var before) && before.PickupSiteId == f.Booking.PickupSiteId
                    && before.DropOffDepartureSeconds - f.AlightSeconds >= f.SlotStart && before.DropOffDepartureSeconds - f.AlightSeconds < f.SlotEnd)
                {
                    f.Published = before;
                    f.OutLevel = PinLevel.Position;
                    f.ReturnLevel = PinLevel.Position;
                }
            }
        }

        private void Spread()
        {
            var candidates = _families.Where(f => f.Unserved is null).ToList();
            var results = _spreading.Assign(candidates
                .Select(f => new SpreadRequest(f.Children, f.SlotStart, f.SlotEnd, PublishedDropOff(f)))
                .ToList());
            for (int i = 0; i < candidates.Count; i++)
            {
                var f = candidates[i];
                var result = results[i];
                if (result.Closed)
                {
                    f.Unserved = UnservedSentences.Closed(f.Booking.Id, Context(f, null), wholeDay: false);
                }
                else if (result.DeskFull)
                {
                    f.Unserved = UnservedSentences.DeskFull(f.Booking.Id, Context(f, null), ArrivalSpreading.HalfHourCap(_childrenPerHour));
                }
                else
                {
                    f.AllowedWindows = result.Windows;
                    f.Windows = PublishedDropOff(f) is int before
                        ? Narrow(f.AllowedWindows, before - PublishedSlackSeconds, before + PublishedSlackSeconds)
                        : f.AllowedWindows;
                }
            }
        }

        /// <summary>
        /// Earliest boarding for home of every family in the model, from the desk queue with each family arriving at the
        /// end of its window: late arrivals are what the as-late-as-possible schedule produces, and the later a family
        /// arrives the later it is done (the queue ahead of it can only have grown).
        /// </summary>
        private void EstimateReturns()
        {
            var active = _families.Where(f => f.Unserved is null).ToList();
            var done = DeskQueue.Simulate(
                active.Select(f => (f.Windows[^1].End + f.AlightSeconds + _stopSeconds, f.Children, f.Order)).ToList(),
                _station.DeskCount, _secondsPerChild, _opening);
            for (int i = 0; i < active.Count; i++)
            {
                active[i].ReturnEarliest = done[i];
            }
        }

        /// <summary>When the published plan had the family start getting off at the collection point, or null.</summary>
        private static int? PublishedDropOff(Family f) => f.Published is { } p ? p.DropOffDepartureSeconds - f.AlightSeconds : null;

        /// <summary>The parts of <paramref name="windows"/> inside [from, to].</summary>
        private static List<(int Start, int End)> Narrow(IReadOnlyList<(int Start, int End)> windows, int from, int to)
        {
            var narrowed = windows
                .Select(w => (Start: Math.Max(w.Start, from), End: Math.Min(w.End, to)))
                .Where(w => w.Start <= w.End)
                .ToList();
            return narrowed.Count > 0 ? narrowed : [.. windows];
        }

        private (RoutingModel? Model, RoutingSolution? Solution, int Rounds) Solve()
        {
            RoutingModel? model = null;
            RoutingSolution? solution = null;
            IReadOnlyList<InitialTrip> initial = [];
            int rounds = 0;
            while (true)
            {
                var inModel = _families.Where(f => f.Unserved is null).ToList();
                if (inModel.Count == 0)
                {
                    return (null, null, rounds);
                }

                model = BuildModel(inModel);
                solution = RoutingSolver.Solve(model, Slice(rounds, initial));
                rounds++;
                var placed = Locate(solution);
                var reasons = solution.Unassigned.ToDictionary(u => u.Task, u => u.Reason);

                // Pins loosen first (a solve with looser pins may serve both legs); then half-served families leave,
                // and returns planned before the desks are done wait longer. Pins and gaps only change in the first
                // rounds; removals always, each removing a family, so the loop ends and its last solution is whole.
                bool changed = rounds <= MaxRepairRounds && RelaxPins(inModel, reasons);
                if (!changed)
                {
                    changed = RemoveHalfServed(inModel, placed, reasons);
                    if (rounds <= TighteningRounds)
                    {
                        changed |= Tighten(inModel, placed);
                    }
                    else if (rounds <= MaxRepairRounds)
                    {
                        changed |= DelayEarlyReturns(inModel, placed);
                    }
                }

                if (!changed)
                {
                    break;
                }

                initial = InitialFrom(solution, inModel);
            }

            return (model, solution, rounds);
        }

        private SearchOptions Slice(int round, IReadOnlyList<InitialTrip> initial)
        {
            var search = _r.Search;
            TimeSpan? limit = null;
            if (_totalTime is TimeSpan total)
            {
                var remaining = total - search.Clock.GetElapsedTime(_startTimestamp);
                var slice = round == 0 ? total * 0.7 : TimeSpan.FromTicks(Math.Min(remaining.Ticks / 2, total.Ticks / 5));
                limit = slice < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : slice;
            }

            long? iterations = search.MaxIterations is long max ? (round == 0 ? max : Math.Max(50, max / 2)) : null;
            return search with { TimeLimit = limit, MaxIterations = iterations, InitialTrips = initial };
        }

        private RoutingModel BuildModel(List<Family> inModel)
        {
            foreach (var family in _families)
            {
                family.ModelIndex = -1;
            }

            var builder = new RoutingModelBuilder(3);
            builder.AddProfile(_places.Profile);
            var vanIndex = new Dictionary<long, int>();
            foreach (var van in _vans)
            {
                vanIndex[van.Id] = builder.AddVehicle(new VehicleSpec
                {
                    Id = van.Id.ToString(CultureInfo.InvariantCulture),
                    StartLocation = ModelPlaces.Depot,
                    EndLocation = ModelPlaces.Depot,
                    Shift = new TimeWindow(_shiftStart, _shiftEnd),
                    Capacity = [van.SeatCount, van.WheelchairPlaces, van.ChildSeatCount],
                    MaxTrips = Math.Clamp(_s.MaxTripsPerVan, 1, 16),
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
                    if (level == PinLevel.Position && PinnableTrip(leg, vanIndex))
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
                    Pickup = new StopSpec(_places.Field(f.Location), f.BoardSeconds, []),
                    Delivery = new StopSpec(ModelPlaces.DropOff, f.AlightSeconds, f.Windows.Select(w => new TimeWindow(w.Start, w.End)).ToList()),
                    Load = load,
                    MaxRideSeconds = _maxRideSeconds,
                    DropPenalty = penalty,
                    Pin = Pin(f, f.Published?.Outbound, f.OutLevel, false, vanIndex, positions),
                });
                builder.AddTask(new TaskSpec
                {
                    Id = $"b{id}-back",
                    Pickup = new StopSpec(ModelPlaces.Boarding, f.BoardSeconds, [new TimeWindow(Math.Min(f.ReturnEarliest, _shiftEnd), _shiftEnd)]),
                    Delivery = new StopSpec(_places.Field(f.Location), f.AlightSeconds, []),
                    Load = load,
                    MaxRideSeconds = _maxRideSeconds,
                    DropPenalty = penalty,
                    Pin = Pin(f, f.Published?.Return, f.ReturnLevel, true, vanIndex, positions),
                });
            }

            return builder.Build();
        }

        private bool PinnableTrip(PublishedLeg leg, Dictionary<long, int> vanIndex) =>
            vanIndex.ContainsKey(leg.VehicleId) && leg.TripNumber >= 1 && leg.TripNumber <= Math.Clamp(_s.MaxTripsPerVan, 1, 16);

        private TaskPin? Pin(Family f, PublishedLeg? leg, PinLevel level, bool isReturn, Dictionary<long, int> vanIndex,
            Dictionary<(int Family, bool Return, bool Second), int> positions)
        {
            if (leg is null || level == PinLevel.None || !PinnableTrip(leg, vanIndex))
            {
                return null;
            }

            int vehicle = vanIndex[leg.VehicleId];
            return level == PinLevel.Position
                ? new TaskPin(vehicle, leg.TripNumber - 1, positions[(f.ModelIndex, isReturn, false)], positions[(f.ModelIndex, isReturn, true)])
                : new TaskPin(vehicle, leg.TripNumber - 1);
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

        /// <summary>Loosens pins that no longer fit: a trip whose order fails keeps van and trip; a leg failing there goes free.</summary>
        private bool RelaxPins(List<Family> inModel, Dictionary<int, UnassignedReason> reasons)
        {
            bool changed = false;
            bool widened = false;
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
                    SetLevel(f, isReturn, PinLevel.None);
                    f.Windows = f.AllowedWindows;
                    widened = true;
                    changed = true;
                }
            }

            if (widened)
            {
                EstimateReturns();
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

        private static void SetLevel(Family f, bool isReturn, PinLevel level)
        {
            if (isReturn)
            {
                f.ReturnLevel = level;
            }
            else
            {
                f.OutLevel = level;
            }
        }

        /// <summary>A family brought but not taken home (or the reverse) is taken out of the plan with the reason of the missing leg.</summary>
        private bool RemoveHalfServed(List<Family> inModel, Dictionary<(int Task, VisitKind Kind), Placed> placed, Dictionary<int, UnassignedReason> reasons)
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
                if (outServed)
                {
                    f.Unserved = UnservedSentences.NoReturn(f.Booking.Id, Context(f, null), f.ReturnEarliest, _shiftEnd);
                }
                else
                {
                    f.Unserved = ReasonFor(f, reasons[2 * i], placed);
                }

                changed = true;
            }

            return changed;
        }

        /// <summary>
        /// After the first solve: each planned family's arrival window shrinks to the <see cref="TighteningSeconds"/>
        /// before its planned arrival, and the earliest returns are estimated again from those windows, which takes
        /// back most of the first estimate's caution (arriving at the end of a whole slot).
        /// </summary>
        private bool Tighten(List<Family> inModel, Dictionary<(int Task, VisitKind Kind), Placed> placed)
        {
            for (int i = 0; i < inModel.Count; i++)
            {
                var f = inModel[i];
                if (f.Unserved is null && placed.TryGetValue((2 * i, VisitKind.Delivery), out var drop))
                {
                    int arrival = drop.Visit.StartSeconds;
                    f.Windows = Narrow(f.AllowedWindows, arrival - TighteningSeconds, arrival);
                }
            }

            EstimateReturns();
            return true;
        }

        /// <summary>
        /// The desk queue with the planned arrivals: a family planned to board for home before its files are done gets
        /// that later time as its earliest return.
        /// </summary>
        private bool DelayEarlyReturns(List<Family> inModel, Dictionary<(int Task, VisitKind Kind), Placed> placed)
        {
            var served = Enumerable.Range(0, inModel.Count)
                .Where(i => inModel[i].Unserved is null && placed.ContainsKey((2 * i, VisitKind.Delivery)) && placed.ContainsKey(((2 * i) + 1, VisitKind.Pickup)))
                .ToList();
            var done = FilesDone(served.Select(i => (inModel[i], placed[(2 * i, VisitKind.Delivery)].Visit.StartSeconds)).ToList());
            bool changed = false;
            for (int k = 0; k < served.Count; k++)
            {
                var f = inModel[served[k]];
                if (placed[((2 * served[k]) + 1, VisitKind.Pickup)].Visit.StartSeconds < done[k])
                {
                    f.ReturnEarliest = Math.Max(f.ReturnEarliest, done[k]);
                    changed = true;
                }
            }

            return changed;
        }

        /// <summary>When each family's files are done, from planned arrivals (the van's arrival at the drop-off place).</summary>
        private int[] FilesDone(IReadOnlyList<(Family Family, int Arrival)> arrivals) => DeskQueue.Simulate(
            arrivals.Select(a => (a.Arrival + a.Family.AlightSeconds + _stopSeconds, a.Family.Children, a.Family.Order)).ToList(),
            _station.DeskCount, _secondsPerChild, _opening);

        /// <summary>The previous solution's trips as a start for the next model, whose indices follow the families still in.</summary>
        private static List<InitialTrip> InitialFrom(RoutingSolution solution, List<Family> previousModel)
        {
            var next = new int[previousModel.Count];
            int index = 0;
            for (int i = 0; i < previousModel.Count; i++)
            {
                next[i] = previousModel[i].Unserved is null ? index++ : -1;
            }

            return solution.Routes
                .Select(route => new InitialTrip(route.Vehicle, route.Trip, route.Visits
                    .Where(v => v.Kind is VisitKind.Pickup or VisitKind.Delivery && next[v.Index / 2] >= 0)
                    .Select(v => (2 * next[v.Index / 2]) + (v.Index % 2))
                    .ToList()))
                .Where(t => t.Tasks.Count > 0)
                .ToList();
        }

        /// <summary>
        /// The sentence for a leg the search could not place. Capacity means seats; a time reason (every van busy) is
        /// told as "trip full" too when the slot's planned families and this one need more seats than one trip of
        /// every van holds, since that is what the dispatcher must act on.
        /// </summary>
        private UnservedBooking ReasonFor(Family f, UnassignedReason reason, Dictionary<(int Task, VisitKind Kind), Placed> placed) => reason switch
        {
            UnassignedReason.Capacity => UnservedSentences.TripFull(f.Booking.Id, Context(f, null), f.Booking.Needs),
            UnassignedReason.TimeWindow or UnassignedReason.ShiftEnd or UnassignedReason.Link or UnassignedReason.MaxDuration or UnassignedReason.None
                when SeatsPlannedInSlot(f.SlotStart, placed) + f.Seats > _vans.Sum(v => v.SeatCount) =>
                UnservedSentences.TripFull(f.Booking.Id, Context(f, null), f.Booking.Needs),
            UnassignedReason.RideTime => UnservedSentences.RideTooLong(f.Booking.Id,
                Math.Max(_r.Travel.Duration(f.Location, 0), _r.Travel.Duration(0, f.Location)), _station.MaxRideMinutes),
            UnassignedReason.Unreachable => UnservedSentences.Unreachable(f.Booking.Id, _r.Travel.ReasonFor(f.Location, 0)),
            _ => UnservedSentences.VansBusy(f.Booking.Id, Context(f, null)),
        };

        private int SeatsPlannedInSlot(int slotStart, Dictionary<(int Task, VisitKind Kind), Placed> placed) =>
            _families.Where(f => f.ModelIndex >= 0 && f.SlotStart == slotStart && placed.ContainsKey((2 * f.ModelIndex, VisitKind.Delivery))
                    && placed.ContainsKey(((2 * f.ModelIndex) + 1, VisitKind.Delivery)))
                .Sum(f => f.Seats);

        private UnservedSentences.Context Context(Family f, int? nextFree)
        {
            string vi, en;
            if (f.Booking.PickupSiteId is { } siteId && _sites.TryGetValue(siteId, out var site))
            {
                vi = site.Name;
                en = site.Name;
            }
            else
            {
                vi = "nhà riêng";
                en = "the family's home";
            }

            return new UnservedSentences.Context(_r.Date, f.SlotStart, f.SlotEnd, vi, en, nextFree);
        }

        private PickupPlanResult Extract(RoutingModel? model, RoutingSolution? solution, int rounds)
        {
            var inModel = _families.Where(f => f.Unserved is null).ToList();
            var trips = new List<PickupTrip>();
            var schedules = new List<BookingSchedule>();
            var checker = model is not null && solution is not null ? FeasibilityChecker.Check(model, solution) : [];
            var placed = solution is null ? [] : Locate(solution);
            var tripNumbers = new Dictionary<(int Vehicle, int Trip), int>();
            if (solution is not null)
            {
                foreach (var route in solution.Routes.OrderBy(r => r.Vehicle).ThenBy(r => r.Trip))
                {
                    int number = 1 + tripNumbers.Keys.Count(k => k.Vehicle == route.Vehicle);
                    tripNumbers[(route.Vehicle, route.Trip)] = number;
                    trips.Add(ToTrip(route, number, inModel));
                }

                var reasons = solution.Unassigned.ToDictionary(u => u.Task, u => u.Reason);
                for (int i = 0; i < inModel.Count; i++)
                {
                    if (reasons.TryGetValue(2 * i, out var reason))
                    {
                        inModel[i].Unserved = ReasonFor(inModel[i], reason, placed);
                    }
                }
            }

            // Files done from the planned arrivals: the earliest each family could leave.
            var served = inModel.Where(f => f.Unserved is null).ToList();
            var done = FilesDone(served.Select(f => (f, placed[(2 * f.ModelIndex, VisitKind.Delivery)].Visit.StartSeconds)).ToList());
            for (int k = 0; k < served.Count; k++)
            {
                var f = served[k];
                var outPickup = placed[(2 * f.ModelIndex, VisitKind.Pickup)];
                var outDrop = placed[(2 * f.ModelIndex, VisitKind.Delivery)];
                var backPickup = placed[((2 * f.ModelIndex) + 1, VisitKind.Pickup)];
                var backDrop = placed[((2 * f.ModelIndex) + 1, VisitKind.Delivery)];
                schedules.Add(new BookingSchedule(
                    f.Booking.Id,
                    _vans[outPickup.Route.Vehicle].Id,
                    tripNumbers[(outPickup.Route.Vehicle, outPickup.Route.Trip)],
                    outPickup.Visit.StartSeconds,
                    outDrop.Visit.StartSeconds,
                    done[k],
                    _vans[backPickup.Route.Vehicle].Id,
                    tripNumbers[(backPickup.Route.Vehicle, backPickup.Route.Trip)],
                    backPickup.Visit.StartSeconds,
                    backDrop.Visit.StartSeconds,
                    outDrop.Visit.StartSeconds - outPickup.Visit.DepartureSeconds,
                    backDrop.Visit.StartSeconds - backPickup.Visit.DepartureSeconds));
                if (backPickup.Visit.StartSeconds < done[k])
                {
                    _warnings.Add(string.Create(CultureInfo.InvariantCulture,
                        $"booking {f.Booking.Code}: return planned {PlanClock.Hhmm(backPickup.Visit.StartSeconds)}, files done about {PlanClock.Hhmm(done[k])}; the van may wait"));
                }
            }

            AssignNextFree(served.ToDictionary(f => f, f => placed[(2 * f.ModelIndex, VisitKind.Delivery)].Visit.StartSeconds));
            var unserved = _families
                .Where(f => f.Unserved is not null)
                .Select(f => f.Unserved! with { ReasonEn = Capitalize(f.Unserved!.ReasonEn) })
                .ToList();
            var arrivals = served.Select(f => (placed[(2 * f.ModelIndex, VisitKind.Delivery)].Visit.StartSeconds, f.Children));
            var halfHours = _spreading.Count(arrivals);
            var figures = new PickupPlanFigures(
                served.Count,
                unserved.Count,
                served.Sum(f => f.Seats),
                _families.Where(f => f.Unserved is not null).Sum(f => f.Seats),
                trips.Count,
                trips.Select(t => t.VehicleId).Distinct().Count(),
                trips.Sum(t => t.Metres),
                schedules.Count == 0 ? 0 : schedules.Max(s => Math.Max(s.OutboundRideSeconds, s.ReturnRideSeconds)),
                halfHours.Count == 0 ? 0 : halfHours.Max(h => h.Children),
                ArrivalSpreading.HalfHourCap(_childrenPerHour));
            var plan = new PickupPlan(_station.Id, _r.Date, trips, schedules, unserved, figures, _r.Travel.IsEstimated, _r.Travel.Source, _warnings);
            return new PickupPlanResult(plan, model, solution, checker, rounds);
        }

        private PickupTrip ToTrip(RoutePlan route, int number, List<Family> inModel)
        {
            var stops = new List<PickupStop>(route.Visits.Count);
            var cp = _station.CollectionPointLocation;
            for (int k = 0; k < route.Visits.Count; k++)
            {
                var v = route.Visits[k];
                var load = v.LoadAfter;
                if (v.Kind is VisitKind.Start or VisitKind.End)
                {
                    stops.Add(new PickupStop(k, v.Kind == VisitKind.Start ? PickupStopKind.Start : PickupStopKind.End, cp, _collectionSiteId, null,
                        v.ArrivalSeconds, v.DepartureSeconds, 0, 0, load[0], load[1], load[2]));
                    continue;
                }

                if (v.Kind is not (VisitKind.Pickup or VisitKind.Delivery))
                {
                    continue;
                }

                var f = inModel[v.Index / 2];
                bool isReturn = v.Index % 2 == 1;
                bool isPickup = v.Kind == VisitKind.Pickup;
                var kind = (isReturn, isPickup) switch
                {
                    (false, true) => PickupStopKind.Pickup,
                    (false, false) => PickupStopKind.CollectionPointDropOff,
                    (true, true) => PickupStopKind.CollectionPointPickup,
                    _ => PickupStopKind.HomeDropOff,
                };
                bool atCollectionPoint = kind is PickupStopKind.CollectionPointDropOff or PickupStopKind.CollectionPointPickup;
                stops.Add(new PickupStop(
                    stops.Count,
                    kind,
                    atCollectionPoint ? cp : _r.Points.Locations[f.Location],
                    atCollectionPoint ? _collectionSiteId : f.Booking.PickupSiteId,
                    f.Booking.Id,
                    v.ArrivalSeconds,
                    v.DepartureSeconds,
                    isPickup ? f.Seats : 0,
                    isPickup ? 0 : f.Seats,
                    load[0], load[1], load[2]));
            }

            // Sequence numbers follow the stops kept (breaks are not modelled, so they match the visits).
            for (int k = 0; k < stops.Count; k++)
            {
                stops[k] = stops[k] with { Sequence = k };
            }

            return new PickupTrip(_vans[route.Vehicle].Id, number, stops, _places.RealMetres(route.Visits), route.TravelSeconds);
        }

        /// <summary>
        /// For bookings refused for lack of room: the nearest slot of the day (on the booking-slot grid inside the opening
        /// hours, or a slot someone booked) where the family would still fit, by an estimate: room at the desks in one of
        /// its half-hours, and seats (and wheelchair places, child seats) of one trip per van per slot beyond those already
        /// planned there. Each suggestion is counted as taken, so two families are not sent to the same last seats.
        /// </summary>
        private void AssignNextFree(Dictionary<Family, int> arrivalOfServed)
        {
            var needy = _families
                .Where(f => f.Unserved is { Reason: PickupUnservedReason.TripFull or PickupUnservedReason.VansBusy or PickupUnservedReason.DeskFull or PickupUnservedReason.Closed }
                    && _opening.Count > 0 && _vans.Count > 0)
                .ToList();
            if (needy.Count == 0)
            {
                return;
            }

            int slotSeconds = Math.Max(1, _station.BookingSlotMinutes) * 60;
            var slots = new SortedSet<int>();
            foreach (var (open, close) in _opening)
            {
                for (int s = (open + slotSeconds - 1) / slotSeconds * slotSeconds; s + slotSeconds <= close; s += slotSeconds)
                {
                    slots.Add(s);
                }
            }

            foreach (var f in _families.Where(f => _opening.Any(o => f.SlotStart >= o.Open && f.SlotStart < o.Close)))
            {
                slots.Add(f.SlotStart);
            }

            var children = new Dictionary<int, int>();
            var seats = new Dictionary<int, (int Seats, int Wheelchairs, int ChildSeats)>();
            foreach (var (f, arrival) in arrivalOfServed)
            {
                if (_spreading.BucketStartOf(arrival) is int bucket)
                {
                    children[bucket] = children.GetValueOrDefault(bucket) + f.Children;
                }

                var used = seats.GetValueOrDefault(f.SlotStart);
                seats[f.SlotStart] = (used.Seats + f.Seats, used.Wheelchairs + f.Wheelchair, used.ChildSeats + f.ChildSeat);
            }

            int fleetSeats = _vans.Sum(v => v.SeatCount);
            int fleetWheelchairs = _vans.Sum(v => v.WheelchairPlaces);
            int fleetChildSeats = _vans.Sum(v => v.ChildSeatCount);
            foreach (var f in needy)
            {
                int? found = null;
                foreach (int s in slots.Where(s => s != f.SlotStart).OrderBy(s => Math.Abs(s - f.SlotStart)).ThenBy(s => s))
                {
                    var used = seats.GetValueOrDefault(s);
                    if (used.Seats + f.Seats > fleetSeats || used.Wheelchairs + f.Wheelchair > fleetWheelchairs
                        || used.ChildSeats + f.ChildSeat > fleetChildSeats
                        || _spreading.MostRoomInSlot(s, s + slotSeconds, children) < f.Children)
                    {
                        continue;
                    }

                    found = s;
                    seats[s] = (used.Seats + f.Seats, used.Wheelchairs + f.Wheelchair, used.ChildSeats + f.ChildSeat);
                    int bucket = _spreading.BucketStartOf(s) ?? s;
                    children[bucket] = children.GetValueOrDefault(bucket) + f.Children;
                    break;
                }

                var c = Context(f, found);
                f.Unserved = f.Unserved!.Reason switch
                {
                    PickupUnservedReason.TripFull => UnservedSentences.TripFull(f.Booking.Id, c, f.Booking.Needs),
                    PickupUnservedReason.VansBusy => UnservedSentences.VansBusy(f.Booking.Id, c),
                    PickupUnservedReason.DeskFull => UnservedSentences.DeskFull(f.Booking.Id, c, ArrivalSpreading.HalfHourCap(_childrenPerHour)),
                    _ => UnservedSentences.Closed(f.Booking.Id, c, wholeDay: false),
                };
            }
        }

        private static string Capitalize(string text) =>
            text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
    }
}
