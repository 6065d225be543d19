using System.Data.Common;
using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>Stations with their opening hours; a station and its hours are always written together.</summary>
public sealed class StationStore(Database database)
{
    private const string Columns =
        """
        id, name, old_unit_code, old_unit_name, new_unit_code, new_unit_name, collection_point_name,
        collection_point_longitude, collection_point_latitude, collection_point_address, desk_count,
        files_per_desk_per_hour, max_ride_minutes, booking_slot_minutes, map_area_key, max_trips_per_van,
        max_bookings_per_trip, max_return_wait_minutes, phone, replan_tolerance_minutes
        """;

    /// <summary>Inserts the station and its opening hours (its Id is ignored) and returns the new id.</summary>
    /// <exception cref="DomainValidationException">The station is invalid; nothing is stored.</exception>
    /// <exception cref="DuplicateKeyException">A station with this name exists.</exception>
    public async Task<long> InsertAsync(Station station, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(station);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(station));
        using var counted = database.ConfigWrite();
        try
        {
            return await database.InTransactionAsync(async (connection, transaction) =>
            {
                var id = await connection.ExecuteScalarAsync<long>(Cmd(
                    """
                    INSERT INTO stations (name, old_unit_code, old_unit_name, new_unit_code, new_unit_name, collection_point_name,
                        collection_point_longitude, collection_point_latitude, collection_point_address, desk_count,
                        files_per_desk_per_hour, max_ride_minutes, booking_slot_minutes, map_area_key, max_trips_per_van,
                        max_bookings_per_trip, max_return_wait_minutes, phone, replan_tolerance_minutes)
                    VALUES (@Name, @OldUnitCode, @OldUnitName, @NewUnitCode, @NewUnitName, @CollectionPointName,
                        @Longitude, @Latitude, @CollectionPointAddress, @DeskCount,
                        @FilesPerDeskPerHour, @MaxRideMinutes, @BookingSlotMinutes, @MapAreaKey, @MaxTripsPerVan,
                        @MaxBookingsPerTrip, @MaxReturnWaitMinutes, @Phone, @ReplanToleranceMinutes)
                    RETURNING id
                    """, Parameters(station), transaction, cancellationToken));
                await InsertHoursAsync(connection, transaction, id, station.OpeningHours, cancellationToken);
                return id;
            }, cancellationToken);
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            throw new DuplicateKeyException($"A station named '{station.Name}' already exists.", e);
        }
    }

    /// <summary>Replaces the station's fields and opening hours; false when no station has this id.</summary>
    public async Task<bool> UpdateAsync(Station station, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(station);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(station));
        using var counted = database.ConfigWrite();
        try
        {
            return await database.InTransactionAsync(async (connection, transaction) =>
            {
                var parameters = new DynamicParameters(Parameters(station));
                parameters.Add("Id", station.Id);
                var changed = await connection.ExecuteAsync(Cmd(
                    """
                    UPDATE stations SET name = @Name, old_unit_code = @OldUnitCode, old_unit_name = @OldUnitName,
                        new_unit_code = @NewUnitCode, new_unit_name = @NewUnitName, collection_point_name = @CollectionPointName,
                        collection_point_longitude = @Longitude, collection_point_latitude = @Latitude,
                        collection_point_address = @CollectionPointAddress, desk_count = @DeskCount,
                        files_per_desk_per_hour = @FilesPerDeskPerHour, max_ride_minutes = @MaxRideMinutes,
                        booking_slot_minutes = @BookingSlotMinutes, map_area_key = @MapAreaKey,
                        max_trips_per_van = @MaxTripsPerVan, max_bookings_per_trip = @MaxBookingsPerTrip,
                        max_return_wait_minutes = @MaxReturnWaitMinutes, phone = @Phone,
                        replan_tolerance_minutes = @ReplanToleranceMinutes
                    WHERE id = @Id
                    """, parameters, transaction, cancellationToken));
                if (changed == 0)
                {
                    return false;
                }

                await connection.ExecuteAsync(Cmd(
                    "DELETE FROM station_opening_hours WHERE station_id = @id", new { id = station.Id }, transaction, cancellationToken));
                await InsertHoursAsync(connection, transaction, station.Id, station.OpeningHours, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            throw new DuplicateKeyException($"A station named '{station.Name}' already exists.", e);
        }
    }

    /// <summary>
    /// Replaces what a chief edits (<see cref="StationSettings"/>: desks, files per desk per hour, longest ride, slot
    /// length, trips per van, families per trip, longest wait for the van home, the phone (stored in national form),
    /// and every opening interval) in one transaction; names, codes and the collection point stay. Bookings already
    /// made are not touched. False when no station has this id.
    /// </summary>
    /// <exception cref="DomainValidationException">The settings are invalid; nothing is stored.</exception>
    public async Task<bool> UpdateSettingsAsync(long stationId, StationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(settings));
        using var counted = database.ConfigWrite();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(Cmd(
                """
                UPDATE stations SET desk_count = @DeskCount, files_per_desk_per_hour = @FilesPerDeskPerHour,
                    max_ride_minutes = @MaxRideMinutes, booking_slot_minutes = @BookingSlotMinutes,
                    max_trips_per_van = @MaxTripsPerVan, max_bookings_per_trip = @MaxBookingsPerTrip,
                    max_return_wait_minutes = @MaxReturnWaitMinutes, phone = @Phone,
                    replan_tolerance_minutes = @ReplanToleranceMinutes
                WHERE id = @stationId
                """,
                new
                {
                    stationId,
                    settings.DeskCount,
                    settings.FilesPerDeskPerHour,
                    settings.MaxRideMinutes,
                    settings.BookingSlotMinutes,
                    settings.MaxTripsPerVan,
                    settings.MaxBookingsPerTrip,
                    settings.MaxReturnWaitMinutes,
                    settings.ReplanToleranceMinutes,
                    Phone = VietnamPhone.NormalizeStationLine(settings.Phone),
                }, transaction, cancellationToken));
            if (changed == 0)
            {
                return false;
            }

            await connection.ExecuteAsync(Cmd(
                "DELETE FROM station_opening_hours WHERE station_id = @stationId", new { stationId }, transaction, cancellationToken));
            await InsertHoursAsync(connection, transaction, stationId, settings.OpeningHours, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<Station?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault();

    /// <summary>Finds a station by its exact name (seeding uses it to stay idempotent).</summary>
    public async Task<Station?> GetByNameAsync(string name, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE name = @name", new { name }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Station>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync(string.Empty, null, cancellationToken);

    private async Task<IReadOnlyList<Station>> QueryAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM stations {where} ORDER BY name", parameters, null, cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var hours = (await connection.QueryAsync<HoursRow>(Cmd(
            $"SELECT station_id, day_of_week, opens, closes FROM station_opening_hours WHERE station_id IN ({InList(ids)}) ORDER BY station_id, day_of_week, opens",
            null, null, cancellationToken))).ToLookup(h => h.StationId);
        return rows.Select(r => r.ToDomain(hours[r.Id].Select(h => new OpeningHours((DayOfWeek)h.DayOfWeek, h.Opens, h.Closes)).ToList())).ToList();
    }

    private static object Parameters(Station s) => new
    {
        s.Name,
        s.OldUnitCode,
        s.OldUnitName,
        s.NewUnitCode,
        s.NewUnitName,
        s.CollectionPointName,
        s.CollectionPointLocation.Longitude,
        s.CollectionPointLocation.Latitude,
        s.CollectionPointAddress,
        s.DeskCount,
        s.FilesPerDeskPerHour,
        s.MaxRideMinutes,
        s.BookingSlotMinutes,
        s.MapAreaKey,
        s.MaxTripsPerVan,
        s.MaxBookingsPerTrip,
        s.MaxReturnWaitMinutes,
        s.ReplanToleranceMinutes,
        Phone = VietnamPhone.NormalizeStationLine(s.Phone),
    };

    private static async Task InsertHoursAsync(DbConnection connection, DbTransaction transaction, long stationId, IReadOnlyList<OpeningHours> hours, CancellationToken cancellationToken)
    {
        foreach (var h in hours)
        {
            await connection.ExecuteAsync(Cmd(
                "INSERT INTO station_opening_hours (station_id, day_of_week, opens, closes) VALUES (@stationId, @day, @Opens, @Closes)",
                new { stationId, day = (int)h.Day, h.Opens, h.Closes }, transaction, cancellationToken));
        }
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? OldUnitCode { get; init; }
        public string? OldUnitName { get; init; }
        public string? NewUnitCode { get; init; }
        public string? NewUnitName { get; init; }
        public string CollectionPointName { get; init; } = "";
        public double CollectionPointLongitude { get; init; }
        public double CollectionPointLatitude { get; init; }
        public string? CollectionPointAddress { get; init; }
        public int DeskCount { get; init; }
        public int FilesPerDeskPerHour { get; init; }
        public int MaxRideMinutes { get; init; }
        public int BookingSlotMinutes { get; init; }
        public string? MapAreaKey { get; init; }
        public int MaxTripsPerVan { get; init; }
        public int MaxBookingsPerTrip { get; init; }
        public int MaxReturnWaitMinutes { get; init; }
        public string? Phone { get; init; }
        public int ReplanToleranceMinutes { get; init; }

        public Station ToDomain(IReadOnlyList<OpeningHours> hours) => new(
            Id, Name, OldUnitCode, OldUnitName, NewUnitCode, NewUnitName, CollectionPointName,
            new GeoPoint(CollectionPointLongitude, CollectionPointLatitude), CollectionPointAddress, DeskCount,
            FilesPerDeskPerHour, MaxRideMinutes, BookingSlotMinutes, MapAreaKey, hours)
        {
            MaxTripsPerVan = MaxTripsPerVan,
            MaxBookingsPerTrip = MaxBookingsPerTrip,
            MaxReturnWaitMinutes = MaxReturnWaitMinutes,
            Phone = Phone,
            ReplanToleranceMinutes = ReplanToleranceMinutes,
        };
    }

    private sealed class HoursRow
    {
        public long StationId { get; init; }
        public int DayOfWeek { get; init; }
        public TimeOnly Opens { get; init; }
        public TimeOnly Closes { get; init; }
    }
}
