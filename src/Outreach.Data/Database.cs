using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Outreach.Data;

/// <summary>
/// Where the data lives: a dialect and a connection string. Thread-safe; every call opens its own
/// pooled connection. SQLite connections get foreign keys, WAL and a busy timeout on every open, and
/// their transactions start with BEGIN IMMEDIATE so writers queue instead of failing mid-way. On SQLite the
/// writers of this process queue first in <see cref="EnterWriterAsync"/>, so they wait without holding a thread.
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

    /// <summary>One writer at a time per SQLite file (see <see cref="EnterWriterAsync"/>), shared by every <see cref="Database"/> of the process on that file.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    private SemaphoreSlim? _writer;

    /// <summary>Per database (connection string): changes of stations' settings, vans, teams, sites and calendars made in this process.</summary>
    private static readonly ConcurrentDictionary<string, StrongBox<long>> ConfigVersions = new(StringComparer.Ordinal);

    private StrongBox<long>? _configVersion;

    private StrongBox<long> ConfigBox => _configVersion ??= ConfigVersions.GetOrAdd(ConnectionString, _ => new StrongBox<long>());

    /// <summary>
    /// Counts the writes of what a station's booking pages are made of (its settings and opening hours, vans, teams,
    /// pickup sites, holidays, desk shifts) through any <see cref="Database"/> of this process on this database, so a
    /// reader that keeps them (<c>BookingDesk</c>) reads them again after one. Read it before reading what it guards;
    /// the stores count a write once it is done.
    /// </summary>
    public long ConfigVersion => Interlocked.Read(ref ConfigBox.Value);

    /// <summary>
    /// A write of station configuration (see <see cref="ConfigVersion"/>): counted when the returned scope ends, i.e. once
    /// the write is done (or failed). <c>using var counted = database.ConfigWrite();</c> at the top of a store's write.
    /// </summary>
    public IDisposable ConfigWrite() => new ConfigWriteScope(ConfigBox);

    private sealed class ConfigWriteScope(StrongBox<long> version) : IDisposable
    {
        public void Dispose() => Interlocked.Increment(ref version.Value);
    }

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
    /// SQLite: waits, without holding a thread, until no other writer of this process has the file, and holds it until the
    /// returned turn is disposed (after the transaction ends). SQLite allows one writer per file; without this queue every
    /// waiting writer would sleep in SQLite's busy handler on a thread of its own, and a burst of bookings on a busy day
    /// starves the thread pool, so the writer that holds the lock waits for a thread to finish. The queue is first come,
    /// first served. PostgreSQL: nothing to wait for (its row locks wait on the server).
    /// </summary>
    public async ValueTask<WriterTurn> EnterWriterAsync(CancellationToken cancellationToken = default)
    {
        if (Dialect != SqlDialect.Sqlite)
        {
            return default;
        }

        var writer = _writer ??= SqliteWriters.GetOrAdd(WriterKey(ConnectionString), _ => new SemaphoreSlim(1, 1));
        await writer.WaitAsync(cancellationToken);
        return new WriterTurn(writer);
    }

    /// <summary>A writer's turn on a SQLite file (see <see cref="EnterWriterAsync"/>); disposing it lets the next writer in.</summary>
    public readonly struct WriterTurn(SemaphoreSlim? writer) : IDisposable
    {
        public void Dispose() => writer?.Release();
    }

    private static string WriterKey(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode is SqliteOpenMode.Memory || builder.DataSource is ":memory:" || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : Path.GetFullPath(builder.DataSource);
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
    /// SQLite: the transaction waits for its writer's turn first (<see cref="EnterWriterAsync"/>).
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
                // The connection opens (and sets its pragmas) before the writer's turn, so the turn covers the transaction only.
                await using var connection = await OpenAsync(cancellationToken);
                using var turn = await EnterWriterAsync(cancellationToken);
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
