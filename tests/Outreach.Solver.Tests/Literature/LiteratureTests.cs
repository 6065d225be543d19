using Outreach.Bench.Routing;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Literature;

public class LiteratureTests
{
    private static string Bench(string set, string file) => SharedBench.Of(set, file);

    [Fact]
    public void ReadSolomon_C101_HeaderAndFirstCustomer()
    {
        var instance = LiteratureReader.ReadSolomon(Bench("solomon", "C101.txt"));

        Assert.Equal((25, 200, 101), (instance.VehicleCount, instance.Capacity, instance.Nodes.Count));
        // C101 customer 1: x 45, y 68, demand 10, window [912, 967], service 90.
        Assert.Equal(new LiteratureNode(1, 45, 68, 10, 912, 967, 90, 0, 0), instance.Nodes[1]);
    }

    [Fact]
    public void ReadLiLim_Lc101_PairsPointAtEachOther()
    {
        var instance = LiteratureReader.ReadLiLim(Bench("lilim", "lc101.txt"));

        Assert.Equal((25, 200), (instance.VehicleCount, instance.Capacity));
        // Node 1 is a delivery (demand -10) whose pickup is node 11; node 11 names node 1 as its delivery.
        Assert.Equal(11, instance.Nodes[1].PickupSibling);
        Assert.Equal(1, instance.Nodes[11].DeliverySibling);
        Assert.True(instance.IsPickupDelivery);
    }

    [Theory]
    [InlineData("solomon", "R101.txt", false)]
    [InlineData("lilim", "lr101.txt", true)]
    public void ShortSolve_PlanFeasibleInDoubles(string set, string file, bool vehiclesFirst)
    {
        var path = Bench(set, file);
        var instance = set == "solomon" ? LiteratureReader.ReadSolomon(path) : LiteratureReader.ReadLiLim(path);
        var model = LiteratureModel.Build(instance, vehiclesFirst, out var taskNodes);

        var solution = RoutingSolver.Solve(model, new SearchOptions { Seed = 3, MaxIterations = 300, Objective = vehiclesFirst ? Objective.VehiclesFirst : Objective.Cost });

        var routes = solution.Routes.Select(r => (IReadOnlyList<int>)r.Visits
            .Where(v => v.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
            .Select(v => taskNodes[v.Index][v.Kind == VisitKind.Delivery ? 1 : 0]).ToList()).ToList();
        var (feasible, distance, errors) = LiteratureChecker.Check(instance, routes);
        Assert.Empty(errors);
        Assert.True(feasible);
        Assert.Empty(solution.Unassigned);
        Assert.Empty(FeasibilityChecker.Check(model, solution));
        // The model's metres are distances x 10 000 rounded per arc: totals agree to well under 0.01.
        Assert.InRange(distance - (solution.Metres / (double)LiteratureModel.Scale), -0.01, 0.01);
    }

    [Fact]
    public void Check_LateCustomer_FlaggedInDoubles()
    {
        var instance = LiteratureReader.ReadSolomon(Bench("solomon", "C101.txt"));
        // Customer 1 opens at 912 and closes at 967; visiting 1 after 20 (window [10, 73]) in one route is
        // fine, but a route with every customer in id order misses most windows.
        var routes = new List<IReadOnlyList<int>> { Enumerable.Range(1, 100).ToList() };

        var (feasible, _, errors) = LiteratureChecker.Check(instance, routes);

        Assert.False(feasible);
        Assert.Contains(errors, e => e.Contains("after due", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteSolution_RoutesAsSintefLines()
    {
        string path = Path.Combine(Path.GetTempPath(), $"outreach-{Guid.NewGuid():N}.sol");
        try
        {
            RoutingBenchmark.WriteSolution(path, [[5, 3], [7]]);

            Assert.Equal("Route 1: 5 3\nRoute 2: 7\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WriteCsv_ExactColumnsAndFormats()
    {
        string path = Path.Combine(Path.GetTempPath(), $"outreach-{Guid.NewGuid():N}.csv");
        try
        {
            RoutingBenchmark.WriteCsv(path, [new RoutingBenchmarkRow("C101", 10, 828.9369, 10, 828.94, 0, 10.04, true)]);

            Assert.Equal("instance,vehicles,distance,bks_vehicles,bks_distance,gap_pct,seconds,feasible\nC101,10,828.94,10,828.94,0.00,10.0,true\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Find_WrongDataOrInstance_OneLineNamingIt()
    {
        string data = Path.Combine(SharedBench.Folder("solomon"), "..");
        var empty = Directory.CreateTempSubdirectory("outreach-bench-");
        try
        {
            string missing = Path.Combine(empty.FullName, "nowhere");

            var noData = Assert.Throws<BenchInputException>(() => BenchInstances.Find(missing, "solomon", []));
            var noSet = Assert.Throws<BenchInputException>(() => BenchInstances.Find(empty.FullName, "solomon", []));
            var unknown = Assert.Throws<BenchInputException>(() => BenchInstances.Find(data, "solomon", ["C101", "C999"]));

            Assert.Contains(missing, noData.Message, StringComparison.Ordinal);
            Assert.Contains("no solomon/ folder", noSet.Message, StringComparison.Ordinal);
            Assert.Contains("'C999'", unknown.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', noData.Message + noSet.Message + unknown.Message);
            // Names match without regard to case, as on the command line.
            Assert.Equal("C101.txt", Path.GetFileName(Assert.Single(BenchInstances.Find(data, "solomon", ["c101"]))));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("RC101", "RC1")]
    [InlineData("lrc208", "lrc2")]
    [InlineData("C205", "C2")]
    public void Family_DropsTheTwoDigitNumber(string instance, string family)
    {
        Assert.Equal(family, RoutingBenchmark.Family(instance));
    }
}
