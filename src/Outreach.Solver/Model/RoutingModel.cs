namespace Outreach.Solver.Model;

/// <summary>
/// An immutable, validated routing problem with dense indices. Only <see cref="RoutingModelBuilder"/> creates it.
/// Thread-safe for concurrent reads (parallel searches share one instance).
/// </summary>
public sealed class RoutingModel
{
    internal RoutingModel(
        int locationCount,
        int dimensionCount,
        IReadOnlyList<TravelProfile> profiles,
        IReadOnlyList<TaskSpec> tasks,
        IReadOnlyList<VehicleSpec> vehicles,
        IReadOnlyList<TaskLink> links)
    {
        LocationCount = locationCount;
        DimensionCount = dimensionCount;
        Profiles = profiles;
        Tasks = tasks;
        Vehicles = vehicles;
        Links = links;
        Compiled = new CompiledModel(this);
    }

    /// <summary>Number of locations in every matrix.</summary>
    public int LocationCount { get; }

    /// <summary>Number of load/capacity dimensions (seats, wheelchair places, ...).</summary>
    public int DimensionCount { get; }

    /// <summary>Travel profiles; vehicles refer to them by index.</summary>
    public IReadOnlyList<TravelProfile> Profiles { get; }

    /// <summary>Tasks, by dense index.</summary>
    public IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>Vehicles, by dense index.</summary>
    public IReadOnlyList<VehicleSpec> Vehicles { get; }

    /// <summary>Time links between tasks.</summary>
    public IReadOnlyList<TaskLink> Links { get; }

    /// <summary>
    /// The same problem with the tasks' pins replaced (<paramref name="pins"/>[t] for task t): a planner that takes stops
    /// out of a solution after the search renumbers the pinned positions that follow them, so the checker holds the
    /// edited solution to the order it kept. Everything else is shared.
    /// </summary>
    public RoutingModel WithPins(IReadOnlyList<TaskPin?> pins)
    {
        ArgumentNullException.ThrowIfNull(pins);
        if (pins.Count != Tasks.Count)
        {
            throw new ArgumentException($"pins.count = {pins.Count}: one per task ({Tasks.Count}) needed", nameof(pins));
        }

        return new RoutingModel(LocationCount, DimensionCount, Profiles, Tasks.Select((t, i) => t with { Pin = pins[i] }).ToList(), Vehicles, Links);
    }

    /// <summary>Flat arrays the search and the schedule use.</summary>
    internal CompiledModel Compiled { get; }
}
