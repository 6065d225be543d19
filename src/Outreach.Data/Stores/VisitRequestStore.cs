using System.Data.Common;
using Dapper;
using Outreach.Domain;
using Outreach.Domain.Validation;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>Visit requests with their applicant groups and availability windows, always written together.</summary>
public sealed class VisitRequestStore(Database database)
{
    private const string Columns =
        "id, station_id, site_id, setup_minutes, required_presence, priority, deadline, expected_failure_share, status, note, contact_name, contact_phone";

    /// <exception cref="DomainValidationException">The request is invalid; nothing is stored.</exception>
    public async Task<long> InsertAsync(VisitRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await InsertManyAsync([request], cancellationToken))[0];
    }

    /// <summary>Inserts all requests with their groups and windows in one transaction; ids in input order.</summary>
    public async Task<IReadOnlyList<long>> InsertManyAsync(IReadOnlyList<VisitRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        DomainValidationException.ThrowIfAny(Indexed(requests, DomainValidators.Validate));

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var ids = new List<long>(requests.Count);
            foreach (var request in requests)
            {
                var id = await connection.ExecuteScalarAsync<long>(Cmd(
                    """
                    INSERT INTO visit_requests (station_id, site_id, setup_minutes, required_presence, priority, deadline,
                        expected_failure_share, status, note, contact_name, contact_phone)
                    VALUES (@StationId, @SiteId, @SetupMinutes, @RequiredPresence, @Priority, @Deadline,
                        @ExpectedFailureShare, @Status, @Note, @ContactName, @ContactPhone)
                    RETURNING id
                    """, Parameters(request), transaction, cancellationToken));
                await InsertChildrenAsync(connection, transaction, id, request, cancellationToken);
                ids.Add(id);
            }

            return (IReadOnlyList<long>)ids;
        }, cancellationToken);
    }

    /// <summary>Replaces the request, its groups and windows in one transaction; false when no request has this id.</summary>
    public async Task<bool> UpdateAsync(VisitRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        DomainValidationException.ThrowIfAny(DomainValidators.Validate(request));
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var parameters = new DynamicParameters(Parameters(request));
            parameters.Add("Id", request.Id);
            var changed = await connection.ExecuteAsync(Cmd(
                """
                UPDATE visit_requests SET station_id = @StationId, site_id = @SiteId, setup_minutes = @SetupMinutes,
                    required_presence = @RequiredPresence, priority = @Priority, deadline = @Deadline,
                    expected_failure_share = @ExpectedFailureShare, status = @Status, note = @Note,
                    contact_name = @ContactName, contact_phone = @ContactPhone
                WHERE id = @Id
                """, parameters, transaction, cancellationToken));
            if (changed == 0)
            {
                return false;
            }

            await connection.ExecuteAsync(Cmd("DELETE FROM visit_request_applicants WHERE visit_request_id = @id", new { id = request.Id }, transaction, cancellationToken));
            await connection.ExecuteAsync(Cmd("DELETE FROM visit_request_windows WHERE visit_request_id = @id", new { id = request.Id }, transaction, cancellationToken));
            await InsertChildrenAsync(connection, transaction, request.Id, request, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<bool> SetStatusAsync(long id, VisitRequestStatus status, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Cmd(
            "UPDATE visit_requests SET status = @status WHERE id = @id", new { id, status = status.ToString() }, null, cancellationToken)) == 1;
    }

    public async Task<VisitRequest?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault();

    /// <summary>The station's requests by priority (highest first) then deadline; optionally only one status.</summary>
    public Task<IReadOnlyList<VisitRequest>> ListByStationAsync(long stationId, VisitRequestStatus? status = null, CancellationToken cancellationToken = default) =>
        QueryAsync("WHERE station_id = @stationId AND (@status IS NULL OR status = @status)", new { stationId, status = status?.ToString() }, cancellationToken);

    private async Task<IReadOnlyList<VisitRequest>> QueryAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(Cmd(
            $"SELECT {Columns} FROM visit_requests {where} ORDER BY priority DESC, deadline, id", parameters, null, cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = InList(rows.Select(r => r.Id));
        var applicants = (await connection.QueryAsync<ApplicantRow>(Cmd(
            $"SELECT visit_request_id, category, applicant_count, capture_minutes_override FROM visit_request_applicants WHERE visit_request_id IN ({ids})",
            null, null, cancellationToken))).ToLookup(a => a.VisitRequestId);
        var windows = (await connection.QueryAsync<WindowRow>(Cmd(
            $"SELECT visit_request_id, date, window_start, window_end FROM visit_request_windows WHERE visit_request_id IN ({ids}) ORDER BY date, window_start, id",
            null, null, cancellationToken))).ToLookup(w => w.VisitRequestId);
        return rows.Select(r => r.ToDomain(
            applicants[r.Id]
                .Select(a => new ApplicantGroup(ParseEnum<ApplicantCategory>(a.Category), a.ApplicantCount, a.CaptureMinutesOverride))
                .OrderBy(a => a.Category)
                .ToList(),
            windows[r.Id].Select(w => new AvailabilityWindow(w.Date, w.WindowStart, w.WindowEnd)).ToList())).ToList();
    }

    private static async Task InsertChildrenAsync(DbConnection connection, DbTransaction transaction, long id, VisitRequest request, CancellationToken cancellationToken)
    {
        foreach (var a in request.Applicants)
        {
            await connection.ExecuteAsync(Cmd(
                """
                INSERT INTO visit_request_applicants (visit_request_id, category, applicant_count, capture_minutes_override)
                VALUES (@id, @category, @Count, @CaptureMinutesOverride)
                """, new { id, category = a.Category.ToString(), a.Count, a.CaptureMinutesOverride }, transaction, cancellationToken));
        }

        foreach (var w in request.Windows)
        {
            await connection.ExecuteAsync(Cmd(
                "INSERT INTO visit_request_windows (visit_request_id, date, window_start, window_end) VALUES (@id, @Date, @Start, @End)",
                new { id, w.Date, w.Start, w.End }, transaction, cancellationToken));
        }
    }

    private static object Parameters(VisitRequest r) => new
    {
        r.StationId,
        r.SiteId,
        r.SetupMinutes,
        RequiredPresence = (int)r.RequiredPresence,
        r.Priority,
        r.Deadline,
        r.ExpectedFailureShare,
        Status = r.Status.ToString(),
        r.Note,
        r.ContactName,
        ContactPhone = VietnamPhone.Normalize(r.ContactPhone),
    };

    private sealed class Row
    {
        public long Id { get; init; }
        public long StationId { get; init; }
        public long SiteId { get; init; }
        public int SetupMinutes { get; init; }
        public int RequiredPresence { get; init; }
        public int Priority { get; init; }
        public DateOnly? Deadline { get; init; }
        public double ExpectedFailureShare { get; init; }
        public string Status { get; init; } = "";
        public string? Note { get; init; }
        public string? ContactName { get; init; }
        public string? ContactPhone { get; init; }

        public VisitRequest ToDomain(IReadOnlyList<ApplicantGroup> applicants, IReadOnlyList<AvailabilityWindow> windows) => new(
            Id, StationId, SiteId, applicants, SetupMinutes, windows, (RequiredPresence)RequiredPresence, Priority, Deadline,
            ExpectedFailureShare, ParseEnum<VisitRequestStatus>(Status), Note, ContactName, ContactPhone);
    }

    private sealed class ApplicantRow
    {
        public long VisitRequestId { get; init; }
        public string Category { get; init; } = "";
        public int ApplicantCount { get; init; }
        public int? CaptureMinutesOverride { get; init; }
    }

    private sealed class WindowRow
    {
        public long VisitRequestId { get; init; }
        public DateOnly Date { get; init; }
        public TimeOnly WindowStart { get; init; }
        public TimeOnly WindowEnd { get; init; }
    }
}
