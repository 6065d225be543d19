using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;
using Outreach.Data.Backup;
using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Backup;

/// <summary>
/// Finding 8 (issue 14): a backup taken while families go on booking restores every booking confirmed before it
/// started, with the keys, on SQLite (VACUUM INTO, WAL included) and PostgreSQL (pg_dump / pg_restore); a restore
/// checks the manifest and refuses what would lose data.
/// </summary>
public abstract class DatabaseBackupTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("outreach-backup-").FullName;

    /// <summary>A target database for a restore: an empty SQLite file path, or an empty PostgreSQL database.</summary>
    protected abstract Task<Database> EmptyTargetAsync(string scratchFolder);

    [SkippableFact]
    public async Task BackupAsync_WhileBookingsAreWritten_RestoresEveryBookingConfirmedBeforeItStarted()
    {
        var source = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(source);
        var store = new BookingStore(source, new ManualClock(Now));
        var keys = Directory.CreateDirectory(Path.Combine(_folder, "data", "keys")).FullName;
        await File.WriteAllTextAsync(Path.Combine(keys, "key-0001.xml"), "<key id=\"0001\" />");
        var confirmed = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var result = await store.TryBookAsync(
                    TestData.Booking(stationId, siteId, slot: new TimeOnly(7 + (i % 10), 0)) with { Phone = $"09{w}{i % 10_000_000:D7}" },
                    new BookingCapacity(SeatsPerSlot: 100_000));
                confirmed.Enqueue(result.Booking!.Code);
            }
        })).ToList();
        while (confirmed.Count < 40)
        {
            await Task.Delay(5);
        }

        var before = confirmed.ToHashSet();
        var backup = await DatabaseBackup.BackupAsync(source, Path.Combine(_folder, "backup"), keys, "test", TimeProvider.System);
        while (confirmed.Count < before.Count + 20)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var restoredDb = await EmptyTargetAsync(_folder);
        var restoredKeys = Path.Combine(_folder, "restored", "keys");
        var report = await DatabaseBackup.RestoreAsync(backup.Folder, new RestoreTarget(restoredDb, restoredKeys, Force: false), TimeProvider.System);

        var latest = MigrationRunner.Embedded(source.Dialect).Max(m => m.Version);
        Assert.Equal((latest, latest, 1), (backup.Manifest.Migration, report.Migration, report.KeyFiles));
        var restored = await CodesAsync(restoredDb);
        var all = await CodesAsync(source);
        Assert.Empty(before.Except(restored));
        Assert.Empty(restored.Except(all));
        Assert.True(all.Count > restored.Count, $"bookings went on after the backup: {all.Count} in the source, {restored.Count} restored");
        Assert.Equal("<key id=\"0001\" />", await File.ReadAllTextAsync(Path.Combine(restoredKeys, "key-0001.xml")));
        // The restored database is a working one: the store reads it and migrations find nothing to do.
        Assert.Empty(await new MigrationRunner(restoredDb).RunAsync());
        Assert.NotNull(await new BookingStore(restoredDb, new ManualClock(Now)).GetByCodeAsync(before.First()));
    }

    [SkippableFact]
    public async Task RestoreAsync_TargetNotEmpty_RefusesWithoutForceThenMovesTheOldAside()
    {
        var source = await NewDatabaseAsync();
        await TestData.StationWithSiteAsync(source);
        var keys = Directory.CreateDirectory(Path.Combine(_folder, "keys")).FullName;
        await File.WriteAllTextAsync(Path.Combine(keys, "key-a.xml"), "<key />");
        var backup = await DatabaseBackup.BackupAsync(source, Path.Combine(_folder, "backup"), keys, "test", TimeProvider.System);
        var busy = await NewDatabaseAsync();
        var busyKeys = Directory.CreateDirectory(Path.Combine(_folder, "busy-keys")).FullName;
        await File.WriteAllTextAsync(Path.Combine(busyKeys, "key-b.xml"), "<other />");

        var refused = await Assert.ThrowsAsync<BackupException>(() =>
            DatabaseBackup.RestoreAsync(backup.Folder, new RestoreTarget(busy, busyKeys, Force: false), TimeProvider.System));
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.Contains(busyKeys, refused.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(busyKeys, "key-b.xml")));

        if (busy.Dialect == SqlDialect.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
        }

        var forced = await DatabaseBackup.RestoreAsync(backup.Folder, new RestoreTarget(busy, busyKeys, Force: true), TimeProvider.System);

        Assert.Contains(forced.MovedAside, p => p.StartsWith(busyKeys + ".before-restore-", StringComparison.Ordinal));
        Assert.Equal(["key-a.xml"], Directory.GetFiles(busyKeys).Select(Path.GetFileName));
        Assert.Single(await new StationStore(busy).ListAsync());
    }

    [SkippableFact]
    public async Task RestoreAsync_ChangedFileOrNewerMigration_RefusesNamingIt()
    {
        var source = await NewDatabaseAsync();
        var keys = Directory.CreateDirectory(Path.Combine(_folder, "keys")).FullName;
        await File.WriteAllTextAsync(Path.Combine(keys, "key-a.xml"), "<key />");
        var backup = await DatabaseBackup.BackupAsync(source, Path.Combine(_folder, "backup"), keys, "test", TimeProvider.System);
        var target = new RestoreTarget(await EmptyTargetAsync(_folder), Path.Combine(_folder, "restored-keys"), Force: false);
        var manifest = Path.Combine(backup.Folder, BackupManifest.FileName);
        var original = await File.ReadAllTextAsync(manifest);

        await File.WriteAllTextAsync(manifest, original.Replace($"\"migration\": {backup.Manifest.Migration}", "\"migration\": 9999", StringComparison.Ordinal));
        var newer = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.RestoreAsync(backup.Folder, target, TimeProvider.System));
        await File.WriteAllTextAsync(manifest, original);
        await File.AppendAllTextAsync(Path.Combine(backup.Folder, "keys", "key-a.xml"), " ");
        var changed = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.RestoreAsync(backup.Folder, target, TimeProvider.System));

        Assert.Contains("9999", newer.Message, StringComparison.Ordinal);
        Assert.Contains("key-a.xml", changed.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", changed.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target.KeysFolder));
    }

    [SkippableFact]
    public async Task BackupAsync_OutFolderNotEmpty_RefusesNamingIt()
    {
        var source = await NewDatabaseAsync();
        var keys = Directory.CreateDirectory(Path.Combine(_folder, "keys")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_folder, "taken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(output, "other.txt"), "x");

        var refused = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.BackupAsync(source, output, keys, "test", TimeProvider.System));

        Assert.Contains($"--out {output}", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<HashSet<string>> CodesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT code FROM bookings")).ToHashSet();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
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

public sealed class SqliteDatabaseBackupTests() : DatabaseBackupTests(new SqliteTarget())
{
    /// <summary>Finding 8 itself: a copy of outreach.db taken while the app holds it open misses what is still in the WAL.</summary>
    [Fact]
    public async Task FileCopyWhileOpen_MissesBookingsInTheWal_BackupHasThemAll()
    {
        var source = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(source);
        var store = new BookingStore(source, new ManualClock(Now));
        for (var i = 0; i < 30; i++)
        {
            await store.TryBookAsync(TestData.Booking(stationId, siteId), new BookingCapacity(SeatsPerSlot: 1000));
        }

        // The pool keeps the app's connections open, so SQLite has not checkpointed the WAL into the file.
        var file = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
        var scratch = Directory.CreateTempSubdirectory("outreach-copy-").FullName;
        try
        {
            var copy = Path.Combine(scratch, "copied.db");
            File.Copy(file, copy);
            var keys = Directory.CreateDirectory(Path.Combine(scratch, "keys")).FullName;
            var backup = await DatabaseBackup.BackupAsync(source, Path.Combine(scratch, "backup"), keys, "test", TimeProvider.System);

            Assert.True(await BookingsInAsync(copy) < 30, "the plain copy should miss bookings still in the WAL");
            Assert.Equal(30, await BookingsInAsync(Path.Combine(backup.Folder, BackupManifest.SqliteFile)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<long> BookingsInAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        try
        {
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bookings");
        }
        catch (SqliteException)
        {
            return 0; // not even the table made it into the file
        }
    }

    protected override Task<Database> EmptyTargetAsync(string scratchFolder) =>
        Task.FromResult(Database.ForSqliteFile(Path.Combine(scratchFolder, $"target-{Guid.NewGuid():N}", "outreach.db")));
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresDatabaseBackupTests(PostgresServer server) : DatabaseBackupTests(new PostgresTarget(server, "backup"))
{
    protected override async Task<Database> EmptyTargetAsync(string scratchFolder) => new(SqlDialect.Postgres, await server.CreateDatabaseAsync("restored"));
}
