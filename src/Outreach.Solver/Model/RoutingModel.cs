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

    /// <summary>Flat arrays the search and the schedule use.</summary>
    internal CompiledModel Compiled { get; }
}
