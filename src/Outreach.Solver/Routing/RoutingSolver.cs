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
        var solution = Extract(model, winner.State);
        return solution with { Iterations = searches.Sum(s => s.Iterations), GreedyStartTasks = winner.GreedyStartTasks };
    }

    internal static RoutingSolution Extract(RoutingModel model, SolutionState state)
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
                unassigned.Add(new UnassignedTask(t, m.TaskPinnedPosition[t] ? UnassignedReason.Pin : state.Diagnose(t)));
            }
        }

        return new RoutingSolution(routes, unassigned, state.Cost);
    }
}
