using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Outreach.Data.Backup;

/// <summary>What a backup wrote: the folder, its manifest and the keys copied.</summary>
public sealed record BackupReport(string Folder, BackupManifest Manifest, int KeyFiles);

/// <summary>What a restore did: the migration number restored, files put in place, and where the old ones were moved.</summary>
public sealed record RestoreReport(int Migration, int KeyFiles, IReadOnlyList<string> MovedAside);

/// <summary>Where a restore goes: the database (a SQLite file, or a PostgreSQL database that must exist) and the keys folder.</summary>
public sealed record RestoreTarget(Database Database, string KeysFolder, bool Force);

/// <summary>
/// Online backup and restore of the app's data: the database and the data-protection keys (keys/ under the data
/// folder), which sign every staff cookie, antiforgery token and driver link; without them a restored app signs everyone
/// out and every link sent is dead.
/// <list type="bullet">
/// <item>SQLite: <c>VACUUM INTO</c> copies one consistent snapshot while the app goes on writing, WAL included (copying
/// outreach.db itself misses what is still in outreach.db-wal).</item>
/// <item>PostgreSQL: <c>pg_dump -Fc</c> (one snapshot), restored with <c>pg_restore --clean --if-exists --no-owner
/// --single-transaction</c>.</item>
/// </list>
/// A backup folder holds the database file, keys/ and manifest.json (time, app version, migration number, SHA-256 of
/// every file), written last. A restore checks the manifest and every checksum, refuses a backup from a newer app
/// (migration above this one's), and refuses a target in use or not empty unless forced; old files are moved aside, not
/// deleted.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupReport> BackupAsync(Database database, string outFolder, string keysFolder, string appVersion, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        var folder = Path.GetFullPath(outFolder);
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            throw new BackupException($"--out {folder}: đã có tệp ở đó; chọn thư mục mới hoặc rỗng", $"--out {folder}: already holds files; choose a new or empty folder");
        }

        var keys = Path.GetFullPath(keysFolder);
        if (!Directory.Exists(keys))
        {
            throw new BackupException(
                $"Không thấy thư mục khóa {keys} (thư mục keys/ trong Outreach:DataFolder; chỉ rõ bằng --data-folder)",
                $"keys folder {keys} not found (keys/ in the app's Outreach:DataFolder; name it with --data-folder)");
        }

        var sqliteFile = database.Dialect == SqlDialect.Sqlite ? SqliteFile(database) : null;
        if (sqliteFile is not null && !File.Exists(sqliteFile))
        {
            throw new BackupException($"Không có tệp cơ sở dữ liệu {sqliteFile}", $"database file {sqliteFile} not found");
        }

        var migration = await MigrationOfAsync(database, cancellationToken);
        Directory.CreateDirectory(folder);
        var files = new List<BackupFile>();
        if (sqliteFile is not null)
        {
            var target = Path.Combine(folder, BackupManifest.SqliteFile);
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @target", new { target }, cancellationToken: cancellationToken));
            }

            files.Add(await BackupManifest.DescribeAsync(folder, BackupManifest.SqliteFile, cancellationToken));
        }
        else
        {
            await PostgresTools.RunAsync("pg_dump", database.ConnectionString,
                ["--format=custom", "--no-owner", "--file", Path.Combine(folder, BackupManifest.PostgresFile)], cancellationToken);
            files.Add(await BackupManifest.DescribeAsync(folder, BackupManifest.PostgresFile, cancellationToken));
        }

        var keyFiles = Directory.GetFiles(keys);
        Directory.CreateDirectory(Path.Combine(folder, BackupManifest.KeysFolder));
        foreach (var key in keyFiles.Order(StringComparer.Ordinal))
        {
            var relative = $"{BackupManifest.KeysFolder}/{Path.GetFileName(key)}";
            File.Copy(key, Path.Combine(folder, BackupManifest.KeysFolder, Path.GetFileName(key)));
            files.Add(await BackupManifest.DescribeAsync(folder, relative, cancellationToken));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow(), appVersion,
            database.Dialect == SqlDialect.Sqlite ? "sqlite" : "postgres", migration, files);
        await manifest.WriteAsync(folder, cancellationToken);
        return new BackupReport(folder, manifest, keyFiles.Length);
    }

    public static async Task<RestoreReport> RestoreAsync(string fromFolder, RestoreTarget target, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        var folder = Path.GetFullPath(fromFolder);
        if (!Directory.Exists(folder))
        {
            throw new BackupException($"--from {folder}: không có thư mục này", $"--from {folder}: no such folder");
        }

        var manifest = await BackupManifest.ReadAsync(folder, cancellationToken);
        await manifest.VerifyAsync(folder, cancellationToken);
        var database = target.Database;
        var kind = database.Dialect == SqlDialect.Sqlite ? "sqlite" : "postgres";
        if (manifest.Database != kind)
        {
            throw new BackupException(
                $"Bản sao lưu là của {manifest.Database}, đích là {kind} (--database {manifest.Database})",
                $"the backup is of {manifest.Database}, the target is {kind} (--database {manifest.Database})");
        }

        var known = MigrationRunner.Embedded(database.Dialect).Max(m => m.Version);
        if (manifest.Migration > known)
        {
            throw new BackupException(
                $"Bản sao lưu ở migration {manifest.Migration}, phiên bản này chỉ biết đến {known}: dùng phiên bản mới hơn ({manifest.AppVersion})",
                $"the backup is at migration {manifest.Migration}, this version knows up to {known}: use a newer one ({manifest.AppVersion})");
        }

        var keys = Path.GetFullPath(target.KeysFolder);
        var refusals = new List<string>();
        refusals.AddRange(database.Dialect == SqlDialect.Sqlite ? SqliteTargetRefusals(database) : await PostgresTargetRefusalsAsync(database, cancellationToken));
        if (Directory.Exists(keys) && Directory.EnumerateFileSystemEntries(keys).Any())
        {
            refusals.Add($"keys folder {keys} is not empty");
        }

        if (refusals.Count > 0 && !target.Force)
        {
            throw new BackupException(
                $"Đích không trống hoặc đang dùng ({string.Join("; ", refusals)}); dừng ứng dụng, rồi thêm --force để ghi đè (tệp cũ được đổi tên, không xóa)",
                $"the target is in use or not empty ({string.Join("; ", refusals)}); stop the app, then add --force to overwrite (old files are moved aside, not deleted)");
        }

        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var movedAside = new List<string>();
        if (database.Dialect == SqlDialect.Sqlite)
        {
            await RestoreSqliteAsync(folder, manifest, database, stamp, movedAside, cancellationToken);
        }
        else
        {
            await PostgresTools.RunAsync("pg_restore", database.ConnectionString,
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                 "--dbname", new NpgsqlConnectionStringBuilder(database.ConnectionString).Database ?? "", Path.Combine(folder, BackupManifest.PostgresFile)],
                cancellationToken);
            NpgsqlConnection.ClearAllPools();
            await CheckMigrationAsync(database, manifest.Migration, $"database '{new NpgsqlConnectionStringBuilder(database.ConnectionString).Database}'", cancellationToken);
        }

        var keyFiles = manifest.Files.Where(f => f.Path.StartsWith(BackupManifest.KeysFolder + "/", StringComparison.Ordinal)).ToList();
        if (Directory.Exists(keys) && Directory.EnumerateFileSystemEntries(keys).Any())
        {
            var aside = $"{keys.TrimEnd(Path.DirectorySeparatorChar)}.before-restore-{stamp}";
            Directory.Move(keys, aside);
            movedAside.Add(aside);
        }

        Directory.CreateDirectory(keys);
        foreach (var key in keyFiles)
        {
            File.Copy(Path.Combine(folder, key.Path), Path.Combine(keys, Path.GetFileName(key.Path)), overwrite: true);
        }

        return new RestoreReport(manifest.Migration, keyFiles.Count, movedAside);
    }

    /// <summary>The highest migration applied to <paramref name="database"/>.</summary>
    /// <exception cref="BackupException">It has no schema_migrations table: not an Outreach database.</exception>
    public static async Task<int> MigrationOfAsync(Database database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_migrations", cancellationToken: cancellationToken)) ?? 0;
        }
        catch (DbException e) when (e.Message.Contains("schema_migrations", StringComparison.Ordinal))
        {
            throw new BackupException("Cơ sở dữ liệu chưa có bảng schema_migrations: không phải dữ liệu Outreach", "the database has no schema_migrations table: not an Outreach database", e);
        }
    }

    private static string SqliteFile(Database database) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);

    private static List<string> SqliteTargetRefusals(Database database)
    {
        var file = SqliteFile(database);
        var refusals = new List<string>();
        // A running app keeps connections open: SQLite then keeps the -wal and -shm files beside the database.
        if (File.Exists(file + "-wal") || File.Exists(file + "-shm"))
        {
            refusals.Add($"{file} is open (its -wal/-shm files exist: is the app running?)");
        }

        if (File.Exists(file) && new FileInfo(file).Length > 0)
        {
            refusals.Add($"{file} is not empty");
        }

        return refusals;
    }

    private static async Task<List<string>> PostgresTargetRefusalsAsync(Database database, CancellationToken cancellationToken)
    {
        var refusals = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        var tables = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", cancellationToken: cancellationToken));
        var sessions = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", cancellationToken: cancellationToken));
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        if (sessions > 0)
        {
            refusals.Add(string.Create(CultureInfo.InvariantCulture, $"database '{name}' has {sessions} other connection(s): is the app running?"));
        }

        if (tables > 0)
        {
            refusals.Add(string.Create(CultureInfo.InvariantCulture, $"database '{name}' has {tables} table(s)"));
        }

        NpgsqlConnection.ClearPool((NpgsqlConnection)connection);
        return refusals;
    }

    private static async Task RestoreSqliteAsync(string folder, BackupManifest manifest, Database database, string stamp, List<string> movedAside, CancellationToken cancellationToken)
    {
        var file = SqliteFile(database);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var incoming = $"{file}.restoring";
        File.Copy(Path.Combine(folder, BackupManifest.SqliteFile), incoming, overwrite: true);
        var check = Database.ForSqliteFile(incoming);
        await using (var connection = await check.OpenAsync(cancellationToken))
        {
            var integrity = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA integrity_check", cancellationToken: cancellationToken));
            if (integrity != "ok")
            {
                throw new BackupException($"{BackupManifest.SqliteFile} của bản sao lưu bị hỏng ({integrity})", $"the backup's {BackupManifest.SqliteFile} is damaged ({integrity})");
            }
        }

        await CheckMigrationAsync(check, manifest.Migration, incoming, cancellationToken);
        // Leave the file as a single file (no -wal/-shm) before it takes the target's place.
        await using (var connection = await check.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;", cancellationToken: cancellationToken));
        }

        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
        {
            var aside = $"{path}.before-restore-{stamp}";
            File.Move(path, aside);
            movedAside.Add(aside);
        }

        File.Move(incoming, file);
    }

    private static async Task CheckMigrationAsync(Database database, int expected, string where, CancellationToken cancellationToken)
    {
        var restored = await MigrationOfAsync(database, cancellationToken);
        if (restored != expected)
        {
            throw new BackupException(
                string.Create(CultureInfo.InvariantCulture, $"Dữ liệu khôi phục ở migration {restored}, manifest ghi {expected} ({where})"),
                string.Create(CultureInfo.InvariantCulture, $"the restored data is at migration {restored}, the manifest says {expected} ({where})"));
        }
    }
}
