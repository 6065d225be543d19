using Microsoft.Data.Sqlite;
using Outreach.Data;
using Outreach.Data.Demo;

namespace Outreach.Jobs.Tests.Pickups;

/// <summary>
/// A temp SQLite file, migrated and seeded with the demo stations for the week starting Monday 2026-03-09 (the clock
/// says Sunday 2026-03-08), deleted with the test.
/// </summary>
public sealed class DemoDatabase : IDisposable
{
    public static readonly DateOnly Monday = new(2026, 3, 9);
    private readonly string _folder = Directory.CreateTempSubdirectory("outreach-jobs-").FullName;

    private DemoDatabase(ManualClock clock)
    {
        Clock = clock;
        Database = Database.ForSqliteFile(Path.Combine(_folder, "demo.db"));
    }

    public Database Database { get; }

    public ManualClock Clock { get; }

    public DemoSeedReport Seeded { get; private set; } = null!;

    /// <summary>The repository's maps/ folder.</summary>
    public static string MapsFolder => Path.Combine(RepositoryRoot(), "maps");

    public static async Task<DemoDatabase> CreateAsync()
    {
        var demo = new DemoDatabase(new ManualClock(new DateTimeOffset(2026, 3, 8, 2, 0, 0, TimeSpan.Zero)));
        await new MigrationRunner(demo.Database).RunAsync();
        demo.Seeded = await new DemoSeeder(demo.Database, demo.Clock).SeedAsync(MapsFolder);
        return demo;
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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Outreach.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A clock that stays where the test puts it.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
