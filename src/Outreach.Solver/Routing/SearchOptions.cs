namespace Outreach.Solver.Routing;

/// <summary>What the search minimises first.</summary>
public enum Objective
{
    /// <summary>The model's cost (fixed costs + arc costs + drop penalties).</summary>
    Cost,

    /// <summary>Fewest vehicles first (route minimisation phase), then the model's cost.</summary>
    VehiclesFirst,
}

/// <summary>A trip of a previous plan to start from: task indices in visiting order (a pair's index appears twice).</summary>
public sealed record InitialTrip(int Vehicle, int Trip, IReadOnlyList<int> Tasks);

/// <summary>
/// Inputs of a search: seed, stop criterion (iterations and/or wall time on an injected clock), objective,
/// parallelism and an optional previous plan. The search stops at whichever limit comes first; with only an
/// iteration limit the result is identical for the same seed.
/// </summary>
public sealed record SearchOptions
{
    /// <summary>Seed of the random choices.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Iteration limit per parallel search, or null.</summary>
    public long? MaxIterations { get; init; }

    /// <summary>Wall-time limit, or null.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Clock used for <see cref="TimeLimit"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>What to minimise first.</summary>
    public Objective Objective { get; init; } = Objective.Cost;

    /// <summary>Independent searches run in parallel with seeds derived from <see cref="Seed"/>; the best is kept.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>A previous plan to start from (tasks that no longer fit are re-inserted by the search).</summary>
    public IReadOnlyList<InitialTrip> InitialTrips { get; init; } = [];

    /// <summary>Share of the time spent minimising vehicles under <see cref="Objective.VehiclesFirst"/>.</summary>
    public double VehiclePhaseShare { get; init; } = 0.5;

    /// <summary>Probability that an annealing iteration runs local search on the trips its ruin and recreate changed.</summary>
    internal double LocalSearchRate { get; init; }

    /// <summary>Whether the local search after an iteration searches around the reinserted tasks only (else the changed trips).</summary>
    internal bool LocalSearchAroundReinserted { get; init; }

    /// <summary>Whether every new best solution is improved by local search over all trips.</summary>
    internal bool LocalSearchOnBest { get; init; }

    /// <summary>Whether the final best solution is polished by local search over all trips.</summary>
    internal bool Polish { get; init; } = true;

    /// <summary>Nearest stops searched around each stop by local search.</summary>
    internal int Neighbourhood { get; init; } = 20;

    /// <summary>Initial weights of the ruin operators, in <see cref="RuinOperator"/> order.</summary>
    internal IReadOnlyList<double> RuinWeights { get; init; } = [1, 0, 0, 0, 0];

    /// <summary>Whether the ruin weights adapt to the operators' success (else they are fixed probabilities).</summary>
    internal bool AdaptiveRuin { get; init; }
}
