using System.Globalization;
using System.Text;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Bench.Routing;

/// <summary>Which literature set to run.</summary>
public enum LiteratureSet
{
    /// <summary>Solomon VRPTW, 100 customers.</summary>
    Solomon,

    /// <summary>Li &amp; Lim PDPTW, 100 tasks.</summary>
    LiLim,
}

/// <summary>Settings of one benchmark run (see `outreach bench solomon|lilim --help`).</summary>
public sealed record RoutingBenchmarkOptions(
    LiteratureSet Set,
    string DataDirectory,
    double Seconds,
    long Seed,
    bool VehiclesFirst,
    IReadOnlyList<string> Only,
    string? CsvPath,
    string? SolutionsDirectory,
    int Parallelism = 2,
    long? MaxIterations = null,
    BenchEngine Engine = BenchEngine.Outreach);

/// <summary>One instance's result, as written to the CSV.</summary>
public sealed record RoutingBenchmarkRow(
    string Instance, int Vehicles, double Distance, int BksVehicles, double BksDistance, double GapPercent, double Seconds, bool Feasible);

/// <summary>
/// Runs an engine (ours or OR-Tools) on Solomon or Li &amp; Lim instances, re-checks every plan in doubles from the
/// instance file and with the solver's independent checker, writes the CSV and .sol files, and prints a per-family
/// summary and one closing line naming the engine.
/// </summary>
public static class RoutingBenchmark
{
    /// <summary>The CSV header, exactly as the issue specifies.</summary>
    public const string CsvHeader = "instance,vehicles,distance,bks_vehicles,bks_distance,gap_pct,seconds,feasible";

    public static IReadOnlyList<RoutingBenchmarkRow> Run(RoutingBenchmarkOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        string set = SetName(options.Set);
        var files = BenchInstances.Find(options.DataDirectory, set, options.Only);
        string folder = Path.Combine(options.DataDirectory, set);
        string bksFile = options.Set == LiteratureSet.Solomon && !options.VehiclesFirst ? "bks_distance_only.csv" : "bks.csv";
        var bks = ReadBks(Path.Combine(folder, bksFile));
        if (options.SolutionsDirectory is not null)
        {
            Directory.CreateDirectory(options.SolutionsDirectory);
        }

        var rows = new List<RoutingBenchmarkRow>();
        foreach (var file in files)
        {
            var instance = options.Set == LiteratureSet.Solomon ? LiteratureReader.ReadSolomon(file) : LiteratureReader.ReadLiLim(file);
            var model = LiteratureModel.Build(instance, options.VehiclesFirst, out var taskNodes);
            var clock = TimeProvider.System;
            long started = clock.GetTimestamp();
            var solution = BenchSolver.Solve(model, options.Engine, new SearchOptions
            {
                Seed = options.Seed,
                TimeLimit = TimeSpan.FromSeconds(options.Seconds),
                MaxIterations = options.MaxIterations,
                Clock = clock,
                Objective = options.VehiclesFirst ? Objective.VehiclesFirst : Objective.Cost,
                Parallelism = options.Parallelism,
            });
            double seconds = clock.GetElapsedTime(started).TotalSeconds;
            var routes = solution.Routes
                .Select(r => (IReadOnlyList<int>)r.Visits
                    .Where(v => v.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)
                    .Select(v => taskNodes[v.Index][v.Kind == VisitKind.Delivery ? 1 : 0])
                    .ToList())
                .ToList();
            var (feasibleInDoubles, distance, errors) = LiteratureChecker.Check(instance, routes);
            var modelErrors = FeasibilityChecker.Check(model, solution);
            bool feasible = feasibleInDoubles && modelErrors.Count == 0 && solution.Unassigned.Count == 0;
            foreach (var error in errors.Concat(modelErrors).Take(5))
            {
                log.WriteLine($"  {instance.Name}: {error}");
            }

            var (bksVehicles, bksDistance) = bks.TryGetValue(instance.Name, out var known) ? known : (0, double.NaN);
            double gap = double.IsNaN(bksDistance) ? double.NaN : Math.Round((distance - bksDistance) / bksDistance * 100, 2);
            gap = gap == 0 ? 0 : gap; // no "-0.00" in the CSV
            var row = new RoutingBenchmarkRow(instance.Name, routes.Count, distance, bksVehicles, bksDistance, gap, seconds, feasible);
            rows.Add(row);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Instance,-8} vehicles {row.Vehicles,3} (bks {row.BksVehicles,3})  distance {row.Distance,9:F2} (bks {row.BksDistance,9:F2})  gap {row.GapPercent,6:F2}%  {row.Seconds,5:F1}s  {(feasible ? "feasible" : "INFEASIBLE")}{(options.Engine == BenchEngine.Outreach ? $"  iterations {solution.Iterations}" : "")}"));
            if (options.SolutionsDirectory is not null)
            {
                WriteSolution(Path.Combine(options.SolutionsDirectory, instance.Name + ".sol"), routes);
            }
        }

        if (options.CsvPath is not null)
        {
            WriteCsv(options.CsvPath, rows);
        }

        PrintSummary(rows, log);
        PrintClosingLine(set, rows, options.Engine, BenchSolver.Threads(options.Engine, options.Parallelism), log);
        return rows;
    }

    /// <summary>Writes `Route k: ids` lines (CVRPLIB/SINTEF form, depot omitted).</summary>
    public static void WriteSolution(string path, IReadOnlyList<IReadOnlyList<int>> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var text = new StringBuilder();
        for (int r = 0; r < routes.Count; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Route {r + 1}:");
            foreach (int id in routes[r])
            {
                text.Append(CultureInfo.InvariantCulture, $" {id}");
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    public static void WriteCsv(string path, IReadOnlyList<RoutingBenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{row.Instance},{row.Vehicles},{row.Distance:F2},{row.BksVehicles},{row.BksDistance:F2},{row.GapPercent:F2},{row.Seconds:F1},{(row.Feasible ? "true" : "false")}\n");
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>The set's folder under the data folder, and its name in the closing line.</summary>
    public static string SetName(LiteratureSet set) => set == LiteratureSet.Solomon ? "solomon" : "lilim";

    /// <summary>
    /// One line with the key figures: instances, feasible plans, vehicles against the best known, mean and max gap over
    /// feasible plans, seconds per instance, engine and threads.
    /// </summary>
    public static void PrintClosingLine(string set, IReadOnlyList<RoutingBenchmarkRow> rows, BenchEngine engine, int threads, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(log);
        var ok = rows.Where(r => r.Feasible).ToList();
        string mean = ok.Count == 0 ? "n/a" : ok.Average(r => r.GapPercent).ToString("F2", CultureInfo.InvariantCulture) + " %";
        string max = ok.Count == 0 ? "n/a" : ok.Max(r => r.GapPercent).ToString("F2", CultureInfo.InvariantCulture) + " %";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set} bench: {rows.Count} instances, {ok.Count} feasible, {rows.Count(r => r.Vehicles <= r.BksVehicles)} at or below bks vehicles, vehicles {rows.Sum(r => r.Vehicles)} (bks {rows.Sum(r => r.BksVehicles)}), mean gap {mean}, max gap {max} (feasible plans), {(rows.Count == 0 ? 0 : rows.Average(r => r.Seconds)):F1} s per instance, engine {BenchSolver.Name(engine)}, threads {threads}"));
    }

    /// <summary>Family = instance name without its two-digit number (C1, R2, lrc1, ...).</summary>
    public static string Family(string instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.Length > 2 ? instance[..^2] : instance;
    }

    public static void PrintSummary(IReadOnlyList<RoutingBenchmarkRow> rows, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine();
        log.WriteLine("family  n  feasible  bks_vehicles  mean_vehicles  mean_gap_pct  mean_gap_at_bks_vehicles_pct");
        foreach (var group in rows.GroupBy(r => Family(r.Instance)).Append(rows.GroupBy(_ => "all").SingleOrDefault()))
        {
            if (group is null)
            {
                continue;
            }

            var list = group.ToList();
            var atBks = list.Where(r => r.Vehicles <= r.BksVehicles).ToList();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key,-6} {list.Count,2}  {list.Count(r => r.Feasible),8}  {atBks.Count,12}  {list.Average(r => r.Vehicles),13:F2}  {list.Average(r => r.GapPercent),12:F2}  {(atBks.Count == 0 ? double.NaN : atBks.Average(r => r.GapPercent)),28:F2}"));
        }

    }

    private static Dictionary<string, (int Vehicles, double Distance)> ReadBks(string path)
    {
        var table = new Dictionary<string, (int, double)>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return table;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length >= 3
                && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int vehicles)
                && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double distance))
            {
                table[fields[0]] = (vehicles, distance);
            }
        }

        return table;
    }
}
