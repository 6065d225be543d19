using Outreach.Domain;

namespace Outreach.Planning.Pickups;

/// <summary>
/// One run of <see cref="PickupPlanner.Plan"/>: the facts of the day, each booking's state while the plan is made,
/// and the steps (checks, arrival spreading, return estimates, sessions of solves, the plan). Not thread-safe; one
/// instance per call. This file: the facts, the checks before any solve and the estimates.
/// </summary>
internal sealed partial class PlannerRun
{
    /// <summary>Penalty of leaving a booking out: above any day's route cost in metres (10^6 km).</summary>
    private const long BasePenalty = 1_000_000_000_000;

    /// <summary>Penalty step between consecutive bookings in priority order (above any day's route cost).</summary>
    private const long PriorityStep = 100_000_000;

    /// <summary>How far a published family's pickup time may move, step by step, before it is let go (half a minute, five minutes).</summary>
    private static readonly int[] HeldTimeSteps = [30, 5 * 60];

    /// <summary>How far a published family's arrival may move in a re-plan before its pins are loosened.</summary>
    private const int PublishedSlackSeconds = 15 * 60;

    /// <summary>How long a published van home may wait for a family's files in a re-plan before the family's desk time grows (and its van home moves).</summary>
    private const int PublishedReturnWaitSeconds = 5 * 60;

    private readonly PickupPlanRequest _r;
    private readonly PickupSettings _s;
    private readonly Station _station;
    private readonly List<Vehicle> _vans;
    private readonly List<(int Open, int Close)> _opening;
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
    private PublishedPlan _published = PublishedPlan.None;

    /// <summary>Variants of one request to probe (<see cref="Probe"/>), not bookings of the day; empty for a plan.</summary>
    private readonly IReadOnlyList<Booking> _probes;

    public PlannerRun(PickupPlanRequest request, IReadOnlyList<Booking>? probes = null)
    {
        _r = request;
        _probes = probes ?? [];
        _s = request.Settings;
        _station = request.Station;
        _vans = request.Vans.Where(v => v.Profile == VehicleProfile.Van).OrderBy(v => v.Id).ToList();
        _opening = _station.OpeningHours
            .Where(o => o.Day == request.Date.DayOfWeek && o.Closes > o.Opens)
            .Select(o => (PlanClock.Seconds(o.Opens), PlanClock.Seconds(o.Closes)))
            .OrderBy(o => o.Item1)
            .ToList();
        _maxRideSeconds = Math.Max(1, _station.MaxRideMinutes) * 60;
        _secondsPerChild = PickupSettings.MinutesPerChild(_station) * 60;
        _stopSeconds = _s.CollectionPointStopMinutes * 60;
        _childrenPerHour = Math.Max(1, _station.DeskCount) * Math.Max(1, _station.FilesPerDeskPerHour);
        _spreading = new ArrivalSpreading(_opening, _childrenPerHour);
        _sites = request.Sites.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        _collectionSiteId = request.Sites
            .Where(s => s.Kind == SiteKind.CollectionPoint && s.StationId == _station.Id)
            .Select(s => (s.Id, Metres: Geo.Geodesy.HaversineMetres(s.Location.Longitude, s.Location.Latitude,
                _station.CollectionPointLocation.Longitude, _station.CollectionPointLocation.Latitude)))
            .Where(s => s.Metres <= 300)
            .OrderBy(s => s.Metres)
            .Select(s => (long?)s.Id)
            .FirstOrDefault();
        _places = ModelPlaces.For(request.Travel);
        _startTimestamp = request.Search.Clock.GetTimestamp();
        // A tenth of the limit is kept back for what the engine does outside its own limit (building a start plan,
        // diagnosing unserved tasks) and for the plan itself.
        _totalTime = (request.Search.TimeLimit ?? (request.Search.MaxIterations is null ? TimeSpan.FromSeconds(3) : null)) * 0.9;
    }

    public PickupPlanResult Execute() => Extract(Solve());

    /// <summary>The day's families (and probes) checked, spread, given desk times and solved, session by session.</summary>
    private List<Session> Solve()
    {
        AddFamilies();
        PreCheck();
        Spread();
        EstimateDeskTimes();
        var sessions = BuildSessions();
        foreach (var session in sessions)
        {
            SolveSession(session, sessions);
        }

        return sessions;
    }

    /// <summary>
    /// Per variant of <see cref="_probes"/>, in order: null when it fits into the day as the start plan has it (the
    /// families of the start placed as they are, the variant alone inserted with its arrival window and desk time worked
    /// out with the day's families, as a booking's insertion does), else why not. One model per session answers every
    /// variant (<see cref="Outreach.Solver.Routing.SearchOptions.Probes"/>): nothing is planned, stored or written out.
    /// </summary>
    public IReadOnlyList<(UnservedBooking? No, bool Sure)> Probe()
    {
        _ = Solve();

        // A variant that fits by the engine's estimate of its desk time is checked against the desks' plan of the day with
        // it in: when it, or a family of the day, would then have its files done after its van home (the booking's
        // insertion would re-time and solve again, and may find no room), the answer is not sure.
        var active = _families.Where(f => !f.IsProbe && f.Unserved is null && f.PlannedArrival is not null && f.PlannedBoarding is not null).ToList();
        var before = Lateness(active);
        return _families.Where(f => f.IsProbe)
            .Select(f => f.Unserved is { } no ? (no, true)
                : !f.ProbeFits ? (UnservedSentences.VansBusy(f.Booking.Id, Context(f, null)), true)
                : (null, f.PlannedArrival is not null && f.PlannedBoarding is not null && !Later([.. active, f], before)))
            .ToList();
    }

    /// <summary>Per family, how long after its van home the desks' plan has its files done (0 when before).</summary>
    private int[] Lateness(List<Family> families)
    {
        var done = DeskPlan([.. families.Select(f => (f, f.PlannedArrival!.Value, f.PlannedBoarding))]);
        return [.. families.Select((f, k) => Math.Max(0, done[k] - f.PlannedBoarding!.Value - f.StartLateSeconds))];
    }

    /// <summary>Whether, with the last of <paramref name="families"/> added, any family's files are done later after its van home than <paramref name="before"/>.</summary>
    private bool Later(List<Family> families, int[] before)
    {
        var late = Lateness(families);
        for (int k = 0; k < late.Length; k++)
        {
            if (late[k] > (k < before.Length ? before[k] : 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The day's families in priority order (published first, then as they booked), then the probes after them.</summary>
    private void AddFamilies()
    {
        _published = PublishedPins.Read(_r.Published, _r.Date);
        var ordered = _r.Bookings
            .Where(b => Booking.HoldsSeats(b.Status))
            .OrderBy(b => _published.Bookings.ContainsKey(b.Id) ? 0 : 1)
            .ThenBy(b => b.CreatedAt)
            .ThenBy(b => b.Id)
            .ToList();
        int slotSeconds = Math.Max(1, _station.BookingSlotMinutes) * 60;
        for (int i = 0; i < ordered.Count; i++)
        {
            int slotStart = PlanClock.Seconds(ordered[i].SlotStart);
            _families.Add(new Family { Booking = ordered[i], Order = i, SlotStart = slotStart, SlotEnd = slotStart + slotSeconds });
        }

        // Each variant is the newest request of the day, as the family asking would be.
        for (int k = 0; k < _probes.Count; k++)
        {
            int slotStart = PlanClock.Seconds(_probes[k].SlotStart);
            _families.Add(new Family { Booking = _probes[k], Order = ordered.Count, SlotStart = slotStart, SlotEnd = slotStart + slotSeconds, IsProbe = true });
        }
    }

    /// <summary>What can be told before any solve: no vans, closed, no place, no road, too far, needs no van meets.</summary>
    private void PreCheck()
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
            if (_published.Bookings.TryGetValue(id, out var before) && before.PickupSiteId == f.Booking.PickupSiteId
                && before.DropOffDepartureSeconds - f.AlightSeconds >= f.SlotStart && before.DropOffDepartureSeconds - f.AlightSeconds < f.SlotEnd)
            {
                f.Published = before;
                f.OutLevel = PinLevel.Position;
                f.ReturnLevel = PinLevel.Position;
                f.HeldSeconds = HeldTimeSteps[0];
                f.HomeHeldSeconds = HeldTimeSteps[0];
            }
        }
    }

    /// <summary>
    /// Arrival windows the desks allow (see <see cref="ArrivalSpreading"/>); a published family starts near its published
    /// time. A family of the start plan (the live plan) is counted in the half-hour it gets off in there, so a family added
    /// to the day does not move the others' windows away from where the start plan has them.
    /// </summary>
    private void Spread()
    {
        var candidates = _families.Where(f => f.Unserved is null && !f.IsProbe).ToList();
        var startDropOffs = StartDropOffs();
        var requests = candidates
            .Select(f => new SpreadRequest(f.Children, f.SlotStart, f.SlotEnd,
                PublishedDropOff(f) ?? (startDropOffs.TryGetValue(f.Booking.Id, out int departure) ? departure - f.AlightSeconds : null)))
            .ToList();
        var results = _spreading.Assign(requests).ToList();

        // A probe is spread with the day's families, as if it were the one asking (the last request), not with the other probes.
        foreach (var probe in _families.Where(f => f.Unserved is null && f.IsProbe).ToList())
        {
            candidates.Add(probe);
            results.Add(_spreading.Assign([.. requests, new SpreadRequest(probe.Children, probe.SlotStart, probe.SlotEnd, null)])[^1]);
        }

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
    /// The desk time of each family: from getting off at the collection point to its files being done (the walk to the
    /// desks, the queue, the files), from the day's desk queue with every family where the start plan put it, or at the
    /// start of its window (the spreading keeps the queue short). A family's van home is linked to its van there by
    /// this time, so the wait in between is exact in every solve; after a solve the queue is simulated with the planned
    /// arrivals, and a family whose wait it changes gets its desk time corrected and another solve
    /// (<see cref="Requeue"/>).
    /// </summary>
    private void EstimateDeskTimes()
    {
        var active = _families.Where(f => f.Unserved is null && !f.IsProbe).ToList();
        var start = _r.Start?.Bookings.ToDictionary(b => b.BookingId) ?? [];
        var arrivals = active.Select(f => (f, f.Windows[0].Start)).ToList();
        var done = FilesDone(arrivals).ToList();

        // A probe queues at the desks with the day's families, not with the other probes.
        foreach (var probe in _families.Where(f => f.Unserved is null && f.IsProbe).ToList())
        {
            active.Add(probe);
            done.Add(FilesDone([.. arrivals, (probe, probe.Windows[0].Start)])[^1]);
        }

        for (int i = 0; i < active.Count; i++)
        {
            var f = active[i];
            if (start.TryGetValue(f.Booking.Id, out var before))
            {
                // Where the start plan has the van home board before the desks' estimate (it warned that the van may
                // wait), the re-plan keeps that wait rather than break the start's times for it.
                f.StartLateSeconds = Math.Max(0, before.FilesDoneSeconds - before.ReturnPickupSeconds);
                f.DeskSeconds = Math.Max(_stopSeconds + _secondsPerChild,
                    before.FilesDoneSeconds - f.StartLateSeconds - (before.ArrivalAtCollectionPointSeconds + f.AlightSeconds));
            }
            else
            {
                f.DeskSeconds = done[i] - (f.Windows[0].Start + f.AlightSeconds);
            }
        }
    }

    /// <summary>When each family's files are done if the van gets it to the drop-off place at the given time.</summary>
    private int[] FilesDone(IReadOnlyList<(Family Family, int Arrival)> arrivals) => DeskQueue.Simulate(
        arrivals.Select(a => (a.Arrival, a.Arrival + a.Family.AlightSeconds + _stopSeconds, a.Family.Children, a.Family.Order)).ToList(),
        _station.DeskCount, _secondsPerChild, _opening);

    /// <summary>
    /// When each family's files are done in the desks' plan (<see cref="DeskQueue.ScheduleByDeadline"/>): families whose
    /// van home is planned are taken in the order of their vans, and not so early that they would wait longer than the
    /// limit after their files; the others as they come.
    /// </summary>
    private int[] DeskPlan(IReadOnlyList<(Family Family, int Arrival, int? Boarding)> families)
    {
        int wait = _s.MaxReturnWaitMinutes * 60;
        return DeskQueue.ScheduleByDeadline(
            families.Select(x => (x.Arrival, x.Arrival + x.Family.AlightSeconds + _stopSeconds,
                x.Boarding is int b ? b - _secondsPerChild - wait : int.MinValue, x.Boarding ?? int.MaxValue, x.Family.Children, x.Family.Order)).ToList(),
            _station.DeskCount, _secondsPerChild, _opening);
    }

    /// <summary>When each family of the start plan leaves the van at the collection point there (the end of getting off), by booking.</summary>
    private Dictionary<long, int> StartDropOffs()
    {
        var departures = new Dictionary<long, int>();
        foreach (var stop in _r.Start?.Trips.SelectMany(t => t.Stops) ?? [])
        {
            if (stop.Kind == PickupStopKind.CollectionPointDropOff && stop.BookingId is long id)
            {
                departures.TryAdd(id, stop.DepartureSeconds);
            }
        }

        return departures;
    }

    /// <summary>When the published plan had the family start getting off at the collection point, or null.</summary>
    private static int? PublishedDropOff(Family f) => f.Published is { } p ? p.DropOffDepartureSeconds - f.AlightSeconds : null;

    /// <summary>The parts of <paramref name="windows"/> inside [from, to]; the windows unchanged when none is.</summary>
    private static List<(int Start, int End)> Narrow(IReadOnlyList<(int Start, int End)> windows, int from, int to)
    {
        var narrowed = windows
            .Select(w => (Start: Math.Max(w.Start, from), End: Math.Min(w.End, to)))
            .Where(w => w.Start <= w.End)
            .ToList();
        return narrowed.Count > 0 ? narrowed : [.. windows];
    }

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

    /// <summary>One booking's facts and state during a run.</summary>
    private sealed class Family
    {
        public required Booking Booking { get; init; }

        /// <summary>Priority rank: 0 is served first when bookings compete.</summary>
        public required int Order { get; init; }

        /// <summary>Index of its pickup point in <see cref="PickupPoints"/>.</summary>
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

        /// <summary>Arrival windows of the current model: the allowed ones, or narrowed (published time, retiming).</summary>
        public IReadOnlyList<(int Start, int End)> Windows { get; set; } = [];

        /// <summary>Seconds from getting off at the collection point to the files being done (see <see cref="EstimateDeskTimes"/>).</summary>
        public int DeskSeconds { get; set; }

        /// <summary>Earliest boarding for home: arriving at the start of its window, files done.</summary>
        public int ReturnEarliest => (Windows.Count > 0 ? Windows[0].Start : SlotStart) + AlightSeconds + DeskSeconds;

        /// <summary>Times a solve served only one of the family's legs (it gets two more tries before it leaves the plan).</summary>
        public int HalfServed { get; set; }

        public PublishedBooking? Published { get; set; }

        public PinLevel OutLevel { get; set; }

        public PinLevel ReturnLevel { get; set; }

        /// <summary>
        /// How far from the published time the van may come to the family's pickup point (either way), or 0 when the
        /// time is not held: what the family was told holds unless a solve leaves out someone who must be served, when
        /// every family of the session lets go a step (<see cref="HeldTimeSteps"/>), and at last only the published order
        /// and the arrival within <see cref="PublishedSlackSeconds"/> stay.
        /// </summary>
        public int HeldSeconds { get; set; }

        /// <summary>As <see cref="HeldSeconds"/>, for the told time home: the van brings the family home no earlier than that before it.</summary>
        public int HomeHeldSeconds { get; set; }

        public UnservedBooking? Unserved { get; set; }

        /// <summary>When the latest solve of its session has the family get off at the collection point, or null.</summary>
        public int? PlannedArrival { get; set; }

        /// <summary>
        /// How long before the desks' estimate of its files being done the start plan has the family board for home
        /// (the van waits); desk corrections (<see cref="Requeue"/>) only take what grows beyond it.
        /// </summary>
        public int StartLateSeconds { get; set; }

        /// <summary>True once a solve of the family's session has answered (placed or not).</summary>
        public bool Solved { get; set; }

        /// <summary>When the latest solve of its session has the family board for home, or null.</summary>
        public int? PlannedBoarding { get; set; }

        /// <summary>Index in its session's current model (task 2i outbound, 2i+1 return), or -1.</summary>
        public int ModelIndex { get; set; } = -1;

        /// <summary>A variant asked about (<see cref="Probe"/>), not a booking of the day.</summary>
        public bool IsProbe { get; init; }

        /// <summary>For a probe: its session's model found room for both its legs.</summary>
        public bool ProbeFits { get; set; }
    }
}
