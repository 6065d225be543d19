using System.Diagnostics;
using Outreach.Bench.Darp;
using Outreach.Bench.Routing;
using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Literature;

public sealed class DarpTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("outreach-darp-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static string R1a => SharedBench.Of("darp", "R1a.txt");

    [Fact]
    public void Read_R1a_HeaderAndOneNode()
    {
        var instance = DarpReader.Read(R1a);

        // Header "3 48 480 6 90": K = 3, N = 48 nodes = 2n, T = 480, Q = 6, L = 90; no end depot in the file.
        Assert.Equal((3, 24, 480.0, 6, 90.0), (instance.Vehicles, instance.Requests, instance.MaxRouteDuration, instance.Capacity, instance.MaxRide));
        Assert.Equal(49, instance.Nodes.Count);
        Assert.Equal(0, instance.EndDepot);
        // Line " 13   -7.667    9.934 10  1  325  358": pickup 13, 10 minutes of service, one seat, window [325, 358].
        Assert.Equal(new DarpNode(13, -7.667, 9.934, 10, 1, 325, 358), instance.Nodes[13]);
        Assert.Equal(37, instance.DropOff(13));
    }

    [Theory]
    [InlineData(4)] // header N = 2n
    [InlineData(2)] // header N = n: requests are counted by positive load either way
    public void Read_EndDepot_RoutesEndThereAndCostCountsTheLastLeg(int headerNodes)
    {
        // Two requests on the x axis: pickups at 1 and 2, drop-offs at 3 and 4, start depot at 0, end depot 5 at x = 5.
        string path = Path.Combine(scratch, "tiny.txt");
        File.WriteAllText(path, $"""
            2 {headerNodes} 480 6 90
            0 0 0 0 0 0 1440
            1 1 0 10 1 0 1440
            2 2 0 10 1 0 1440
            3 3 0 10 -1 0 1440
            4 4 0 10 -1 0 1440
            5 5 0 0 0 0 1440
            """);

        var instance = DarpReader.Read(path);
        var model = DarpModel.Build(instance);
        // 0 -> 1@1 -> 2@12 -> 3@23 -> 4@34 -> end depot 5: five legs of length 1; back at 44 + 1 = 45.
        var check = DarpChecker.Check(instance, [[new(1, 1), new(2, 12), new(3, 23), new(4, 34)]]);

        Assert.Equal((2, 5), (instance.Requests, instance.EndDepot));
        Assert.All(model.Vehicles, v => Assert.Equal((0, 5), (v.StartLocation, v.EndLocation)));
        Assert.Empty(check.Errors);
        Assert.Equal(5.0, check.Cost, 9);
        Assert.Equal(2, check.Served);
    }

    [Fact]
    public void Build_R1a_RideDurationWindowsAndTravelScaled()
    {
        var instance = DarpReader.Read(R1a);
        var model = DarpModel.Build(instance);
        const int Scale = LiteratureModel.Scale;

        Assert.Equal(24, model.Tasks.Count);
        // Request 13 (task 12): pickup node 13, window [325, 358] minutes, drop-off node 37; L = 90 minutes for every ride.
        var task = model.Tasks[12];
        Assert.Equal((13, 37), (task.Pickup.Location, task.Delivery!.Location));
        Assert.Equal(new TimeWindow(325 * Scale, 358 * Scale), task.Pickup.Windows.Single());
        Assert.Equal(10 * Scale, task.Pickup.ServiceSeconds);
        Assert.All(model.Tasks, t => Assert.Equal(90 * Scale, t.MaxRideSeconds));
        // K = 3 vans from and to the depot, open 0..1440, T = 480, Q = 6, distance only.
        Assert.Equal(3, model.Vehicles.Count);
        Assert.All(model.Vehicles, v =>
        {
            Assert.Equal(480 * Scale, v.MaxDurationSeconds);
            Assert.Equal(new TimeWindow(0, 1440 * Scale), v.Shift);
            Assert.Equal(6, Assert.Single(v.Capacity));
            Assert.Equal(0, v.FixedCost);
        });
        // Travel never shorter than the real distance (and less than one unit longer); metres to nearest.
        var profile = model.Profiles.Single();
        for (int a = 0; a < instance.Nodes.Count; a++)
        {
            for (int b = 0; b < instance.Nodes.Count; b++)
            {
                double scaled = instance.Distance(a, b) * Scale;
                Assert.InRange(profile.Seconds[a, b] - scaled, -1e-6, 1);
                Assert.Equal(Math.Round(scaled), profile.Metres[a, b]);
            }
        }
    }

    [Fact]
    public void Run_R1aShortSolve_SolutionAcceptedByCheckDarpPyAndDarpChecker()
    {
        string solutions = Path.Combine(scratch, "sol");
        string csv = Path.Combine(scratch, "darp.csv");
        var log = new StringWriter();

        var rows = DarpBenchmark.Run(new DarpBenchmarkOptions(
            Path.Combine(SharedBench.Folder("darp"), ".."), 5, 1, ["R1a"], csv, solutions, Parallelism: 1, MaxIterations: 300), log);

        var row = Assert.Single(rows);
        Assert.True(row.Feasible, log.ToString());
        Assert.Equal((24, 24), (row.Requests, row.Served));
        Assert.InRange(row.Vehicles, 1, 3);
        string sol = Path.Combine(solutions, "R1a.sol");
        var (exitCode, output) = CheckDarpPy(R1a, sol);
        Assert.True(exitCode == 0, output);
        // check_darp.py prints "ok routes=R cost=C" with the cost to 2 decimals, as the CSV has it.
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ok routes={row.Vehicles} cost={row.Cost:F2}"), output.Trim());
        var check = DarpChecker.Check(DarpReader.Read(R1a), DarpSolutionFile.Read(sol));
        Assert.Empty(check.Errors);
        Assert.Equal(row.Cost, check.Cost, 6);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(DarpBenchmark.CsvHeader, lines[0]);
        Assert.StartsWith("R1a,24,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",true", lines[1], StringComparison.Ordinal);
        Assert.Contains("darp bench: 1 instances, 1 all served, 1 feasible, mean gap ", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("engine outreach, threads 1", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RideOverL_RejectedByDarpCheckerAsByCheckDarpPy()
    {
        var instance = DarpReader.Read(R1a);
        // Request 1: pickup node 1 (window [0, 1440], 10 minutes of service), drop-off node 25 (window [258, 287]).
        // Picked up at 100, dropped at 260: a ride of 260 - 110 = 150 minutes > L = 90. From 200 it is 50: no ride error.
        string broken = Path.Combine(scratch, "broken.sol");
        File.WriteAllText(broken, "Route 1: 1@100.0000 25@260.0000\n");
        string fine = Path.Combine(scratch, "fine.sol");
        File.WriteAllText(fine, "Route 1: 1@200.0000 25@260.0000\n");

        var rejected = DarpChecker.Check(instance, DarpSolutionFile.Read(broken));
        var accepted = DarpChecker.Check(instance, DarpSolutionFile.Read(fine));
        var (exitCode, output) = CheckDarpPy(R1a, broken);

        Assert.False(rejected.Feasible);
        Assert.Contains("route 0: request 1 rides 150.00 > 90", rejected.Errors);
        Assert.DoesNotContain(accepted.Errors, e => e.Contains("rides", StringComparison.Ordinal));
        // Both plans leave the other 23 requests unserved, and both checkers say so.
        Assert.Contains("46 nodes unserved, e.g. 2, 3, 4, 5, 6", accepted.Errors);
        Assert.Equal(1, accepted.Served);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("request 1 rides 150.00 > 90", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RoutesOverK_AndBadOrder_Flagged()
    {
        var instance = DarpReader.Read(R1a);
        // Drop-off 25 before its pickup 1, and four routes for K = 3 vans.
        var check = DarpChecker.Check(instance, [[new(25, 260), new(1, 300)], [new(2, 100)], [new(3, 100)], [new(4, 100)]]);

        Assert.Contains("route 0: drop-off 25 before or without pickup 1", check.Errors);
        Assert.Contains("4 routes > 3 vehicles", check.Errors);
    }

    [Fact]
    public void WriteSolution_RouteLinesWithFourDecimals()
    {
        string path = Path.Combine(scratch, "out.sol");

        DarpSolutionFile.Write(path, [[new(1, 12.5), new(25, 260)], [], [new(2, 1.23456)]]);

        // Empty routes are left out and the numbering stays consecutive.
        Assert.Equal("Route 1: 1@12.5000 25@260.0000\nRoute 2: 2@1.2346\n", File.ReadAllText(path));
    }

    [Fact]
    public void WriteCsv_ExactColumnsAndFormats()
    {
        string path = Path.Combine(scratch, "out.csv");

        DarpBenchmark.WriteCsv(path, [new DarpBenchmarkRow("R1a", 24, 3, 23, 189.126, 190.02, -0.47, 10.04, false)]);

        Assert.Equal("instance,requests,vehicles,served,cost,bks_cost,gap_pct,seconds,feasible\nR1a,24,3,23,189.13,190.02,-0.47,10.0,false\n", File.ReadAllText(path));
    }

    /// <summary>Runs the set's own checker: python3 check_darp.py INSTANCE SOLUTION.</summary>
    internal static (int ExitCode, string Output) CheckDarpPy(string instance, string solution)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SharedBench.Of("darp", "check_darp.py"));
        start.ArgumentList.Add(instance);
        start.ArgumentList.Add(solution);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "check_darp.py did not finish within 60 s");
        return (process.ExitCode, output);
    }
}
