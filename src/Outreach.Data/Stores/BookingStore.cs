using System.Data.Common;
using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>Seats already held (children + guardians of bookings that are not cancelled) at a station.</summary>
public sealed record SlotUsage(long StationId, DateOnly Date, TimeOnly SlotStart, int SeatsTakenInSlot, int SeatsTakenOnDay, int BookingsInSlot);

/// <summary>Decides inside the booking transaction whether <paramref name="candidate"/> still fits.</summary>
public delegate bool CapacityRule(SlotUsage usage, Booking candidate);

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
}

/// <param name="Usage">The slot's usage before this request, as the capacity rule saw it (null when not checked).</param>
public sealed record BookingResult(BookingOutcome Outcome, Booking? Booking, SlotUsage? Usage);

/// <summary>
/// Family bookings. Capacity is checked and the seats taken in the same transaction, serialized per
/// station (PostgreSQL: the station row is locked FOR UPDATE; SQLite: BEGIN IMMEDIATE holds the write
/// lock), so parallel requests can never overbook a slot. Phones are stored in national form (0 + 9 digits).
/// </summary>
public sealed class BookingStore(Database database, TimeProvider clock)
{
    private const string Columns =
        """
        id, code, station_id, pickup_site_id, pickup_longitude, pickup_latitude, address_note, child_count, guardian_count,
        needs, date, slot_start, contact_first_name, phone, preferred_language, status, created_at, updated_at
        """;

    private const int CodeAttempts = 5;

    /// <summary>
    /// Stores the booking when <paramref name="capacity"/> accepts it given the seats already taken. A blank
    /// <see cref="Booking.Code"/> gets a fresh random code; CreatedAt/UpdatedAt are set to now.
    /// </summary>
    /// <exception cref="DomainValidationException">Invalid booking, unknown station, or a pickup site of another station.</exception>
    /// <exception cref="DuplicateKeyException">A caller-chosen code is already in use.</exception>
    public async Task<BookingResult> TryBookAsync(Booking booking, CapacityRule capacity, CancellationToken cancellationToken = default)
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

                    var id = await connection.ExecuteScalarAsync<long>(Cmd(
                        """
                        INSERT INTO bookings (code, station_id, pickup_site_id, pickup_longitude, pickup_latitude, address_note,
                            child_count, guardian_count, needs, date, slot_start, contact_first_name, phone, preferred_language,
                            status, created_at, updated_at)
                        VALUES (@Code, @StationId, @PickupSiteId, @PickupLongitude, @PickupLatitude, @AddressNote,
                            @ChildCount, @GuardianCount, @Needs, @Date, @SlotStart, @ContactFirstName, @Phone, @PreferredLanguage,
                            @Status, @CreatedAt, @UpdatedAt)
                        RETURNING id
                        """, Parameters(candidate), transaction, cancellationToken));
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
    /// Moves a booking to another date and slot when the capacity rule accepts it there (its own seats do not
    /// count against the new slot). The status becomes Moved.
    /// </summary>
    public async Task<BookingResult> TryMoveAsync(long id, DateOnly date, TimeOnly slotStart, CapacityRule capacity, CancellationToken cancellationToken = default)
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

            await connection.ExecuteAsync(Cmd(
                "UPDATE bookings SET date = @Date, slot_start = @SlotStart, status = @Status, updated_at = @UpdatedAt WHERE id = @Id",
                new { moved.Id, moved.Date, moved.SlotStart, Status = moved.Status.ToString(), moved.UpdatedAt }, transaction, cancellationToken));
            return new BookingResult(BookingOutcome.Booked, moved, usage);
        }, cancellationToken);
    }

    public Task<BookingResult> TryMoveAsync(long id, DateOnly date, TimeOnly slotStart, BookingCapacity capacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        return TryMoveAsync(id, date, slotStart, capacity.AsRule(), cancellationToken);
    }

    /// <summary>Cancels the booking, freeing its seats; false when it does not exist or is already cancelled.</summary>
    public async Task<bool> CancelAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE bookings SET status = @cancelled, updated_at = @now WHERE id = @id AND status <> @cancelled",
            new { id, cancelled = nameof(BookingStatus.Cancelled), now = clock.GetUtcNow() }, null, cancellationToken)) == 1;
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

    /// <summary>Seats held per slot on a day (slots without bookings are absent), for offering free slots.</summary>
    public async Task<IReadOnlyList<SlotUsage>> ListSlotUsageAsync(long stationId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SlotRow>(Cmd(
            """
            SELECT slot_start, SUM(child_count + guardian_count) AS seats, COUNT(*) AS bookings FROM bookings
            WHERE station_id = @stationId AND date = @date AND status <> @cancelled
            GROUP BY slot_start ORDER BY slot_start
            """,
            new { stationId, date, cancelled = nameof(BookingStatus.Cancelled) }, null, cancellationToken))).ToList();
        var day = (int)rows.Sum(r => r.Seats);
        return rows.Select(r => new SlotUsage(stationId, date, r.SlotStart, (int)r.Seats, day, (int)r.Bookings)).ToList();
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
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<DaySlotRow>(Cmd(
            """
            SELECT date, slot_start, SUM(child_count + guardian_count) AS seats, COUNT(*) AS bookings FROM bookings
            WHERE station_id = @stationId AND date >= @from AND date <= @to AND status <> @cancelled AND id <> @excludeId
            GROUP BY date, slot_start
            """,
            new { stationId = candidate.StationId, from, to, cancelled = nameof(BookingStatus.Cancelled), excludeId = candidate.Id },
            null, cancellationToken))).ToList();
        var bySlot = rows.ToDictionary(r => (r.Date, r.SlotStart));
        var byDay = rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Seats));
        var requested = candidate.Date.ToDateTime(candidate.SlotStart);
        return slots
            .Distinct()
            .Where(s => s.Date != candidate.Date || s.SlotStart != candidate.SlotStart)
            .Select(s => new SlotUsage(candidate.StationId, s.Date, s.SlotStart,
                (int)(bySlot.GetValueOrDefault((s.Date, s.SlotStart))?.Seats ?? 0),
                byDay.GetValueOrDefault(s.Date),
                (int)(bySlot.GetValueOrDefault((s.Date, s.SlotStart))?.Bookings ?? 0)))
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

    private static async Task CheckPickupSiteAsync(DbConnection connection, DbTransaction transaction, Booking booking, CancellationToken cancellationToken)
    {
        if (booking.PickupSiteId is not { } siteId)
        {
            return;
        }

        var siteStation = await connection.ExecuteScalarAsync<long?>(Cmd(
            "SELECT station_id FROM sites WHERE id = @siteId", new { siteId }, transaction, cancellationToken));
        if (siteStation != booking.StationId)
        {
            throw new DomainValidationException([new ValidationError(
                "pickupSiteId", siteId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Điểm đón không thuộc đơn vị đã chọn.", "The pickup point does not belong to the chosen unit.")]);
        }
    }

    private static async Task<SlotUsage> UsageAsync(
        DbConnection connection, DbTransaction transaction, long stationId, DateOnly date, TimeOnly slotStart, long? excludeId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<UsageRow>(Cmd(
            """
            SELECT
                COALESCE(SUM(CASE WHEN slot_start = @slotStart THEN child_count + guardian_count ELSE 0 END), 0) AS seats_in_slot,
                COALESCE(SUM(child_count + guardian_count), 0) AS seats_in_day,
                COALESCE(SUM(CASE WHEN slot_start = @slotStart THEN 1 ELSE 0 END), 0) AS bookings_in_slot
            FROM bookings
            WHERE station_id = @stationId AND date = @date AND status <> @cancelled AND id <> @excludeId
            """,
            new { stationId, date, slotStart, cancelled = nameof(BookingStatus.Cancelled), excludeId = excludeId ?? 0 },
            transaction, cancellationToken));
        return new SlotUsage(stationId, date, slotStart, (int)row.SeatsInSlot, (int)row.SeatsInDay, (int)row.BookingsInSlot);
    }

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

        public Booking ToDomain() => new(
            Id, Code, StationId, PickupSiteId,
            PickupLongitude is { } lon && PickupLatitude is { } lat ? new GeoPoint(lon, lat) : null,
            AddressNote, ChildCount, GuardianCount, (BookingNeeds)Needs, Date, SlotStart, ContactFirstName, Phone,
            PreferredLanguage, ParseEnum<BookingStatus>(Status), CreatedAt, UpdatedAt);
    }

    private sealed class UsageRow
    {
        public long SeatsInSlot { get; init; }
        public long SeatsInDay { get; init; }
        public long BookingsInSlot { get; init; }
    }

    private sealed class DaySlotRow
    {
        public DateOnly Date { get; init; }
        public TimeOnly SlotStart { get; init; }
        public long Seats { get; init; }
        public long Bookings { get; init; }
    }

    private sealed class SlotRow
    {
        public TimeOnly SlotStart { get; init; }
        public long Seats { get; init; }
        public long Bookings { get; init; }
    }
}
