using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Planning.Pickups;
using Outreach.Planning.Pickups.Slots;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Opens a station for booking: loads what the slot rule needs (station, pickup vans, closed days, pickup points,
/// map) and adapts the Planning rule (<see cref="SlotRule"/>) to the store's <see cref="CapacityRule"/>, so pages and
/// the booking transaction decide with the same rule. Bookings, moves and cancellations go through it (here and on
/// <see cref="StationDesk"/>), so every committed change of a station's day tells <see cref="LivePlanChanges"/>.
/// </summary>
public sealed class BookingDesk(
    StationStore stations, SiteStore sites, FleetStore fleet, CalendarStore calendar, BookingStore bookings, StationMaps maps, LocalTime time,
    LivePlanChanges changes, ReplanRequests replans, PlanStore plans, Outreach.Data.Database database, ILogger<BookingDesk> log)
{
    /// <summary>Where the booking desk says what went wrong (no personal data).</summary>
    internal ILogger Log => log;

    public BookingStore Bookings => bookings;

    /// <summary>Published versions already read: a published version never changes, so one read per version serves every request.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, PlanContent> _published = new();

    /// <summary>
    /// The newest published pickup version of the station's day, or null: its families' pickup times hold in the live plan
    /// as in any re-plan (see <see cref="PickupPlanRequest.Published"/>). One indexed read per call; the version itself is
    /// read once.
    /// </summary>
    internal async Task<PlanContent?> PublishedAsync(long stationId, DateOnly date, CancellationToken cancellationToken)
    {
        if (await plans.GetLatestAsync(stationId, PlanKind.Pickups, date, date, PlanStatus.Published, cancellationToken) is not { } latest)
        {
            return null;
        }

        if (_published.TryGetValue(latest.Id, out var content))
        {
            return content;
        }

        content = await plans.GetAsync(latest.Id, cancellationToken);
        if (content is not null)
        {
            _published.TryAdd(latest.Id, content);
        }

        return content;
    }

    /// <summary>The last live plan read or written per station day, with its stored text: reading a busy day's plan again costs more than the insertion it serves.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Station, DateOnly Date), (string Content, PickupPlan Plan)> _livePlans = new();

    /// <summary>
    /// The day's live plan from its stored text (<see cref="LivePlanJson.Read"/>), read once per text: requests of a busy
    /// day read the same plan until a booking changes it. A plan is never changed once made, so sharing it is safe.
    /// </summary>
    internal PickupPlan? LivePlan(long stationId, DateOnly date, string? content)
    {
        if (content is null)
        {
            return null;
        }

        if (_livePlans.TryGetValue((stationId, date), out var known) && string.Equals(known.Content, content, StringComparison.Ordinal))
        {
            return known.Plan;
        }

        var plan = LivePlanJson.Read(content);
        if (plan is not null)
        {
            _livePlans[(stationId, date)] = (content, plan);
        }

        return plan;
    }

    /// <summary>Remembers a live plan about to be stored with its text, so the next request need not read it back.</summary>
    internal string Written(long stationId, DateOnly date, PickupPlan plan)
    {
        var content = LivePlanJson.Write(plan);
        _livePlans[(stationId, date)] = (content, plan);
        return content;
    }

    /// <summary>The live day last read for offer lists, per station day (see <see cref="LiveDayForOffersAsync"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Station, DateOnly Date), LiveDay> _offerDays = new();

    /// <summary>
    /// The day's live plan and bookings for offer lists: one indexed read of the live plan's version, and the day itself
    /// read again only when a booking, move or cancellation made a new version since (a busy day's offer lists read the
    /// same day many times between two bookings).
    /// </summary>
    internal async Task<LiveDay> LiveDayForOffersAsync(long stationId, DateOnly date, CancellationToken cancellationToken)
    {
        int version = await bookings.GetLivePlanVersionAsync(stationId, date, cancellationToken);
        if (version > 0 && _offerDays.TryGetValue((stationId, date), out var known) && known.Version == version)
        {
            return known;
        }

        // The day the booking line just left, when nothing changed it since.
        if (version > 0 && bookings.LastLeft(stationId, date) is { } left && left.Version == version)
        {
            _offerDays[(stationId, date)] = left;
            return left;
        }

        var day = await bookings.GetLiveDayAsync(stationId, date, cancellationToken);
        if (_offerDays.Count > 256)
        {
            _offerDays.Clear();
        }

        _offerDays[(stationId, date)] = day;
        return day;
    }

    /// <summary>
    /// A family asking for a station's day (<see cref="StationDesk.OfferAsync"/>): what the live plan's answers depend on
    /// besides the plan itself: the booking being moved (left out), the place (a pickup point or a home pin), people and needs.
    /// </summary>
    internal sealed record ProbeFamily(long Station, DateOnly Date, long? Exclude, long? Site, GeoPoint? Home, int Children, int Guardians, BookingNeeds Needs);

    /// <summary>What the live plan says to a family's request in each of a day's slots: per family, live plan version and the slots asked.</summary>
    internal sealed record ProbeKey(ProbeFamily Family, int Version, string Slots);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ProbeKey, Lazy<Task<IReadOnlyDictionary<TimeOnly, UnservedBooking?>?>>> _probed = new();

    /// <summary>The latest answers per family, whatever the version (see <see cref="LastProbed"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ProbeFamily, IReadOnlyDictionary<TimeOnly, UnservedBooking?>> _lastProbed = new();

    /// <summary>
    /// The answers the family got last, whatever the version, or null: what a refused family was just shown, which the
    /// refused page shows again rather than probe the day anew on every refusal (on a busy day each booking makes a new
    /// version, and the refused families of a burst would all probe).
    /// </summary>
    internal IReadOnlyDictionary<TimeOnly, UnservedBooking?>? LastProbed(ProbeFamily family) => _lastProbed.GetValueOrDefault(family);

    /// <summary>
    /// The answers for <paramref name="key"/>, worked out by <paramref name="probe"/> once: families with the same place,
    /// people and needs asking on the same version of the day get the same answers, and those asking at the same time
    /// wait for one probe instead of each running their own (a busy day's first offer lists come together).
    /// </summary>
    internal async Task<IReadOnlyDictionary<TimeOnly, UnservedBooking?>?> ProbedAsync(ProbeKey key, Func<Task<IReadOnlyDictionary<TimeOnly, UnservedBooking?>?>> probe)
    {
        if (_probed.Count > 4_096)
        {
            // Answers of older versions are never asked for again; the newest are made again at the next request.
            _probed.Clear();
        }

        if (_lastProbed.Count > 4_096)
        {
            _lastProbed.Clear();
        }

        var once = _probed.GetOrAdd(key, _ => new Lazy<Task<IReadOnlyDictionary<TimeOnly, UnservedBooking?>?>>(probe));
        try
        {
            var answers = await once.Value;
            if (answers is not null)
            {
                _lastProbed[key.Family] = answers;
            }

            return answers;
        }
        catch
        {
            _probed.TryRemove(new KeyValuePair<ProbeKey, Lazy<Task<IReadOnlyDictionary<TimeOnly, UnservedBooking?>?>>>(key, once));
            throw;
        }
    }

    /// <summary>Searches of a day that found no room, kept until something frees room there (see <see cref="SearchFailedBefore"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Station, DateOnly Date), System.Collections.Immutable.ImmutableList<FailedSearch>> _failed = new();

    /// <summary>A search for a family at a pickup point (<paramref name="SiteId"/>) in a slot that found no room, and when.</summary>
    private sealed record FailedSearch(TimeOnly Slot, long SiteId, int Seats, BookingNeeds Needs, DateTimeOffset At);

    /// <summary>How long a search that found no room answers for later requests at the most (bookings only take room, but the vans or settings may change).</summary>
    private static readonly TimeSpan FailedSearchLife = TimeSpan.FromMinutes(2);

    /// <summary>
    /// True when a search of the day for a family at the same pickup point and slot, with no more seats and no needs this
    /// one lacks, found no room, and nothing has freed room since (a cancellation, a move away, an improved live plan):
    /// bookings only take room, so this family would not fit either, and on a busy day the processor goes to the
    /// requests that can. A family booked at home is always searched for (every home is its own place).
    /// </summary>
    internal bool SearchFailedBefore(Domain.Booking booking) =>
        booking.PickupSiteId is { } site && _failed.TryGetValue((booking.StationId, booking.Date), out var failed)
        && failed.Any(f => f.Slot == booking.SlotStart && f.SiteId == site && f.Seats <= booking.SeatCount && (booking.Needs & f.Needs) == f.Needs
            && UtcNow - f.At < FailedSearchLife);

    internal void SearchFailed(Domain.Booking booking)
    {
        if (booking.PickupSiteId is { } site)
        {
            var failed = new FailedSearch(booking.SlotStart, site, booking.SeatCount, booking.Needs, UtcNow);
            _failed.AddOrUpdate((booking.StationId, booking.Date), [failed], (_, list) => list.RemoveAll(f => UtcNow - f.At >= FailedSearchLife).Add(failed));
        }
    }

    /// <summary>Room may have been freed on the station's day: searches that found none are asked again.</summary>
    internal void RoomFreed(long stationId, DateOnly date) => _failed.TryRemove((stationId, date), out _);

    /// <summary>Now in Vietnam, as a wall-clock time (what the slot rule compares slot starts with).</summary>
    public DateTime LocalNow => time.Now.DateTime;

    /// <summary>Now (UTC), as the store stamps a new booking.</summary>
    public DateTimeOffset UtcNow => time.UtcNow;

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    /// <summary>
    /// How long a station's booking desk is kept at most (<see cref="OpenAsync"/>): a change written through this app is
    /// seen at once (<see cref="Outreach.Data.Database.ConfigVersion"/>); one written through another app host on the
    /// same PostgreSQL within this time.
    /// </summary>
    public static readonly TimeSpan DeskLife = TimeSpan.FromSeconds(5);

    /// <summary>Per station, what its booking pages are made of, as last read, with the configuration version read before.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, OpenedDesk> _opened = new();

    private sealed record OpenedDesk(long Version, DateOnly Today, long At, SlotRule Rule, AreaData Area, IReadOnlyList<PickupPoint> Points);

    /// <summary>
    /// The station's booking desk: its slot rule (settings, opening hours, pickup vans, closed days), area and pickup
    /// points. Six reads make one, so every request of a busy day would repeat them and build its slot rule anew (and
    /// the rule's worked-out days with it): the desk is kept until the station's configuration changes in this app, the
    /// day turns, or <see cref="DeskLife"/> passes (for changes made through another app host).
    /// </summary>
    public async Task<StationDesk?> OpenAsync(long stationId, CancellationToken cancellationToken)
    {
        // Read before the station is: a change written while it is read makes the desk read stale at once.
        long version = database.ConfigVersion;
        var today = Today;
        if (_opened.TryGetValue(stationId, out var kept) && kept.Version == version && kept.Today == today
            && Environment.TickCount64 - kept.At < (long)DeskLife.TotalMilliseconds)
        {
            return new StationDesk(this, kept.Rule, kept.Area, kept.Points, maps);
        }

        var station = await stations.GetAsync(stationId, cancellationToken);
        if (station is null)
        {
            return null;
        }

        var window = BookingWindow.Default;
        var last = today.AddDays(window.HorizonDays);
        var vehicles = await fleet.ListVehiclesAsync(stationId, cancellationToken);
        var teams = await fleet.ListTeamsAsync(stationId, cancellationToken);
        var holidays = await calendar.ListHolidaysAsync(today, last, cancellationToken);
        // A holiday closes the collection point unless the chief planned desk shifts that day (holiday surge shifts).
        var deskDays = (await calendar.ListShiftDemandsAsync(stationId, today, last, cancellationToken))
            .Where(d => d.Kind == ShiftKind.Desk).Select(d => d.Date).ToHashSet();
        var closed = holidays.Where(h => !deskDays.Contains(h.Date)).Select(h => new ClosedDay(h.Date, h.NameVi, h.NameEn));
        var rule = new SlotRule(station, SlotRule.PickupVans(vehicles, teams), PickupSettings.For(station), window, closed);
        var area = maps.Area(station);
        var points = PickupPoints.Of(station, await sites.ListByStationAsync(stationId, null, cancellationToken), area);
        _opened[stationId] = new OpenedDesk(version, today, Environment.TickCount64, rule, area, points);
        return new StationDesk(this, rule, area, points, maps);
    }

    public async Task<IReadOnlyList<Station>> ListStationsAsync(CancellationToken cancellationToken) =>
        await stations.ListAsync(cancellationToken);

    /// <summary>Cancels the family's booking, taking it out of the day's live plan at once (see <see cref="BookingStore.CancelAsync(long, AuditedBy, Func{string, long, string}, CancellationToken)"/>),
    /// and asks for the day's pickup plan to be made again (<see cref="ReplanRequests"/>).</summary>
    public async Task<bool> CancelAsync(Domain.Booking booking, AuditedBy audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var cancelled = await bookings.CancelAsync(booking.Id, audit, LivePlanJson.Without, cancellationToken);
        if (cancelled)
        {
            RoomFreed(booking.StationId, booking.Date);
            Committed(booking.StationId, booking.Date);
            await replans.BookingCancelledAsync(booking.StationId, booking.Date);
        }

        return cancelled;
    }

    /// <summary>
    /// A family's "delete my data" (<see cref="BookingStore.EraseForFamilyAsync(long, AuditedBy, Func{string, long, string}, CancellationToken)"/>):
    /// a booking that still held seats leaves the day's live plan at once and the day is planned again, as for a cancellation.
    /// </summary>
    public async Task<bool> EraseForFamilyAsync(Domain.Booking booking, AuditedBy audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var erased = await bookings.EraseForFamilyAsync(booking.Id, audit, LivePlanJson.Without, cancellationToken);
        if (erased && Domain.Booking.HoldsSeats(booking.Status))
        {
            RoomFreed(booking.StationId, booking.Date);
            Committed(booking.StationId, booking.Date);
            await replans.BookingCancelledAsync(booking.StationId, booking.Date);
        }

        return erased;
    }

    /// <summary>
    /// A batch entered by staff (<see cref="BookingStore.TryBookManyAsync(IReadOnlyList{Domain.Booking}, CapacityRule, LiveRule, AuditedBy, CancellationToken)"/>):
    /// with <paramref name="live"/> (the station's <see cref="StationDesk.LiveRule"/>) each row must also fit the day's
    /// live plan, as a family's own booking must, so a booking taken on the phone is a seat on a van too.
    /// </summary>
    public async Task<BookingBatchResult> TryBookManyAsync(IReadOnlyList<Domain.Booking> batch, CapacityRule capacity, LiveRule? live, AuditedBy audit, CancellationToken cancellationToken)
    {
        var result = await bookings.TryBookManyAsync(batch, capacity, live, audit, cancellationToken);
        if (result.Committed)
        {
            foreach (var (stationId, date) in result.Results.Select(r => (r.Booking!.StationId, r.Booking.Date)).Distinct())
            {
                Committed(stationId, date);
                // The day's saved plan (what the chief publishes) learns of them by a re-plan.
                await replans.PickupDayChangedAsync(stationId, date, ReplanReasons.PhoneIn);
            }
        }

        return result;
    }

    /// <summary>
    /// One search of a day at a time in this app (see <see cref="StationDesk.TryBookAsync"/>): on two cores a burst of
    /// families who all miss the insertion would otherwise share the processor among their searches, and every family,
    /// including those the insertion answers in milliseconds, would wait seconds. A request that finds a search running
    /// is answered from the insertion alone (refused, with the nearest slots that fit); the day's background improvement
    /// (<see cref="LivePlanChanges"/>) then makes room for the next request where the vans can.
    /// </summary>
    internal SemaphoreSlim SearchGate { get; } = new(1, 1);

    /// <summary>Families waiting for an answer in this app, for background work to make way (<see cref="YieldingClock"/>).</summary>
    public BookingTraffic Traffic { get; } = new();

    /// <summary>The station days' booking lines (<see cref="DayLine"/>), made on a day's first request.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Station, DateOnly Date), DayLine> _lines = new();

    /// <summary>
    /// The booking line of the station's day: in this app its requests are judged against the day's live plan one at a
    /// time, those that queued together in one transaction (see <see cref="DayLine"/>, <see cref="StationDesk.TryBookAsync"/>).
    /// The store's own lock keeps two app hosts apart; the line keeps this app's requests from each working out an
    /// insertion that the one before them makes stale, and from sharing the processor with the request that holds the
    /// store's lock. Lines of past days are let go.
    /// </summary>
    internal DayLine Line(long stationId, DateOnly date)
    {
        if (_lines.Count > 1_000)
        {
            var today = Today;
            foreach (var past in _lines.Keys.Where(k => k.Date < today))
            {
                _lines.TryRemove(past, out _);
            }
        }

        return _lines.GetOrAdd((stationId, date), _ => new DayLine(requests => bookings.TryBookEachAsync(requests, CancellationToken.None), Traffic));
    }

    /// <summary>A clock for a search of the station's day that runs out when the day changes (<see cref="LivePlanChanges.UntilChanged"/>).</summary>
    internal UntilChangedClock UntilChanged(long stationId, DateOnly date) => changes.UntilChanged(stationId, date);

    /// <summary>A booking, move or cancellation of the station's day committed: its live plan may now be improved.</summary>
    internal void Committed(long stationId, DateOnly date) => changes.Committed(stationId, date);

    /// <summary>
    /// A booking or move of the station's day committed: the live plan has it, the day's plan version (what the chief
    /// publishes) does not, so the day is re-planned if it has one (one read when it has none; coalesced per day).
    /// </summary>
    internal Task ReplanAsync(long stationId, DateOnly date, string reason) => replans.PickupDayChangedAsync(stationId, date, reason);
}

/// <summary>One station opened for booking (see <see cref="BookingDesk.OpenAsync"/>); cheap to make, one per request.</summary>
public sealed class StationDesk
{
    private readonly BookingDesk _desk;
    private readonly StationMaps _maps;
    private readonly Lazy<IReadOnlyDictionary<long, RideTime>> _siteRides;

    internal StationDesk(BookingDesk desk, SlotRule rule, AreaData area, IReadOnlyList<PickupPoint> points, StationMaps maps)
    {
        _desk = desk;
        _maps = maps;
        Rule = rule;
        Area = area;
        Points = points;
        Map = AreaMap.For(rule.Station, area, points);
        _siteRides = new Lazy<IReadOnlyDictionary<long, RideTime>>(() => maps.Rides(rule.Station, [.. points.Select(p => p.Site)]));
    }

    public Station Station => Rule.Station;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, PlanContent?> _publishedByDate = new();

    /// <summary>
    /// Reads the newest published version of each of <paramref name="dates"/> for <see cref="LiveDayRequest"/> (the live
    /// rule runs inside the booking transaction and cannot read): what families were told holds when another books.
    /// </summary>
    public async Task LoadPublishedAsync(IEnumerable<DateOnly> dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dates);
        foreach (var date in dates.Distinct())
        {
            _publishedByDate[date] = await _desk.PublishedAsync(Station.Id, date, cancellationToken);
        }
    }

    public SlotRule Rule { get; }

    public AreaData Area { get; }

    public AreaMap Map { get; }

    public IReadOnlyList<PickupPoint> Points { get; }

    public DateTime LocalNow => _desk.LocalNow;

    public DateOnly Today => _desk.Today;

    /// <summary>The last day families may book (today + the booking window's horizon).</summary>
    public DateOnly LastBookableDay => Today.AddDays(Rule.Window.HorizonDays);

    /// <summary>Whether <paramref name="date"/> is within the booking horizon (today to <see cref="LastBookableDay"/>).</summary>
    public bool IsBookable(DateOnly date) => date >= Today && date <= LastBookableDay;

    /// <summary>The nearest day within the booking horizon (any date a form sent, even year 1 or 9999).</summary>
    public DateOnly Bookable(DateOnly date) => date < Today ? Today : date > LastBookableDay ? LastBookableDay : date;

    public PickupPoint? Point(long siteId) => Points.FirstOrDefault(p => p.Site.Id == siteId);

    /// <summary>The ride for a pickup point of this station or a home pin; null when neither is given.</summary>
    public RideTime? RideFor(long? siteId, GeoPoint? home) =>
        siteId is { } id ? _siteRides.Value.GetValueOrDefault(id)
        : home is { } pin ? _maps.Ride(Station, pin)
        : null;

    public RideTime? RideFor(Domain.Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return RideFor(booking.PickupSiteId, booking.PickupSiteId is null ? booking.PickupLocation : null);
    }

    /// <summary>The slot rule as the store's transaction-time check, for a family whose ride is <paramref name="ride"/>.</summary>
    public CapacityRule CapacityFor(RideTime? ride) => (usage, booking) =>
        Rule.Decide(usage.Date, usage.SlotStart, Groups(usage.DayBookings), SlotCandidate.From(booking, ride), LocalNow).IsOffered;

    /// <summary>
    /// The day's live plan as the last word inside the booking transaction (<see cref="LiveBooking"/>): the day is
    /// re-planned from the stored live plan with the family in, and the booking is stored only when everyone the plan
    /// served before, and the family, are still served; the new plan is then stored with the booking. A request not
    /// stored yet is planned under a provisional id and renamed to its stored id. With <paramref name="search"/> false
    /// only the insertion into the live plan's trips is tried (a few milliseconds on a busy day), not the search.
    /// </summary>
    public LiveRule LiveRule(bool search = true) => (day, candidate) => Verdict(Decide(day, candidate, search), candidate);

    /// <param name="search">False: the insertion only. True: the insertion, then a search when it finds no room.</param>
    /// <param name="insertFirst">False (with <paramref name="search"/>): the search at once, the insertion having failed already.</param>
    /// <param name="clock">The search's clock (<see cref="BookingDesk.UntilChanged"/>); the system's by default.</param>
    private LiveDecision Decide(LiveDay day, Domain.Booking candidate, bool search, bool insertFirst = true, TimeProvider? clock = null)
    {
        var family = candidate.Id == 0 ? candidate with { Id = Provisional } : candidate;
        var request = LiveDayRequest(day.Date, [.. day.Bookings, family], _desk.LivePlan(Station.Id, day.Date, day.Plan), LiveSearchTime, clock);
        if (!search)
        {
            request = request with { Search = request.Search with { MaxIterations = 0, TimeLimit = null } };
        }

        return LiveBooking.TryAccept(request, family.Id, insertFirst);
    }

    private const long Provisional = long.MaxValue;

    /// <summary>
    /// The line's requests decided before the store's transaction, on the day as read then (<see cref="BookingRequest.Prepare"/>):
    /// several together (<see cref="LiveTogether"/>), one alone by insertion; inside the transaction the answer stands
    /// when the day is the same (version, plan, bookings: the line keeps this app's requests apart, so only another app
    /// host or the background improvement changes it meanwhile), else the rules decide again there.
    /// </summary>
    private IReadOnlyList<BookingRequest> Prepare(LiveDay seen, IReadOnlyList<BookingRequest> requests)
    {
        var now = _desk.UtcNow;
        if (requests.Count == 1)
        {
            var request = requests[0];
            var early = Decide(seen, request.Booking with { Id = 0, CreatedAt = now }, search: false);
            var live = request.Live;
            return [request with { Live = (day, candidate) => SameDay(day, seen) ? Verdict(early, candidate) : live(day, candidate) }];
        }

        if (!requests.All(r => r.Together is not null))
        {
            return requests;
        }

        var together = requests[0].Together!;
        var verdict = together(seen, [.. requests.Select(r => r.Booking with { Id = 0, CreatedAt = now })]);
        LiveBatchRule answered = (day, candidates) => candidates.Count == requests.Count && SameDay(day, seen) ? verdict : together(day, candidates);
        return [.. requests.Select(r => r with { Together = answered })];
    }

    /// <summary>
    /// The day's live plan as the last word on several requests that queued together (<see cref="LiveBatch"/>): one
    /// insertion for all instead of one each, each request still a seat in the plan or nothing. Requests not stored yet
    /// are planned under provisional ids and renamed to their stored ids. Null (one at a time) when the batch cannot say.
    /// </summary>
    public LiveBatchRule LiveTogether() => (day, candidates) =>
    {
        var provisional = candidates.Select((c, k) => c with { Id = Provisional - k }).ToList();
        var request = LiveDayRequest(day.Date, [.. day.Bookings, .. provisional], _desk.LivePlan(Station.Id, day.Date, day.Plan), LiveSearchTime);
        if (LiveBatch.TryAcceptEach(request, [.. provisional.Select(p => p.Id)]) is not { } decision)
        {
            return null;
        }

        var refusals = provisional
            .Select(p => decision.Refused.TryGetValue(p.Id, out var no) ? new LiveRefusal(no.Code, no.ReasonVi, no.ReasonEn) : null)
            .ToList();
        return new LiveBatchVerdict(refusals, ids =>
        {
            var stored = decision.Accepted.Zip(ids).ToDictionary(pair => pair.First, pair => pair.Second);
            return _desk.Written(Station.Id, day.Date, LivePlanJson.Renumber(decision.Result.Plan, stored));
        });
    };

    private LiveVerdict Verdict(LiveDecision decision, Domain.Booking candidate)
    {
        if (!decision.Accepted)
        {
            var reason = decision.Reason;
            return new LiveVerdict(false, null, reason is null ? null : new LiveRefusal(reason.Code, reason.ReasonVi, reason.ReasonEn));
        }

        var plan = decision.Result.Plan;
        return new LiveVerdict(true, id => _desk.Written(Station.Id, candidate.Date, candidate.Id == 0 ? LivePlanJson.Renumber(plan, Provisional, id) : plan), null);
    }

    /// <summary>
    /// Refusals of the insertion that a search of the day may overturn (others moved to other trips or times); the
    /// others (closed, too far, no van with such seats, desks full) stand whatever the vans do.
    /// </summary>
    private static bool SearchMayHelp(LiveRefusal refusal) =>
        refusal.Code is nameof(PickupUnservedReason.VansBusy) or nameof(PickupUnservedReason.TripFull)
            or nameof(PickupUnservedReason.RideShared) or nameof(PickupUnservedReason.NoReturn);

    /// <summary>
    /// The station's day as the live plan plans it: <paramref name="bookings"/> (those holding seats) on the station's pickup
    /// vans and points, started from <paramref name="start"/> (the live plan, or null), searched for at most
    /// <paramref name="timeLimit"/> on <paramref name="clock"/> (the system's by default). The booking transaction (<see cref="LiveRule"/>) and the background improvement
    /// (<see cref="LivePlanImprover"/>) plan the same day the same way.
    /// </summary>
    /// <param name="probes">Requests asked about (<see cref="LiveBooking.Probe"/>), not bookings of the day: their places are in the request's points too.</param>
    public PickupPlanRequest LiveDayRequest(DateOnly date, IReadOnlyList<Domain.Booking> bookings, PickupPlan? start, TimeSpan timeLimit, TimeProvider? clock = null,
        IReadOnlyList<Domain.Booking>? probes = null)
    {
        _publishedByDate.TryGetValue(date, out var published);
        var sites = Points.Select(p => p.Site).ToList();
        var points = Planning.Pickups.PickupPoints.Collect(Station, probes is null ? bookings : [.. bookings, .. probes], sites);
        return new PickupPlanRequest
        {
            Station = Station,
            Date = date,
            Vans = Rule.Vans,
            Bookings = bookings,
            Sites = sites,
            Points = points,
            Travel = _maps.Travel(Station, points.Coordinates),
            Settings = Rule.Settings,
            Start = start,
            Published = published,
            Search = new Solver.Routing.SearchOptions { Seed = 1, TimeLimit = timeLimit, Clock = clock ?? TimeProvider.System },
        };
    }

    /// <summary>
    /// A family's booking, through the slot rule and the day's live plan (<see cref="LiveRule"/>). On the station day's
    /// line (<see cref="BookingDesk.Line"/>) the requests are judged one at a time inside the store's transaction (those
    /// that queued together in one, <see cref="BookingStore.TryBookEachAsync"/>): a busy day's requests then each decide
    /// once, against the plan the one before them left, instead of all working out insertions the next booking makes
    /// stale. Only the insertion is tried on
    /// the line; when it finds no room and the day is quiet (no other request met on the line), the day is searched off the line
    /// (<see cref="LiveSearchTime"/>, one search at a time in the app, see <see cref="BookingDesk.SearchGate"/>; the
    /// search stops when the day changes), and the searched plan is stored with the booking only if the day has not
    /// changed meanwhile (same live plan version, same bookings); if it has, the insertion decides again. In a burst a
    /// refused family is answered at once with the nearest slots that fit, and the day's background improvement
    /// (<see cref="LivePlanChanges"/>) makes room for later requests where the vans can.
    /// </summary>
    public async Task<BookingResult> TryBookAsync(Domain.Booking booking, RideTime? ride, AuditedBy audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var capacity = CapacityFor(ride);
        await LoadPublishedAsync([booking.Date], cancellationToken);
        var line = _desk.Line(Station.Id, booking.Date);
        // Only a valid request in a slot the capacity rule still offers (read off the line) queues for the day: a burst
        // for the last places must not wait behind insertions for requests the rule refuses anyway, and a wrong field
        // is named by the store.
        var day = await BookedAsync(booking.Date, booking.Date, null, cancellationToken);
        var queue = Rule.Decide(booking.Date, booking.SlotStart, Groups(day), SlotCandidate.From(booking, ride), LocalNow).IsOffered
            && Domain.Validation.DomainValidators.Validate(booking).Count == 0;
        int batchesBefore = line.Batches;
        var result = queue
            ? await line.BookAsync(new BookingRequest(booking, capacity, LiveRule(search: false), audit, BookedMessage) { Together = LiveTogether(), Prepare = Prepare }, cancellationToken)
            : await _desk.Bookings.TryBookAsync(booking, capacity, LiveRule(search: false), audit, BookedMessage, cancellationToken);

        if (result.Outcome == BookingOutcome.Full && result.LiveRefusal is { } refusal && SearchMayHelp(refusal) && line.Pending == 0 && line.Batches - batchesBefore <= 1
            && !_desk.SearchFailedBefore(booking) && await _desk.SearchGate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            LiveDay seen;
            LiveDecision searched;
            var clock = _desk.UntilChanged(Station.Id, booking.Date);
            _desk.Traffic.Arrived();
            try
            {
                seen = await _desk.Bookings.GetLiveDayAsync(Station.Id, booking.Date, cancellationToken);
                searched = Decide(seen, booking with { Id = 0, CreatedAt = _desk.UtcNow }, search: true, insertFirst: false, clock);
            }
            finally
            {
                _desk.Traffic.Answered();
                _desk.SearchGate.Release();
            }

            if (!searched.Accepted)
            {
                // Only a search that ran its time found no room; one the day's change cut short says nothing.
                if (!clock.DayChanged)
                {
                    _desk.SearchFailed(booking);
                }
            }
            else
            {
                result = await line.BookAsync(new BookingRequest(booking, capacity, (day, candidate) => SameDay(day, seen)
                    ? Verdict(searched, candidate)
                    : LiveRule(search: false)(day, candidate), audit, BookedMessage), cancellationToken);
            }
        }

        if (result.Outcome == BookingOutcome.Booked)
        {
            _desk.Committed(result.Booking!.StationId, result.Booking.Date);
            await _desk.ReplanAsync(result.Booking.StationId, result.Booking.Date, ReplanReasons.BookingConfirmed);
        }

        return result;
    }

    /// <summary>
    /// The family's message at booking time (<see cref="Outreach.Jobs.Notifications.MessageText.PickupBooked"/>): what was
    /// booked (day, slot, pickup point, people) and the code; the van's time follows when the day is published. Queued in
    /// the booking's own transaction; its key follows the publisher's ("pickup:{day}:booking:{id}:..."), so a cancellation
    /// or move withdraws it like the others.
    /// </summary>
    internal OutboxMessage BookedMessage(Domain.Booking stored)
    {
        var slot = Rule.Find(stored.Date, stored.SlotStart);
        var end = slot?.End ?? stored.SlotStart.AddMinutes(Station.BookingSlotMinutes);
        var place = stored.PickupSiteId is { } siteId ? Point(siteId)?.Site.Name : null;
        var payload = System.Text.Json.JsonSerializer.Serialize(new
        {
            stored.Code,
            FirstName = stored.ContactFirstName,
            Date = stored.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            SlotStart = stored.SlotStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            SlotEnd = end.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            PickupPlace = place,
            AtHome = stored.PickupSiteId is null,
            CollectionPoint = Station.CollectionPointName,
            Children = stored.ChildCount,
            Guardians = stored.GuardianCount,
        });
        var now = _desk.UtcNow;
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pickup:{stored.Date:yyyyMMdd}:booking:{stored.Id}:booked");
        return new OutboxMessage(0, NotificationChannel.Zalo, stored.Phone, Outreach.Jobs.Notifications.MessageText.PickupBooked, stored.PreferredLanguage,
            payload, key, now, NotificationStatus.Pending, 0, now, null, null, Station.Id);
    }

    /// <summary>A family's move to another slot, through the slot rule and the new day's live plan; both days may change.</summary>
    public async Task<BookingResult> TryMoveAsync(Domain.Booking booking, DateOnly date, TimeOnly slotStart, RideTime? ride, AuditedBy audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await LoadPublishedAsync([date], cancellationToken);
        var result = await _desk.Bookings.TryMoveAsync(booking.Id, date, slotStart, CapacityFor(ride), LiveRule(), audit, cancellationToken);
        if (result.Outcome == BookingOutcome.Booked)
        {
            _desk.RoomFreed(booking.StationId, booking.Date);
            _desk.Committed(booking.StationId, booking.Date);
            _desk.Committed(booking.StationId, date);
            await _desk.ReplanAsync(booking.StationId, booking.Date, ReplanReasons.BookingMoved);
            if (date != booking.Date)
            {
                await _desk.ReplanAsync(booking.StationId, date, ReplanReasons.BookingMoved);
            }
        }

        return result;
    }

    /// <summary>Whether the day read under the lock is the one <paramref name="seen"/> was read as (live plan version and bookings).</summary>
    private static bool SameDay(LiveDay day, LiveDay seen) =>
        day.Version == seen.Version && day.Plan == seen.Plan
        && day.Bookings.Where(b => Domain.Booking.HoldsSeats(b.Status)).Select(b => b.Id)
            .SequenceEqual(seen.Bookings.Where(b => Domain.Booking.HoldsSeats(b.Status)).Select(b => b.Id));

    /// <summary>
    /// The search a request gets when it does not fit the live plan at once: bounded in time, since requests of one
    /// station and day wait for each other (a burst of families on a holiday must not queue for seconds each).
    /// </summary>
    public static readonly TimeSpan LiveSearchTime = TimeSpan.FromMilliseconds(400);

    /// <summary>Why the slot in <paramref name="usage"/> was refused to <paramref name="booking"/> (after a "full").</summary>
    public SlotDecision Explain(SlotUsage usage, Domain.Booking booking, RideTime? ride)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(booking);
        return Rule.Decide(usage.Date, usage.SlotStart, Groups(usage.DayBookings), SlotCandidate.From(booking, ride), LocalNow);
    }

    /// <summary>
    /// The day's slots for a family; <paramref name="excludeBookingId"/> leaves out the booking being moved. The capacity
    /// rule says first; when the family's place is known (a pickup point <paramref name="siteId"/> of this station, or a
    /// home pin <paramref name="home"/>) and the day has a live plan, each slot the rule offers is then asked of the live
    /// plan (<see cref="LiveBooking.Probe"/>, one model for the whole list), and a slot no van of the plan can take the
    /// family in is shown as such (<see cref="SlotRefusal.NoVanFits"/>): the family is offered what the day's vans can
    /// really do. The booking keeps the final word. Answers are kept per live plan version and family (place, people, needs).
    /// </summary>
    /// <param name="fresh">False on the page of a refused booking: the answers the family was shown last are shown again
    /// (none: the rule's), with <paramref name="refused"/>, the slot the day's plan just refused, as such.</param>
    public async Task<DayOffer> OfferAsync(DateOnly date, SlotCandidate candidate, long? excludeBookingId, CancellationToken cancellationToken,
        long? siteId = null, GeoPoint? home = null, bool fresh = true, TimeOnly? refused = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var day = await BookedAsync(date, date, excludeBookingId, cancellationToken);
        var offer = Rule.Offer(date, Groups(day), candidate, LocalNow);
        if (!offer.HasOffer || Family(date, excludeBookingId, siteId, home, candidate.Children, candidate.Guardians, candidate.Needs) is not { } family)
        {
            return offer;
        }

        IReadOnlyDictionary<TimeOnly, UnservedBooking?>? answers;
        if (!fresh)
        {
            answers = _desk.LastProbed(family);
        }
        else
        {
            // A family waiting for its slots is a family waiting: background improvements pause meanwhile (BookingTraffic).
            _desk.Traffic.Arrived();
            try
            {
                answers = await ProbeAsync(family, [.. offer.Offered.Select(s => s.Slot.Start)], cancellationToken);
            }
#pragma warning disable CA1031 // A family must still see its slots when the plan cannot be asked: the rule's, and the booking decides; the fault is logged.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                BookingLog.OfferProbeFailed(_desk.Log, e, Station.Id, date);
                answers = null;
            }
            finally
            {
                _desk.Traffic.Answered();
            }
        }

        return offer with
        {
            Slots = [.. offer.Slots.Select(s => s.IsOffered && (s.Slot.Start == refused || answers?.GetValueOrDefault(s.Slot.Start) is not null) ? s with { Refusal = SlotRefusal.NoVanFits } : s)],
        };
    }

    /// <summary>
    /// The family asking for <paramref name="date"/> at a pickup point of this station (<paramref name="siteId"/>) or, without
    /// one, at a home pin; null when it has neither (nothing to probe).
    /// </summary>
    private BookingDesk.ProbeFamily? Family(DateOnly date, long? excludeBookingId, long? siteId, GeoPoint? home, int children, int guardians, BookingNeeds needs)
    {
        long? site = siteId is { } id && Point(id) is not null ? id : null;
        GeoPoint? pin = site is null ? home : null;
        return site is null && pin is null ? null
            : new BookingDesk.ProbeFamily(Station.Id, date, NoBooking(excludeBookingId), site, pin, children, guardians, needs);
    }

    /// <summary>
    /// The live plan's answer to the family in each of <paramref name="slots"/> (null where it fits), or null when the day
    /// has no live plan yet (its first booking plans it; the rule alone decides until then).
    /// </summary>
    private async Task<IReadOnlyDictionary<TimeOnly, UnservedBooking?>?> ProbeAsync(BookingDesk.ProbeFamily family, IReadOnlyList<TimeOnly> slots, CancellationToken cancellationToken)
    {
        var date = family.Date;
        var live = await _desk.LiveDayForOffersAsync(Station.Id, date, cancellationToken);
        if (live.Version == 0 || _desk.LivePlan(Station.Id, date, live.Plan) is not { } plan)
        {
            return null;
        }

        var key = new BookingDesk.ProbeKey(family, live.Version, string.Join(',', slots.Select(s => s.ToString("HHmm", System.Globalization.CultureInfo.InvariantCulture))));
        return await _desk.ProbedAsync(key, async () =>
        {
            // Shared by the families asking the same: not cut short by one of them leaving.
            await LoadPublishedAsync([date], CancellationToken.None);
            var now = _desk.UtcNow;
            var variants = slots.Select((slot, k) => new Domain.Booking(Provisional - k, "", Station.Id, family.Site, family.Home, null, family.Children, family.Guardians,
                family.Needs, date, slot, "", "", "vi", BookingStatus.Confirmed, now, now)).ToList();
            var bookings = family.Exclude is { } moving ? [.. live.Bookings.Where(b => b.Id != moving)] : live.Bookings;
            var request = LiveDayRequest(date, bookings, plan, LiveSearchTime, probes: variants);
            var answers = LiveBooking.Probe(request, variants);
            return answers is null ? null : (IReadOnlyDictionary<TimeOnly, UnservedBooking?>)slots.Zip(answers).ToDictionary(p => p.First, p => p.Second);
        });
    }

    /// <summary>The next <paramref name="count"/> days from <paramref name="from"/> with how many slots each offers the family.</summary>
    public async Task<IReadOnlyList<DayOffer>> DaysAsync(DateOnly from, int count, SlotCandidate candidate, long? excludeBookingId, CancellationToken cancellationToken)
    {
        if (count <= 0 || from.DayNumber > DateOnly.MaxValue.DayNumber - (count - 1))
        {
            return [];
        }

        var to = from.AddDays(count - 1);
        var booked = await BookedAsync(from, to, excludeBookingId, cancellationToken);
        var byDay = booked.ToLookup(b => b.Date);
        return Enumerable.Range(0, count)
            .Select(i => from.AddDays(i))
            .Select(d => Rule.Offer(d, Groups(byDay[d]), candidate, LocalNow))
            .ToList();
    }

    /// <summary>How many days around a family's day <see cref="ReadAroundAsync"/> reads: the day buttons and the alternatives both fit.</summary>
    public const int DaysAround = 7;

    /// <summary>
    /// Reads the seats held from <see cref="DaysAround"/> days before <paramref name="date"/> to as many after (within
    /// the booking horizon) in one query, for the rest of this request: the page that shows a day's slots, its day
    /// buttons and, after a refusal, the nearest slots that fit, then asks the database once instead of three times.
    /// </summary>
    public async Task ReadAroundAsync(DateOnly date, long? excludeBookingId, CancellationToken cancellationToken)
    {
        var from = Bookable(DateOnly.FromDayNumber(Math.Max(0, date.DayNumber - DaysAround)));
        var to = Bookable(DateOnly.FromDayNumber(Math.Min(DateOnly.MaxValue.DayNumber, date.DayNumber + DaysAround)));
        var exclude = NoBooking(excludeBookingId);
        if (ReadCovers(from, to, exclude))
        {
            return;
        }

        _read = (from, to, exclude, await _desk.Bookings.ListBookedGroupsAsync(Station.Id, from, to, exclude, cancellationToken));
    }

    /// <summary>The seats read by <see cref="ReadAroundAsync"/> for this request, if any.</summary>
    private (DateOnly From, DateOnly To, long? Exclude, IReadOnlyList<BookedGroup> Booked)? _read;

    /// <summary>The seats held in [from, to] without <paramref name="excludeBookingId"/>: from what this request read around its day, or read now.</summary>
    private async Task<IReadOnlyList<BookedGroup>> BookedAsync(DateOnly from, DateOnly to, long? excludeBookingId, CancellationToken cancellationToken)
    {
        var exclude = NoBooking(excludeBookingId);
        if (ReadCovers(from, to, exclude))
        {
            return [.. _read!.Value.Booked.Where(b => b.Date >= from && b.Date <= to)];
        }

        return await _desk.Bookings.ListBookedGroupsAsync(Station.Id, from, to, exclude, cancellationToken);
    }

    /// <summary>Whether this request already read the seats of [from, to] without <paramref name="exclude"/>.</summary>
    private bool ReadCovers(DateOnly from, DateOnly to, long? exclude) =>
        _read is { } read && read.Exclude == exclude && read.From <= from && to <= read.To;

    /// <summary>A booking not stored yet (id 0) excludes nothing.</summary>
    private static long? NoBooking(long? bookingId) => bookingId is 0 ? null : bookingId;

    /// <summary>
    /// The nearest slots (from three days before the requested one to a week after, within the booking horizon) the
    /// family still fits, at most <paramref name="max"/>; none when the requested day is outside the horizon altogether.
    /// By the capacity rule, less the slots the family's last offer list of that day showed no van can take it in.
    /// </summary>
    public async Task<IReadOnlyList<SlotTime>> AlternativesAsync(Domain.Booking booking, RideTime? ride, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (!IsBookable(booking.Date))
        {
            return [];
        }

        var first = Bookable(DateOnly.FromDayNumber(Math.Max(0, booking.Date.DayNumber - 3)));
        var last = Bookable(DateOnly.FromDayNumber(Math.Min(DateOnly.MaxValue.DayNumber, booking.Date.DayNumber + 7)));
        var slots = Enumerable.Range(0, (last.DayNumber - first.DayNumber) + 1)
            .Select(first.AddDays)
            .Where(d => Rule.ClosureOn(d) is null)
            .SelectMany(d => Rule.Slots(d).Select(s => (s.Date, s.Start)))
            .ToList();
        // Slots the family was last told no van can take it in (its offer lists, see OfferAsync) are no alternative.
        var known = slots.Select(s => s.Date).Distinct().ToDictionary(d => d, d =>
            Family(d, booking.Id, booking.PickupSiteId, booking.PickupLocation, booking.ChildCount, booking.GuardianCount, booking.Needs) is { } family ? _desk.LastProbed(family) : null);
        slots = [.. slots.Where(s => known[s.Date]?.GetValueOrDefault(s.Start) is null)];
        var booked = await BookedAsync(first, last, booking.Id, cancellationToken);
        var found = BookingStore.FindAlternatives(booking, slots, CapacityFor(ride), max, booked);
        return found.Select(u => Rule.Find(u.Date, u.SlotStart)!.Value).ToList();
    }

    public static IReadOnlyList<SlotGroup> Groups(IEnumerable<BookedGroup> booked) =>
        booked.Select(b => new SlotGroup(b.SlotStart, b.ChildCount, b.GuardianCount, b.Needs)).ToList();
}

/// <summary>
/// One station day's booking line (<see cref="BookingDesk.Line"/>): requests are judged one at a time, in arrival
/// order, each on the day the ones before it left. Those that queue while a batch is being judged go together in the
/// next (at most <see cref="MostInABatch"/>): one transaction reads the day once and commits them all
/// (<see cref="BookingStore.TryBookEachAsync"/>), so a burst pays for each family's insertion and little else.
/// </summary>
internal sealed class DayLine(Func<IReadOnlyList<BookingRequest>, Task<IReadOnlyList<BookingEachResult>>> judge, BookingTraffic? traffic = null)
{
    /// <summary>Requests judged in one transaction at most: the first of a batch waits for the last to be judged.</summary>
    public const int MostInABatch = 8;

    private readonly Lock _lock = new();
    private readonly Queue<(BookingRequest Request, TaskCompletionSource<BookingResult> Done)> _queue = new();
    private bool _running;
    private int _pending;

    private int _batches;

    /// <summary>Batches judged on the line so far: a request that saw one batch judged while it waited (its own) met nobody else.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>Requests of the day sent to the line and not answered yet.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending;
            }
        }
    }

    /// <summary>
    /// Queues the request and answers it once judged (and, when booked, committed). A request whose caller gives up
    /// is still judged, as a booking sent just before a lost connection would be: the family gets its message.
    /// </summary>
    public Task<BookingResult> BookAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<BookingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_lock)
        {
            _queue.Enqueue((request, done));
            _pending++;
            traffic?.Arrived();
            start = !_running;
            _running = true;
        }

        if (start)
        {
            _ = Task.Run(JudgeQueuedAsync, CancellationToken.None);
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task JudgeQueuedAsync()
    {
        while (true)
        {
            var batch = new List<(BookingRequest Request, TaskCompletionSource<BookingResult> Done)>();
            lock (_lock)
            {
                while (batch.Count < MostInABatch && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    _running = false;
                    return;
                }
            }

            IReadOnlyList<BookingEachResult>? results = null;
            Exception? failure = null;
            try
            {
                results = await judge([.. batch.Select(b => b.Request)]);
            }
#pragma warning disable CA1031 // Every waiting request must hear of the failure, whatever it was; none is swallowed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }

            // Off the line before they are answered: a request that asks whether others wait must not count itself.
            lock (_lock)
            {
                _pending -= batch.Count;
                _batches++;
                traffic?.Answered(batch.Count);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (failure is not null)
                {
                    batch[i].Done.TrySetException(failure);
                }
                else if (results![i].Error is { } error)
                {
                    batch[i].Done.TrySetException(error);
                }
                else
                {
                    batch[i].Done.TrySetResult(results[i].Result!);
                }
            }
        }
    }
}
