using System.Security.Cryptography;
using Dapper;
using Outreach.Domain;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>A short link to one van's (or team's) trips of one day in one plan version.</summary>
/// <param name="Code">The random code in the address ("/d/K7M2QX9PTA4B").</param>
public sealed record DriverDayLink(string Code, long PlanId, PlanResourceKind ResourceKind, long ResourceId, DateOnly Date, DateTimeOffset ExpiresAt);

/// <summary>
/// Short links for drivers (<c>driver_day_links</c>): a random code per plan version, resource and day, so the day's
/// message carries a 40-character address instead of a 200-character signed token per trip. The code is the secret
/// (about 59 random bits; unknown and expired codes show nothing). Stateless and thread-safe.
/// </summary>
public sealed class DriverDayLinkStore(Database database)
{
    /// <summary>Letters and digits that cannot be misread (no 0/O, 1/I/L): 31 of them, so a code of 12 holds about 59 random bits.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int CodeLength = 12;

    /// <summary>The link of the day, made now (with <paramref name="expiresAt"/>) unless one exists already.</summary>
    public async Task<DriverDayLink> GetOrCreateAsync(long planId, PlanResourceKind resourceKind, long resourceId, DateOnly date, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var kind = resourceKind.ToString();
        // ON CONFLICT DO NOTHING: two publishers racing keep the first code; both then read it.
        await connection.ExecuteAsync(Cmd(
            """
            INSERT INTO driver_day_links (code, plan_id, resource_kind, resource_id, date, expires_at)
            VALUES (@code, @planId, @kind, @resourceId, @date, @expiresAt)
            ON CONFLICT (plan_id, resource_kind, resource_id, date) DO NOTHING
            """,
            new { code = NewCode(), planId, kind, resourceId, date, expiresAt }, null, cancellationToken));
        var row = await connection.QuerySingleAsync<Row>(Cmd(
            $"SELECT {Columns} FROM driver_day_links WHERE plan_id = @planId AND resource_kind = @kind AND resource_id = @resourceId AND date = @date",
            new { planId, kind, resourceId, date }, null, cancellationToken));
        return row.ToDomain();
    }

    /// <summary>The link with this code (any case), or null; expiry is the caller's to check.</summary>
    public async Task<DriverDayLink?> GetAsync(string? code, CancellationToken cancellationToken = default)
    {
        var normalized = code?.Trim().ToUpperInvariant();
        if (normalized is not { Length: CodeLength } || normalized.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(Cmd(
            $"SELECT {Columns} FROM driver_day_links WHERE code = @code", new { code = normalized }, null, cancellationToken)))?.ToDomain();
    }

    private const string Columns = "code, plan_id, resource_kind, resource_id, date, expires_at";

    private static string NewCode() => RandomNumberGenerator.GetString(Alphabet, CodeLength);

    private sealed class Row
    {
        public string Code { get; init; } = "";

        public long PlanId { get; init; }

        public string ResourceKind { get; init; } = "";

        public long ResourceId { get; init; }

        public DateOnly Date { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public DriverDayLink ToDomain() => new(Code, PlanId, ParseEnum<PlanResourceKind>(ResourceKind), ResourceId, Date, ExpiresAt);
    }
}
