namespace Outreach.Solver.Solutions;

/// <summary>Why a task was left unserved: the constraint that blocked its insertion most often.</summary>
public enum UnassignedReason
{
    /// <summary>Not diagnosed (e.g. dropped because its penalty is lower than its cost).</summary>
    None = 0,

    /// <summary>No vehicle has the required skills.</summary>
    Skill,

    /// <summary>The task is pinned where it no longer fits.</summary>
    Pin,

    /// <summary>Load would exceed a capacity.</summary>
    Capacity,

    /// <summary>The task's windows (or another stop's, pushed late) cannot be met.</summary>
    TimeWindow,

    /// <summary>The vehicle would return after its shift ends.</summary>
    ShiftEnd,

    /// <summary>The ride time of a pair would exceed its maximum.</summary>
    RideTime,

    /// <summary>The vehicle's maximum duration would be exceeded.</summary>
    MaxDuration,

    /// <summary>A break could not be placed in its window.</summary>
    Break,

    /// <summary>A link ("no earlier than X after task A") could not be respected.</summary>
    Link,

    /// <summary>The location cannot be reached from (or left to) the vehicle's route.</summary>
    Unreachable,
}

/// <summary>What a visit in a route is.</summary>
public enum VisitKind
{
    /// <summary>Departure from the trip's start location.</summary>
    Start,

    /// <summary>A single-visit task.</summary>
    Visit,

    /// <summary>The pickup of a pair.</summary>
    Pickup,

    /// <summary>The delivery of a pair.</summary>
    Delivery,

    /// <summary>A crew break, at the previous visit's location.</summary>
    Break,

    /// <summary>Arrival at the trip's end location (the depot between trips).</summary>
    End,
}

/// <summary>
/// One visit with its times (seconds on the model axis) and the load on board after it, per dimension.
/// <see cref="Index"/> is the task index for task visits, the break index for breaks, -1 for start and end.
/// </summary>
public sealed record Visit(VisitKind Kind, int Index, int Location, int ArrivalSeconds, int StartSeconds, int DepartureSeconds, IReadOnlyList<int> LoadAfter);

/// <summary>One trip of one vehicle. <see cref="Location"/> of an open route's end visit is -1.</summary>
public sealed record RoutePlan(int Vehicle, int Trip, IReadOnlyList<Visit> Visits, long Metres, long TravelSeconds, long Cost);

/// <summary>A task the plan does not serve and the constraint that blocked it most often.</summary>
public sealed record UnassignedTask(int Task, UnassignedReason Reason);

/// <summary>
/// A routing plan: trips per vehicle in order with times and loads, unassigned tasks with reasons, and the objective.
/// Immutable. Cost = fixed costs of used vehicles + arc costs + drop penalties of unassigned tasks.
/// </summary>
public sealed record RoutingSolution(IReadOnlyList<RoutePlan> Routes, IReadOnlyList<UnassignedTask> Unassigned, long Cost)
{
    /// <summary>Number of vehicles with at least one trip.</summary>
    public int VehiclesUsed => Routes.Select(r => r.Vehicle).Distinct().Count();

    /// <summary>Total metres over all trips.</summary>
    public long Metres => Routes.Sum(r => r.Metres);

    /// <summary>Iterations the search ran (sum over parallel searches); informational.</summary>
    public long Iterations { get; init; }

    /// <summary>
    /// Tasks the construction of the returned search's starting plan inserted greedily (cheapest feasible position)
    /// instead of by regret, because its share of the time limit ran out; 0 when regret insertion finished. Informational.
    /// </summary>
    public int GreedyStartTasks { get; init; }

    /// <summary>Per group of <see cref="Routing.SearchOptions.Probes"/>, in order: whether it fits into this plan as it is.</summary>
    public IReadOnlyList<bool> ProbeFits { get; init; } = [];

    /// <summary>
    /// Per probe group that fits: the service start of each of its stops where it fits (per task in the group's order,
    /// its pickup then its delivery), from the exact schedule of models with links; empty otherwise.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> ProbeStarts { get; init; } = [];
}
