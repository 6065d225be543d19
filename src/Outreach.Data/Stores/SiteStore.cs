using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>Schools, offices, cultural houses, care centres, homes and pickup points of a station.</summary>
public sealed class SiteStore(Database database)
{
    private const string Columns = "id, station_id, name, kind, longitude, latitude, unit_code, is_illustrative_position, note";

    /// <exception cref="DomainValidationException">The site is invalid; nothing is stored.</exception>
    public async Task<long> InsertAsync(Site site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        return (await InsertManyAsync([site], cancellationToken))[0];
    }

    /// <summary>Inserts all sites in one transaction (all or none) and returns their ids in input order.</summary>
    /// <exception cref="DomainValidationException">Any site is invalid (fields are prefixed "[index]."); nothing is stored.</exception>
    public async Task<IReadOnlyList<long>> InsertManyAsync(IReadOnlyList<Site> sites, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sites);
        DomainValidationException.ThrowIfAny(Indexed(sites, DomainValidators.Validate));
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var ids = new List<long>(sites.Count);
            foreach (var site in sites)
            {
                ids.Add(await connection.ExecuteScalarAsync<long>(Cmd(
                    """
                    INSERT INTO sites (station_id, name, kind, longitude, latitude, unit_code, is_illustrative_position, note)
                    VALUES (@StationId, @Name, @Kind, @Longitude, @Latitude, @UnitCode, @IsIllustrativePosition, @Note)
                    RETURNING id
                    """, Parameters(site), transaction, cancellationToken)));
            }

            return (IReadOnlyList<long>)ids;
        }, cancellationToken);
    }

    public async Task<bool> UpdateAsync(Site site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(site));
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters(Parameters(site));
        parameters.Add("Id", site.Id);
        return await connection.ExecuteAsync(Cmd(
            """
            UPDATE sites SET station_id = @StationId, name = @Name, kind = @Kind, longitude = @Longitude, latitude = @Latitude,
                unit_code = @UnitCode, is_illustrative_position = @IsIllustrativePosition, note = @Note
            WHERE id = @Id
            """, parameters, null, cancellationToken)) == 1;
    }

    public async Task<Site?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM sites WHERE id = @id", new { id }, null, cancellationToken));
        return row?.ToDomain();
    }

    /// <summary>The station's sites ordered by name, optionally only of one kind.</summary>
    public async Task<IReadOnlyList<Site>> ListByStationAsync(long stationId, SiteKind? kind = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM sites WHERE station_id = @stationId AND (@kind IS NULL OR kind = @kind) ORDER BY name, id",
            new { stationId, kind = kind?.ToString() }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    private static object Parameters(Site s) => new
    {
        s.StationId,
        s.Name,
        Kind = s.Kind.ToString(),
        s.Location.Longitude,
        s.Location.Latitude,
        s.UnitCode,
        s.IsIllustrativePosition,
        s.Note,
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public long StationId { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public double Longitude { get; init; }
        public double Latitude { get; init; }
        public string? UnitCode { get; init; }
        public bool IsIllustrativePosition { get; init; }
        public string? Note { get; init; }

        public Site ToDomain() => new(
            Id, StationId, Name, ParseEnum<SiteKind>(Kind), new GeoPoint(Longitude, Latitude), UnitCode, IsIllustrativePosition, Note);
    }
}
