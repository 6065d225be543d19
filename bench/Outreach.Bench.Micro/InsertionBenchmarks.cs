using BenchmarkDotNet.Attributes;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;

namespace Outreach.Bench.Micro;

/// <summary>
/// Cost of evaluating every insertion position of one task (O(1) checks per position, no allocation) on a
/// Solomon-sized instance: 100 visits or 50 pairs over 10 routes. Run: dotnet run -c Release --project bench/Outreach.Bench.Micro.
/// </summary>
[MemoryDiagnoser]
public class InsertionBenchmarks
{
    private SolutionState state = null!;
    private int visitTask;
    private int pairTask;
    private Rng rng;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        const int locations = 151;
        var matrix = GridMatrix.Random(random, locations);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("grid", matrix, matrix));
        for (int v = 0; v < 10; v++)
        {
            builder.AddVehicle(new VehicleSpec { Id = $"v{v}", StartLocation = 0, EndLocation = 0, Capacity = [200], Shift = new TimeWindow(0, 200_000) });
        }

        for (int t = 1; t <= 100; t++)
        {
            int open = random.Next(0, 150_000);
            builder.AddTask(new TaskSpec { Id = $"c{t}", Pickup = new StopSpec(t, 1000, [new TimeWindow(open, open + 30_000)]), Load = [random.Next(1, 20)] });
        }

        for (int t = 101; t < 151; t += 2)
        {
            builder.AddTask(new TaskSpec { Id = $"p{t}", Pickup = StopSpec.At(t, 500), Delivery = StopSpec.At(t + 1, 500), Load = [5] });
        }

        var model = builder.Build();
        state = new SolutionState(model.Compiled);
        rng = new Rng(1);
        for (int task = 0; task < 100; task++)
        {
            var insertion = state.FindBest(task, true, ref rng, 0);
            if (insertion.Found)
            {
                state.Apply(insertion, task);
            }
        }

        visitTask = 100;
        pairTask = model.Tasks.Count - 1;
        state.RemoveTask(0);
        visitTask = 0;
    }

    [Benchmark]
    public long BestInsertionOfVisit() => state.FindBest(visitTask, true, ref rng, 0).Delta;

    [Benchmark]
    public long BestInsertionOfPair() => state.FindBest(pairTask, true, ref rng, 0).Delta;
}
