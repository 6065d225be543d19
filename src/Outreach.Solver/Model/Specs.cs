namespace Outreach.Solver.Model;

/// <summary>One place and time where a vehicle serves part of a task.</summary>
/// <param name="Location">Dense location index into the profile matrices.</param>
/// <param name="ServiceSeconds">Time spent at the stop once service starts.</param>
/// <param name="Windows">Allowed service start windows, sorted and disjoint; empty means always.</param>
public sealed record StopSpec(int Location, int ServiceSeconds, IReadOnlyList<TimeWindow> Windows)
{
    /// <summary>A stop at <paramref name="location"/> with no time constraint.</summary>
    public static StopSpec At(int location, int serviceSeconds = 0) => new(location, serviceSeconds, []);
}

/// <summary>Where a task must stay: on a vehicle, optionally on one of its trips and at a fixed position.</summary>
/// <param name="Vehicle">Vehicle index the task stays on.</param>
/// <param name="Trip">Trip index (0-based) within the vehicle's shift, or null for any trip.</param>
/// <param name="Position">0-based index of the task's first stop in the trip; pinned positions of a trip form a prefix 0..k-1.</param>
/// <param name="DeliveryPosition">For pairs with a pinned position: index of the delivery stop in the same trip.</param>
public sealed record TaskPin(int Vehicle, int? Trip = null, int? Position = null, int? DeliveryPosition = null);

/// <summary>
/// A unit of work: a single visit (<see cref="Delivery"/> null) or a pickup-delivery pair served by one vehicle on one trip,
/// pickup first. Loads are amounts per capacity dimension: a single visit's load is carried from the trip start to the visit;
/// a pair's load is on board from the pickup to the delivery.
/// </summary>
public sealed record TaskSpec
{
    /// <summary>Caller's identifier, echoed in solutions.</summary>
    public required string Id { get; init; }

    /// <summary>The visit of a single task, or the pickup of a pair.</summary>
    public required StopSpec Pickup { get; init; }

    /// <summary>The delivery of a pair; null for a single visit.</summary>
    public StopSpec? Delivery { get; init; }

    /// <summary>Load per capacity dimension (empty means zero in every dimension).</summary>
    public IReadOnlyList<int> Load { get; init; } = [];

    /// <summary>Skills the serving vehicle must have (e.g. "wheelchair", "capture-kit").</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Cost added when the task is not served; higher means more important. Default: effectively mandatory.</summary>
    public long DropPenalty { get; init; } = DefaultDropPenalty;

    /// <summary>For pairs: most seconds between the end of the pickup service and the start of the delivery service.</summary>
    public int? MaxRideSeconds { get; init; }

    /// <summary>Pinned assignment, or null when the search may place the task anywhere.</summary>
    public TaskPin? Pin { get; init; }

    /// <summary>Default drop penalty: larger than any realistic route cost, so tasks are dropped only when infeasible.</summary>
    public const long DefaultDropPenalty = 1_000_000_000_000;
}

/// <summary>A break the crew must take during the shift when the vehicle is used: start inside the window, last the duration.</summary>
public sealed record BreakSpec(TimeWindow Window, int DurationSeconds);

/// <summary>
/// A vehicle and its crew for one shift. Trips after the first start and end at <see cref="StartLocation"/> (the depot),
/// with <see cref="ReloadSeconds"/> between trips.
/// </summary>
public sealed record VehicleSpec
{
    /// <summary>Caller's identifier, echoed in solutions.</summary>
    public required string Id { get; init; }

    /// <summary>Location the shift starts from.</summary>
    public required int StartLocation { get; init; }

    /// <summary>Location the shift ends at; null for an open route ending at the last stop.</summary>
    public int? EndLocation { get; init; }

    /// <summary>Earliest departure and latest arrival of the shift.</summary>
    public TimeWindow Shift { get; init; } = TimeWindow.Always;

    /// <summary>Capacity per dimension (same number of dimensions as task loads).</summary>
    public IReadOnlyList<int> Capacity { get; init; } = [];

    /// <summary>Skills of the vehicle and crew.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Cost of using the vehicle at all.</summary>
    public long FixedCost { get; init; }

    /// <summary>Cost per second of travel.</summary>
    public int CostPerSecond { get; init; }

    /// <summary>Cost per metre of travel.</summary>
    public int CostPerMetre { get; init; } = 1;

    /// <summary>Most seconds from departure to arrival at the end, waiting included; null for no limit.</summary>
    public int? MaxDurationSeconds { get; init; }

    /// <summary>Breaks taken when the vehicle is used.</summary>
    public IReadOnlyList<BreakSpec> Breaks { get; init; } = [];

    /// <summary>Most trips per shift (1 = a single tour).</summary>
    public int MaxTrips { get; init; } = 1;

    /// <summary>Seconds at the depot between two trips (unloading, reloading, cleaning).</summary>
    public int ReloadSeconds { get; init; }

    /// <summary>Index of the travel profile (matrices) the vehicle uses.</summary>
    public int Profile { get; init; }
}

/// <summary>
/// "Task <see cref="ToTask"/> may start no earlier than <see cref="MinGapSeconds"/> after task <see cref="FromTask"/> ends",
/// and, with <see cref="MaxGapSeconds"/>, no later than that many seconds after it (e.g. a family's van home within the
/// wait limit after its files are done).
/// </summary>
/// <remarks>Ends and starts are those of the tasks' last and first stops (delivery of a pair, pickup of a pair). A link
/// binds only when both tasks are served.</remarks>
public sealed record TaskLink(int FromTask, int ToTask, int MinGapSeconds, int? MaxGapSeconds = null);

/// <summary>Travel seconds and metres between every pair of locations for one kind of vehicle.</summary>
public sealed record TravelProfile(string Name, Matrix Seconds, Matrix Metres);
