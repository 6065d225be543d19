using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Routing;

/// <summary>
/// Seeded checks of each ruin operator (the objective after removal equals a full recomputation, pinned positions
/// stay, pairs leave whole) and of whole searches with every operator and local search switched on.
/// </summary>
public class SearchTests
{
    private static RoutingModel Model(int kind, int seed) => kind switch
    {
        0 => DeltaTests.RandomModel(seed),
        1 => DeltaTests.RandomModel(seed, rich: true),
        _ => LocalSearchTests.FeatureModel(seed),
    };

    private static readonly SearchOptions AllOperators = new()
    {
        RuinWeights = [4, 1, 1, 1, 1],
        AdaptiveRuin = true,
        LocalSearchRate = 0.3,
        LocalSearchOnBest = true,
        LocalSearchOnRichModels = true,
    };

    /// <summary>Every ruin operator (by number, the enum being internal) on every model kind.</summary>
    public static TheoryData<int, int, int> Ruins()
    {
        var data = new TheoryData<int, int, int>();
        int seed = 60;
        foreach (var op in Enum.GetValues<RuinOperator>())
        {
            for (int kind = 0; kind < 3; kind++)
            {
                data.Add((int)op, kind, seed++);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ruins))]
    public void Ruin_EachOperator_CostMatchesRecomputeAndPinsStay(int ruin, int kind, int seed)
    {
        var op = (RuinOperator)ruin;
        var model = Model(kind, seed);
        var m = model.Compiled;
        var search = new Search(m, new SearchOptions { MaxIterations = 20 }, seed);
        search.SetPinPositions(model);
        search.Run();
        var state = search.State;
        int removedSomething = 0;
        for (int round = 0; round < 30; round++)
        {
            var pinned = Enumerable.Range(0, m.StopCount)
                .Where(s => m.TaskPinnedPosition[m.StopTask[s]] && state.StopRoute[s] >= 0)
                .ToDictionary(s => s, s => (state.StopRoute[s], state.StopPosition[s]));
            int before = state.UnassignedCount;

            search.BeginMove();
            search.Ruin(op);

            Assert.Equal(state.RecomputeCost(), state.Cost);
            removedSomething += state.UnassignedCount > before ? 1 : 0;
            foreach (var (stop, place) in pinned)
            {
                Assert.Equal(place, (state.StopRoute[stop], state.StopPosition[stop]));
            }

            for (int t = 0; t < m.TaskCount; t++)
            {
                if (m.TaskIsPair[t])
                {
                    int s = m.TaskFirstStop[t];
                    Assert.Equal(state.StopRoute[s] < 0, state.StopRoute[s + 1] < 0);
                }
            }

            search.Recreate(allowNewVehicles: true, blink: 0.01);

            Assert.Equal(state.RecomputeCost(), state.Cost);
            Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
        }

        Assert.True(removedSomething >= 20, $"{op} removed tasks in only {removedSomething} of 30 rounds");
    }

    [Theory]
    [InlineData(0, 71)]
    [InlineData(1, 72)]
    [InlineData(2, 73)]
    [InlineData(2, 74)]
    public void Run_AllOperatorsAndLocalSearch_CostMatchesRecomputeAndPlanChecks(int kind, int seed)
    {
        var model = Model(kind, seed);
        foreach (var (objective, around) in new[] { (Objective.Cost, false), (Objective.VehiclesFirst, false), (Objective.Cost, true) })
        {
            var options = AllOperators with { MaxIterations = 400, Objective = objective, LocalSearchAroundReinserted = around };
            var search = new Search(model.Compiled, options, seed);
            search.SetPinPositions(model);
            search.Run();

            Assert.Equal(search.State.RecomputeCost(), search.State.Cost);
            Assert.Equal(search.BestCost, search.State.Cost);
            Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, search.State)));
            Assert.True(search.Local.MovesApplied > 0);
        }
    }

    [Fact]
    public void Solve_AllOperatorsSameSeedAndIterations_SamePlan()
    {
        var model = LocalSearchTests.FeatureModel(75);
        var options = AllOperators with { Seed = 3, MaxIterations = 300, Parallelism = 2 };

        var a = RoutingSolver.Solve(model, options);
        var b = RoutingSolver.Solve(model, options);

        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(
            a.Routes.Select(r => string.Join(',', r.Visits.Select(v => $"{v.Kind}{v.Index}@{v.StartSeconds}"))),
            b.Routes.Select(r => string.Join(',', r.Visits.Select(v => $"{v.Kind}{v.Index}@{v.StartSeconds}"))));
    }

    [Fact]
    public void Run_AdaptiveWeights_EveryOperatorKeepsAShare()
    {
        // Whatever the scores, no operator's share falls below a tenth of its initial share (of the total before the
        // floors are applied, so at least 0.1 / 1.1 of it after).
        var model = DeltaTests.RandomModel(76);
        var search = new Search(model.Compiled, AllOperators with { MaxIterations = 2000, LocalSearchRate = 0 }, 76);
        search.SetPinPositions(model);
        search.Run();

        var weights = search.RuinWeights.ToArray();
        double total = weights.Sum();
        double[] initial = [4, 1, 1, 1, 1];
        for (int i = 0; i < weights.Length; i++)
        {
            Assert.True(weights[i] / total >= (0.1 / 1.1 * initial[i] / initial.Sum()) - 1e-12, $"operator {(RuinOperator)i} share {weights[i] / total}");
        }
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(34)]
    public void Solve_RegretCache_SamePlanAsScanningEveryVehicleEachRound(int seed)
    {
        // The regret construction reuses a task's best insertion into every vehicle the last insertion left unchanged;
        // one iteration on top keeps the start visible: the plans must match a construction that re-scans everything.
        var model = DeltaTests.RandomModel(seed);
        var options = new SearchOptions { Seed = seed, MaxIterations = 1, Polish = false };

        var cached = RoutingSolver.Solve(model, options);
        var scanned = RoutingSolver.Solve(model, options with { RegretCache = false });

        Assert.Equal(scanned.Cost, cached.Cost);
        Assert.Equal(
            scanned.Routes.Select(r => (r.Vehicle, r.Trip, string.Join(' ', r.Visits.Select(v => v.Index)))),
            cached.Routes.Select(r => (r.Vehicle, r.Trip, string.Join(' ', r.Visits.Select(v => v.Index)))));
        Assert.True(cached.Routes.Count > 0);
    }
}
