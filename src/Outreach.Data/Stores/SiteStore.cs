using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>
/// Schools, offices, cultural houses, care centres, homes and pickup points of a station. A removed site
/// (<see cref="RemoveAsync"/>) is kept for history: found by id, left out of the lists unless asked, and no longer changed.
/// </summary>
public sealed class SiteStore(Database database)
{
    private const string Columns = "id, station_id, name, kind, longitude, latitude, unit_code, is_illustrative_position, note, removed_at";

    /// <summary>How near the station's own collection point a collection-point site is that point (the pickup planner's rule).</summary>
    private const double CollectionPointMetres = 300;

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
        using var counted = database.ConfigWrite();
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
        using var counted = database.ConfigWrite();
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters(Parameters(site));
        parameters.Add("Id", site.Id);
        return await connection.ExecuteAsync(Cmd(
            """
            UPDATE sites SET station_id = @StationId, name = @Name, kind = @Kind, longitude = @Longitude, latitude = @Latitude,
                unit_code = @UnitCode, is_illustrative_position = @IsIllustrativePosition, note = @Note
            WHERE id = @Id AND removed_at IS NULL
            """, parameters, null, cancellationToken)) == 1;
    }

    public async Task<Site?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM sites WHERE id = @id", new { id }, null, cancellationToken));
        return row?.ToDomain();
    }

    /// <summary>The station's current sites (not removed) ordered by name, optionally only of one kind.</summary>
    public Task<IReadOnlyList<Site>> ListByStationAsync(long stationId, SiteKind? kind = null, CancellationToken cancellationToken = default) =>
        ListByStationAsync(stationId, kind, includeRemoved: false, cancellationToken);

    /// <summary>The station's sites ordered by name; with <paramref name="includeRemoved"/>, the removed ones too (to name them in history).</summary>
    public async Task<IReadOnlyList<Site>> ListByStationAsync(long stationId, SiteKind? kind, bool includeRemoved, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM sites WHERE station_id = @stationId AND (@kind IS NULL OR kind = @kind) AND (@includeRemoved OR removed_at IS NULL) ORDER BY name, id",
            new { stationId, kind = kind?.ToString(), includeRemoved }, null, cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// Removes the station's site unless something current uses it: it is the station's collection point, bookings (not
    /// cancelled) are picked up there from today on (counted by day), open visit requests are there (counted), or a
    /// current plan version (pickups or visits) stops there from today on. One transaction with the station locked as a
    /// booking locks it, so a booking racing in is either counted or sees the site gone (<see cref="ResourceRemoval"/>).
    /// <paramref name="localNow"/> is now in Vietnam. Another unit's, an unknown or a removed one: <see cref="Removal.NotFound"/>.
    /// </summary>
    public Task<Removal> RemoveAsync(long stationId, long siteId, DateTimeOffset localNow, CancellationToken cancellationToken = default) =>
        ResourceRemoval.RemoveAsync(database, "sites", "station_id", stationId, siteId, localNow, async (connection, transaction, today) =>
        {
            var uses = new List<ResourceUse>();
            var site = await connection.QuerySingleAsync<Row>(Cmd(
                $"SELECT {Columns} FROM sites WHERE id = @siteId", new { siteId }, transaction, cancellationToken));
            var station = await connection.QuerySingleAsync<(double Longitude, double Latitude)>(Cmd(
                "SELECT collection_point_longitude, collection_point_latitude FROM stations WHERE id = @stationId",
                new { stationId }, transaction, cancellationToken));
            if (site.Kind == nameof(SiteKind.CollectionPoint)
                && ApproximateMetres(site.Longitude, site.Latitude, station.Longitude, station.Latitude) <= CollectionPointMetres)
            {
                uses.Add(new ResourceUse(ResourceUseKind.CollectionPoint));
            }

            var bookings = await connection.QueryAsync<DayCount>(Cmd(
                """
                SELECT date, COUNT(*) AS count FROM bookings
                WHERE station_id = @stationId AND pickup_site_id = @siteId AND status <> @cancelled AND date >= @today
                GROUP BY date ORDER BY date
                """, new { stationId, siteId, cancelled = nameof(BookingStatus.Cancelled), today }, transaction, cancellationToken));
            uses.AddRange(bookings.Select(b => new ResourceUse(ResourceUseKind.Booking, Date: b.Date, Count: (int)b.Count)));
            var requests = await connection.ExecuteScalarAsync<int>(Cmd(
                "SELECT COUNT(*) FROM visit_requests WHERE site_id = @siteId AND status = @open",
                new { siteId, open = nameof(VisitRequestStatus.Open) }, transaction, cancellationToken));
            if (requests > 0)
            {
                uses.Add(new ResourceUse(ResourceUseKind.VisitRequest, Count: requests));
            }

            var days = await ResourceRemoval.PlannedDaysAsync(connection, transaction, stationId, siteId, today, [PlanKind.Pickups, PlanKind.Visits],
                "s.site_id = @id", cancellationToken);
            uses.AddRange(days.Select(d => new ResourceUse(ResourceUseKind.PlanStop, Date: d)));
            return uses;
        }, cancellationToken);

    /// <summary>Metres between two nearby positions (equirectangular: well within a metre at a few hundred metres).</summary>
    private static double ApproximateMetres(double longitude1, double latitude1, double longitude2, double latitude2)
    {
        const double metresPerDegree = 111_195;
        var x = (longitude2 - longitude1) * Math.Cos((latitude1 + latitude2) / 2 * Math.PI / 180);
        var y = latitude2 - latitude1;
        return Math.Sqrt(x * x + y * y) * metresPerDegree;
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

    private sealed class DayCount
    {
        public DateOnly Date { get; init; }
        public long Count { get; init; }
    }

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
        public DateTimeOffset? RemovedAt { get; init; }

        public Site ToDomain() => new(
            Id, StationId, Name, ParseEnum<SiteKind>(Kind), new GeoPoint(Longitude, Latitude), UnitCode, IsIllustrativePosition, Note)
        {
            RemovedAt = RemovedAt,
        };
    }
}
