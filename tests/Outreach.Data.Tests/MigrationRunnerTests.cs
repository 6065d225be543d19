using Dapper;
using Outreach.Data.Tests.Infrastructure;

namespace Outreach.Data.Tests;

public abstract class MigrationRunnerTests(IDatabaseTarget target) : StoreTestBase(target)
{
    [SkippableFact]
    public async Task RunAsync_FreshDatabase_AppliesEveryEmbeddedMigrationInOrder()
    {
        var database = await NewDatabaseAsync(migrated: false);
        var expected = MigrationRunner.Embedded(database.Dialect).Select(m => m.Version).ToList();

        var applied = await new MigrationRunner(database).RunAsync();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, applied);
        Assert.Equal(expected, await new MigrationRunner(database).AppliedVersionsAsync());
    }

    [SkippableFact]
    public async Task RunAsync_SecondRun_AppliesNothing()
    {
        var database = await NewDatabaseAsync(migrated: false);
        await new MigrationRunner(database).RunAsync();

        var second = await new MigrationRunner(database).RunAsync();

        Assert.Empty(second);
    }

    [SkippableFact]
    public async Task RunAsync_TwoProcessesStartAtOnce_EachMigrationAppliedExactlyOnce()
    {
        var database = await NewDatabaseAsync(migrated: false);
        var expected = MigrationRunner.Embedded(database.Dialect).Select(m => m.Version).ToList();

        // Two runners with their own connections race; the lock makes one apply everything and the other nothing.
        var results = await Task.WhenAll(
            Task.Run(() => new MigrationRunner(database).RunAsync()),
            Task.Run(() => new MigrationRunner(database).RunAsync()));

        Assert.Equal(expected, results.SelectMany(r => r).Order().ToList());
        Assert.Contains(results, r => r.Count == 0);
    }

    [SkippableFact]
    public async Task RunAsync_LaterScriptFails_NothingIsApplied()
    {
        var database = await NewDatabaseAsync(migrated: false);
        var migrations = new[]
        {
            new Migration(1, "good", "CREATE TABLE good_table (id integer PRIMARY KEY)"),
            new Migration(2, "broken", "CREATE TABLE broken_table (id integer PRIMARY KEY"),
        };
        var runner = new MigrationRunner(database, TimeProvider.System, migrations);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync());

        Assert.Contains("0002_broken", error.Message, StringComparison.Ordinal);
        await using var connection = await database.OpenAsync();
        // The first script ran in the same transaction, so its table is gone with the rollback.
        var tables = database.Dialect == SqlDialect.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('good_table', 'schema_migrations')"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('good_table', 'schema_migrations')";
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(tables));
    }
}

public sealed class SqliteMigrationRunnerTests() : MigrationRunnerTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresMigrationRunnerTests(PostgresServer server) : MigrationRunnerTests(new PostgresTarget(server, "migrations"));
