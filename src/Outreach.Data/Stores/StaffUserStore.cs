using Dapper;
using Outreach.Domain;

namespace Outreach.Data.Stores;

/// <summary>
/// Staff accounts. User names are unique ignoring case (stored with an upper-case normalized copy). Every account has
/// a security stamp (<see cref="StaffUser.SecurityStamp"/>): a new random one on every change that must end the
/// account's sessions (sign-out, a new password, a change of role or station, disabling).
/// </summary>
public sealed class StaffUserStore(Database database)
{
    private const string Columns =
        "id, user_name, display_name, password_hash, role, station_id, must_change_password, created_at, disabled_at, security_stamp";

    /// <summary>A new random security stamp: 32 hex digits (128 bits).</summary>
    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

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

    /// <summary>Inserts the user (its Id is ignored; an empty security stamp gets a new one) and returns the new id.</summary>
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
                    must_change_password, created_at, disabled_at, security_stamp)
                VALUES (@UserName, @Normalized, @DisplayName, @PasswordHash, @Role, @StationId,
                    @MustChangePassword, @CreatedAt, @DisabledAt, @SecurityStamp)
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
                    user.MustChangePassword,
                    user.CreatedAt,
                    user.DisabledAt,
                    SecurityStamp = user.SecurityStamp is { Length: > 0 } stamp ? stamp : NewSecurityStamp(),
                },
                cancellationToken: cancellationToken));
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            throw new DuplicateKeyException($"User name '{user.UserName}' is already taken.", e);
        }
    }

    /// <summary>Ends every session of the account (sign-out): a new security stamp. False when no user has this id.</summary>
    public async Task<bool> RotateSecurityStampAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE staff_users SET security_stamp = @stamp WHERE id = @id",
            new { id, stamp = NewSecurityStamp() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Changes what an admin may edit about an account (a new role or station ends its sessions); false when no user has this id.</summary>
    public async Task<bool> UpdateProfileAsync(long id, string displayName, StaffRole role, long? stationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE staff_users SET display_name = @displayName, role = @role, station_id = @stationId,
                security_stamp = CASE WHEN role <> @role OR station_id IS DISTINCT FROM @stationId THEN @stamp ELSE security_stamp END
            WHERE id = @id
            """,
            new { id, displayName, role = role.ToString(), stationId, stamp = NewSecurityStamp() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// An admin's change to an account in one statement: display name, role, station, and whether it is disabled
    /// (<paramref name="now"/> is stored as the moment it was disabled; disabling again keeps the first moment). A new
    /// role or station, or disabling, gives the account a new security stamp (its sessions end); a new display name
    /// alone does not. False when no user has this id.
    /// </summary>
    public async Task<bool> UpdateAccountAsync(
        long id, string displayName, StaffRole role, long? stationId, bool disabled, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE staff_users SET display_name = @displayName, role = @role, station_id = @stationId,
                disabled_at = CASE WHEN @disabled THEN COALESCE(disabled_at, @now) ELSE NULL END,
                security_stamp = CASE WHEN role <> @role OR station_id IS DISTINCT FROM @stationId OR (@disabled AND disabled_at IS NULL)
                    THEN @stamp ELSE security_stamp END
            WHERE id = @id
            """,
            new { id, displayName, role = role.ToString(), stationId, disabled, now, stamp = NewSecurityStamp() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>A new password: its hash and whether it must be changed at the next sign-in; every session of the account ends.</summary>
    public async Task<bool> UpdatePasswordAsync(long id, string passwordHash, bool mustChangePassword, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE staff_users SET password_hash = @passwordHash, must_change_password = @mustChangePassword, security_stamp = @stamp WHERE id = @id",
            new { id, passwordHash, mustChangePassword, stamp = NewSecurityStamp() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The same password hashed again with the hasher's current settings: sessions go on.</summary>
    public async Task<bool> RehashPasswordAsync(long id, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE staff_users SET password_hash = @passwordHash WHERE id = @id",
            new { id, passwordHash }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
        public long? StationId { get; init; }
        public bool MustChangePassword { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DisabledAt { get; init; }
        public string SecurityStamp { get; init; } = "";

        public StaffUser ToDomain() => new(
            Id, UserName, DisplayName, PasswordHash, Enum.Parse<StaffRole>(Role), StationId,
            MustChangePassword, CreatedAt, DisabledAt, SecurityStamp);
    }
}
