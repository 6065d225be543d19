using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Routing;

/// <summary>
/// Entry point: solves a <see cref="RoutingModel"/> under <see cref="SearchOptions"/> and returns the best plan
/// found, with exact times, loads, and reasons for unassigned tasks. Thread-safe: each call owns its searches.
/// </summary>
public static class RoutingSolver
{
    /// <summary>Runs <see cref="SearchOptions.Parallelism"/> independent searches (different seeds) and keeps the best.</summary>
    public static RoutingSolution Solve(RoutingModel model, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var probe = ProbeTasks(model, options);
        int parallel = Math.Max(1, options.Parallelism);
        var searches = new Search[parallel];
        for (int i = 0; i < parallel; i++)
        {
            searches[i] = new Search(model.Compiled, options, options.Seed + (i * 7919L));
            searches[i].SetPinPositions(model);
        }

        if (parallel == 1)
        {
            searches[0].Run();
        }
        else
        {
            Parallel.For(0, parallel, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i => searches[i].Run());
        }

        // Fewest unassigned, then lowest cost, then lowest index: deterministic whatever finishes first.
        var winner = searches
            .OrderBy(s => s.State.UnassignedCount)
            .ThenBy(s => s.State.Cost)
            .First();
        var (fits, starts) = probe is null ? ([], []) : winner.Probe();
        var solution = Extract(model, winner.State, probe);
        return solution with { Iterations = searches.Sum(s => s.Iterations), GreedyStartTasks = winner.GreedyStartTasks, ProbeFits = fits, ProbeStarts = starts };
    }

    /// <summary>[task]: whether it is a probe task (<see cref="SearchOptions.Probes"/>); null when there are none.</summary>
    private static bool[]? ProbeTasks(RoutingModel model, SearchOptions options)
    {
        if (options.Probes.Count == 0)
        {
            return null;
        }

        if (options.MaxIterations is not 0)
        {
            throw new ArgumentException($"options.MaxIterations = {options.MaxIterations?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}: probes are tried into a constructed plan only (0)", nameof(options));
        }

        var probe = new bool[model.Compiled.TaskCount];
        foreach (var group in options.Probes)
        {
            foreach (int task in group)
            {
                if (task < 0 || task >= probe.Length || probe[task])
                {
                    throw new ArgumentException($"options.Probes: task {task} is not a task of the model, or is in two groups", nameof(options));
                }

                probe[task] = true;
            }
        }

        return probe;
    }

    internal static RoutingSolution Extract(RoutingModel model, SolutionState state, bool[]? probe = null)
    {
        var m = model.Compiled;
        var routes = new List<RoutePlan>();
        for (int v = 0; v < m.VehicleCount; v++)
        {
            if (!state.VehicleUsed[v])
            {
                continue;
            }

            if (!state.Scheduler.Evaluate(state, v, -1, -1, -1, -1, -1))
            {
                throw new InvalidOperationException($"Internal error: vehicle {v} has no feasible schedule ({state.Scheduler.Reason}).");
            }

            routes.AddRange(state.Scheduler.ToPlans(v));
        }

        var unassigned = new List<UnassignedTask>();
        for (int t = 0; t < m.TaskCount; t++)
        {
            if (state.UnassignedIndex[t] >= 0)
            {
                // A probe task is left out by design: not diagnosed (its answer is the probe's).
                var reason = probe is not null && probe[t] ? UnassignedReason.None
                    : m.TaskPinnedPosition[t] ? UnassignedReason.Pin : state.Diagnose(t);
                unassigned.Add(new UnassignedTask(t, reason));
            }
        }

        return new RoutingSolution(routes, unassigned, state.Cost);
    }
}
