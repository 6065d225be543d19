using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests;

/// <summary>
/// Tiny named instances: locations on a line at the given x, travel seconds = metres = |x_a - x_b|,
/// so every expected number can be worked out by hand.
/// </summary>
internal static class Tiny
{
    public static TravelProfile Line(params int[] x)
    {
        int n = x.Length;
        var values = new int[n * n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                values[(a * n) + b] = Math.Abs(x[a] - x[b]);
            }
        }

        return new TravelProfile("line", new Matrix(n, values), new Matrix(n, values));
    }

    public static VehicleSpec Van(string id, int depot = 0, int capacity = 100) => new()
    {
        Id = id,
        StartLocation = depot,
        EndLocation = depot,
        Capacity = [capacity],
    };

    public static TaskSpec Visit(string id, int location, int service = 0, TimeWindow? window = null, int load = 0) => new()
    {
        Id = id,
        Pickup = new StopSpec(location, service, window is null ? [] : [window.Value]),
        Load = [load],
    };

    public static TaskSpec Pair(string id, int from, int to, int service = 0, int load = 1) => new()
    {
        Id = id,
        Pickup = StopSpec.At(from, service),
        Delivery = StopSpec.At(to, service),
        Load = [load],
    };

    /// <summary>Solves with a fixed iteration budget (deterministic) and asserts the independent checker finds nothing.</summary>
    public static RoutingSolution Solve(RoutingModel model, long iterations = 300, long seed = 7, IReadOnlyList<InitialTrip>? initial = null)
    {
        var solution = RoutingSolver.Solve(model, new SearchOptions { Seed = seed, MaxIterations = iterations, InitialTrips = initial ?? [] });
        Assert.Empty(FeasibilityChecker.Check(model, solution));
        return solution;
    }

    /// <summary>Task ids of a trip in visiting order, one entry per visit (pairs appear twice).</summary>
    public static string[] Sequence(RoutingModel model, RoutePlan route) =>
        route.Visits.Where(v => v.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
            .Select(v => model.Tasks[v.Index].Id)
            .ToArray();
}
