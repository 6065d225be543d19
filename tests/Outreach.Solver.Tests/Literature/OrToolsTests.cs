using Outreach.Bench.Darp;
using Outreach.Bench.OrTools;
using Outreach.Bench.Routing;
using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Literature;

public class OrToolsTests
{
    [Fact]
    public void Solve_R1aTwoSeconds_PlanPassesBothCheckersAndCheckDarpPy()
    {
        var instance = DarpReader.Read(SharedBench.Of("darp", "R1a.txt"));
        var model = DarpModel.Build(instance);

        var solution = OrToolsRouting.Solve(model, TimeSpan.FromSeconds(2));

        Assert.Empty(solution.Unassigned);
        // FeasibilityChecker re-reads times, windows, rides, durations and loads from the integer model, and compares
        // OR-Tools' own objective with the cost recomputed from it: the translation must be exact.
        Assert.Empty(FeasibilityChecker.Check(model, solution));
        var routes = DarpModel.Routes(instance, solution);
        var check = DarpChecker.Check(instance, routes);
        Assert.Empty(check.Errors);
        Assert.Equal(24, check.Served);
        Assert.InRange(check.Cost - (solution.Metres / (double)LiteratureModel.Scale), -0.01, 0.01);
        string sol = Path.Combine(Path.GetTempPath(), $"outreach-{Guid.NewGuid():N}.sol");
        try
        {
            DarpSolutionFile.Write(sol, routes);
            var (exitCode, output) = DarpTests.CheckDarpPy(SharedBench.Of("darp", "R1a.txt"), sol);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(sol);
        }
    }

    [Theory]
    [InlineData("solomon", "R101.txt", false)]
    [InlineData("lilim", "lr101.txt", true)]
    public void Solve_LiteratureOneSecond_PlanFeasibleInDoubles(string set, string file, bool vehiclesFirst)
    {
        string path = SharedBench.Of(set, file);
        var instance = set == "solomon" ? LiteratureReader.ReadSolomon(path) : LiteratureReader.ReadLiLim(path);
        var model = LiteratureModel.Build(instance, vehiclesFirst, out var taskNodes);

        var solution = OrToolsRouting.Solve(model, TimeSpan.FromSeconds(1));

        Assert.Empty(solution.Unassigned);
        Assert.Empty(FeasibilityChecker.Check(model, solution));
        var routes = solution.Routes.Select(r => (IReadOnlyList<int>)r.Visits
            .Where(v => v.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
            .Select(v => taskNodes[v.Index][v.Kind == VisitKind.Delivery ? 1 : 0]).ToList()).ToList();
        var (feasible, _, errors) = LiteratureChecker.Check(instance, routes);
        Assert.Empty(errors);
        Assert.True(feasible);
        // Under vehicles first each used van costs LiteratureModel.VehicleCost, as in our engine's model.
        Assert.Equal(vehiclesFirst ? solution.VehiclesUsed * LiteratureModel.VehicleCost : 0, solution.Cost - solution.Metres);
    }

    [Fact]
    public void Solve_ModelWithBreaks_NotSupported()
    {
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10));
        builder.AddTask(new TaskSpec { Id = "a", Pickup = StopSpec.At(1) });
        builder.AddVehicle(Tiny.Van("v") with { Breaks = [new BreakSpec(new TimeWindow(0, 100), 5)] });

        var error = Assert.Throws<NotSupportedException>(() => OrToolsRouting.Solve(builder.Build(), TimeSpan.FromSeconds(1)));

        Assert.Contains("breaks", error.Message, StringComparison.Ordinal);
    }
}
