using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Pickups;

/// <summary>
/// Everything <see cref="PickupPlanner.Plan"/> needs for one station and local date. The caller loads it (no IO
/// happens in Planning): the station, its pickup vans, the day's bookings that hold seats, the sites they name,
/// the pickup points with a travel matrix over them (see <see cref="PickupPoints"/>), and optionally the latest
/// published plan of the day, whose stops are kept where they still fit.
/// </summary>
public sealed record PickupPlanRequest
{
    public required Station Station { get; init; }

    /// <summary>The local date planned (Asia/Ho_Chi_Minh).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The station's vans; vehicles of another profile (motorbikes) are ignored.</summary>
    public required IReadOnlyList<Vehicle> Vans { get; init; }

    /// <summary>The day's bookings; cancelled ones are ignored. All must be of <see cref="Station"/> and <see cref="Date"/>.</summary>
    public required IReadOnlyList<Booking> Bookings { get; init; }

    /// <summary>The sites the bookings name, and the collection point's own site when it has one.</summary>
    public required IReadOnlyList<Site> Sites { get; init; }

    /// <summary>The places, as built by <see cref="PickupPoints.Collect"/> from the same station, bookings and sites.</summary>
    public required PickupPoints Points { get; init; }

    /// <summary>Van travel over <see cref="Points"/> (same size and order), road-routed or estimated.</summary>
    public required TravelMatrix Travel { get; init; }

    /// <summary>How the vans run; unless set, <see cref="PickupSettings.For"/> the <see cref="Station"/> (its own trips
    /// per van and families per trip).</summary>
    public PickupSettings Settings
    {
        get => _settings ?? PickupSettings.For(Station);
        init => _settings = value;
    }

    private readonly PickupSettings? _settings;

    /// <summary>The latest published plan of the day, whose trips are pinned, or null.</summary>
    public PlanContent? Published { get; init; }

    /// <summary>
    /// A plan of the same day to start from (the live plan the bookings were accepted into), or null: its trips, as far
    /// as their families are still booked, are the first solve's starting plan, so a re-plan moves what it must and
    /// keeps the rest. Unlike <see cref="Published"/> nothing is pinned: times nobody was told are free to move.
    /// </summary>
    public PickupPlan? Start { get; init; }

    /// <summary>
    /// Bookings the plan is of no use without (the families the live plan promised a seat, and the one asking), or null:
    /// an insertion without search (<see cref="SearchOptions.MaxIterations"/> 0) stops at the first solve that leaves
    /// one of them out, since the answer is no whatever later repair rounds would do for the others. In any search, a
    /// family named here that is left out lets the published families' pickup times move (within the published order),
    /// as a published or promised family does; others never move what was told.
    /// </summary>
    public IReadOnlySet<long>? Required { get; init; }

    /// <summary>
    /// Keep what the <see cref="Published"/> families were told: their pickup times move at most five minutes and their
    /// vans, trips and order stay, whoever else is left out. The booking path sets it: a family asking for a seat on a
    /// published day gets one only where it fits around what others were told (a background re-plan, which must serve
    /// everyone, may move them further and leaves that to the chief).
    /// </summary>
    public bool KeepTold { get; init; }

    /// <summary>
    /// Seed and stop criterion of the search. The time limit (default 3 s when neither it nor an iteration limit is
    /// set) covers the whole plan, repair rounds included; an iteration limit applies to each round.
    /// <see cref="SearchOptions.InitialTrips"/> is ignored (the planner sets it).
    /// </summary>
    public SearchOptions Search { get; init; } = new() { TimeLimit = TimeSpan.FromSeconds(3) };
}

/// <summary>
/// One solve of the routing engine: wall time (engine only), iterations, families in the model, tasks left unserved, and
/// tasks its starting plan inserted greedily because the construction's share of the time limit ran out (0 when none).
/// </summary>
public readonly record struct PickupRound(TimeSpan Elapsed, long Iterations, int Families, int UnassignedTasks, int GreedyStartTasks = 0);

/// <summary>One routing problem the planner solved (one per session of the day: see <see cref="PickupPlanner"/>).</summary>
/// <param name="Model">The last model of the session.</param>
/// <param name="Solution">Its solution as the plan reports it (drop-offs re-timed early, half-served families taken out).</param>
/// <param name="Rounds">Solves it took (repairs included).</param>
public sealed record PickupSolve(RoutingModel Model, RoutingSolution Solution, int Rounds)
{
    /// <summary>Each solve of the session, in order.</summary>
    public IReadOnlyList<PickupRound> Log { get; init; } = [];
}

/// <summary>
/// The plan and the solver models and solutions it came from, so callers (tests, the benchmark) can run the
/// independent <see cref="FeasibilityChecker"/> themselves; <see cref="CheckerErrors"/> is its verdict on every
/// solve, empty when feasible.
/// </summary>
public sealed record PickupPlanResult(PickupPlan Plan, IReadOnlyList<PickupSolve> Solves, IReadOnlyList<string> CheckerErrors)
{
    /// <summary>Solves over all sessions.</summary>
    public int Rounds => Solves.Sum(s => s.Rounds);
}
