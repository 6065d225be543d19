using System.Globalization;
using System.Text;
using Outreach.Bench.Routing;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Bench.Darp;

/// <summary>Settings of one dial-a-ride run (see `outreach bench darp --help`).</summary>
public sealed record DarpBenchmarkOptions(
    string DataDirectory,
    double Seconds,
    long Seed,
    IReadOnlyList<string> Only,
    string? CsvPath,
    string? SolutionsDirectory,
    int Parallelism = 2,
    long? MaxIterations = null,
    BenchEngine Engine = BenchEngine.Outreach);

/// <summary>One instance's result, as written to the CSV. <see cref="Cost"/> is re-measured in doubles from the instance.</summary>
public sealed record DarpBenchmarkRow(
    string Instance, int Requests, int Vehicles, int Served, double Cost, double BksCost, double GapPercent, double Seconds, bool Feasible);

/// <summary>
/// Runs an engine on the Cordeau-Laporte dial-a-ride set (../shared/bench/darp), re-checks every plan in doubles with
/// <see cref="DarpChecker"/> and in the integer model with the solver's <see cref="FeasibilityChecker"/>, writes the CSV
/// and the .sol files check_darp.py reads, and prints a summary per set (a, b) and one closing line.
/// </summary>
public static class DarpBenchmark
{
    /// <summary>The CSV header, exactly as the issue specifies.</summary>
    public const string CsvHeader = "instance,requests,vehicles,served,cost,bks_cost,gap_pct,seconds,feasible";

    /// <summary>The set folder under the data folder.</summary>
    public const string SetFolder = "darp";

    public static IReadOnlyList<DarpBenchmarkRow> Run(DarpBenchmarkOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        // In the literature's order: R1a..R10a (pr01-pr10), then R1b..R10b (pr11-pr20).
        var files = BenchInstances.Find(options.DataDirectory, SetFolder, options.Only)
            .OrderBy(f => Set(Path.GetFileNameWithoutExtension(f)), StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => Number(Path.GetFileNameWithoutExtension(f)))
            .ToList();
        var bks = ReadBks(Path.Combine(options.DataDirectory, SetFolder, "bks.csv"));
        if (options.SolutionsDirectory is not null)
        {
            Directory.CreateDirectory(options.SolutionsDirectory);
        }

        var rows = new List<DarpBenchmarkRow>();
        foreach (var file in files)
        {
            var instance = DarpReader.Read(file);
            var model = DarpModel.Build(instance);
            var clock = TimeProvider.System;
            long started = clock.GetTimestamp();
            var solution = BenchSolver.Solve(model, options.Engine, new SearchOptions
            {
                Seed = options.Seed,
                TimeLimit = TimeSpan.FromSeconds(options.Seconds),
                MaxIterations = options.MaxIterations,
                Clock = clock,
                Objective = Objective.Cost,
                Parallelism = options.Parallelism,
            });
            double seconds = clock.GetElapsedTime(started).TotalSeconds;
            var routes = DarpModel.Routes(instance, solution);
            var check = DarpChecker.Check(instance, routes);
            var modelErrors = FeasibilityChecker.Check(model, solution);
            bool feasible = check.Feasible && modelErrors.Count == 0 && solution.Unassigned.Count == 0;
            foreach (var error in check.Errors.Concat(modelErrors).Take(5))
            {
                log.WriteLine($"  {instance.Name}: {error}");
            }

            if (solution.Unassigned.Count > 0)
            {
                // Our engine names the constraint that blocked each request most often; OR-Tools gives no reason.
                var reasons = solution.Unassigned.Where(u => u.Reason != UnassignedReason.None)
                    .GroupBy(u => u.Reason).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}").ToList();
                log.WriteLine($"  {instance.Name}: {solution.Unassigned.Count} requests unserved by the engine{(reasons.Count > 0 ? $" ({string.Join(", ", reasons)})" : "")}");
            }

            double bksCost = bks.TryGetValue(instance.Name, out double known) ? known : double.NaN;
            double gap = double.IsNaN(bksCost) ? double.NaN : Math.Round((check.Cost - bksCost) / bksCost * 100, 2);
            gap = gap == 0 ? 0 : gap; // no "-0.00" in the CSV
            var row = new DarpBenchmarkRow(instance.Name, instance.Requests, routes.Count, check.Served, check.Cost, bksCost, gap, seconds, feasible);
            rows.Add(row);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Instance,-5} requests {row.Requests,3}  served {row.Served,3}  vehicles {row.Vehicles,2} (K {instance.Vehicles,2})  cost {row.Cost,8:F2} (bks {row.BksCost,8:F2})  gap {row.GapPercent,6:F2}%  {row.Seconds,5:F1}s  {(feasible ? "feasible" : "INFEASIBLE")}{(options.Engine == BenchEngine.Outreach ? $"  iterations {solution.Iterations}" : "")}"));
            if (options.SolutionsDirectory is not null)
            {
                DarpSolutionFile.Write(Path.Combine(options.SolutionsDirectory, instance.Name + ".sol"), routes);
            }
        }

        if (options.CsvPath is not null)
        {
            WriteCsv(options.CsvPath, rows);
        }

        PrintSummary(rows, options.Engine, BenchSolver.Threads(options.Engine, options.Parallelism), log);
        return rows;
    }

    public static void WriteCsv(string path, IReadOnlyList<DarpBenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{row.Instance},{row.Requests},{row.Vehicles},{row.Served},{row.Cost:F2},{row.BksCost:F2},{row.GapPercent:F2},{row.Seconds:F1},{(row.Feasible ? "true" : "false")}\n");
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Set of an instance: the letter after the number (R1a -> a: pr01-pr10; R1b -> b: pr11-pr20).</summary>
    public static string Set(string instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.Length > 0 && char.IsLetter(instance[^1]) ? instance[^1..] : instance;
    }

    private static int Number(string instance) =>
        int.TryParse(new string(instance.Where(char.IsAsciiDigit).ToArray()), NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number : 0;

    /// <summary>
    /// A table per set and overall, then the closing line. Gaps are averaged over feasible plans only: a plan that leaves
    /// requests unserved is cheaper than any full one, so its gap says nothing.
    /// </summary>
    public static void PrintSummary(IReadOnlyList<DarpBenchmarkRow> rows, BenchEngine engine, int threads, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine();
        log.WriteLine("set   n  all_served  feasible  mean_gap_pct  max_gap_pct  mean_seconds   (gaps over feasible plans)");
        var groups = rows.GroupBy(r => Set(r.Instance)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Rows: g.ToList())).ToList();
        groups.Add(("all", rows.ToList()));
        foreach (var (key, list) in groups)
        {
            var feasible = list.Where(r => r.Feasible).ToList();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{key,-4} {list.Count,2}  {list.Count(r => r.Served == r.Requests),10}  {feasible.Count,8}  {Mean(feasible),12}  {Max(feasible),11}  {(list.Count == 0 ? 0 : list.Average(r => r.Seconds)),12:F1}"));
        }

        var ok = rows.Where(r => r.Feasible).ToList();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"darp bench: {rows.Count} instances, {rows.Count(r => r.Served == r.Requests)} all served, {ok.Count} feasible, mean gap {Percent(Mean(ok))}, max gap {Percent(Max(ok))} (feasible plans), {(rows.Count == 0 ? 0 : rows.Average(r => r.Seconds)):F1} s per instance, engine {BenchSolver.Name(engine)}, threads {threads}"));
    }

    private static string Percent(string value) => value == "n/a" ? value : value + " %";

    private static string Mean(List<DarpBenchmarkRow> rows) =>
        rows.Count == 0 ? "n/a" : rows.Average(r => r.GapPercent).ToString("F2", CultureInfo.InvariantCulture);

    private static string Max(List<DarpBenchmarkRow> rows) =>
        rows.Count == 0 ? "n/a" : rows.Max(r => r.GapPercent).ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>bks.csv: instance and bks_cost columns, found by header name.</summary>
    private static Dictionary<string, double> ReadBks(string path)
    {
        var table = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return table;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return table;
        }

        int column = Array.IndexOf(lines[0].Split(','), "bks_cost");
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (column > 0 && fields.Length > column
                && double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double cost))
            {
                table[fields[0]] = cost;
            }
        }

        return table;
    }
}
