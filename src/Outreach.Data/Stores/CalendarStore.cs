using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>Holidays (one per date, editable yearly data) and shift demands.</summary>
public sealed class CalendarStore(Database database)
{
    private const string HolidayColumns = "id, date, name_vi, name_en, kind, status, source";

    private const string ShiftColumns = "id, station_id, date, start_time, duration_minutes, kind, required_skills, officer_count, note";

    private const string UpsertHolidaySql =
        """
        INSERT INTO holidays (date, name_vi, name_en, kind, status, source)
        VALUES (@Date, @NameVi, @NameEn, @Kind, @Status, @Source)
        ON CONFLICT (date) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en, kind = excluded.kind,
            status = excluded.status, source = excluded.source
        RETURNING id
        """;

    /// <summary>Inserts the holiday, or replaces the one already on its date; returns its id.</summary>
    public async Task<long> UpsertHolidayAsync(Holiday holiday, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holiday);
        using var counted = database.ConfigWrite();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(Cmd(UpsertHolidaySql, HolidayParameters(holiday), null, cancellationToken));
    }

    /// <summary>Upserts every holiday of a CSV file (see <see cref="HolidayCsv"/>) in one transaction; returns how many.</summary>
    /// <exception cref="FormatException">A line is malformed; nothing is stored.</exception>
    public async Task<int> ImportHolidaysCsvAsync(TextReader csv, CancellationToken cancellationToken = default)
    {
        using var counted = database.ConfigWrite();
        var holidays = HolidayCsv.Parse(csv);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var holiday in holidays)
            {
                await connection.ExecuteScalarAsync<long>(Cmd(UpsertHolidaySql, HolidayParameters(holiday), transaction, cancellationToken));
            }

            return holidays.Count;
        }, cancellationToken);
    }

    /// <summary>Holidays with from &lt;= date &lt;= to, by date.</summary>
    public async Task<IReadOnlyList<Holiday>> ListHolidaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HolidayRow>(Cmd(
            $"SELECT {HolidayColumns} FROM holidays WHERE date >= @from AND date <= @to ORDER BY date", new { from, to }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<bool> DeleteHolidayAsync(long id, CancellationToken cancellationToken = default)
    {
        using var counted = database.ConfigWrite();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd("DELETE FROM holidays WHERE id = @id", new { id }, null, cancellationToken)) == 1;
    }

    /// <summary>Inserts all demands in one transaction; ids in input order.</summary>
    /// <exception cref="DomainValidationException">A demand is invalid (fields prefixed "[index]." when several); nothing is stored.</exception>
    public async Task<IReadOnlyList<long>> InsertShiftDemandsAsync(IReadOnlyList<ShiftDemand> demands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(demands);
        DomainValidationException.ThrowIfAny(Indexed(demands, DomainValidators.Validate));
        using var counted = database.ConfigWrite();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var ids = new List<long>(demands.Count);
            foreach (var d in demands)
            {
                ids.Add(await connection.ExecuteScalarAsync<long>(Cmd(
                    """
                    INSERT INTO shift_demands (station_id, date, start_time, duration_minutes, kind, required_skills, officer_count, note)
                    VALUES (@StationId, @Date, @Start, @DurationMinutes, @Kind, @RequiredSkills, @OfficerCount, @Note)
                    RETURNING id
                    """,
                    new { d.StationId, d.Date, d.Start, d.DurationMinutes, Kind = d.Kind.ToString(), RequiredSkills = (int)d.RequiredSkills, d.OfficerCount, d.Note },
                    transaction, cancellationToken)));
            }

            return (IReadOnlyList<long>)ids;
        }, cancellationToken);
    }

    /// <summary>The station's demands with from &lt;= date &lt;= to, by date and start.</summary>
    public async Task<IReadOnlyList<ShiftDemand>> ListShiftDemandsAsync(long stationId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ShiftRow>(Cmd(
            $"SELECT {ShiftColumns} FROM shift_demands WHERE station_id = @stationId AND date >= @from AND date <= @to ORDER BY date, start_time, id",
            new { stationId, from, to }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<bool> DeleteShiftDemandAsync(long id, CancellationToken cancellationToken = default)
    {
        using var counted = database.ConfigWrite();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd("DELETE FROM shift_demands WHERE id = @id", new { id }, null, cancellationToken)) == 1;
    }

    private static object HolidayParameters(Holiday h) => new
    {
        h.Date,
        h.NameVi,
        h.NameEn,
        Kind = h.Kind.ToString(),
        Status = h.Status.ToString(),
        h.Source,
    };

    private sealed class HolidayRow
    {
        public long Id { get; init; }
        public DateOnly Date { get; init; }
        public string NameVi { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Source { get; init; }

        public Holiday ToDomain() => new(Id, Date, NameVi, NameEn, ParseEnum<HolidayKind>(Kind), ParseEnum<HolidayStatus>(Status), Source);
    }

    private sealed class ShiftRow
    {
        public long Id { get; init; }
        public long StationId { get; init; }
        public DateOnly Date { get; init; }
        public TimeOnly StartTime { get; init; }
        public int DurationMinutes { get; init; }
        public string Kind { get; init; } = "";
        public int RequiredSkills { get; init; }
        public int OfficerCount { get; init; }
        public string? Note { get; init; }

        public ShiftDemand ToDomain() => new(
            Id, StationId, Date, StartTime, DurationMinutes, ParseEnum<ShiftKind>(Kind), (OfficerSkills)RequiredSkills, OfficerCount, Note);
    }
}
