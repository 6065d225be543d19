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

    /// <summary>
    /// Iteration limit per parallel search, or null. 0: no search at all, only the start (the initial trips with the
    /// other tasks inserted where they fit best), e.g. to insert a new task into a plan without moving the others.
    /// </summary>
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

    /// <summary>
    /// Groups of tasks the plan leaves out, each then tried alone into the plan the construction made (its tasks one after
    /// the other at their cheapest feasible positions, the plan put back after each group): "would this fit?" asked of
    /// several variants of one request (e.g. a family's pickup in each slot of a day) without a model per variant. The
    /// answers are <see cref="Solutions.RoutingSolution.ProbeFits"/>; probe tasks are never in the plan (they are listed
    /// unassigned, undiagnosed: <see cref="Solutions.UnassignedReason.None"/>). Only for a construction without search (<see cref="MaxIterations"/> 0); a task in no more than one group.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Probes { get; init; } = [];

    /// <summary>Share of the time spent minimising vehicles under <see cref="Objective.VehiclesFirst"/>.</summary>
    public double VehiclePhaseShare { get; init; } = 0.5;

    // Local search defaults, measured at wall-clock budgets (bench solomon, seed 1, 2 threads): rate 0.3 around the
    // reinserted tasks plus every new best gave a mean gap of 0.36 % at 2 s (none: 0.43 %) and 0.38 % at 10 s on 13
    // R/RC instances (none: 0.55 %). On models that need the exact schedule each applied move costs a full schedule
    // (and, with links, a settle of the coupled vehicles), so there only the final plan is polished, except on models
    // with ride limits (dial-a-ride): there local search, worst and related removal and a cooler annealing are the
    // defaults. Measured on Cordeau-Laporte R5a, R6b, R9b, R10a, R5b, R10b at 30,000 iterations, seeds 1 and 2, mean
    // gap to the best known: SISR strings alone 5.6 %, with local search 4.0 %, worst + related removal with local
    // search 2.4-2.8 %, the same 3x cooler 2.2-2.5 % (10x cooler 4.1 %); bench pickups (2,000 iterations, seeds 1-3)
    // served 188, 188 and 186 accepted bookings with them against 185, 185 and 183 without.

    /// <summary>Probability that an annealing iteration runs local search after its ruin and recreate.</summary>
    internal double LocalSearchRate { get; init; } = 0.3;

    /// <summary>Whether the local search after an iteration searches around the reinserted tasks only (else the changed trips).</summary>
    internal bool LocalSearchAroundReinserted { get; init; } = true;

    /// <summary>Whether every new best solution is improved by local search over all trips.</summary>
    internal bool LocalSearchOnBest { get; init; } = true;

    /// <summary>
    /// Whether <see cref="LocalSearchRate"/> and <see cref="LocalSearchOnBest"/> also apply to models with breaks, ride
    /// times, links or duration limits (else those get only the final <see cref="Polish"/>); null: only on models with
    /// ride limits.
    /// </summary>
    internal bool? LocalSearchOnRichModels { get; init; }

    /// <summary>
    /// Share of <see cref="TimeLimit"/> the regret insertion of the starting plan may use; past it the remaining tasks are
    /// inserted greedily (cheapest feasible position), so a short solve of a rich model still gets search iterations.
    /// </summary>
    internal double ConstructionShare { get; init; } = 0.25;

    /// <summary>Whether the regret insertion keeps each task's best insertion per unchanged vehicle (off only to test it).</summary>
    internal bool RegretCache { get; init; } = true;

    /// <summary>Whether the final best solution is polished by local search over all trips.</summary>
    internal bool Polish { get; init; } = true;

    /// <summary>Nearest stops searched around each stop by local search.</summary>
    internal int Neighbourhood { get; init; } = 20;

    /// <summary>
    /// Initial weights of the ruin operators, in <see cref="RuinOperator"/> order; null: SISR strings only, or worst and
    /// related removal on models with ride limits.
    /// </summary>
    internal IReadOnlyList<double>? RuinWeights { get; init; }

    /// <summary>
    /// Annealing temperature at the start and at the end, in mean arc costs of the starting plan; null: 10 and 0.1,
    /// or 3 and 0.03 on models with ride limits.
    /// </summary>
    internal (double Start, double End)? Temperature { get; init; }

    /// <summary>Whether the ruin weights adapt to the operators' success (else they are fixed probabilities).</summary>
    internal bool AdaptiveRuin { get; init; }
}
