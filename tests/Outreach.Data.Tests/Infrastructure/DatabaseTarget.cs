using Microsoft.Data.Sqlite;

namespace Outreach.Data.Tests.Infrastructure;

/// <summary>
/// Gives a test a fresh database of one dialect. Store test bodies live in abstract classes that take
/// one of these; a SQLite and a PostgreSQL subclass run the same body on both databases.
/// </summary>
public interface IDatabaseTarget
{
    /// <summary>A new, empty database (migrated unless <paramref name="migrated"/> is false).</summary>
    Task<Database> CreateAsync(bool migrated = true);
}

/// <summary>A temp SQLite file per database (not :memory:, so concurrency tests use real locking).</summary>
public sealed class SqliteTarget : IDatabaseTarget, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("outreach-sqlite-").FullName;
    private int _counter;

    public async Task<Database> CreateAsync(bool migrated = true)
    {
        var file = Path.Combine(_folder, $"test{Interlocked.Increment(ref _counter)}.db");
        var database = Database.ForSqliteFile(file);
        if (migrated)
        {
            await new MigrationRunner(database).RunAsync();
        }

        return database;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class PostgresTarget(PostgresServer server, string prefix) : IDatabaseTarget
{
    public async Task<Database> CreateAsync(bool migrated = true) => new(
        SqlDialect.Postgres,
        migrated ? await server.CreateMigratedDatabaseAsync(prefix) : await server.CreateDatabaseAsync(prefix));
}
