using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Outreach.Data;

/// <summary>
/// Where the data lives: a dialect and a connection string. Thread-safe; every call opens its own
/// pooled connection. SQLite connections get foreign keys, WAL and a busy timeout on every open, and
/// their transactions start with BEGIN IMMEDIATE so writers queue instead of failing mid-way.
/// </summary>
public sealed class Database
{
    /// <summary>How long a SQLite connection waits for another writer before giving up.</summary>
    public const int SqliteBusyTimeoutMilliseconds = 30_000;

    public Database(SqlDialect dialect, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Dialect = dialect;
        ConnectionString = dialect == SqlDialect.Sqlite ? PrepareSqlite(connectionString) : connectionString;
        DapperTypeHandlers.EnsureRegistered();
    }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Creates a database from a provider name as written in configuration: "sqlite", or "postgres"
    /// ("postgresql" and "npgsql" are accepted too); case-insensitive.
    /// </summary>
    public static Database Create(string providerName, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(providerName);
        return new Database(ParseDialect(providerName), connectionString);
    }

    /// <summary>A SQLite database in the given file (created on first use, with its folder).</summary>
    public static Database ForSqliteFile(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        return new Database(SqlDialect.Sqlite, new SqliteConnectionStringBuilder { DataSource = filePath }.ToString());
    }

    public static SqlDialect ParseDialect(string providerName) => providerName.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => SqlDialect.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => SqlDialect.Postgres,
        _ => throw new ArgumentException(
            $"Unknown database provider '{providerName}'; use 'sqlite' or 'postgres'.", nameof(providerName)),
    };

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Dialect == SqlDialect.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Dialect == SqlDialect.Sqlite)
            {
                await using var command = connection.CreateCommand();
                // busy_timeout first so switching to WAL waits for other connections instead of failing.
                command.CommandText =
                    $"PRAGMA busy_timeout = {SqliteBusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a read-committed transaction (PostgreSQL) or a BEGIN IMMEDIATE transaction (SQLite: takes
    /// the write lock at once, so a read-then-write sequence cannot be overtaken by another writer).
    /// </summary>
    public async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Dialect == SqlDialect.Sqlite
            ? ((SqliteConnection)connection).BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction on a fresh connection and commits; any exception
    /// rolls everything back. PostgreSQL serialization failures and deadlocks are retried a few times.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var transaction = await BeginAsync(connection, cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException e) when (attempt < 10 && e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InTransactionAsync<bool>(async (c, t) =>
        {
            await work(c, t);
            return true;
        }, cancellationToken);
    }

    /// <summary>True when <paramref name="exception"/> is a unique-constraint violation on either database.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        // A fresh clone has no data folder yet; SQLite creates the file but not its folder.
        if (builder.Mode is not SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } file
            && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        if (builder.DefaultTimeout < SqliteBusyTimeoutMilliseconds / 1000)
        {
            builder.DefaultTimeout = SqliteBusyTimeoutMilliseconds / 1000;
        }

        return builder.ToString();
    }
}
