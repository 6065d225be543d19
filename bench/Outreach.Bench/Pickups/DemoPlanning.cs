using Microsoft.Data.Sqlite;
using Outreach.Data;
using Outreach.Data.Demo;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Jobs.Pickups;

namespace Outreach.Bench.Pickups;

/// <summary>
/// A temporary SQLite database with the demo stations seeded (the week of Monday 2026-03-09, on a clock fixed the
/// Sunday before, so figures repeat) and the pickup planning service over it, as the app would plan; the folder goes on
/// dispose.
/// </summary>
public sealed class DemoPlanning : IDisposable
{
    private readonly string _folder;

    private DemoPlanning(string folder, DataStores stores, DemoSeedReport seeded, PickupPlanningService service)
    {
        _folder = folder;
        Stores = stores;
        Seeded = seeded;
        Service = service;
    }

    public DataStores Stores { get; }

    public DemoSeedReport Seeded { get; }

    public PickupPlanningService Service { get; }

    public static async Task<DemoPlanning> CreateAsync(string mapsFolder, TimeSpan timeLimit, long seed, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("outreach-demo-").FullName;
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 8, 2, 0, 0, TimeSpan.Zero));
        var database = Database.ForSqliteFile(Path.Combine(folder, "demo.db"));
        await new MigrationRunner(database).RunAsync(cancellationToken);
        var seeded = await new DemoSeeder(database, clock).SeedAsync(mapsFolder, cancellationToken);
        var stores = new DataStores(database, clock);
        var service = new PickupPlanningService(stores.Stations, stores.Fleet, stores.Bookings, stores.Sites, stores.Weather, stores.Plans,
            new RoadNetworks(), new MatrixCache(),
            new PickupPlanningOptions { MapsFolder = mapsFolder, TimeLimit = timeLimit, Seed = seed }, clock);
        return new DemoPlanning(folder, stores, seeded, service);
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

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
