using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Routing;

/// <summary>
/// Seeded checks of every local-search move: the evaluated delta equals the full recomputation after applying it,
/// every plan passes the independent checker, and on models the O(1) caches decide exactly (no breaks, ride times,
/// links or durations; moves between different vehicles) an evaluated-feasible move is never undone.
/// </summary>
public class LocalSearchTests
{
    /// <summary>
    /// Random points in a 100 x 100 square with every feature the moves must respect: two load dimensions, skills,
    /// several windows, a pinned prefix, a task pinned to a vehicle, an open route, two cost classes, a second profile
    /// and a vehicle with two trips. Visits and pairs.
    /// </summary>
    internal static RoutingModel FeatureModel(int seed)
    {
        var random = new Random(seed);
        const int locations = 18;
        var xs = Enumerable.Range(0, locations).Select(_ => random.Next(100)).ToArray();
        var ys = Enumerable.Range(0, locations).Select(_ => random.Next(100)).ToArray();
        var fast = new int[locations * locations];
        var slow = new int[locations * locations];
        for (int a = 0; a < locations; a++)
        {
            for (int b = 0; b < locations; b++)
            {
                double d = Math.Sqrt(Math.Pow(xs[a] - xs[b], 2) + Math.Pow(ys[a] - ys[b], 2));
                fast[(a * locations) + b] = (int)Math.Round(d);
                slow[(a * locations) + b] = (int)Math.Round(d * 1.3);
            }
        }

        var builder = new RoutingModelBuilder(2);
        builder.AddProfile(new TravelProfile("car", new Matrix(locations, fast), new Matrix(locations, fast)));
        builder.AddProfile(new TravelProfile("van", new Matrix(locations, slow), new Matrix(locations, fast)));
        builder.AddVehicle(new VehicleSpec { Id = "a", StartLocation = 0, EndLocation = 0, Capacity = [6, 1], Shift = new TimeWindow(0, 900), Skills = ["lift"], MaxTrips = 2, ReloadSeconds = 10 });
        builder.AddVehicle(new VehicleSpec { Id = "b", StartLocation = 0, EndLocation = 0, Capacity = [8, 0], Shift = new TimeWindow(0, 900), CostPerSecond = 1 });
        builder.AddVehicle(new VehicleSpec { Id = "c", StartLocation = 0, EndLocation = null, Capacity = [5, 1], Shift = new TimeWindow(0, 800), Skills = ["lift"], Profile = 1, FixedCost = 30 });
        builder.AddVehicle(new VehicleSpec { Id = "d", StartLocation = 1, EndLocation = 1, Capacity = [7, 0], Shift = new TimeWindow(50, 900) });
        for (int t = 0; t < 12; t++)
        {
            int start = random.Next(0, 400);
            var windows = t % 3 == 0
                ? new[] { new TimeWindow(start, start + 80), new TimeWindow(start + 200, start + 350) }
                : [new TimeWindow(start, start + random.Next(150, 500))];
            builder.AddTask(new TaskSpec
            {
                Id = $"v{t}",
                Pickup = new StopSpec(random.Next(2, locations), 5, windows),
                Load = [random.Next(1, 3), t % 5 == 0 ? 1 : 0],
                Skills = t % 5 == 0 ? ["lift"] : [],
                Pin = t switch
                {
                    0 => new TaskPin(0, 0, 0),
                    1 => new TaskPin(1),
                    _ => null,
                },
            });
        }

        for (int t = 0; t < 6; t++)
        {
            builder.AddTask(new TaskSpec
            {
                Id = $"p{t}",
                Pickup = StopSpec.At(random.Next(2, locations), 3),
                Delivery = StopSpec.At(random.Next(2, locations), 3),
                Load = [random.Next(1, 3), 0],
            });
        }

        return builder.Build();
    }

    /// <summary>The models the theories run on: plain, rich (breaks, ride times, a link, a duration limit) and feature-heavy.</summary>
    private static RoutingModel Model(int kind, int seed) => kind switch
    {
        0 => DeltaTests.RandomModel(seed),
        1 => DeltaTests.RandomModel(seed, rich: true),
        _ => FeatureModel(seed),
    };

    private static SolutionState Solved(RoutingModel model, int seed, long iterations = 30)
    {
        // A plan to move stops in, made the same way on every model shape (the dial-a-ride defaults would leave fewer
        // improving moves for the checks).
        var options = new SearchOptions { MaxIterations = iterations, LocalSearchRate = 0, LocalSearchOnRichModels = false, RuinWeights = [1, 0, 0, 0, 0] };
        var search = new Search(model.Compiled, options, seed);
        search.SetPinPositions(model);
        search.Run();
        Assert.True(search.State.AllFeasible);
        return search.State;
    }

    /// <summary>
    /// Applies an evaluated move and checks it: cost after - cost before == delta, the incremental cost equals the
    /// recomputed one and the plan passes the checker; an undone move leaves the cost as it was. Returns whether applied.
    /// </summary>
    private static bool ApplyAndCheck(RoutingModel model, SolutionState state, long delta, Func<bool> apply, bool mustApply)
    {
        long before = state.RecomputeCost();
        bool applied = apply();
        long after = state.RecomputeCost();
        Assert.Equal(after, state.Cost);
        if (applied)
        {
            Assert.Equal(before + delta, after);
            Assert.True(state.AllFeasible);
            Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
        }
        else
        {
            Assert.False(mustApply, "an evaluated-feasible move was undone on a model the caches decide exactly");
            Assert.Equal(before, after);
        }

        return applied;
    }

    /// <summary>True when the caches alone decide the move: no full check needed and the routes are different vehicles' (or one route).</summary>
    private static bool Exact(SolutionState state, int ra, int rb) =>
        !state.M.NeedsFullCheck && (ra == rb || state.Routes[ra].Vehicle != state.Routes[rb].Vehicle);

    private static int RandomRoute(SolutionState state, Random random, bool nonEmpty)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int r = random.Next(state.Routes.Length);
            if (!nonEmpty || state.Routes[r].Count > 0)
            {
                return r;
            }
        }

        return 0;
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 3)]
    [InlineData(1, 4)]
    [InlineData(2, 5)]
    [InlineData(2, 6)]
    [InlineData(2, 7)]
    public void SegmentMove_Delta_EqualsFullRecompute(int kind, int seed)
    {
        var model = Model(kind, seed);
        var state = Solved(model, seed);
        var local = new LocalSearch(state);
        var random = new Random(seed);
        int applied = 0;
        for (int draw = 0; draw < 3000; draw++)
        {
            int ra = RandomRoute(state, random, nonEmpty: true);
            int rb = RandomRoute(state, random, nonEmpty: false);
            var a = state.Routes[ra];
            if (a.Count == 0)
            {
                continue;
            }

            int length = random.Next(1, 4);
            int first = random.Next(1, a.Count + 1);
            bool reversed = random.Next(2) == 1;
            int after = random.Next(0, state.Routes[rb].Count + 1);
            long delta = local.EvaluateSegmentMove(ra, first, length, reversed, rb, after);
            if (delta == LocalSearch.NoMove)
            {
                continue;
            }

            if (ApplyAndCheck(model, state, delta, () => local.ApplySegmentMove(ra, first, length, reversed, rb, after), Exact(state, ra, rb)))
            {
                applied++;
            }
        }

        Assert.True(applied >= 50, $"only {applied} moves applied");
    }

    [Theory]
    [InlineData(0, 11)]
    [InlineData(1, 12)]
    [InlineData(2, 13)]
    [InlineData(2, 14)]
    public void Swap_Delta_EqualsFullRecompute(int kind, int seed)
    {
        var model = Model(kind, seed);
        var state = Solved(model, seed);
        var local = new LocalSearch(state);
        var random = new Random(seed);
        int applied = 0;
        for (int draw = 0; draw < 3000; draw++)
        {
            int ra = RandomRoute(state, random, nonEmpty: true);
            int rb = RandomRoute(state, random, nonEmpty: true);
            if (state.Routes[ra].Count == 0 || state.Routes[rb].Count == 0)
            {
                continue;
            }

            int i = random.Next(1, state.Routes[ra].Count + 1);
            int j = random.Next(1, state.Routes[rb].Count + 1);
            long delta = local.EvaluateSwap(ra, i, rb, j);
            if (delta == LocalSearch.NoMove)
            {
                continue;
            }

            if (ApplyAndCheck(model, state, delta, () => local.ApplySwap(ra, i, rb, j), Exact(state, ra, rb)))
            {
                applied++;
            }
        }

        Assert.True(applied >= 50, $"only {applied} moves applied");
    }

    [Theory]
    [InlineData(0, 21)]
    [InlineData(0, 22)]
    [InlineData(1, 23)]
    [InlineData(2, 24)]
    [InlineData(2, 25)]
    public void TwoOptStar_Delta_EqualsFullRecompute(int kind, int seed)
    {
        var model = Model(kind, seed);
        var state = Solved(model, seed);
        var local = new LocalSearch(state);
        var random = new Random(seed);
        int applied = 0;
        for (int draw = 0; draw < 3000; draw++)
        {
            int ra = RandomRoute(state, random, nonEmpty: false);
            int rb = RandomRoute(state, random, nonEmpty: false);
            int cutA = random.Next(0, state.Routes[ra].Count + 1);
            int cutB = random.Next(0, state.Routes[rb].Count + 1);
            long delta = local.EvaluateTwoOptStar(ra, cutA, rb, cutB);
            if (delta == LocalSearch.NoMove)
            {
                continue;
            }

            if (ApplyAndCheck(model, state, delta, () => local.ApplyTwoOptStar(ra, cutA, rb, cutB), Exact(state, ra, rb)))
            {
                applied++;
            }
        }

        Assert.True(applied >= 25, $"only {applied} moves applied");
    }

    [Theory]
    [InlineData(0, 31)]
    [InlineData(1, 32)]
    [InlineData(2, 33)]
    [InlineData(2, 34)]
    public void PairRelocate_Delta_EqualsFullRecompute(int kind, int seed)
    {
        var model = Model(kind, seed);
        var state = Solved(model, seed);
        var local = new LocalSearch(state);
        var random = new Random(seed);
        var pairs = Enumerable.Range(0, model.Tasks.Count).Where(t => model.Tasks[t].Delivery is not null).ToArray();
        int applied = 0;
        for (int draw = 0; draw < 1000; draw++)
        {
            int task = pairs[random.Next(pairs.Length)];
            int rb = RandomRoute(state, random, nonEmpty: false);
            long delta = local.EvaluatePairRelocate(task, rb, out var insertion);
            if (delta == LocalSearch.NoMove)
            {
                continue;
            }

            int ra = state.StopRoute[model.Compiled.TaskFirstStop[task]];
            if (ApplyAndCheck(model, state, delta, () => local.ApplyPairRelocate(task, rb, insertion), Exact(state, ra, rb)))
            {
                applied++;
            }
        }

        Assert.True(applied >= 100, $"only {applied} moves applied");
    }

    [Theory]
    [InlineData(0, 41)]
    [InlineData(2, 42)]
    public void Swap_BetweenVehicles_RejectedOnlyWhenApplyingBreaksTheRoutes(int kind, int seed)
    {
        // Evaluation must not be more careful than the routes: a swap of two visits between vehicles that it rejects
        // (skills and pins allowing) must really break a window or a capacity once applied.
        var model = Model(kind, seed);
        var state = Solved(model, seed);
        var local = new LocalSearch(state);
        var m = model.Compiled;
        var random = new Random(seed);
        int rejected = 0;
        for (int draw = 0; draw < 2000; draw++)
        {
            int ra = RandomRoute(state, random, nonEmpty: true);
            int rb = RandomRoute(state, random, nonEmpty: true);
            var a = state.Routes[ra];
            var b = state.Routes[rb];
            if (a.Count == 0 || b.Count == 0 || a.Vehicle == b.Vehicle)
            {
                continue;
            }

            int i = random.Next(a.PinnedPrefix + 1, a.Count + 1);
            int j = random.Next(b.PinnedPrefix + 1, b.Count + 1);
            if (i > a.Count || j > b.Count)
            {
                continue;
            }

            int u = a.Stops[i];
            int v = b.Stops[j];
            int tu = m.StopTask[u];
            int tv = m.StopTask[v];
            if (m.StopSibling[u] >= 0 || m.StopSibling[v] >= 0 || m.TaskPinVehicle[tu] >= 0 || m.TaskPinVehicle[tv] >= 0
                || !m.VehicleCanServe(b.Vehicle, tu) || !m.VehicleCanServe(a.Vehicle, tv)
                || local.EvaluateSwap(ra, i, rb, j) != LocalSearch.NoMove)
            {
                continue;
            }

            long before = state.Cost;
            (a.Stops[i], b.Stops[j]) = (b.Stops[j], a.Stops[i]);
            state.UpdateVehicle(a.Vehicle);
            state.UpdateVehicle(b.Vehicle);
            Assert.False(state.VehicleFeasible[a.Vehicle] && state.VehicleFeasible[b.Vehicle]);
            (a.Stops[i], b.Stops[j]) = (b.Stops[j], a.Stops[i]);
            state.UpdateVehicle(a.Vehicle);
            state.UpdateVehicle(b.Vehicle);
            Assert.Equal(before, state.Cost);
            rejected++;
        }

        Assert.True(rejected >= 100, $"only {rejected} rejections checked");
    }

    [Theory]
    [InlineData(0, 51)]
    [InlineData(1, 52)]
    [InlineData(2, 53)]
    [InlineData(2, 54)]
    public void Run_FromConstruction_NeverRaisesCostAndKeepsThePlanFeasible(int kind, int seed)
    {
        var model = Model(kind, seed);
        var state = Solved(model, seed, iterations: 1);
        var local = new LocalSearch(state);
        var rng = new Rng(seed);
        long before = state.Cost;
        int unassigned = state.UnassignedCount;

        long gain = local.Run(ref rng);

        Assert.Equal(before - gain, state.Cost);
        Assert.True(gain >= 0);
        Assert.Equal(state.RecomputeCost(), state.Cost);
        Assert.Equal(unassigned, state.UnassignedCount);
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));

        // A local optimum: a second run finds nothing more.
        Assert.Equal(0, local.Run(ref rng));
    }

    [Theory]
    [InlineData(0, 55)]
    [InlineData(1, 56)]
    [InlineData(2, 57)]
    public void RunAround_SomeTasks_NeverRaisesCostAndKeepsThePlanFeasible(int kind, int seed)
    {
        var model = Model(kind, seed);
        var state = Solved(model, seed, iterations: 1);
        var local = new LocalSearch(state);
        var rng = new Rng(seed);
        var tasks = Enumerable.Range(0, model.Tasks.Count).Where(t => t % 3 == 0).ToArray();
        long before = state.Cost;

        long gain = local.RunAround(ref rng, tasks);

        Assert.Equal(before - gain, state.Cost);
        Assert.True(gain >= 0);
        Assert.Equal(state.RecomputeCost(), state.Cost);
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    [Fact]
    public void Run_CrossedRoutes_UncrossesThem()
    {
        // Depot x=0 on a line; visits at -20, -10 (west) and 10, 20 (east). Two vans start crossed:
        // van a serves -10 then 20 (10 + 30 + 20 = 60), van b serves 10 then -20 (10 + 30 + 20 = 60): 120 m.
        // Uncrossed (one van per side) each van drives 40 m: 80 m, which local search must reach.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, -20, -10, 10, 20));
        builder.AddVehicle(Tiny.Van("a"));
        builder.AddVehicle(Tiny.Van("b"));
        for (int location = 1; location <= 4; location++)
        {
            builder.AddTask(Tiny.Visit($"x{location}", location));
        }

        var model = builder.Build();
        var state = new SolutionState(model.Compiled);
        state.Apply(new Insertion(0, 0, -1, 0), 1);
        state.Apply(new Insertion(0, 1, -1, 0), 3);
        state.Apply(new Insertion(1, 0, -1, 0), 2);
        state.Apply(new Insertion(1, 1, -1, 0), 0);
        Assert.Equal(120, state.Cost);
        var rng = new Rng(1);

        new LocalSearch(state).Run(ref rng);

        Assert.Equal(80, state.Cost);
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    /// <summary>
    /// Builds a plan by hand: <paramref name="trips"/>[r] lists the tasks of route r in visiting order (a pair's
    /// delivery right after its pickup), each appended at the end of its route.
    /// </summary>
    private static SolutionState Planned(RoutingModel model, params int[][] trips)
    {
        var state = new SolutionState(model.Compiled);
        for (int r = 0; r < trips.Length; r++)
        {
            foreach (int task in trips[r])
            {
                int end = state.Routes[r].Count;
                state.Apply(new Insertion(r, end, end, 0), task);
            }
        }

        Assert.True(state.AllFeasible);
        return state;
    }

    /// <summary>Euclidean distances (rounded) between points, as seconds and metres.</summary>
    private static TravelProfile Plane(params (int X, int Y)[] points)
    {
        int n = points.Length;
        var values = new int[n * n];
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                values[(a * n) + b] = (int)Math.Round(Math.Sqrt(Math.Pow(points[a].X - points[b].X, 2) + Math.Pow(points[a].Y - points[b].Y, 2)));
            }
        }

        return new TravelProfile("plane", new Matrix(n, values), new Matrix(n, values));
    }

    /// <summary>Two vans at x=0 and visits at -20, -10, 10, 20, 30 (tasks 0..4 at locations 1..5; the driving cost is checked, unplanned ones add their penalty).</summary>
    private static RoutingModel LineOfVisits(int capacityB = 100, TimeWindow? windowOf20 = null)
    {
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, -20, -10, 10, 20, 30));
        builder.AddVehicle(Tiny.Van("a"));
        builder.AddVehicle(Tiny.Van("b", capacity: capacityB));
        for (int location = 1; location <= 5; location++)
        {
            builder.AddTask(Tiny.Visit($"x{location}", location, window: location == 4 ? windowOf20 : null, load: 1));
        }

        return builder.Build();
    }

    [Fact]
    public void Relocate_FarVisitNextToItsNeighbour_SavesTwentyAndChecks()
    {
        // a: 0 -10 20 0 = 60, b: 0 10 0 = 20. Moving 20 after 10 on b: a = 20, b = 40: 80 -> 60.
        var model = LineOfVisits();
        var state = Planned(model, [1, 3], [2]);
        var local = new LocalSearch(state);

        long delta = local.EvaluateSegmentMove(0, 2, 1, false, 1, 1);
        bool applied = local.ApplySegmentMove(0, 2, 1, false, 1, 1);

        Assert.Equal((-20L, true, 60L), (delta, applied, state.RouteCostSum));
        Assert.Equal(state.RecomputeCost(), state.Cost);
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    [Fact]
    public void Relocate_TargetVanFull_IsNoMove()
    {
        // Same move, but van b seats one: its visit at 10 already fills it.
        var model = LineOfVisits(capacityB: 1);
        var state = Planned(model, [1, 3], [2]);
        var local = new LocalSearch(state);

        Assert.Equal(LocalSearch.NoMove, local.EvaluateSegmentMove(0, 2, 1, false, 1, 1));
        var rng = new Rng(1);
        local.Run(ref rng);
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    [Fact]
    public void Swap_CrossedVisits_SavesFortyAndChecks()
    {
        // a: 0 -20 10 0 = 60, b: 0 20 -10 0 = 60. Swapping 10 and -10: a = 0 -20 -10 0 = 40, b = 0 20 10 0 = 40.
        var model = LineOfVisits();
        var state = Planned(model, [0, 2], [3, 1]);
        var local = new LocalSearch(state);

        long delta = local.EvaluateSwap(0, 2, 1, 2);
        bool applied = local.ApplySwap(0, 2, 1, 2);

        Assert.Equal((-40L, true, 80L), (delta, applied, state.RouteCostSum));
        Assert.Equal(state.RecomputeCost(), state.Cost);
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    [Fact]
    public void Swap_WindowWouldBeMissed_IsNoMove()
    {
        // The visit at 20 must start by 25: swapped with 10, it would be reached by van a at 60 (0 -> -20 -> 20).
        var model = LineOfVisits(windowOf20: new TimeWindow(0, 25));
        var state = Planned(model, [0, 2], [3, 1]);
        var local = new LocalSearch(state);

        Assert.Equal(LocalSearch.NoMove, local.EvaluateSwap(0, 2, 1, 1));
    }

    [Fact]
    public void OrOpt_ChainMovedReversed_BeatsEveryOtherPlaceForIt()
    {
        // One van at (0, 0): P1 (10, 0), Q1 (0, 10), Q2 (0, 20), P2 (20, 0) in that order = 10 + 14 + 10 + 28 + 20 = 82.
        // Moving the chain Q1 Q2 after P2 reversed: P1 P2 Q2 Q1 = 10 + 10 + 28 + 10 + 10 = 68; unreversed it is 72.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Plane((0, 0), (10, 0), (0, 10), (0, 20), (20, 0)));
        builder.AddVehicle(Tiny.Van("a"));
        for (int location = 1; location <= 4; location++)
        {
            builder.AddTask(Tiny.Visit($"s{location}", location));
        }

        var model = builder.Build();
        var state = Planned(model, [0, 1, 2, 3]);
        var local = new LocalSearch(state);

        long forward = local.EvaluateSegmentMove(0, 2, 2, false, 0, 4);
        long reversed = local.EvaluateSegmentMove(0, 2, 2, true, 0, 4);
        bool applied = local.ApplySegmentMove(0, 2, 2, true, 0, 4);

        Assert.Equal((-10L, -14L, true, 68L), (forward, reversed, applied, state.Cost));
        Assert.Equal(["s1", "s4", "s3", "s2"], Tiny.Sequence(model, RoutingSolver.Extract(model, state).Routes[0]));
    }

    [Fact]
    public void TwoOptStar_CrossedTails_ExchangedAndChecks()
    {
        // a: 0 -10 20 0 = 60, b: 0 10 -20 0 = 60. Cutting both after their first stop and swapping the tails:
        // a = 0 -10 -20 0 = 40, b = 0 10 20 0 = 40.
        var model = LineOfVisits();
        var state = Planned(model, [1, 3], [2, 0]);
        var local = new LocalSearch(state);

        long delta = local.EvaluateTwoOptStar(0, 1, 1, 1);
        bool applied = local.ApplyTwoOptStar(0, 1, 1, 1);

        Assert.Equal((-40L, true, 80L), (delta, applied, state.RouteCostSum));
        Assert.Equal(state.RecomputeCost(), state.Cost);
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }

    [Fact]
    public void TwoOptStar_CutInsideAPair_IsNoMove()
    {
        // Van a carries a pair from -10 to -20; cutting between its pickup and delivery would split it.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, -20, -10, 10, 20));
        builder.AddVehicle(Tiny.Van("a"));
        builder.AddVehicle(Tiny.Van("b"));
        builder.AddTask(Tiny.Pair("p", 2, 1));
        builder.AddTask(Tiny.Visit("x10", 3));
        builder.AddTask(Tiny.Visit("x20", 4));
        var model = builder.Build();
        var state = Planned(model, [0], [1, 2]);
        var local = new LocalSearch(state);

        Assert.Equal(LocalSearch.NoMove, local.EvaluateTwoOptStar(0, 1, 1, 1));
    }

    [Fact]
    public void PairRelocate_PairOnTheWrongSide_MovesToTheOtherVanAndChecks()
    {
        // a: 0 -10 (p 10 -> 20) 0 = 10 + 20 + 10 + 20 = 60; b: 0 30 0 = 60. The pair moved to b before 30:
        // a = 0 -10 0 = 20, b = 0 10 20 30 0 = 60: 120 -> 80.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, -10, 10, 20, 30));
        builder.AddVehicle(Tiny.Van("a"));
        builder.AddVehicle(Tiny.Van("b"));
        builder.AddTask(Tiny.Visit("x-10", 1));
        builder.AddTask(Tiny.Pair("p", 2, 3));
        builder.AddTask(Tiny.Visit("x30", 4));
        var model = builder.Build();
        var state = Planned(model, [0, 1], [2]);
        var local = new LocalSearch(state);

        long delta = local.EvaluatePairRelocate(1, 1, out var insertion);
        bool applied = local.ApplyPairRelocate(1, 1, insertion);

        Assert.Equal((-40L, true, 80L), (delta, applied, state.Cost));
        Assert.Equal(["p", "p", "x30"], Tiny.Sequence(model, RoutingSolver.Extract(model, state).Routes.Single(r => r.Vehicle == 1)));
        Assert.Empty(FeasibilityChecker.Check(model, RoutingSolver.Extract(model, state)));
    }
}
