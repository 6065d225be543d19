using BenchmarkDotNet.Attributes;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;

namespace Outreach.Bench.Micro;

/// <summary>
/// Cost of local-search move evaluation (O(1) checks from the route caches, no allocation) on a Solomon-sized
/// solution: 100 visits with windows, or 50 pairs, over about ten routes, after a short search. Each benchmark
/// evaluates one move kind between a stop and its 20 nearest stops, all of them non-improving at a local optimum;
/// the last runs a full pass of local search that finds nothing. Run:
/// dotnet run -c Release --project bench/Outreach.Bench.Micro -- --filter '*LocalSearch*'.
/// </summary>
[MemoryDiagnoser]
public class LocalSearchBenchmarks
{
    private SolutionState state = null!;
    private LocalSearch local = null!;
    private int[] stops = null!;
    private Rng rng;

    /// <summary>Visits only (VRPTW) or pairs only (PDPTW).</summary>
    [Params(false, true)]
    public bool Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        const int locations = 101;
        var matrix = GridMatrix.Random(random, locations);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("grid", matrix, matrix));
        for (int v = 0; v < 25; v++)
        {
            builder.AddVehicle(new VehicleSpec { Id = $"v{v}", StartLocation = 0, EndLocation = 0, Capacity = [200], Shift = new TimeWindow(0, 200_000) });
        }

        for (int t = 1; t < locations; t += Pairs ? 2 : 1)
        {
            int open = random.Next(0, 150_000);
            builder.AddTask(Pairs
                ? new TaskSpec { Id = $"p{t}", Pickup = StopSpec.At(t, 1000), Delivery = StopSpec.At(t + 1, 1000), Load = [random.Next(5, 40)] }
                : new TaskSpec { Id = $"c{t}", Pickup = new StopSpec(t, 1000, [new TimeWindow(open, open + 30_000)]), Load = [random.Next(1, 20)] });
        }

        var model = builder.Build();
        var search = new Search(model.Compiled, new SearchOptions { MaxIterations = 3000, Seed = 1 }, 1);
        search.SetPinPositions(model);
        search.Run();
        state = search.State;
        local = new LocalSearch(state);
        rng = new Rng(1);
        local.Run(ref rng);
        stops = Enumerable.Range(0, model.Compiled.StopCount).Where(s => state.StopRoute[s] >= 0).ToArray();
    }

    /// <summary>Relocations of each stop right after each of its 20 nearest stops.</summary>
    [Benchmark]
    public long Relocate()
    {
        long sum = 0;
        var m = state.M;
        foreach (int u in stops)
        {
            var neighbours = m.Neighbours[u];
            for (int n = 0; n < 20; n++)
            {
                int v = neighbours[n];
                sum += local.EvaluateSegmentMove(state.StopRoute[u], state.StopPosition[u], 1, false, state.StopRoute[v], state.StopPosition[v], 0) == LocalSearch.NoMove ? 0 : 1;
            }
        }

        return sum;
    }

    /// <summary>Swaps of each stop with each of its 20 nearest stops.</summary>
    [Benchmark]
    public long Swap()
    {
        long sum = 0;
        var m = state.M;
        foreach (int u in stops)
        {
            var neighbours = m.Neighbours[u];
            for (int n = 0; n < 20; n++)
            {
                int v = neighbours[n];
                sum += local.EvaluateSwap(state.StopRoute[u], state.StopPosition[u], state.StopRoute[v], state.StopPosition[v], 0) == LocalSearch.NoMove ? 0 : 1;
            }
        }

        return sum;
    }

    /// <summary>2-opt* linking each stop to each of its 20 nearest stops on other routes.</summary>
    [Benchmark]
    public long TwoOptStar()
    {
        long sum = 0;
        var m = state.M;
        foreach (int u in stops)
        {
            var neighbours = m.Neighbours[u];
            for (int n = 0; n < 20; n++)
            {
                int v = neighbours[n];
                sum += local.EvaluateTwoOptStar(state.StopRoute[u], state.StopPosition[u], state.StopRoute[v], state.StopPosition[v] - 1, 0) == LocalSearch.NoMove ? 0 : 1;
            }
        }

        return sum;
    }

    /// <summary>A full pass of local search over every stop at a local optimum (nothing applies).</summary>
    [Benchmark]
    public long PassAtLocalOptimum() => local.Run(ref rng);
}
