using System.Text.RegularExpressions;
using Dapper;
using static Outreach.Data.Stores.Sql;

namespace Outreach.Data.Stores;

/// <summary>Where a refused booking request came from (the <c>channel</c> of <c>booking_refusals</c>).</summary>
public static class RefusalChannels
{
    /// <summary>A family booking on the public pages.</summary>
    public const string Family = "family";

    /// <summary>A family moving its booking to another slot.</summary>
    public const string Move = "move";

    /// <summary>Staff entering bookings for families who phoned.</summary>
    public const string PhoneIn = "phone-in";

    public static IReadOnlyList<string> All { get; } = [Family, Move, PhoneIn];
}

/// <summary>How many requests of one day were refused for one reason through one channel.</summary>
/// <param name="Reason">The reason code as recorded (e.g. "Slot.SeatsFull").</param>
/// <param name="Channel">One of <see cref="RefusalChannels"/>.</param>
public sealed record RefusalCount(string Reason, string Channel, int Count);

/// <summary>
/// Counts of refused booking requests per station, day, reason and channel (<c>booking_refusals</c>), for the chief's
/// pickup day page. Only a code and a channel are stored, never anything about the family, so the counts outlive the
/// day's personal data. Stateless and thread-safe; concurrent records of the same key all count (one upsert each).
/// </summary>
public sealed partial class RefusalStore(Database database, TimeProvider clock)
{
    /// <summary>Longest reason code accepted.</summary>
    public const int MaxReasonLength = 64;

    /// <summary>Adds one refused request to the station's day count for <paramref name="reason"/> and <paramref name="channel"/>.</summary>
    /// <param name="reason">A code: letters, digits, '.', '_' or '-', starting with a letter (never free text, so no
    /// personal data can slip in).</param>
    /// <param name="channel">One of <see cref="RefusalChannels"/>.</param>
    /// <exception cref="ArgumentException">The reason is not such a code, or the channel is unknown.</exception>
    public async Task RecordAsync(long stationId, DateOnly date, string reason, string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(stationId, 1);
        if (reason.Length > MaxReasonLength || !ReasonCode().IsMatch(reason))
        {
            throw new ArgumentException($"reason = '{reason}': a code of letters, digits, '.', '_' or '-' starting with a letter, at most {MaxReasonLength} characters", nameof(reason));
        }

        if (!RefusalChannels.All.Contains(channel))
        {
            throw new ArgumentException($"channel = '{channel}': one of {string.Join(", ", RefusalChannels.All)}", nameof(channel));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(Cmd(
            """
            INSERT INTO booking_refusals (station_id, date, reason, channel, count, updated_at)
            VALUES (@stationId, @date, @reason, @channel, 1, @now)
            ON CONFLICT (station_id, date, reason, channel) DO UPDATE SET count = booking_refusals.count + 1, updated_at = excluded.updated_at
            """,
            new { stationId, date, reason, channel, now = clock.GetUtcNow() }, null, cancellationToken));
    }

    /// <summary>The station's counts for <paramref name="date"/>, most refused first (then by reason and channel).</summary>
    public async Task<IReadOnlyList<RefusalCount>> ForDayAsync(long stationId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(Cmd(
            "SELECT reason, channel, count FROM booking_refusals WHERE station_id = @stationId AND date = @date",
            new { stationId, date }, null, cancellationToken));
        // Ordered here, not in SQL: PostgreSQL's collation and SQLite's binary one would sort codes differently.
        return rows.Select(r => new RefusalCount(r.Reason, r.Channel, r.Count))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal).ThenBy(r => r.Channel, StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonCode();

    private sealed class Row
    {
        public string Reason { get; init; } = "";

        public string Channel { get; init; } = "";

        public int Count { get; init; }
    }
}
