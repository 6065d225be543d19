using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Jobs.Pickups;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Tests.Pickups;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Tests.Replanning;

/// <summary>
/// The seeded demo (clock: Sunday 8 March 2026) with the re-plan request store, the planners behind "Plan now" and
/// "Plan the week" (short searches), the recorder and the service, and a job client that records what was queued.
/// </summary>
public sealed class ReplanWorld : IDisposable
{
    public static readonly DateOnly Tuesday = DemoDatabase.Monday.AddDays(1);

    private ReplanWorld(DemoDatabase demo)
    {
        Demo = demo;
        Stores = new DataStores(demo.Database, demo.Clock);
        Settings = new ReplanSettings(TimeSpan.FromSeconds(30));
        Scheduler = new ReplanScheduler(Queue, demo.Clock);
        // The planners' searches keep real time (a manual clock would never end them).
        Pickups = new PickupPlanningService(Stores.Stations, Stores.Fleet, Stores.Bookings, Stores.Sites, Stores.Weather, Stores.Plans,
            new RoadNetworks(), new MatrixCache(), new PickupPlanningOptions { MapsFolder = DemoDatabase.MapsFolder, TimeLimit = TimeSpan.FromSeconds(0.3) },
            TimeProvider.System);
        Visits = new VisitPlanningService(Stores, new MatrixCache(), new VisitPlanningServiceOptions
        {
            MapsRoot = DemoDatabase.MapsFolder,
            TimeLimit = TimeSpan.FromSeconds(1),
            Planner = VisitPlanningOptions.Default with { MaxIterations = 300 },
        }, TimeProvider.System);
        Requests = new ReplanRequests(Stores.ReplanRequests, Stores.Plans, Scheduler, Settings, demo.Clock, NullLogger<ReplanRequests>.Instance);
        Service = new ReplanService(Stores.ReplanRequests, Stores.Plans, Pickups, Visits, Scheduler, Settings, demo.Clock, NullLogger<ReplanService>.Instance);
    }

    public DemoDatabase Demo { get; }

    public DataStores Stores { get; }

    public ReplanSettings Settings { get; }

    public RecordingJobClient Queue { get; } = new();

    public ReplanScheduler Scheduler { get; }

    public PickupPlanningService Pickups { get; }

    public VisitPlanningService Visits { get; }

    public ReplanRequests Requests { get; }

    public ReplanService Service { get; }

    public long SongCong => Demo.Seeded.Stations.Single(s => s.StationName == "Công an thành phố Sông Công").StationId;

    public static async Task<ReplanWorld> CreateAsync() => new(await DemoDatabase.CreateAsync());

    /// <summary>Cancels the day's first booking still holding seats (a real change the plan reads) and records the change, as the booking pages do.</summary>
    public async Task<Outreach.Data.Stores.ReplanRequest> CancelOneAsync(long stationId, DateOnly date)
    {
        var booking = (await Stores.Bookings.ListAsync(stationId, date, date)).Where(b => Booking.HoldsSeats(b.Status)).OrderBy(b => b.Id).First();
        Assert.True(await Stores.Bookings.CancelAsync(booking.Id));
        return (await Requests.BookingCancelledAsync(stationId, date))!;
    }

    public async Task<int> VersionsAsync(long stationId, PlanKind kind, DateOnly start, DateOnly end) =>
        (await Stores.Plans.ListVersionsAsync(stationId, kind, start, end)).Count;

    public void Dispose() => Demo.Dispose();
}

/// <summary>Records the jobs a scheduler queues instead of storing them.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly List<(Job Job, IState State)> created = [];

    public IReadOnlyList<(Job Job, IState State)> Created
    {
        get
        {
            lock (created)
            {
                return [.. created];
            }
        }
    }

    /// <summary>The re-plan runs queued: request id, token, and when (null: at once).</summary>
    public IReadOnlyList<(long RequestId, string Token, DateTime? At)> Replans =>
        [.. Created.Where(c => c.Job.Type == typeof(ReplanJob))
            .Select(c => ((long)c.Job.Args[0]!, (string)c.Job.Args[1]!, (c.State as ScheduledState)?.EnqueueAt))];

    public string Create(Job job, IState state)
    {
        lock (created)
        {
            created.Add((job, state));
            return created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => throw new NotSupportedException();
}
