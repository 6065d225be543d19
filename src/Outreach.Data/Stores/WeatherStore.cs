using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// The weather of one station and local date (one row, replaced on every save). Rain areas, flood areas
/// and closures are read and written whole, so they are stored as JSON with points as GeoJSON-style
/// [longitude, latitude] pairs.
/// </summary>
public sealed class WeatherStore(Database database)
{
    private const string Columns = "id, station_id, date, rain_areas, flood_areas, closures, observed_at, source";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new GeoPointConverter(), new JsonStringEnumConverter() },
    };

    /// <summary>Stores the state, replacing any earlier state of the same station and date; returns its id.</summary>
    public async Task<long> SaveAsync(WeatherState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SaveAsync(connection, null, state, cancellationToken);
    }

    private static async Task<long> SaveAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, WeatherState state, CancellationToken cancellationToken)
    {
        return await connection.ExecuteScalarAsync<long>(Cmd(
            """
            INSERT INTO weather_states (station_id, date, rain_areas, flood_areas, closures, observed_at, source)
            VALUES (@StationId, @Date, @RainAreas, @FloodAreas, @Closures, @ObservedAt, @Source)
            ON CONFLICT (station_id, date) DO UPDATE SET rain_areas = excluded.rain_areas, flood_areas = excluded.flood_areas,
                closures = excluded.closures, observed_at = excluded.observed_at, source = excluded.source
            RETURNING id
            """,
            new
            {
                state.StationId,
                state.Date,
                RainAreas = JsonSerializer.Serialize(state.RainAreas, Json),
                FloodAreas = JsonSerializer.Serialize(state.FloodAreas, Json),
                Closures = JsonSerializer.Serialize(state.Closures, Json),
                state.ObservedAt,
                state.Source,
            },
            transaction, cancellationToken));
    }

    /// <summary>
    /// Changes the station's weather of a day in one transaction: <paramref name="change"/> gets the stored state (null:
    /// none yet) and returns the state to store, or null to leave it as it is. The row is locked from the read to the write
    /// (PostgreSQL: FOR UPDATE on a row inserted empty first if missing; SQLite: BEGIN IMMEDIATE), so two writers of one
    /// day (the weather poll replacing the rain, a chief drawing a flood) never drop each other's part. Returns the state
    /// before and after; after is null when nothing was written.
    /// </summary>
    public async Task<(WeatherState? Before, WeatherState? After)> ChangeAsync(
        long stationId, DateOnly date, Func<WeatherState?, WeatherState?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var key = new { stationId, date };
            WeatherState? before;
            if (database.Dialect == SqlDialect.Postgres)
            {
                // A missing row cannot be locked: an empty one is made first and then locked, and an empty row is what
                // "none yet" means to the change (it is dropped again when the change leaves the day as it was).
                var inserted = await connection.ExecuteAsync(Cmd(
                    """
                    INSERT INTO weather_states (station_id, date, rain_areas, flood_areas, closures, observed_at, source)
                    VALUES (@stationId, @date, '[]', '[]', '[]', @observedAt, NULL)
                    ON CONFLICT (station_id, date) DO NOTHING
                    """,
                    new { stationId, date, observedAt = DateTimeOffset.UnixEpoch }, transaction, cancellationToken));
                var locked = (await connection.QuerySingleAsync<Row>(Cmd(
                    $"SELECT {Columns} FROM weather_states WHERE station_id = @stationId AND date = @date FOR UPDATE", key, transaction, cancellationToken))).ToDomain();
                before = inserted == 1 ? null : locked;
                var after = change(before);
                if (after is null && inserted == 1)
                {
                    await connection.ExecuteAsync(Cmd("DELETE FROM weather_states WHERE id = @Id", new { locked.Id }, transaction, cancellationToken));
                }

                return (before, after is null ? null : after with { Id = await SaveAsync(connection, transaction, after with { StationId = stationId, Date = date }, cancellationToken) });
            }

            before = (await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
                $"SELECT {Columns} FROM weather_states WHERE station_id = @stationId AND date = @date", key, transaction, cancellationToken)))?.ToDomain();
            var changed = change(before);
            return (before, changed is null ? null : changed with { Id = await SaveAsync(connection, transaction, changed with { StationId = stationId, Date = date }, cancellationToken) });
        }, cancellationToken);
    }

    public async Task<WeatherState?> GetAsync(long stationId, DateOnly date, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE station_id = @stationId AND date = @date", new { stationId, date }, cancellationToken)).SingleOrDefault();

    /// <summary>The station's states with from &lt;= date &lt;= to, by date.</summary>
    public Task<IReadOnlyList<WeatherState>> ListAsync(long stationId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        QueryAsync("WHERE station_id = @stationId AND date >= @from AND date <= @to", new { stationId, from, to }, cancellationToken);

    private async Task<IReadOnlyList<WeatherState>> QueryAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd($"SELECT {Columns} FROM weather_states {where} ORDER BY date", parameters, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long StationId { get; init; }
        public DateOnly Date { get; init; }
        public string RainAreas { get; init; } = "[]";
        public string FloodAreas { get; init; } = "[]";
        public string Closures { get; init; } = "[]";
        public DateTimeOffset ObservedAt { get; init; }
        public string? Source { get; init; }

        public WeatherState ToDomain() => new(
            Id, StationId, Date,
            JsonSerializer.Deserialize<List<RainArea>>(RainAreas, Json) ?? [],
            JsonSerializer.Deserialize<List<FloodArea>>(FloodAreas, Json) ?? [],
            JsonSerializer.Deserialize<List<Closure>>(Closures, Json) ?? [],
            ObservedAt, Source);
    }

    private sealed class GeoPointConverter : JsonConverter<GeoPoint>
    {
        public override GeoPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("A point must be a [longitude, latitude] array.");
            }

            reader.Read();
            var longitude = reader.GetDouble();
            reader.Read();
            var latitude = reader.GetDouble();
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("A point must have exactly two numbers.");
            }

            return new GeoPoint(longitude, latitude);
        }

        public override void Write(Utf8JsonWriter writer, GeoPoint value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.Longitude);
            writer.WriteNumberValue(value.Latitude);
            writer.WriteEndArray();
        }
    }
}
