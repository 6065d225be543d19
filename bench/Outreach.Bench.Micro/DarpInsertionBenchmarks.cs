using System.Globalization;
using BenchmarkDotNet.Attributes;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Bench.Micro;

/// <summary>
/// Cost of the cheapest feasible insertion of dial-a-ride requests (ride limits, windows, route duration: every
/// candidate needs the exact schedule) into a good plan of Cordeau-Laporte R6b (144 requests, 13 vans): 10 requests
/// out, each one's best insertion found (not applied). Needs ../shared/bench/darp from the repository root.
/// Run: dotnet run -c Release --project bench/Outreach.Bench.Micro -- --filter *Darp*
/// </summary>
[MemoryDiagnoser]
public class DarpInsertionBenchmarks
{
    private SolutionState state = null!;
    private int[] removed = [];
    private Rng rng;

    [GlobalSetup]
    public void Setup()
    {
        var model = ReadCordeau(FindInstance("R6b.txt"));
        var plan = RoutingSolver.Solve(model, new SearchOptions { Seed = 1, MaxIterations = 3000 });
        state = new SolutionState(model.Compiled);
        var m = model.Compiled;
        foreach (var route in plan.Routes)
        {
            int r = state.VehicleFirstRoute[route.Vehicle] + route.Trip;
            foreach (var visit in route.Visits.Where(v => v.Kind is VisitKind.Pickup or VisitKind.Delivery))
            {
                state.AppendRaw(r, m.TaskFirstStop[visit.Index] + (visit.Kind == VisitKind.Delivery ? 1 : 0));
                state.MarkAssigned(visit.Index);
            }
        }

        for (int v = 0; v < m.VehicleCount; v++)
        {
            state.UpdateVehicle(v);
        }

        var random = new Random(5);
        removed = Enumerable.Range(0, m.TaskCount).OrderBy(_ => random.Next()).Take(10).ToArray();
        foreach (int task in removed)
        {
            state.RemoveTask(task);
        }

        rng = new Rng(1);
    }

    [Benchmark]
    public long BestInsertionOfTenRequests()
    {
        long sum = 0;
        foreach (int task in removed)
        {
            sum += state.FindBest(task, true, ref rng, 0).Delta;
        }

        return sum;
    }

    private static string FindInstance(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? ".", "..", "shared", "bench", "darp", file);
    }

    /// <summary>The Cordeau format on LiteratureModel's scale (10,000 units a minute and a distance unit).</summary>
    private static RoutingModel ReadCordeau(string path)
    {
        const int scale = 10_000;
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var head = lines[0];
        var nodes = lines.Skip(1).ToArray();
        int n = nodes.Count(f => f[0] > 0 && f[4] > 0);
        int size = (2 * n) + 1;
        var seconds = new int[size * size];
        var metres = new int[size * size];
        for (int a = 0; a < size; a++)
        {
            for (int b = 0; b < size; b++)
            {
                double d = Math.Sqrt(Math.Pow(nodes[a][1] - nodes[b][1], 2) + Math.Pow(nodes[a][2] - nodes[b][2], 2)) * scale;
                seconds[(a * size) + b] = (int)Math.Ceiling(d - 1e-7);
                metres[(a * size) + b] = (int)Math.Round(d);
            }
        }

        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("euclidean", new Matrix(size, seconds), new Matrix(size, metres)));
        StopSpec Stop(double[] f) => new((int)f[0], (int)(f[3] * scale), [new TimeWindow((int)(f[5] * scale), (int)(f[6] * scale))]);
        for (int i = 1; i <= n; i++)
        {
            builder.AddTask(new TaskSpec
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                Pickup = Stop(nodes[i]),
                Delivery = Stop(nodes[n + i]),
                Load = [(int)nodes[i][4]],
                MaxRideSeconds = (int)(head[4] * scale),
            });
        }

        for (int k = 0; k < (int)head[0]; k++)
        {
            builder.AddVehicle(new VehicleSpec
            {
                Id = $"v{k}",
                StartLocation = 0,
                EndLocation = 0,
                Shift = new TimeWindow((int)(nodes[0][5] * scale), (int)(nodes[0][6] * scale)),
                Capacity = [(int)head[3]],
                MaxDurationSeconds = (int)(head[2] * scale),
            });
        }

        return builder.Build();
    }
}
