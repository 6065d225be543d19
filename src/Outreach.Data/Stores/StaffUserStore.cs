using Dapper;
using Outreach.Domain;

namespace Outreach.Data.Stores;

/// <summary>
/// Staff accounts. User names are unique ignoring case (stored with an upper-case normalized copy).
/// Lockout: after <c>maxFailedAttempts</c> failures in a row the account is locked until
/// now + lockout duration and the counter starts again.
/// </summary>
public sealed class StaffUserStore(Database database)
{
    private const string Columns =
        "id, user_name, display_name, password_hash, role, station_id, failed_attempts, lockout_end, must_change_password, created_at, disabled_at";

    public static string Normalize(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return userName.Trim().ToUpperInvariant();
    }

    public async Task<StaffUser?> GetByUserNameAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM staff_users WHERE normalized_user_name = @normalized",
            new { normalized = Normalize(userName) },
            cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    public async Task<StaffUser?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM staff_users WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM staff_users ORDER BY normalized_user_name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM staff_users", cancellationToken: cancellationToken));
    }

    /// <summary>Inserts the user (its Id is ignored) and returns the new id.</summary>
    /// <exception cref="DuplicateKeyException">The user name is taken (ignoring case).</exception>
    public async Task<long> InsertAsync(StaffUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.UserName);
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO staff_users (user_name, normalized_user_name, display_name, password_hash, role, station_id,
                    failed_attempts, lockout_end, must_change_password, created_at, disabled_at)
                VALUES (@UserName, @Normalized, @DisplayName, @PasswordHash, @Role, @StationId,
                    @FailedAttempts, @LockoutEnd, @MustChangePassword, @CreatedAt, @DisabledAt)
                RETURNING id
                """,
                new
                {
                    UserName = user.UserName.Trim(),
                    Normalized = Normalize(user.UserName),
                    user.DisplayName,
                    user.PasswordHash,
                    Role = user.Role.ToString(),
                    user.StationId,
                    user.FailedAttempts,
                    user.LockoutEnd,
                    user.MustChangePassword,
                    user.CreatedAt,
                    user.DisabledAt,
                },
                cancellationToken: cancellationToken));
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            throw new DuplicateKeyException($"User name '{user.UserName}' is already taken.", e);
        }
    }

    /// <summary>
    /// Counts one failed sign-in. When the count reaches <paramref name="maxFailedAttempts"/> the account
    /// is locked until <paramref name="now"/> + <paramref name="lockoutDuration"/> and the count resets.
    /// Returns the user as stored afterwards, or null when no such user exists.
    /// </summary>
    public async Task<StaffUser?> RecordFailedAttemptAsync(
        long id,
        int maxFailedAttempts,
        TimeSpan lockoutDuration,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailedAttempts, 1);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var failed = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "UPDATE staff_users SET failed_attempts = failed_attempts + 1 WHERE id = @id RETURNING failed_attempts",
                new { id }, transaction, cancellationToken: cancellationToken));
            if (failed is null)
            {
                return null;
            }

            if (failed >= maxFailedAttempts)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE staff_users SET failed_attempts = 0, lockout_end = @lockoutEnd WHERE id = @id",
                    new { id, lockoutEnd = now + lockoutDuration }, transaction, cancellationToken: cancellationToken));
            }

            var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM staff_users WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            return row.ToDomain();
        }, cancellationToken);
    }

    /// <summary>After a successful sign-in: clears the failure count and any lockout.</summary>
    public async Task<bool> ResetFailedAttemptsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE staff_users SET failed_attempts = 0, lockout_end = NULL WHERE id = @id",
            new { id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Changes what an admin may edit about an account; false when no user has this id.</summary>
    public async Task<bool> UpdateProfileAsync(long id, string displayName, StaffRole role, long? stationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE staff_users SET display_name = @displayName, role = @role, station_id = @stationId WHERE id = @id",
            new { id, displayName, role = role.ToString(), stationId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// An admin's change to an account in one statement: display name, role, station, and whether it is disabled
    /// (<paramref name="now"/> is stored as the moment it was disabled; disabling again keeps the first moment).
    /// False when no user has this id.
    /// </summary>
    public async Task<bool> UpdateAccountAsync(
        long id, string displayName, StaffRole role, long? stationId, bool disabled, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE staff_users SET display_name = @displayName, role = @role, station_id = @stationId,
                disabled_at = CASE WHEN @disabled THEN COALESCE(disabled_at, @now) ELSE NULL END
            WHERE id = @id
            """,
            new { id, displayName, role = role.ToString(), stationId, disabled, now }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> UpdatePasswordAsync(long id, string passwordHash, bool mustChangePassword, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE staff_users SET password_hash = @passwordHash, must_change_password = @mustChangePassword WHERE id = @id",
            new { id, passwordHash, mustChangePassword }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
        public long? StationId { get; init; }
        public int FailedAttempts { get; init; }
        public DateTimeOffset? LockoutEnd { get; init; }
        public bool MustChangePassword { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DisabledAt { get; init; }

        public StaffUser ToDomain() => new(
            Id, UserName, DisplayName, PasswordHash, Enum.Parse<StaffRole>(Role), StationId,
            FailedAttempts, LockoutEnd, MustChangePassword, CreatedAt, DisabledAt);
    }
}
