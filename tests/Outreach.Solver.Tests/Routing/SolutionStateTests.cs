using Outreach.Solver.Model;
using Outreach.Solver.Routing;

namespace Outreach.Solver.Tests.Routing;

/// <summary>Checks of the insertion prefilters of <see cref="SolutionState"/> against the exact vehicle schedule.</summary>
public class SolutionStateTests
{
    /// <summary>
    /// Random rich model: 3 vans of several trips, a break, a duration limit, a link, visits and pairs with ride limits
    /// from tight to loose, on random points (seconds = metres = rounded distance).
    /// </summary>
    private static RoutingModel RichModel(int seed)
    {
        var random = new Random(seed);
        const int locations = 20;
        var matrix = DeltaTests.GridMatrix(random, locations);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("grid", matrix, matrix));
        for (int v = 0; v < 3; v++)
        {
            builder.AddVehicle(new VehicleSpec
            {
                Id = $"van{v}",
                StartLocation = 0,
                EndLocation = 0,
                Capacity = [5 + v],
                Shift = new TimeWindow(0, 1200),
                CostPerSecond = 1,
                MaxTrips = 1 + v,
                ReloadSeconds = 10,
                Breaks = v == 1 ? [new BreakSpec(new TimeWindow(200, 400), 30)] : [],
                MaxDurationSeconds = v == 0 ? 900 : null,
            });
        }

        for (int t = 0; t < 6; t++)
        {
            int start = random.Next(0, 600);
            builder.AddTask(Tiny.Visit($"v{t}", random.Next(1, locations), service: 5, window: new TimeWindow(start, start + random.Next(100, 500)), load: random.Next(1, 3)));
        }

        for (int t = 0; t < 14; t++)
        {
            int from = random.Next(1, locations);
            int to = random.Next(1, locations);
            int? maxRide = t % 4 == 3 ? null : random.Next(40, 220);
            builder.AddTask(Tiny.Pair($"p{t}", from, to, service: 4, load: random.Next(1, 3)) with { MaxRideSeconds = maxRide });
        }

        builder.AddLink(new TaskLink(6, 7, 20));
        return builder.Build();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RideRejects_RandomRichModels_FullScheduleRejectsToo(int seed)
    {
        var model = RichModel(seed);
        var m = model.Compiled;
        var state = new SolutionState(m);
        var rng = new Rng(seed);

        // Half the tasks placed (cheapest feasible insertion), the other half probed at every position of every trip.
        var order = Enumerable.Range(0, m.TaskCount).OrderBy(_ => rng.NextDouble()).ToArray();
        foreach (int task in order.Take(m.TaskCount / 2))
        {
            var insertion = state.FindBest(task, allowNewVehicles: true, ref rng, 0);
            if (insertion.Found)
            {
                state.Apply(insertion, task);
            }
        }

        int rejected = 0, kept = 0;
        for (int task = 0; task < m.TaskCount; task++)
        {
            if (state.UnassignedIndex[task] < 0)
            {
                continue;
            }

            int first = m.TaskFirstStop[task];
            for (int r = 0; r < state.Routes.Length; r++)
            {
                var route = state.Routes[r];
                int n = route.Count;
                for (int i = 0; i <= n; i++)
                {
                    for (int j = i; j <= (m.TaskIsPair[task] ? n : i); j++)
                    {
                        bool prefilter = m.TaskIsPair[task] ? state.RideRejects(route, first, first + 1, i, j) : state.RideRejects(route, first, i);
                        bool full = m.TaskIsPair[task]
                            ? state.Scheduler.Evaluate(state, route.Vehicle, r, first, i, first + 1, j)
                            : state.Scheduler.Evaluate(state, route.Vehicle, r, first, i, -1, -1);
                        if (prefilter)
                        {
                            rejected++;
                            Assert.False(full, $"task {task} route {r} positions {i}/{j}: rejected by the prefilter, accepted by the schedule");
                        }
                        else
                        {
                            kept++;
                        }
                    }
                }
            }
        }

        // Not vacuous: some positions are rejected by the bounds and some pass to the full check.
        Assert.True(rejected > 0, "no position rejected");
        Assert.True(kept > 0, "every position rejected");
    }

    [Fact]
    public void RideRejects_DetourPastPassengerLimit_RejectsAndKeepsShortDetour()
    {
        // Line 0..100; pair a rides 10 -> 30 with 25 s allowed (20 s of driving): a stop at 32 between them adds 4 s
        // (fits), a stop at 80 adds 100 s (cannot fit whatever the waiting).
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 30, 32, 80));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(Tiny.Pair("a", 1, 2) with { MaxRideSeconds = 25 });
        builder.AddTask(Tiny.Visit("near", 3));
        builder.AddTask(Tiny.Visit("far", 4));
        var model = builder.Build();
        var state = new SolutionState(model.Compiled);
        var rng = new Rng(1);
        state.Apply(state.FindBest(0, allowNewVehicles: true, ref rng, 0), 0);
        var route = state.Routes[state.StopRoute[model.Compiled.TaskFirstStop[0]]];

        Assert.Equal(2, route.Count);
        Assert.False(state.RideRejects(route, model.Compiled.TaskFirstStop[1], 1));
        Assert.True(state.RideRejects(route, model.Compiled.TaskFirstStop[2], 1));
        Assert.False(state.RideRejects(route, model.Compiled.TaskFirstStop[2], 2));
    }
}
