using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Routing;

/// <summary>
/// Seeded checks that every incremental evaluation equals a full recomputation: insertion deltas (visits and pairs),
/// removals, and the SISR ruin-and-recreate loop, with the independent checker on every resulting plan.
/// </summary>
public class DeltaTests
{
    /// <summary>Rounded distances between <paramref name="locations"/> random points of a 100 x 100 square (x drawn first, then y).</summary>
    internal static Matrix GridMatrix(Random random, int locations)
    {
        var xs = Enumerable.Range(0, locations).Select(_ => random.Next(100)).ToArray();
        var ys = Enumerable.Range(0, locations).Select(_ => random.Next(100)).ToArray();
        var values = new int[locations * locations];
        for (int a = 0; a < locations; a++)
        {
            for (int b = 0; b < locations; b++)
            {
                values[(a * locations) + b] = (int)Math.Round(Math.Sqrt(Math.Pow(xs[a] - xs[b], 2) + Math.Pow(ys[a] - ys[b], 2)));
            }
        }

        return new Matrix(locations, values);
    }

    /// <summary>Random points in a 100 x 100 square (seconds = metres = rounded distance), 3 vans, visits and pairs.</summary>
    internal static RoutingModel RandomModel(int seed, bool rich = false)
    {
        var random = new Random(seed);
        const int locations = 16;
        var matrix = GridMatrix(random, locations);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("grid", matrix, matrix));
        for (int v = 0; v < 3; v++)
        {
            builder.AddVehicle(new VehicleSpec
            {
                Id = $"van{v}",
                StartLocation = 0,
                EndLocation = v == 2 ? null : 0,
                Capacity = [6],
                Shift = new TimeWindow(0, 1000),
                CostPerSecond = v,
                FixedCost = 50 * v,
                MaxTrips = v == 0 ? 2 : 1,
                ReloadSeconds = 15,
                Breaks = rich && v == 1 ? [new BreakSpec(new TimeWindow(100, 300), 20)] : [],
                MaxDurationSeconds = rich && v == 0 ? 600 : null,
            });
        }

        for (int t = 0; t < 10; t++)
        {
            int start = random.Next(0, 400);
            builder.AddTask(Tiny.Visit($"v{t}", random.Next(1, locations), service: 5, window: new TimeWindow(start, start + random.Next(100, 500)), load: random.Next(1, 4)));
        }

        for (int t = 0; t < 5; t++)
        {
            int from = random.Next(1, locations);
            int to = random.Next(1, locations);
            builder.AddTask(Tiny.Pair($"p{t}", from, to, service: 3, load: random.Next(1, 3)) with { MaxRideSeconds = rich ? 150 : null });
        }

        if (rich)
        {
            builder.AddLink(new TaskLink(10, 11, 30));
        }

        return builder.Build();
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void Insertion_Delta_EqualsFullRecompute(int seed, bool rich)
    {
        var model = RandomModel(seed, rich);
        var state = new SolutionState(model.Compiled);
        var rng = new Rng(seed);
        int inserted = 0;
        foreach (int task in Enumerable.Range(0, model.Tasks.Count).OrderBy(t => (t * 7919) % 13))
        {
            var insertion = state.FindBest(task, allowNewVehicles: true, ref rng, 0);
            if (!insertion.Found)
            {
                continue;
            }

            long before = state.RecomputeCost();
            state.Apply(insertion, task);
            inserted++;

            Assert.Equal(before + insertion.Delta - model.Tasks[task].DropPenalty, state.RecomputeCost());
            Assert.Equal(state.RecomputeCost(), state.Cost);
            Assert.True(state.AllFeasible);
        }

        Assert.True(inserted >= 5, $"only {inserted} tasks inserted");
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    public void Removal_CostUpdate_EqualsFullRecompute(int seed, bool rich)
    {
        var model = RandomModel(seed, rich);
        var state = new SolutionState(model.Compiled);
        var rng = new Rng(seed);
        for (int task = 0; task < model.Tasks.Count; task++)
        {
            var insertion = state.FindBest(task, true, ref rng, 0);
            if (insertion.Found)
            {
                state.Apply(insertion, task);
            }
        }

        for (int task = model.Tasks.Count - 1; task >= 0; task -= 2)
        {
            state.RemoveTask(task);

            Assert.Equal(state.RecomputeCost(), state.Cost);
        }

        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    [InlineData(23, true)]
    public void RuinAndRecreate_AfterManyIterations_CostMatchesRecomputeAndPlanChecks(int seed, bool rich)
    {
        var model = RandomModel(seed, rich);
        foreach (var objective in new[] { Objective.Cost, Objective.VehiclesFirst })
        {
            var search = new Search(model.Compiled, new SearchOptions { MaxIterations = 400, Objective = objective }, seed);
            search.SetPinPositions(model);
            search.Run();

            Assert.Equal(search.State.RecomputeCost(), search.State.Cost);
            Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, search.State)));
        }
    }

    [Fact]
    public void Solve_SameSeedAndIterations_SamePlan()
    {
        var model = RandomModel(31, rich: true);
        var options = new SearchOptions { Seed = 5, MaxIterations = 300, Parallelism = 2 };

        var a = RoutingSolver.Solve(model, options);
        var b = RoutingSolver.Solve(model, options);

        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(
            a.Routes.Select(r => string.Join(',', r.Visits.Select(v => $"{v.Kind}{v.Index}@{v.StartSeconds}"))),
            b.Routes.Select(r => string.Join(',', r.Visits.Select(v => $"{v.Kind}{v.Index}@{v.StartSeconds}"))));
    }
}
