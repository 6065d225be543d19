using Dapper;
using Outreach.Data.Tests.Infrastructure;

namespace Outreach.Data.Tests;

public abstract class DatabaseTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private sealed record Values(DateOnly Day, TimeOnly Time, DateTimeOffset Instant, DateOnly? NoDay, DateTimeOffset? NoInstant);

    [SkippableFact]
    public async Task TypeHandlers_DateTimeValues_RoundTripAndInstantsComeBackInUtc()
    {
        var database = await NewDatabaseAsync(migrated: false);
        var dateType = database.Dialect == SqlDialect.Sqlite ? "TEXT" : "date";
        var timeType = database.Dialect == SqlDialect.Sqlite ? "TEXT" : "time";
        var instantType = database.Dialect == SqlDialect.Sqlite ? "TEXT" : "timestamptz";
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            $"CREATE TABLE t (day {dateType}, time {timeType}, instant {instantType}, no_day {dateType}, no_instant {instantType})");
        // 08:15 in Asia/Ho_Chi_Minh (UTC+7) is 01:15 UTC.
        var local = new DateTimeOffset(2026, 9, 2, 8, 15, 30, TimeSpan.FromHours(7));
        await connection.ExecuteAsync(
            "INSERT INTO t VALUES (@Day, @Time, @Instant, @NoDay, @NoInstant)",
            new Values(new DateOnly(2026, 9, 2), new TimeOnly(17, 30), local, null, null));

        var back = await connection.QuerySingleAsync<Values>("SELECT day, time, instant, no_day, no_instant FROM t");

        Assert.Equal(new DateOnly(2026, 9, 2), back.Day);
        Assert.Equal(new TimeOnly(17, 30), back.Time);
        Assert.Equal(local, back.Instant);
        Assert.Equal(TimeSpan.Zero, back.Instant.Offset);
        Assert.Equal(new DateTime(2026, 9, 2, 1, 15, 30), back.Instant.DateTime);
        Assert.Null(back.NoDay);
        Assert.Null(back.NoInstant);
    }

    [SkippableFact]
    public async Task TypeHandlers_DateParameter_ComparesInSql()
    {
        var database = await NewDatabaseAsync(migrated: false);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(database.Dialect == SqlDialect.Sqlite ? "CREATE TABLE d (day TEXT)" : "CREATE TABLE d (day date)");
        foreach (var day in new[] { 1, 9, 10, 28 })
        {
            await connection.ExecuteAsync("INSERT INTO d VALUES (@day)", new { day = new DateOnly(2026, 2, day) });
        }

        // Days 9 and 10 lie in [9, 27]; a text comparison would also be wrong if formats differed.
        var count = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM d WHERE day BETWEEN @from AND @to",
            new { from = new DateOnly(2026, 2, 9), to = new DateOnly(2026, 2, 27) });

        Assert.Equal(2, count);
    }

    [SkippableFact]
    public async Task ConfigVersion_StationSettingsVansSitesAndCalendarWrites_CountedForEveryDatabaseOfTheProcessOnIt_ReadsNot()
    {
        var database = await NewDatabaseAsync();
        var other = new Database(database.Dialect, database.ConnectionString);
        var stations = new Outreach.Data.Stores.StationStore(database);
        long before = other.ConfigVersion;
        var stationId = await stations.InsertAsync(new Outreach.Domain.Station(0, "Công an phường Đếm", null, null, null, null, "Trụ sở",
            new Outreach.Domain.GeoPoint(105.84, 21.47), null, 2, 5, 45, 60, null, []));
        long afterStation = other.ConfigVersion;
        var fleet = new Outreach.Data.Stores.FleetStore(other);
        var vanId = await fleet.InsertVehicleAsync(new Outreach.Domain.Vehicle(0, stationId, "Xe 01", null, 15, 1, 2, Outreach.Domain.VehicleProfile.Van));
        long afterVan = database.ConfigVersion;
        _ = await fleet.ListVehiclesAsync(stationId);
        _ = await stations.GetAsync(stationId);
        long afterReads = database.ConfigVersion;
        var siteId = await new Outreach.Data.Stores.SiteStore(database).InsertAsync(new Outreach.Domain.Site(0, stationId, "Trường Đếm", Outreach.Domain.SiteKind.School,
            new Outreach.Domain.GeoPoint(105.85, 21.475), null, false, null));
        long afterSite = other.ConfigVersion;
        _ = await fleet.RemoveVehicleAsync(stationId, vanId, Now, (_, _) => 0);
        long afterRemoval = other.ConfigVersion;

        // Each write counted once it is done, whichever Database object of the process wrote it; reads count nothing.
        Assert.True(afterStation > before);
        Assert.True(afterVan > afterStation);
        Assert.Equal(afterVan, afterReads);
        Assert.True(afterSite > afterReads, $"site {siteId}");
        Assert.True(afterRemoval > afterSite);
    }
}

public sealed class SqliteDatabaseTests() : DatabaseTests(new SqliteTarget())
{
    [Fact]
    public async Task OpenAsync_Sqlite_EnablesForeignKeysAndWal()
    {
        var database = await Target.CreateAsync(migrated: false);
        await using var connection = await database.OpenAsync();

        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(Database.SqliteBusyTimeoutMilliseconds, await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task Create_SqliteFileInMissingFolder_CreatesFolderAndMigrates()
    {
        var folder = Path.Combine(Path.GetTempPath(), "outreach-sqlite-" + Guid.NewGuid().ToString("N"));
        try
        {
            var database = Database.Create("sqlite", $"Data Source={Path.Combine(folder, "data", "outreach.db")}");

            var applied = await new MigrationRunner(database).RunAsync();

            Assert.Equal(MigrationRunner.Embedded(SqlDialect.Sqlite).Count, applied.Count);
            Assert.True(File.Exists(Path.Combine(folder, "data", "outreach.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task InTransactionAsync_SqliteWriterBusy_NextWritersWaitWithoutAThreadAndGoInTurn()
    {
        // SQLite has one writer per file. A writer that finds another one busy used to wait inside BEGIN IMMEDIATE, on a
        // thread of its own, sleeping in SQLite's busy handler: a burst of bookings on a busy day took every thread of the
        // pool, and the writer holding the lock waited for a thread. Writers now queue for their turn asynchronously, in order.
        var database = await Target.CreateAsync();
        var sameFile = new Database(SqlDialect.Sqlite, database.ConnectionString);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = database.InTransactionAsync(async (connection, transaction) =>
        {
            entered.SetResult();
            await holding.Task;
        });
        await entered.Task;

        // Another Database on the same file shares the queue; its turn is not given while the first writer holds it.
        var turn = sameFile.EnterWriterAsync();
        Assert.False(turn.IsCompleted);
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var waiting = new List<Task>();
        for (int i = 0; i < 20; i++)
        {
            int k = i;
            waiting.Add(database.InTransactionAsync(async (connection, transaction) =>
            {
                order.Enqueue(k);
                await connection.ExecuteAsync("SELECT 1", transaction: transaction);
            }));
        }

        Assert.All(waiting, t => Assert.False(t.IsCompleted));
        holding.SetResult();
        await first;
        (await turn).Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Theory]
    [InlineData("sqlite", SqlDialect.Sqlite)]
    [InlineData("PostgreSQL", SqlDialect.Postgres)]
    [InlineData("postgres", SqlDialect.Postgres)]
    [InlineData("Npgsql", SqlDialect.Postgres)]
    public void ParseDialect_KnownNames_MapToDialect(string name, SqlDialect expected) =>
        Assert.Equal(expected, Database.ParseDialect(name));

    [Fact]
    public void ParseDialect_UnknownName_Throws() =>
        Assert.Throws<ArgumentException>(() => Database.ParseDialect("mysql"));
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresDatabaseTests(PostgresServer server) : DatabaseTests(new PostgresTarget(server, "database"));
