using Outreach.Bench.OrTools;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Bench.Routing;

/// <summary>Which routing engine a literature benchmark runs.</summary>
public enum BenchEngine
{
    /// <summary>Our engine (Outreach.Solver), the default.</summary>
    Outreach,

    /// <summary>Google OR-Tools' routing library, the side-by-side reference (see <see cref="OrToolsRouting"/>).</summary>
    OrTools,
}

/// <summary>Runs a model through the chosen engine, so both are scored by the same harness, checkers and files.</summary>
public static class BenchSolver
{
    /// <summary>The engine's name as the command line spells it (outreach, ortools).</summary>
    public static string Name(BenchEngine engine) => engine == BenchEngine.OrTools ? "ortools" : "outreach";

    /// <summary>Parses a command-line engine name; null when unknown.</summary>
    public static BenchEngine? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "OUTREACH" => BenchEngine.Outreach,
        "ORTOOLS" => BenchEngine.OrTools,
        _ => null,
    };

    /// <summary>
    /// Threads the engine really uses: ours runs <see cref="SearchOptions.Parallelism"/> searches; OR-Tools' routing
    /// search is single-threaded.
    /// </summary>
    public static int Threads(BenchEngine engine, int parallelism) => engine == BenchEngine.OrTools ? 1 : parallelism;

    /// <summary>
    /// Solves with our engine, or with OR-Tools under <see cref="SearchOptions.TimeLimit"/> (OR-Tools takes no seed and no
    /// iteration limit: its guided local search runs until the time limit).
    /// </summary>
    public static RoutingSolution Solve(RoutingModel model, BenchEngine engine, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (engine == BenchEngine.OrTools)
        {
            return OrToolsRouting.Solve(model, options.TimeLimit ?? TimeSpan.FromSeconds(10));
        }

        return RoutingSolver.Solve(model, options);
    }
}
