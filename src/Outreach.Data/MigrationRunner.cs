using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Outreach.Data;

/// <summary>One numbered SQL script embedded as Migrations/{dialect}/NNNN_name.sql.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded migrations of the database's dialect that are not yet recorded in
/// <c>schema_migrations</c>, in version order, all in ONE transaction: either every pending script is
/// applied or none is. Idempotent, and safe when several processes start at once: PostgreSQL takes a
/// transaction-scoped advisory lock, SQLite's BEGIN IMMEDIATE takes the write lock before reading.
/// </summary>
public sealed partial class MigrationRunner
{
    private readonly Database _database;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<Migration> _migrations;

    /// <summary>Arbitrary constant naming the advisory lock ("OUTREACH" in ASCII, truncated).</summary>
    private const long PostgresAdvisoryLockKey = 0x4F55545245414348;

    public MigrationRunner(Database database)
        : this(database, TimeProvider.System)
    {
    }

    public MigrationRunner(Database database, TimeProvider clock)
        : this(database, clock, Embedded((database ?? throw new ArgumentNullException(nameof(database))).Dialect))
    {
    }

    /// <summary>Runs the given scripts instead of the embedded ones (tests use it to prove rollback).</summary>
    internal MigrationRunner(Database database, TimeProvider clock, IReadOnlyList<Migration> migrations)
    {
        _database = database;
        _clock = clock;
        _migrations = migrations;
    }

    /// <summary>All migrations embedded for a dialect, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded(SqlDialect dialect)
    {
        var folder = dialect == SqlDialect.Sqlite ? "sqlite" : "postgres";
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success || match.Groups["dialect"].Value != folder)
            {
                continue;
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two {folder} migrations share version {migrations[i].Version}: {migrations[i - 1].Name} and {migrations[i].Name}.");
            }
        }

        return migrations;
    }

    /// <summary>Applies pending migrations and returns the versions applied now (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> RunAsync(CancellationToken cancellationToken = default)
    {
        var database = _database;
        var appliedNow = new List<int>();
        using var turn = await database.EnterWriterAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        if (database.Dialect == SqlDialect.Postgres)
        {
            await connection.ExecuteAsync(
                new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresAdvisoryLockKey }, transaction, cancellationToken: cancellationToken));
        }

        var createTable = database.Dialect == SqlDialect.Postgres
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
        await connection.ExecuteAsync(new CommandDefinition(createTable, transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<int>(
            new CommandDefinition("SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken)))
            .ToHashSet();

        foreach (var migration in _migrations.OrderBy(m => m.Version).Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteScriptAsync(connection, transaction, migration, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = _clock.GetUtcNow() },
                transaction,
                cancellationToken: cancellationToken));
            appliedNow.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return appliedNow;
    }

    /// <summary>Versions recorded as applied, ascending.</summary>
    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<int>(
            new CommandDefinition("SELECT version FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private static async Task ExecuteScriptAsync(DbConnection connection, DbTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = migration.Sql;
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw new InvalidOperationException($"Migration {migration.Version:D4}_{migration.Name} failed: {e.Message}", e);
        }
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^Migrations[/\\](?<dialect>sqlite|postgres)[/\\](?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
