using System.Data.Common;
using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// What is already booked at a station on <see cref="Date"/> (bookings that are not cancelled; when a booking moves,
/// without itself), seen from the slot starting at <see cref="SlotStart"/>: seats, children and needs in that slot,
/// seats on the day, and every booking of the day (<see cref="DayBookings"/>) for rules that pack families into vans
/// or count the day's trips.
/// </summary>
public sealed record SlotUsage(long StationId, DateOnly Date, TimeOnly SlotStart, int SeatsTakenInSlot, int SeatsTakenOnDay, int BookingsInSlot)
{
    public int ChildrenInSlot { get; init; }

    /// <summary>Bookings in the slot that need a wheelchair place (one each).</summary>
    public int WheelchairsInSlot { get; init; }

    /// <summary>Bookings in the slot that need a small child seat (one each).</summary>
    public int ChildSeatsInSlot { get; init; }

    public int ChildrenOnDay { get; init; }

    /// <summary>Every booking holding seats that day, in slot order.</summary>
    public IReadOnlyList<BookedGroup> DayBookings { get; init; } = [];

    /// <summary>Built from the day's bookings (which must all be of <paramref name="date"/>).</summary>
    public static SlotUsage Of(long stationId, DateOnly date, TimeOnly slotStart, IReadOnlyList<BookedGroup> dayBookings)
    {
        ArgumentNullException.ThrowIfNull(dayBookings);
        var inSlot = dayBookings.Where(b => b.SlotStart == slotStart).ToList();
        return new SlotUsage(stationId, date, slotStart, inSlot.Sum(b => b.SeatCount), dayBookings.Sum(b => b.SeatCount), inSlot.Count)
        {
            ChildrenInSlot = inSlot.Sum(b => b.ChildCount),
            WheelchairsInSlot = inSlot.Count(b => b.Needs.HasFlag(BookingNeeds.Wheelchair)),
            ChildSeatsInSlot = inSlot.Count(b => b.Needs.HasFlag(BookingNeeds.ChildSeat)),
            ChildrenOnDay = dayBookings.Sum(b => b.ChildCount),
            DayBookings = dayBookings,
        };
    }

    public bool Equals(SlotUsage? other) =>
        other is not null && StationId == other.StationId && Date == other.Date && SlotStart == other.SlotStart
        && SeatsTakenInSlot == other.SeatsTakenInSlot && SeatsTakenOnDay == other.SeatsTakenOnDay && BookingsInSlot == other.BookingsInSlot
        && ChildrenInSlot == other.ChildrenInSlot && WheelchairsInSlot == other.WheelchairsInSlot && ChildSeatsInSlot == other.ChildSeatsInSlot
        && ChildrenOnDay == other.ChildrenOnDay && DayBookings.SequenceEqual(other.DayBookings);

    public override int GetHashCode() => HashCode.Combine(StationId, Date, SlotStart, SeatsTakenInSlot, SeatsTakenOnDay, BookingsInSlot, DayBookings.Count);
}

/// <summary>One booking's share of a day: its slot, children, guardians and needs (no personal data).</summary>
public sealed record BookedGroup(DateOnly Date, TimeOnly SlotStart, int ChildCount, int GuardianCount, BookingNeeds Needs)
{
    public int SeatCount => ChildCount + GuardianCount;
}

/// <summary>Decides inside the booking transaction whether <paramref name="candidate"/> still fits.</summary>
public delegate bool CapacityRule(SlotUsage usage, Booking candidate);

/// <summary>
/// A station's day as the live plan sees it inside the booking transaction: every booking holding seats (the one
/// being moved left out) and the stored live plan (null before the day's first booking).
/// </summary>
public sealed record LiveDay(long StationId, DateOnly Date, IReadOnlyList<Booking> Bookings, string? Plan)
{
    /// <summary>The stored plan's version (0 when there is none): what a replacement built on this day must still find
    /// (<see cref="BookingStore.TryReplaceLivePlanAsync"/>).</summary>
    public int Version { get; init; }
}

/// <summary>Why the live plan refused a request: a code and a sentence in Vietnamese and in English.</summary>
public sealed record LiveRefusal(string Code, string ReasonVi, string ReasonEn);

/// <summary>
/// The live plan's word on a request: when it fits, <see cref="PlanFor"/> renders the day's new plan given the id the
/// candidate is stored under (a new booking gets its id only when inserted); otherwise <see cref="Refusal"/> says why.
/// </summary>
public sealed record LiveVerdict(bool Fits, Func<long, string>? PlanFor, LiveRefusal? Refusal);

/// <summary>Decides, inside the booking transaction and after the capacity rule, whether the day's plan takes <paramref name="candidate"/>.</summary>
public delegate LiveVerdict LiveRule(LiveDay day, Booking candidate);

/// <summary>
/// The simple capacity rule: at most <paramref name="SeatsPerSlot"/> seats in one slot and, when given,
/// <paramref name="SeatsPerDay"/> over the day (e.g. van seats x trips, or desk throughput).
/// </summary>
public sealed record BookingCapacity(int SeatsPerSlot, int? SeatsPerDay = null)
{
    public bool Fits(SlotUsage usage, Booking candidate)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(candidate);
        return usage.SeatsTakenInSlot + candidate.SeatCount <= SeatsPerSlot
            && (SeatsPerDay is null || usage.SeatsTakenOnDay + candidate.SeatCount <= SeatsPerDay);
    }

    public CapacityRule AsRule() => Fits;
}

public enum BookingOutcome
{
    /// <summary>Stored (or moved); <see cref="BookingResult.Booking"/> holds the stored booking.</summary>
    Booked,

    /// <summary>The capacity rule said no; nothing changed.</summary>
    Full,

    /// <summary>No booking with this id.</summary>
    NotFound,

    /// <summary>The booking is cancelled, served or a no-show and can no longer move.</summary>
    NotChangeable,

    /// <summary>It fitted, but another booking of the same batch did not, so nothing of the batch was stored.</summary>
    RolledBack,
}

/// <param name="Usage">The slot's usage before this request, as the capacity rule saw it (null when not checked).</param>
public sealed record BookingResult(BookingOutcome Outcome, Booking? Booking, SlotUsage? Usage)
{
    /// <summary>When the capacity rule let the request through but the live plan did not: why.</summary>
    public LiveRefusal? LiveRefusal { get; init; }
}

/// <summary>
/// A batch entered together (a village head's families): <see cref="Committed"/> when every booking fitted and all were
/// stored; otherwise nothing was stored and <see cref="Results"/> says, row by row, which were full.
/// </summary>
public sealed record BookingBatchResult(bool Committed, IReadOnlyList<BookingResult> Results);

/// <summary>
/// One family's request in <see cref="BookingStore.TryBookEachAsync"/>: the booking with the rules that judge it (as
/// <see cref="BookingStore.TryBookAsync(Booking, CapacityRule, LiveRule, AuditedBy, Func{Booking, OutboxMessage}, CancellationToken)"/>
/// takes them for one), the audit entry and the family's "booked" message when it is stored.
/// </summary>
public sealed record BookingRequest(Booking Booking, CapacityRule Capacity, LiveRule Live, AuditedBy? Audit, Func<Booking, OutboxMessage>? Booked)
{
    /// <summary>
    /// The live plan's rule for requests judged together (<see cref="LiveBatchRule"/>), or null: a request whose
    /// <see cref="Live"/> rule is the plain insertion may say so, and requests that all do are judged in one go.
    /// </summary>
    public LiveBatchRule? Together { get; init; }

    /// <summary>
    /// Works the live rules' answers out before the transaction, on the day as read then (the first request's is used
    /// for the batch): it returns the same requests with rules that answer from that work when the transaction finds
    /// the same day, so the store's lock (on SQLite, the one writer) is held to check and write, not to plan. Null:
    /// the rules decide inside the transaction.
    /// </summary>
    public Func<LiveDay, IReadOnlyList<BookingRequest>, IReadOnlyList<BookingRequest>>? Prepare { get; init; }
}

/// <summary>
/// The live plan's word on several requests together (in order, ids not stored yet): for each, null when the plan takes
/// it, else why not; <see cref="PlanFor"/> gives the new plan's text for the stored ids of the ones taken, in order.
/// </summary>
public sealed record LiveBatchVerdict(IReadOnlyList<LiveRefusal?> Refusals, Func<IReadOnlyList<long>, string> PlanFor);

/// <summary>
/// Decides, inside the booking transaction and after the capacity rule, which of <paramref name="candidates"/> the day's
/// plan takes together; null when they must be judged one at a time (<see cref="LiveRule"/>).
/// </summary>
public delegate LiveBatchVerdict? LiveBatchRule(LiveDay day, IReadOnlyList<Booking> candidates);

/// <summary>What became of one request of <see cref="BookingStore.TryBookEachAsync"/>: its result, or why it could not be judged (<see cref="Error"/>, e.g. an invalid field).</summary>
public sealed record BookingEachResult(BookingResult? Result, Exception? Error);

/// <summary>
/// Family bookings. Capacity is checked and the seats taken in the same transaction, serialized per
/// station (PostgreSQL: the station row is locked FOR UPDATE; SQLite: BEGIN IMMEDIATE holds the write
/// lock), so parallel requests can never overbook a slot. Phones are stored in national form (0 + 9 digits).
/// </summary>
public sealed class BookingStore(Database database, TimeProvider clock)
{
    /// <summary>
    /// Per station day, the day as the booking line's last transaction left it (<see cref="TryBookEachAsync"/>): the next
    /// batch prepares on it instead of reading the day again. Taken once; the transaction checks it against the
    /// database (<see cref="UnchangedAsync"/>), so a change made meanwhile (another host, a cancellation, a better plan)
    /// only costs that batch the decision inside the transaction.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long StationId, DateOnly Date), LiveDay> _leftByLine = new();

    private const string Columns =
        """
        id, code, station_id, pickup_site_id, pickup_longitude, pickup_latitude, address_note, child_count, guardian_count,
        needs, date, slot_start, contact_first_name, phone, preferred_language, status, created_at, updated_at, anonymised_at
        """;

    private const int CodeAttempts = 5;

    /// <summary>
    /// Stores the booking when <paramref name="capacity"/> accepts it given the seats already taken. A blank
    /// <see cref="Booking.Code"/> gets a fresh random code; CreatedAt/UpdatedAt are set to now.
    /// </summary>
    /// <exception cref="DomainValidationException">Invalid booking, unknown station, or a pickup site of another station.</exception>
    /// <exception cref="DuplicateKeyException">A caller-chosen code is already in use.</exception>
    public Task<BookingResult> TryBookAsync(Booking booking, CapacityRule capacity, CancellationToken cancellationToken = default) =>
        TryBookAsync(booking, capacity, null, cancellationToken);

    /// <summary>As <see cref="TryBookAsync(Booking, CapacityRule, CancellationToken)"/>, and when stored writes the audit
    /// entry (<see cref="AuditAction.Create"/>) in the same transaction.</summary>
    public Task<BookingResult> TryBookAsync(Booking booking, CapacityRule capacity, AuditedBy? audit, CancellationToken cancellationToken = default) =>
        TryBookAsync(booking, capacity, null, audit, cancellationToken);

    /// <summary>
    /// As <see cref="TryBookAsync(Booking, CapacityRule, AuditedBy, CancellationToken)"/>, and when <paramref name="live"/> is
    /// given the day's live plan has the last word after the capacity rule: the booking is stored only when the plan
    /// takes it, and the new plan is stored in the same transaction (<see cref="LiveRule"/>).
    /// </summary>
    public Task<BookingResult> TryBookAsync(Booking booking, CapacityRule capacity, LiveRule? live, AuditedBy? audit, CancellationToken cancellationToken = default) =>
        TryBookAsync(booking, capacity, live, audit, null, cancellationToken);

    /// <summary>
    /// As <see cref="TryBookAsync(Booking, CapacityRule, LiveRule, AuditedBy, CancellationToken)"/>, and when the booking is
    /// stored queues <paramref name="booked"/>'s message for it (the stored booking, with its id and code) in the same
    /// transaction: the family's "booked" message exists exactly when the booking does.
    /// </summary>
    public async Task<BookingResult> TryBookAsync(Booking booking, CapacityRule capacity, LiveRule? live, AuditedBy? audit,
        Func<Booking, OutboxMessage>? booked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(capacity);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(booking));
        var generateCode = string.IsNullOrWhiteSpace(booking.Code);
        var now = clock.GetUtcNow();
        var candidate = booking with
        {
            Code = generateCode ? BookingCode.New() : BookingCode.Normalize(booking.Code),
            Phone = VietnamPhone.Normalize(booking.Phone)!,
            CreatedAt = now,
            UpdatedAt = now,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.InTransactionAsync(async (connection, transaction) =>
                {
                    await LockStationAsync(connection, transaction, candidate.StationId, cancellationToken);
                    await CheckPickupSiteAsync(connection, transaction, candidate, cancellationToken);
                    var usage = await UsageAsync(connection, transaction, candidate.StationId, candidate.Date, candidate.SlotStart, null, cancellationToken);
                    if (!capacity(usage, candidate))
                    {
                        return new BookingResult(BookingOutcome.Full, null, usage);
                    }

                    LiveVerdict? verdict = null;
                    if (live is not null)
                    {
                        verdict = live(await LiveDayAsync(connection, transaction, candidate.StationId, candidate.Date, null, cancellationToken), candidate);
                        if (!verdict.Fits)
                        {
                            return new BookingResult(BookingOutcome.Full, null, usage) { LiveRefusal = verdict.Refusal };
                        }
                    }

                    var id = await InsertAsync(connection, transaction, candidate, cancellationToken);
                    if (verdict?.PlanFor is { } planFor)
                    {
                        await SaveLivePlanAsync(connection, transaction, candidate.StationId, candidate.Date, planFor(id), cancellationToken);
                    }

                    await AuditAsync(connection, transaction, audit, AuditAction.Create, candidate.StationId, [candidate.Code], cancellationToken);
                    if (booked is not null)
                    {
                        await new NotificationOutboxStore(database, clock).EnqueueAsync(connection, transaction, [booked(candidate with { Id = id })], cancellationToken);
                    }

                    return new BookingResult(BookingOutcome.Booked, candidate with { Id = id }, usage);
                }, cancellationToken);
            }
            catch (Exception e) when (Database.IsUniqueViolation(e))
            {
                if (!generateCode)
                {
                    throw new DuplicateKeyException($"Booking code '{candidate.Code}' is already in use.", e);
                }

                if (attempt == CodeAttempts)
                {
                    throw;
                }

                candidate = candidate with { Code = BookingCode.New() };
            }
        }
    }

    public Task<BookingResult> TryBookAsync(Booking booking, BookingCapacity capacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        return TryBookAsync(booking, capacity.AsRule(), cancellationToken);
    }

    /// <summary>
    /// Stores several bookings in ONE transaction, all or nothing (a village head or dispatcher entering the families of
    /// a hamlet together): each is checked by <paramref name="capacity"/> after the ones before it, so the batch cannot
    /// overbook itself either. When any is full, nothing is stored and the result says which; blank codes get fresh ones.
    /// </summary>
    /// <exception cref="DomainValidationException">A booking is invalid (fields named "bookings[i].field"), a station is unknown or a
    /// pickup site belongs to another station; nothing is stored.</exception>
    /// <exception cref="DuplicateKeyException">A caller-chosen code is already in use.</exception>
    public Task<BookingBatchResult> TryBookManyAsync(IReadOnlyList<Booking> bookings, CapacityRule capacity, CancellationToken cancellationToken = default) =>
        TryBookManyAsync(bookings, capacity, null, cancellationToken);

    /// <summary>As <see cref="TryBookManyAsync(IReadOnlyList{Booking}, CapacityRule, CancellationToken)"/>, and when the batch
    /// is stored writes one audit entry with every code (per station) in the same transaction.</summary>
    public Task<BookingBatchResult> TryBookManyAsync(IReadOnlyList<Booking> bookings, CapacityRule capacity, AuditedBy? audit, CancellationToken cancellationToken = default) =>
        TryBookManyAsync(bookings, capacity, null, audit, cancellationToken);

    /// <summary>
    /// As <see cref="TryBookManyAsync(IReadOnlyList{Booking}, CapacityRule, AuditedBy, CancellationToken)"/>, and when
    /// <paramref name="live"/> is given each booking, after the capacity rule, must also fit the day's live plan as the
    /// bookings before it in the batch left it (as <see cref="TryBookAsync(Booking, CapacityRule, LiveRule, AuditedBy, CancellationToken)"/>
    /// for one): the plan grows row by row in the batch's transaction and is stored only with the whole batch.
    /// </summary>
    public async Task<BookingBatchResult> TryBookManyAsync(IReadOnlyList<Booking> bookings, CapacityRule capacity, LiveRule? live, AuditedBy? audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(capacity);
        DomainValidationException.ThrowIfAny(bookings
            .SelectMany((b, i) => DomainValidators.Validate(b).Select(e => e with { Field = $"bookings[{i}].{e.Field}" }))
            .ToList());
        var now = clock.GetUtcNow();
        var candidates = bookings.Select(b => b with
        {
            Code = string.IsNullOrWhiteSpace(b.Code) ? BookingCode.New() : BookingCode.Normalize(b.Code),
            Phone = VietnamPhone.Normalize(b.Phone)!,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryBookManyOnceAsync(candidates, capacity, live, audit, cancellationToken);
            }
            catch (Exception e) when (Database.IsUniqueViolation(e))
            {
                if (bookings.Any(b => !string.IsNullOrWhiteSpace(b.Code)) && attempt == 1)
                {
                    var chosen = bookings.Select(b => b.Code).Where(c => !string.IsNullOrWhiteSpace(c)).Select(BookingCode.Normalize).ToList();
                    if (chosen.Count != chosen.Distinct().Count() || await AnyCodeTakenAsync(chosen, cancellationToken))
                    {
                        throw new DuplicateKeyException($"A booking code of the batch is already in use ({string.Join(", ", chosen)}).", e);
                    }
                }

                if (attempt == CodeAttempts)
                {
                    throw;
                }

                for (var i = 0; i < candidates.Length; i++)
                {
                    if (string.IsNullOrWhiteSpace(bookings[i].Code))
                    {
                        candidates[i] = candidates[i] with { Code = BookingCode.New() };
                    }
                }
            }
        }
    }

    private async Task<BookingBatchResult> TryBookManyOnceAsync(Booking[] candidates, CapacityRule capacity, LiveRule? live, AuditedBy? audit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var turn = await database.EnterWriterAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        // Lock every station of the batch in id order, so two batches over the same stations cannot deadlock.
        foreach (var stationId in candidates.Select(c => c.StationId).Distinct().Order())
        {
            await LockStationAsync(connection, transaction, stationId, cancellationToken);
        }

        var results = new List<BookingResult>(candidates.Length);
        foreach (var candidate in candidates)
        {
            await CheckPickupSiteAsync(connection, transaction, candidate, cancellationToken);
            // Reads this transaction's own inserts too: the batch's earlier rows count against the later ones.
            var usage = await UsageAsync(connection, transaction, candidate.StationId, candidate.Date, candidate.SlotStart, null, cancellationToken);
            if (!capacity(usage, candidate))
            {
                results.Add(new BookingResult(BookingOutcome.Full, null, usage));
                continue;
            }

            LiveVerdict? verdict = null;
            if (live is not null)
            {
                // Reads this transaction's own inserts and plan too: the batch's earlier rows are in the day the row is judged on.
                verdict = live(await LiveDayAsync(connection, transaction, candidate.StationId, candidate.Date, null, cancellationToken), candidate);
                if (!verdict.Fits)
                {
                    results.Add(new BookingResult(BookingOutcome.Full, null, usage) { LiveRefusal = verdict.Refusal });
                    continue;
                }
            }

            var id = await InsertAsync(connection, transaction, candidate, cancellationToken);
            if (verdict?.PlanFor is { } planFor)
            {
                await SaveLivePlanAsync(connection, transaction, candidate.StationId, candidate.Date, planFor(id), cancellationToken);
            }

            results.Add(new BookingResult(BookingOutcome.Booked, candidate with { Id = id }, usage));
        }

        if (results.Any(r => r.Outcome == BookingOutcome.Full))
        {
            await transaction.RollbackAsync(cancellationToken);
            return new BookingBatchResult(false, results
                .Select((r, i) => r.Outcome == BookingOutcome.Booked ? new BookingResult(BookingOutcome.RolledBack, candidates[i], r.Usage) : r)
                .ToList());
        }

        foreach (var station in candidates.GroupBy(c => c.StationId))
        {
            await AuditAsync(connection, transaction, audit, AuditAction.Create, station.Key, [.. station.Select(c => c.Code)], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new BookingBatchResult(true, results);
    }

    /// <summary>
    /// Several families' requests for ONE station day, in ONE transaction: each is judged in order as
    /// <see cref="TryBookAsync(Booking, CapacityRule, LiveRule, AuditedBy, Func{Booking, OutboxMessage}, CancellationToken)"/>
    /// judges one, on the day the requests before it left (their bookings count against its capacity, and its live rule
    /// sees them and the plan the last of them made). Unlike <see cref="TryBookManyAsync(IReadOnlyList{Booking}, CapacityRule, LiveRule, AuditedBy, CancellationToken)"/>
    /// the requests are independent: a refused one stores nothing and the others are stored together, each with its
    /// audit entry and message; the day's live plan is written once, as the last stored request left it, one version
    /// per booking stored. A station day's booking line sends the requests that queued while one ran: one read of the
    /// day and one commit serve them all. A request that cannot be judged (an invalid field, a pickup point of another
    /// station) fails alone with <see cref="BookingEachResult.Error"/>; a failure of the database fails them all.
    /// </summary>
    /// <exception cref="ArgumentException">The requests are not all of one station and day.</exception>
    public async Task<IReadOnlyList<BookingEachResult>> TryBookEachAsync(IReadOnlyList<BookingRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var (stationId, date) = (requests[0].Booking.StationId, requests[0].Booking.Date);
        if (requests.Any(r => r.Booking.StationId != stationId || r.Booking.Date != date))
        {
            throw new ArgumentException("requests: all must be for one station and day", nameof(requests));
        }

        LiveDay? seen = null;
        if (requests[0].Prepare is { } prepare)
        {
            seen = _leftByLine.TryRemove((stationId, date), out var left) ? left : await GetLiveDayAsync(stationId, date, cancellationToken);
            var prepared = prepare(seen, requests);
            if (prepared.Count != requests.Count || prepared.Where((r, i) => !ReferenceEquals(r.Booking, requests[i].Booking)).Any())
            {
                throw new InvalidOperationException("Prepare must return the same requests, in order, with their rules only replaced.");
            }

            requests = prepared;
        }

        var results = new BookingEachResult?[requests.Count];
        // To the microsecond, as PostgreSQL keeps it: the day this transaction leaves is compared with the database's.
        var now = clock.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - (now.Ticks % 10), now.Offset);
        var candidates = new Booking?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var booking = requests[i].Booking;
            var errors = DomainValidators.Validate(booking);
            if (errors.Count > 0)
            {
                results[i] = new BookingEachResult(null, new DomainValidationException(errors));
                continue;
            }

            candidates[i] = booking with
            {
                Code = string.IsNullOrWhiteSpace(booking.Code) ? BookingCode.New() : BookingCode.Normalize(booking.Code),
                Phone = VietnamPhone.Normalize(booking.Phone)!,
                CreatedAt = now,
                UpdatedAt = now,
            };
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                LiveDay? leftDay = null;
                var judged = await database.InTransactionAsync((connection, transaction) =>
                    TryBookEachOnceAsync(connection, transaction, stationId, date, seen, requests, candidates, day => leftDay = day, cancellationToken), cancellationToken);
                if (leftDay is not null && requests[0].Prepare is not null)
                {
                    if (_leftByLine.Count > 256)
                    {
                        // Days gone by keep nothing (a day's last batch leaves its day here).
                        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
                        foreach (var past in _leftByLine.Keys.Where(k => k.Date < yesterday))
                        {
                            _leftByLine.TryRemove(past, out _);
                        }
                    }

                    _leftByLine[(stationId, date)] = leftDay;
                }

                for (var i = 0; i < requests.Count; i++)
                {
                    results[i] ??= judged[i];
                }

                return results.Select(r => r!).ToList();
            }
            catch (Exception e) when (Database.IsUniqueViolation(e))
            {
                // A code taken: a family's own code is named to it alone (each request on its own); fresh codes are drawn again.
                if (attempt == CodeAttempts || requests.Any(r => !string.IsNullOrWhiteSpace(r.Booking.Code)))
                {
                    for (var i = 0; i < requests.Count; i++)
                    {
                        if (results[i] is null)
                        {
                            results[i] = await OnItsOwnAsync(requests[i], cancellationToken);
                        }
                    }

                    return results.Select(r => r!).ToList();
                }

                for (var i = 0; i < candidates.Length; i++)
                {
                    if (candidates[i] is { } candidate)
                    {
                        candidates[i] = candidate with { Code = BookingCode.New() };
                    }
                }
            }
        }
    }

    private async Task<BookingEachResult> OnItsOwnAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return new BookingEachResult(await TryBookAsync(request.Booking, request.Capacity, request.Live, request.Audit, request.Booked, cancellationToken), null);
        }
        catch (Exception e) when (e is DomainValidationException or DuplicateKeyException)
        {
            return new BookingEachResult(null, e);
        }
    }

    private async Task<BookingEachResult?[]> TryBookEachOnceAsync(DbConnection connection, DbTransaction transaction, long stationId, DateOnly date,
        LiveDay? seen, IReadOnlyList<BookingRequest> requests, Booking?[] candidates, Action<LiveDay> left, CancellationToken cancellationToken)
    {
        var results = new BookingEachResult?[requests.Count];
        await LockStationAsync(connection, transaction, stationId, cancellationToken);
        // The day is read once; each stored request adds its booking and plan to it for the ones after. The day read
        // before the transaction stands when nothing of it changed since.
        var day = seen is not null && await UnchangedAsync(connection, transaction, seen, cancellationToken)
            ? seen
            : await LiveDayAsync(connection, transaction, stationId, date, null, cancellationToken);
        var judged = new List<int>();
        var stationOf = await SiteStationsAsync(connection, transaction, candidates, cancellationToken);
        for (var i = 0; i < requests.Count; i++)
        {
            if (candidates[i] is not { } candidate)
            {
                continue;
            }

            if (candidate.PickupSiteId is { } siteId && stationOf.GetValueOrDefault(siteId) != candidate.StationId)
            {
                results[i] = new BookingEachResult(null, NotTheStationsSite(siteId));
                continue;
            }

            judged.Add(i);
        }

        if (judged.Count > 1 && judged.All(i => requests[i].Together is not null)
            && await TryTogetherAsync(connection, transaction, day, requests, candidates, judged, results, cancellationToken) is { } together)
        {
            left(together);
            return results;
        }

        string? plan = null;
        var planned = 0;
        foreach (var i in judged)
        {
            var candidate = candidates[i]!;
            // The day in hand holds the requests stored before: they count against this one.
            var usage = UsageOf(day, candidate.SlotStart);
            if (!requests[i].Capacity(usage, candidate))
            {
                results[i] = new BookingEachResult(new BookingResult(BookingOutcome.Full, null, usage), null);
                continue;
            }

            var verdict = requests[i].Live(day, candidate);
            if (!verdict.Fits)
            {
                results[i] = new BookingEachResult(new BookingResult(BookingOutcome.Full, null, usage) { LiveRefusal = verdict.Refusal }, null);
                continue;
            }

            var id = await InsertAsync(connection, transaction, candidate, cancellationToken);
            var stored = candidate with { Id = id };
            if (verdict.PlanFor is { } planFor)
            {
                plan = planFor(id);
                planned++;
                day = day with { Bookings = [.. day.Bookings, stored], Plan = plan, Version = day.Version + 1 };
            }
            else
            {
                day = day with { Bookings = [.. day.Bookings, stored] };
            }

            await AuditAsync(connection, transaction, requests[i].Audit, AuditAction.Create, stationId, [candidate.Code], cancellationToken);
            if (requests[i].Booked is { } booked)
            {
                await new NotificationOutboxStore(database, clock).EnqueueAsync(connection, transaction, [booked(stored)], cancellationToken);
            }

            results[i] = new BookingEachResult(new BookingResult(BookingOutcome.Booked, stored, usage), null);
        }

        if (plan is not null)
        {
            await SaveLivePlanAsync(connection, transaction, stationId, date, plan, cancellationToken, planned);
        }

        left(day);
        return results;
    }

    /// <summary>The day's bookings holding seats as the capacity rule counts them, in the order the database lists them (slot, then id).</summary>
    private static List<BookedGroup> GroupsOf(LiveDay day) =>
        day.Bookings.OrderBy(b => b.SlotStart).ThenBy(b => b.Id)
            .Select(b => new BookedGroup(b.Date, b.SlotStart, b.ChildCount, b.GuardianCount, b.Needs)).ToList();

    /// <summary>A slot's usage on the day in hand (<see cref="UsageAsync"/> without reading the bookings again).</summary>
    private static SlotUsage UsageOf(LiveDay day, TimeOnly slotStart) => SlotUsage.Of(day.StationId, day.Date, slotStart, GroupsOf(day));

    /// <summary>
    /// The requests <paramref name="judged"/> at once (<see cref="LiveBatchRule"/>), when every one of them passes the
    /// capacity rule even counting all the ones before it as stored (so whichever the plan refuses, the rule's answer for
    /// the others stands): the day they leave (the accepted ones stored, the plan and its version). Null, with nothing
    /// stored, when they must be judged one at a time.
    /// </summary>
    private async Task<LiveDay?> TryTogetherAsync(DbConnection connection, DbTransaction transaction, LiveDay day, IReadOnlyList<BookingRequest> requests,
        Booking?[] candidates, List<int> judged, BookingEachResult?[] results, CancellationToken cancellationToken)
    {
        var groups = GroupsOf(day);
        var usages = new Dictionary<int, SlotUsage>();
        foreach (var i in judged)
        {
            var candidate = candidates[i]!;
            var usage = SlotUsage.Of(day.StationId, day.Date, candidate.SlotStart, groups);
            if (!requests[i].Capacity(usage, candidate))
            {
                return null;
            }

            usages[i] = usage;
            groups.Add(new BookedGroup(candidate.Date, candidate.SlotStart, candidate.ChildCount, candidate.GuardianCount, candidate.Needs));
        }

        if (requests[judged[0]].Together!(day, [.. judged.Select(i => candidates[i]!)]) is not { } verdict)
        {
            return null;
        }

        var storedNow = new List<Booking>();
        for (var k = 0; k < judged.Count; k++)
        {
            int i = judged[k];
            var candidate = candidates[i]!;
            if (verdict.Refusals[k] is { } refusal)
            {
                results[i] = new BookingEachResult(new BookingResult(BookingOutcome.Full, null, usages[i]) { LiveRefusal = refusal }, null);
                continue;
            }

            var stored = candidate with { Id = await InsertAsync(connection, transaction, candidate, cancellationToken) };
            storedNow.Add(stored);
            await AuditAsync(connection, transaction, requests[i].Audit, AuditAction.Create, day.StationId, [candidate.Code], cancellationToken);
            if (requests[i].Booked is { } booked)
            {
                await new NotificationOutboxStore(database, clock).EnqueueAsync(connection, transaction, [booked(stored)], cancellationToken);
            }

            results[i] = new BookingEachResult(new BookingResult(BookingOutcome.Booked, stored, usages[i]), null);
        }

        if (storedNow.Count == 0)
        {
            return day;
        }

        var plan = verdict.PlanFor([.. storedNow.Select(b => b.Id)]);
        await SaveLivePlanAsync(connection, transaction, day.StationId, day.Date, plan, cancellationToken, storedNow.Count);
        return day with { Bookings = [.. day.Bookings, .. storedNow], Plan = plan, Version = day.Version + storedNow.Count };
    }

    private async Task<bool> AnyCodeTakenAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        foreach (var code in codes)
        {
            if (await GetByCodeAsync(code, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Moves a booking to another date and slot when the capacity rule accepts it there (its own seats do not
    /// count against the new slot). The status becomes Moved.
    /// </summary>
    public Task<BookingResult> TryMoveAsync(long id, DateOnly date, TimeOnly slotStart, CapacityRule capacity, CancellationToken cancellationToken = default) =>
        TryMoveAsync(id, date, slotStart, capacity, null, cancellationToken);

    /// <summary>As <see cref="TryMoveAsync(long, DateOnly, TimeOnly, CapacityRule, CancellationToken)"/>, and when moved writes
    /// the audit entry (<see cref="AuditAction.Change"/>) in the same transaction.</summary>
    public Task<BookingResult> TryMoveAsync(long id, DateOnly date, TimeOnly slotStart, CapacityRule capacity, AuditedBy? audit, CancellationToken cancellationToken = default) =>
        TryMoveAsync(id, date, slotStart, capacity, null, audit, cancellationToken);

    /// <summary>As <see cref="TryMoveAsync(long, DateOnly, TimeOnly, CapacityRule, AuditedBy, CancellationToken)"/>, with the
    /// new day's live plan having the last word (see <see cref="TryBookAsync(Booking, CapacityRule, LiveRule, AuditedBy, CancellationToken)"/>).</summary>
    public async Task<BookingResult> TryMoveAsync(long id, DateOnly date, TimeOnly slotStart, CapacityRule capacity, LiveRule? live, AuditedBy? audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var current = await GetAsync(connection, transaction, id, cancellationToken);
            if (current is not null)
            {
                await LockStationAsync(connection, transaction, current.StationId, cancellationToken);
                // Read again under the lock: a parallel cancel or move may have committed meanwhile.
                current = await GetAsync(connection, transaction, id, cancellationToken);
            }

            if (current is null)
            {
                return new BookingResult(BookingOutcome.NotFound, null, null);
            }

            if (current.Status is BookingStatus.Cancelled or BookingStatus.Served or BookingStatus.NoShow)
            {
                return new BookingResult(BookingOutcome.NotChangeable, current, null);
            }

            var usage = await UsageAsync(connection, transaction, current.StationId, date, slotStart, id, cancellationToken);
            var moved = current with { Date = date, SlotStart = slotStart, Status = BookingStatus.Moved, UpdatedAt = clock.GetUtcNow() };
            if (!capacity(usage, moved))
            {
                return new BookingResult(BookingOutcome.Full, current, usage);
            }

            if (live is not null)
            {
                var verdict = live(await LiveDayAsync(connection, transaction, current.StationId, date, id, cancellationToken), moved);
                if (!verdict.Fits)
                {
                    return new BookingResult(BookingOutcome.Full, current, usage) { LiveRefusal = verdict.Refusal };
                }

                if (verdict.PlanFor is { } planFor)
                {
                    await SaveLivePlanAsync(connection, transaction, current.StationId, date, planFor(id), cancellationToken);
                }
            }

            await connection.ExecuteAsync(Cmd(
                "UPDATE bookings SET date = @Date, slot_start = @SlotStart, status = @Status, updated_at = @UpdatedAt WHERE id = @Id",
                new { moved.Id, moved.Date, moved.SlotStart, Status = moved.Status.ToString(), moved.UpdatedAt }, transaction, cancellationToken));
            await AuditAsync(connection, transaction, audit, AuditAction.Change, moved.StationId, [moved.Code], cancellationToken);
            // What was sent for the old time no longer holds: its reminder must not go out (the new day's plan tells the new time).
            await NotificationOutboxStore.WithdrawForBookingAsync(connection, transaction, id, current.Date, "withdrawn: the booking moved to another time", cancellationToken);
            return new BookingResult(BookingOutcome.Booked, moved, usage);
        }, cancellationToken);
    }

    public Task<BookingResult> TryMoveAsync(long id, DateOnly date, TimeOnly slotStart, BookingCapacity capacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        return TryMoveAsync(id, date, slotStart, capacity.AsRule(), cancellationToken);
    }

    /// <summary>Cancels the booking, freeing its seats; false when it does not exist or is already cancelled.</summary>
    public Task<bool> CancelAsync(long id, CancellationToken cancellationToken = default) => CancelAsync(id, null, cancellationToken);

    /// <summary>As <see cref="CancelAsync(long, CancellationToken)"/>, writing the audit entry in the same transaction.</summary>
    public Task<bool> CancelAsync(long id, AuditedBy? audit, CancellationToken cancellationToken = default) =>
        CancelAsync(id, audit, null, cancellationToken);

    /// <summary>
    /// As <see cref="CancelAsync(long, AuditedBy, CancellationToken)"/>, and when <paramref name="withoutBooking"/> is given
    /// the day's live plan loses the booking's stops in the same transaction (the function gets the stored plan and the
    /// booking id and returns the plan without it), so the seat is free for the next request at once.
    /// </summary>
    public async Task<bool> CancelAsync(long id, AuditedBy? audit, Func<string, long, string>? withoutBooking, CancellationToken cancellationToken = default)
    {
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            // The live plan changes under the station's lock, as the booking path changes it: a booking deciding on the
            // plan at the same moment must not write its plan over this one.
            // The row read for the lock serves the audit and the plan too (station, date and code do not change here).
            var before = withoutBooking is not null ? await GetAsync(connection, transaction, id, cancellationToken) : null;
            if (before is not null)
            {
                await LockStationAsync(connection, transaction, before.StationId, cancellationToken);
            }

            var cancelled = await connection.ExecuteAsync(Cmd(
                "UPDATE bookings SET status = @cancelled, updated_at = @now WHERE id = @id AND status <> @cancelled",
                new { id, cancelled = nameof(BookingStatus.Cancelled), now = clock.GetUtcNow() }, transaction, cancellationToken)) == 1;
            var booking = !cancelled ? null
                : before ?? (audit is not null ? await GetAsync(connection, transaction, id, cancellationToken) : null);
            if (booking is not null && audit is not null)
            {
                await AuditAsync(connection, transaction, audit, AuditAction.Cancel, booking.StationId, [booking.Code], cancellationToken);
            }

            if (cancelled)
            {
                await NotificationOutboxStore.WithdrawForBookingAsync(connection, transaction, id, null, "withdrawn: the booking was cancelled", cancellationToken);
            }

            if (booking is not null && withoutBooking is not null)
            {
                var plan = await LivePlanContentAsync(connection, transaction, booking.StationId, booking.Date, cancellationToken);
                if (plan is not null)
                {
                    await SaveLivePlanAsync(connection, transaction, booking.StationId, booking.Date, withoutBooking(plan, id), cancellationToken);
                }
            }

            return cancelled;
        }, cancellationToken);
    }

    /// <summary>
    /// A family's "delete my data": cancels the booking when it still holds seats, removes its name, phone, address note
    /// and home pin (see <see cref="AnonymiseRowsAsync"/>), withdraws and blanks its queued messages, and writes the audit
    /// entry (<see cref="AuditAction.Delete"/>), all in one transaction. False when there is no such booking or it is
    /// already anonymous.
    /// </summary>
    public Task<bool> EraseForFamilyAsync(long id, AuditedBy audit, CancellationToken cancellationToken = default) =>
        EraseForFamilyAsync(id, audit, null, cancellationToken);

    /// <summary>
    /// As <see cref="EraseForFamilyAsync(long, AuditedBy, CancellationToken)"/>; when the booking still held seats and
    /// <paramref name="withoutBooking"/> is given, the day's live plan loses its stops in the same transaction, under the
    /// station's lock (as <see cref="CancelAsync(long, AuditedBy, Func{string, long, string}, CancellationToken)"/>).
    /// </summary>
    public async Task<bool> EraseForFamilyAsync(long id, AuditedBy audit, Func<string, long, string>? withoutBooking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var booking = await GetAsync(connection, transaction, id, cancellationToken);
            if (booking is null || booking.AnonymisedAt is not null)
            {
                return false;
            }

            if (booking.Status is BookingStatus.Requested or BookingStatus.Confirmed or BookingStatus.Moved)
            {
                if (withoutBooking is not null)
                {
                    await LockStationAsync(connection, transaction, booking.StationId, cancellationToken);
                }

                await connection.ExecuteAsync(Cmd(
                    "UPDATE bookings SET status = @cancelled, updated_at = @now WHERE id = @id",
                    new { id, cancelled = nameof(BookingStatus.Cancelled), now = clock.GetUtcNow() }, transaction, cancellationToken));
                if (withoutBooking is not null && await LivePlanContentAsync(connection, transaction, booking.StationId, booking.Date, cancellationToken) is { } plan)
                {
                    await SaveLivePlanAsync(connection, transaction, booking.StationId, booking.Date, withoutBooking(plan, id), cancellationToken);
                }
            }

            await AnonymiseRowsAsync(connection, transaction, [booking], "withdrawn: the family deleted its booking data", cancellationToken);
            await AuditAsync(connection, transaction, audit, AuditAction.Delete, booking.StationId, [booking.Code], cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The retention job's step: makes anonymous up to <paramref name="batchSize"/> bookings of days up to
    /// <paramref name="lastDate"/> that still hold personal data, and blanks their messages, with one audit entry per
    /// station (<see cref="AuditAction.Anonymise"/> by <paramref name="actor"/>), in one transaction. Returns how many;
    /// call again until it returns 0. Two app instances running it at once share the work (PostgreSQL: SKIP LOCKED).
    /// </summary>
    public async Task<int> AnonymiseUpToAsync(DateOnly lastDate, AuditActor actor, int batchSize = 200, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            // PostgreSQL: rows another instance's run holds are skipped, so no booking is anonymised (and audited) twice;
            // SQLite's BEGIN IMMEDIATE already makes this the only writer.
            var skipLocked = database.Dialect == SqlDialect.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
            var rows = (await connection.QueryAsync<Row>(Cmd(
                $"SELECT {Columns} FROM bookings WHERE anonymised_at IS NULL AND date <= @lastDate ORDER BY date, id LIMIT @batchSize{skipLocked}",
                new { lastDate, batchSize }, transaction, cancellationToken))).Select(r => r.ToDomain()).ToList();
            // The live plans of those days hold the home pins of families booked at home: they go with the rest.
            await connection.ExecuteAsync(Cmd("DELETE FROM pickup_live_plans WHERE date <= @lastDate", new { lastDate }, transaction, cancellationToken));
            if (rows.Count == 0)
            {
                return 0;
            }

            await AnonymiseRowsAsync(connection, transaction, rows, "withdrawn: personal data removed after the retention period", cancellationToken);
            foreach (var station in rows.GroupBy(b => b.StationId))
            {
                var detail = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"days up to {lastDate:yyyy-MM-dd}");
                await AuditAsync(connection, transaction, new AuditedBy(actor, AuditSubject.Retention, detail),
                    AuditAction.Anonymise, station.Key, [.. station.Select(b => b.Code)], cancellationToken);
            }

            return rows.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// Removes what names or reaches a family: first name and phone become empty, the address note goes, a home pin is
    /// rounded to 0.01° (about 1 km, enough for statistics by area); pending messages of these bookings are withdrawn
    /// (status Failed with <paramref name="withdrawal"/>) and every message of theirs keeps only a masked phone and no
    /// first name or home address.
    /// </summary>
    private async Task AnonymiseRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Booking> rows, string withdrawal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(Cmd(
            $"""
            UPDATE bookings SET contact_first_name = '', phone = '', address_note = NULL,
                pickup_longitude = ROUND(pickup_longitude * 100) / 100, pickup_latitude = ROUND(pickup_latitude * 100) / 100,
                anonymised_at = @now, updated_at = @now
            WHERE id IN ({InList(rows.Select(r => r.Id))})
            """,
            new { now }, transaction, cancellationToken));
        await NotificationOutboxStore.AnonymiseForBookingsAsync(connection, transaction, [.. rows.Select(r => r.Id)], withdrawal, cancellationToken);
    }

    private async Task AuditAsync(
        DbConnection connection, DbTransaction transaction, AuditedBy? audit, AuditAction action, long stationId, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        if (audit is null)
        {
            return;
        }

        // A family making a booking has no code yet: it is named by the code it is given.
        var actor = audit.Actor is { Kind: AuditActorKind.Family, Name: null } && codes.Count == 1 ? audit.Actor with { Name = codes[0] } : audit.Actor;
        await AuditLogStore.WriteAsync(connection, transaction, new AuditRecord(actor, action, audit.Subject, stationId, codes, audit.Detail), clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Sets a status (e.g. Confirmed when a plan is published, Served or NoShow afterwards).</summary>
    public async Task<bool> SetStatusAsync(long id, BookingStatus status, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE bookings SET status = @status, updated_at = @now WHERE id = @id",
            new { id, status = status.ToString(), now = clock.GetUtcNow() }, null, cancellationToken)) == 1;
    }

    public async Task<Booking?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public async Task<Booking?> GetByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM bookings WHERE code = @code", new { code = BookingCode.Normalize(code) }, null, cancellationToken));
        return row?.ToDomain();
    }

    /// <summary>
    /// What a family sees with code + phone: the booking only when both match (the phone in any accepted
    /// format), otherwise null, so a guessed code alone reveals nothing.
    /// </summary>
    public async Task<Booking?> FindForFamilyAsync(string code, string phone, CancellationToken cancellationToken = default)
    {
        var normalizedPhone = VietnamPhone.Normalize(phone);
        if (normalizedPhone is null || string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var booking = await GetByCodeAsync(code, cancellationToken);
        return booking is not null && booking.Phone == normalizedPhone ? booking : null;
    }

    /// <summary>Bookings of a station in [from, to] by date and slot; cancelled ones only when asked.</summary>
    public async Task<IReadOnlyList<Booking>> ListAsync(long stationId, DateOnly from, DateOnly to, bool includeCancelled = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"""
            SELECT {Columns} FROM bookings
            WHERE station_id = @stationId AND date >= @from AND date <= @to AND (@includeCancelled OR status <> @cancelled)
            ORDER BY date, slot_start, id
            """,
            new { stationId, from, to, includeCancelled, cancelled = nameof(BookingStatus.Cancelled) }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>Usage per slot on a day (slots without bookings are absent), for offering free slots.</summary>
    public async Task<IReadOnlyList<SlotUsage>> ListSlotUsageAsync(long stationId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var day = await ListBookedGroupsAsync(stationId, date, date, null, cancellationToken);
        return day.Select(b => b.SlotStart).Distinct().Order()
            .Select(slot => SlotUsage.Of(stationId, date, slot, day))
            .ToList();
    }

    /// <summary>
    /// The seats held in [from, to] (bookings that are not cancelled, without <paramref name="excludeBookingId"/>),
    /// by date and slot: what a page needs to show which slots a family still fits.
    /// </summary>
    public async Task<IReadOnlyList<BookedGroup>> ListBookedGroupsAsync(
        long stationId, DateOnly from, DateOnly to, long? excludeBookingId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await BookedGroupsAsync(connection, null, stationId, from, to, excludeBookingId, cancellationToken);
    }

    /// <summary>
    /// After a "full": the offered <paramref name="slots"/> (date + slot start, e.g. the opening hours of the
    /// next days) where <paramref name="candidate"/> would fit now, nearest to its requested time first (earlier
    /// before later on ties), at most <paramref name="max"/>. Advisory: booking one still goes through
    /// <see cref="TryBookAsync(Booking, CapacityRule, CancellationToken)"/>.
    /// </summary>
    public async Task<IReadOnlyList<SlotUsage>> FindAlternativesAsync(
        Booking candidate,
        IReadOnlyList<(DateOnly Date, TimeOnly SlotStart)> slots,
        CapacityRule capacity,
        int max,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(capacity);
        if (slots.Count == 0 || max < 1)
        {
            return [];
        }

        var from = slots.Min(s => s.Date);
        var to = slots.Max(s => s.Date);
        var booked = await ListBookedGroupsAsync(candidate.StationId, from, to, candidate.Id, cancellationToken);
        return FindAlternatives(candidate, slots, capacity, max, booked);
    }

    /// <summary>
    /// <see cref="FindAlternativesAsync"/> on seats already read (<paramref name="booked"/>: those held on the slots'
    /// days, without the candidate's own booking), for a page that reads a fortnight once for its offers and alternatives.
    /// </summary>
    public static IReadOnlyList<SlotUsage> FindAlternatives(
        Booking candidate,
        IReadOnlyList<(DateOnly Date, TimeOnly SlotStart)> slots,
        CapacityRule capacity,
        int max,
        IReadOnlyList<BookedGroup> booked)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(booked);
        if (slots.Count == 0 || max < 1)
        {
            return [];
        }

        var byDay = booked.GroupBy(b => b.Date).ToDictionary(g => g.Key, g => (IReadOnlyList<BookedGroup>)g.ToList());
        var requested = candidate.Date.ToDateTime(candidate.SlotStart);
        return slots
            .Distinct()
            .Where(s => s.Date != candidate.Date || s.SlotStart != candidate.SlotStart)
            .Select(s => SlotUsage.Of(candidate.StationId, s.Date, s.SlotStart, byDay.GetValueOrDefault(s.Date) ?? []))
            .Where(u => capacity(u, candidate with { Date = u.Date, SlotStart = u.SlotStart }))
            .OrderBy(u => Math.Abs((u.Date.ToDateTime(u.SlotStart) - requested).Ticks))
            .ThenBy(u => u.Date.ToDateTime(u.SlotStart))
            .Take(max)
            .ToList();
    }

    private async Task LockStationAsync(DbConnection connection, DbTransaction transaction, long stationId, CancellationToken cancellationToken)
    {
        // SQLite needs no row lock: BEGIN IMMEDIATE already made this the only writer.
        var sql = database.Dialect == SqlDialect.Postgres
            ? "SELECT id FROM stations WHERE id = @stationId FOR UPDATE"
            : "SELECT id FROM stations WHERE id = @stationId";
        var found = await connection.ExecuteScalarAsync<long?>(Cmd(sql, new { stationId }, transaction, cancellationToken));
        if (found is null)
        {
            throw new DomainValidationException([new ValidationError(
                "stationId", stationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Không tìm thấy đơn vị.", "No such unit.")]);
        }
    }

    /// <summary>
    /// Whether the day read before the transaction (<paramref name="seen"/>) is still the day: the same live plan
    /// version (every new plan is a new version) and the same bookings holding seats, none changed since (every change
    /// of a booking stamps its updated_at). Two narrow reads instead of the day's bookings and plan again.
    /// </summary>
    private static async Task<bool> UnchangedAsync(DbConnection connection, DbTransaction transaction, LiveDay seen, CancellationToken cancellationToken)
    {
        var version = await connection.QuerySingleOrDefaultAsync<int?>(Cmd(
            "SELECT version FROM pickup_live_plans WHERE station_id = @stationId AND date = @date",
            new { stationId = seen.StationId, date = seen.Date }, transaction, cancellationToken)) ?? 0;
        if (version != seen.Version)
        {
            return false;
        }

        var rows = (await connection.QueryAsync<Stamp>(Cmd(
                "SELECT id, status, updated_at FROM bookings WHERE station_id = @stationId AND date = @date AND status <> @cancelled ORDER BY id",
                new { stationId = seen.StationId, date = seen.Date, cancelled = nameof(BookingStatus.Cancelled) }, transaction, cancellationToken)))
            .Where(r => Booking.HoldsSeats(Sql.ParseEnum<BookingStatus>(r.Status)))
            .ToList();
        return rows.Count == seen.Bookings.Count
            && rows.Zip(seen.Bookings).All(pair => pair.First.Id == pair.Second.Id && pair.First.UpdatedAt == pair.Second.UpdatedAt);
    }

    /// <summary>A booking's id, status and last change, to tell whether a day read earlier is still the day.</summary>
    private sealed class Stamp
    {
        public long Id { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
    }

    /// <summary>The station of each pickup point the candidates name (points removed since are left out), in one read.</summary>
    private async Task<Dictionary<long, long>> SiteStationsAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<Booking?> candidates, CancellationToken cancellationToken)
    {
        var ids = candidates.Select(c => c?.PickupSiteId).OfType<long>().Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(long Id, long StationId)>(Cmd(
            database.Dialect == SqlDialect.Postgres
                ? "SELECT id, station_id FROM sites WHERE id = ANY(@ids) AND removed_at IS NULL"
                : "SELECT id, station_id FROM sites WHERE id IN @ids AND removed_at IS NULL",
            new { ids }, transaction, cancellationToken));
        return rows.ToDictionary(r => r.Id, r => r.StationId);
    }

    private static DomainValidationException NotTheStationsSite(long siteId) =>
        new([new ValidationError(
            "pickupSiteId", siteId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Điểm đón không thuộc đơn vị đã chọn.", "The pickup point does not belong to the chosen unit.")]);

    private static async Task CheckPickupSiteAsync(DbConnection connection, DbTransaction transaction, Booking booking, CancellationToken cancellationToken)
    {
        if (booking.PickupSiteId is not { } siteId)
        {
            return;
        }

        var siteStation = await connection.ExecuteScalarAsync<long?>(Cmd(
            "SELECT station_id FROM sites WHERE id = @siteId AND removed_at IS NULL", new { siteId }, transaction, cancellationToken));
        if (siteStation != booking.StationId)
        {
            throw NotTheStationsSite(siteId);
        }
    }

    private static async Task<SlotUsage> UsageAsync(
        DbConnection connection, DbTransaction transaction, long stationId, DateOnly date, TimeOnly slotStart, long? excludeId, CancellationToken cancellationToken)
    {
        var day = await BookedGroupsAsync(connection, transaction, stationId, date, date, excludeId, cancellationToken);
        return SlotUsage.Of(stationId, date, slotStart, day);
    }

    /// <summary>The day's bookings holding seats (but <paramref name="excludeId"/>) and its stored live plan, under the station lock.</summary>
    private static async Task<LiveDay> LiveDayAsync(
        DbConnection connection, DbTransaction transaction, long stationId, DateOnly date, long? excludeId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM bookings WHERE station_id = @stationId AND date = @date AND status <> @cancelled AND id <> @excludeId ORDER BY id",
            new { stationId, date, cancelled = nameof(BookingStatus.Cancelled), excludeId = excludeId ?? 0 }, transaction, cancellationToken));
        var plan = await LivePlanRowAsync(connection, transaction, stationId, date, cancellationToken);
        return new LiveDay(stationId, date, rows.Select(r => r.ToDomain()).Where(b => Booking.HoldsSeats(b.Status)).ToList(), plan?.Content)
        {
            Version = plan?.Version ?? 0,
        };
    }

    private static Task<LivePlanRow?> LivePlanRowAsync(
        DbConnection connection, DbTransaction? transaction, long stationId, DateOnly date, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<LivePlanRow?>(Cmd(
            "SELECT content, version FROM pickup_live_plans WHERE station_id = @stationId AND date = @date",
            new { stationId, date }, transaction, cancellationToken));

    private static Task<string?> LivePlanContentAsync(
        DbConnection connection, DbTransaction transaction, long stationId, DateOnly date, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(Cmd(
            "SELECT content FROM pickup_live_plans WHERE station_id = @stationId AND date = @date",
            new { stationId, date }, transaction, cancellationToken));

    /// <summary>Stores the day's live plan (a new version of it), in the booking's transaction.</summary>
    /// <param name="changes">The changes the new plan carries (the bookings a batch stored): each makes a version, as one at a time would.</param>
    private async Task SaveLivePlanAsync(
        DbConnection connection, DbTransaction transaction, long stationId, DateOnly date, string content, CancellationToken cancellationToken, int changes = 1)
    {
        // A booking, move or cancellation off the line changes the day: the line's next batch reads it again (the line
        // itself leaves its day after its commit).
        _leftByLine.TryRemove((stationId, date), out _);
        await connection.ExecuteAsync(Cmd(
            """
            INSERT INTO pickup_live_plans (station_id, date, version, content, updated_at)
            VALUES (@stationId, @date, @changes, @content, @now)
            ON CONFLICT (station_id, date) DO UPDATE SET version = pickup_live_plans.version + @changes, content = excluded.content, updated_at = excluded.updated_at
            """,
            new { stationId, date, content, changes, now = clock.GetUtcNow() }, transaction, cancellationToken));
    }

    /// <summary>The stored live plan of a station's day and its version, or null before the day's first booking.</summary>
    public async Task<(string Content, int Version)?> GetLivePlanAsync(long stationId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await LivePlanRowAsync(connection, null, stationId, date, cancellationToken);
        return row is null ? null : (row.Content, row.Version);
    }

    /// <summary>
    /// The day the booking line's last transaction of a station day left (its bookings, live plan and version), or null:
    /// a reader that finds the stored version equal to its <see cref="LiveDay.Version"/> need not read the day again.
    /// </summary>
    public LiveDay? LastLeft(long stationId, DateOnly date) => _leftByLine.GetValueOrDefault((stationId, date));

    /// <summary>
    /// The version of a station day's stored live plan (0 before the day's first booking): one indexed read, so a caller
    /// that kept the day it read last (<see cref="GetLiveDayAsync"/>) knows whether it still is the day. Every booking,
    /// move or cancellation of the day stores a new version.
    /// </summary>
    public async Task<int> GetLivePlanVersionAsync(long stationId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(Cmd(
            "SELECT version FROM pickup_live_plans WHERE station_id = @stationId AND date = @date",
            new { stationId, date }, null, cancellationToken)) ?? 0;
    }

    /// <summary>
    /// A station's day as the live plan sees it, outside any booking (to improve the plan in the background): the
    /// bookings holding seats and the stored plan with its <see cref="LiveDay.Version"/> (null and 0 when there is none).
    /// Not one snapshot, and need not be: the plan is read first, so a booking committed before the bookings are read
    /// has changed the version, and <see cref="TryReplaceLivePlanAsync"/> refuses a replacement built on this read.
    /// </summary>
    public async Task<LiveDay> GetLiveDayAsync(long stationId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var plan = await LivePlanRowAsync(connection, null, stationId, date, cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM bookings WHERE station_id = @stationId AND date = @date ORDER BY id",
            new { stationId, date }, null, cancellationToken));
        return new LiveDay(stationId, date, rows.Select(r => r.ToDomain()).Where(b => Booking.HoldsSeats(b.Status)).ToList(), plan?.Content)
        {
            Version = plan?.Version ?? 0,
        };
    }

    /// <summary>
    /// Replaces the day's live plan with <paramref name="content"/> (a better plan found in the background) and makes it a
    /// new version, only when no promise can break: under the station lock the booking path takes, the stored version must
    /// still be <paramref name="expectedVersion"/> (any booking, move or cancellation since made a new one), and every
    /// booking of the day holding seats that the stored plan serves (<paramref name="servedBy"/> reads a plan's served
    /// booking ids; the store does not know the plan's format) must be among <paramref name="servedBookingIds"/>, the
    /// bookings the new plan serves. False, and nothing changed, otherwise (a lost race is normal).
    /// </summary>
    public async Task<bool> TryReplaceLivePlanAsync(
        long stationId, DateOnly date, int expectedVersion, string content, IReadOnlySet<long> servedBookingIds,
        Func<string, IEnumerable<long>> servedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(servedBookingIds);
        ArgumentNullException.ThrowIfNull(servedBy);
        // The line's next batch reads the day again rather than prepare on a day this may replace.
        _leftByLine.TryRemove((stationId, date), out _);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            await LockStationAsync(connection, transaction, stationId, cancellationToken);
            var stored = await LivePlanRowAsync(connection, transaction, stationId, date, cancellationToken);
            if (stored is null || stored.Version != expectedVersion)
            {
                return false;
            }

            var holding = (await connection.QueryAsync<(long Id, string Status)>(Cmd(
                    "SELECT id, status FROM bookings WHERE station_id = @stationId AND date = @date",
                    new { stationId, date }, transaction, cancellationToken)))
                .Where(b => Booking.HoldsSeats(Sql.ParseEnum<BookingStatus>(b.Status)))
                .Select(b => b.Id)
                .ToHashSet();
            if (servedBy(stored.Content).Any(id => holding.Contains(id) && !servedBookingIds.Contains(id)))
            {
                return false;
            }

            await connection.ExecuteAsync(Cmd(
                """
                UPDATE pickup_live_plans SET version = version + 1, content = @content, updated_at = @now
                WHERE station_id = @stationId AND date = @date AND version = @expectedVersion
                """,
                new { stationId, date, expectedVersion, content, now = clock.GetUtcNow() }, transaction, cancellationToken));
            return true;
        }, cancellationToken);
    }

    private sealed class LivePlanRow
    {
        public string Content { get; init; } = "";

        public int Version { get; init; }
    }

    private static async Task<IReadOnlyList<BookedGroup>> BookedGroupsAsync(
        DbConnection connection, DbTransaction? transaction, long stationId, DateOnly from, DateOnly to, long? excludeId, CancellationToken cancellationToken)
    {
        // Families alike (same day, slot, people and needs) come as one row with their count: a busy fortnight is a few
        // dozen rows instead of hundreds, and every rule that reads the list counts families, not their order.
        var rows = await connection.QueryAsync<GroupRow>(Cmd(
            """
            SELECT date, slot_start, child_count, guardian_count, needs, COUNT(*) AS families FROM bookings
            WHERE station_id = @stationId AND date >= @from AND date <= @to AND status <> @cancelled AND id <> @excludeId
            GROUP BY date, slot_start, child_count, guardian_count, needs
            ORDER BY date, slot_start, child_count, guardian_count, needs
            """,
            new { stationId, from, to, cancelled = nameof(BookingStatus.Cancelled), excludeId = excludeId ?? 0 },
            transaction, cancellationToken));
        var groups = new List<BookedGroup>();
        foreach (var r in rows)
        {
            var group = new BookedGroup(r.Date, r.SlotStart, r.ChildCount, r.GuardianCount, (BookingNeeds)r.Needs);
            for (long k = 0; k < r.Families; k++)
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    private static Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, Booking booking, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(Cmd(
            """
            INSERT INTO bookings (code, station_id, pickup_site_id, pickup_longitude, pickup_latitude, address_note,
                child_count, guardian_count, needs, date, slot_start, contact_first_name, phone, preferred_language,
                status, created_at, updated_at)
            VALUES (@Code, @StationId, @PickupSiteId, @PickupLongitude, @PickupLatitude, @AddressNote,
                @ChildCount, @GuardianCount, @Needs, @Date, @SlotStart, @ContactFirstName, @Phone, @PreferredLanguage,
                @Status, @CreatedAt, @UpdatedAt)
            RETURNING id
            """, Parameters(booking), transaction, cancellationToken));

    private static async Task<Booking?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM bookings WHERE id = @id", new { id }, transaction, cancellationToken));
        return row?.ToDomain();
    }

    private static object Parameters(Booking b) => new
    {
        b.Code,
        b.StationId,
        b.PickupSiteId,
        PickupLongitude = b.PickupLocation?.Longitude,
        PickupLatitude = b.PickupLocation?.Latitude,
        b.AddressNote,
        b.ChildCount,
        b.GuardianCount,
        Needs = (int)b.Needs,
        b.Date,
        b.SlotStart,
        b.ContactFirstName,
        b.Phone,
        b.PreferredLanguage,
        Status = b.Status.ToString(),
        b.CreatedAt,
        b.UpdatedAt,
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public long StationId { get; init; }
        public long? PickupSiteId { get; init; }
        public double? PickupLongitude { get; init; }
        public double? PickupLatitude { get; init; }
        public string? AddressNote { get; init; }
        public int ChildCount { get; init; }
        public int GuardianCount { get; init; }
        public int Needs { get; init; }
        public DateOnly Date { get; init; }
        public TimeOnly SlotStart { get; init; }
        public string ContactFirstName { get; init; } = "";
        public string Phone { get; init; } = "";
        public string PreferredLanguage { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public DateTimeOffset? AnonymisedAt { get; init; }

        public Booking ToDomain() => new(
            Id, Code, StationId, PickupSiteId,
            PickupLongitude is { } lon && PickupLatitude is { } lat ? new GeoPoint(lon, lat) : null,
            AddressNote, ChildCount, GuardianCount, (BookingNeeds)Needs, Date, SlotStart, ContactFirstName, Phone,
            PreferredLanguage, ParseEnum<BookingStatus>(Status), CreatedAt, UpdatedAt)
        {
            AnonymisedAt = AnonymisedAt,
        };
    }

    private sealed class GroupRow
    {
        public DateOnly Date { get; init; }
        public TimeOnly SlotStart { get; init; }
        public int ChildCount { get; init; }
        public int GuardianCount { get; init; }
        public int Needs { get; init; }

        public long Families { get; init; }
    }
}
