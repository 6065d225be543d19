using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Routing;

public class RoutingSolverTests
{
    /// <summary>A clock that moves one second forward every time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => ++ticks;
    }

    [Fact]
    public void Solve_TimeLimitOnInjectedClock_StopsWhenTheClockSaysSo()
    {
        // The search reads the clock once per iteration: with a 50 s limit on a clock that advances 1 s per read,
        // it stops after about 50 iterations, whatever the real time.
        var model = DeltaTests.RandomModel(41);

        var solution = RoutingSolver.Solve(model, new SearchOptions { TimeLimit = TimeSpan.FromSeconds(50), Clock = new SteppingClock() });

        Assert.InRange(solution.Iterations, 1, 60);
        Assert.Empty(FeasibilityChecker.Check(model, solution));
    }

    [Fact]
    public void Solve_NoTasks_EmptyPlanAtZeroCost()
    {
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10));
        builder.AddVehicle(Tiny.Van("van") with { FixedCost = 500 });

        var solution = RoutingSolver.Solve(builder.Build(), new SearchOptions { TimeLimit = TimeSpan.FromSeconds(30) });

        Assert.Empty(solution.Routes);
        Assert.Equal(0, solution.Cost);
    }

    [Fact]
    public void Solve_FixedCost_OneVanInsteadOfTwo()
    {
        // Two visits at x=10 and x=20 from two vans at x=0: one van 0-10-20-0 = 40 m beats two vans
        // (20 + 40 = 60 m) once each van costs 1000 more: 1040 vs 2060.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20));
        builder.AddVehicle(Tiny.Van("a") with { FixedCost = 1000 });
        builder.AddVehicle(Tiny.Van("b") with { FixedCost = 1000 });
        builder.AddTask(Tiny.Visit("x10", 1));
        builder.AddTask(Tiny.Visit("x20", 2));

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal((1, 1040L), (solution.VehiclesUsed, solution.Cost));
    }
}
