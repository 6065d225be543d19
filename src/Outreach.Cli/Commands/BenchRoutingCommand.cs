using System.CommandLine;
using Outreach.Bench.Routing;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench solomon|lilim`: solver quality on the literature sets against best-known solutions.</summary>
internal static class BenchRoutingCommand
{
    /// <summary>Adds the `solomon` and `lilim` subcommands to `bench`.</summary>
    public static void AddTo(Command bench)
    {
        bench.Subcommands.Add(Create("solomon", LiteratureSet.Solomon, "Solomon VRPTW 100 customers (distance objective by default)."));
        bench.Subcommands.Add(Create("lilim", LiteratureSet.LiLim, "Li & Lim PDPTW 100 tasks (vehicles first by default)."));
    }

    private static Command Create(string name, LiteratureSet set, string description)
    {
        var command = new Command(name, description);
        var seconds = new Option<double>("--seconds") { Description = "Seconds per instance", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var objective = new Option<string>("--objective")
        {
            Description = "distance | vehicles (vehicles first, then distance)",
            DefaultValueFactory = _ => set == LiteratureSet.Solomon ? "distance" : "vehicles",
        };
        var only = new Option<string>("--only") { Description = "Comma-separated instance names", DefaultValueFactory = _ => "" };
        var data = new Option<string>("--data") { Description = "Folder holding solomon/ and lilim/", DefaultValueFactory = _ => Path.Combine("..", "shared", "bench") };
        var csv = new Option<string?>("--csv") { Description = "CSV file to write" };
        var solutions = new Option<string?>("--solutions") { Description = "Folder for <instance>.sol files" };
        var iterations = new Option<long?>("--iterations") { Description = "Iteration limit per search (deterministic runs)" };
        var threads = new Option<int>("--threads") { Description = "Parallel searches (our engine; OR-Tools runs one)", DefaultValueFactory = _ => 2 };
        var engine = EngineOption();
        foreach (var option in new Option[] { seconds, seed, objective, only, data, csv, solutions, iterations, threads, engine })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (!CliInput.OutputFile("--csv", parse.GetValue(csv)) || !CliInput.OutputFolder("--solutions", parse.GetValue(solutions)))
            {
                return CliInput.ExitInput;
            }

            string objectiveName = parse.GetValue(objective) ?? "distance";
            if (objectiveName is not ("distance" or "vehicles"))
            {
                Console.Error.WriteLine($"--objective must be distance or vehicles, got '{objectiveName}'");
                return 2;
            }

            if (ParseEngine(parse.GetValue(engine)) is not { } chosen)
            {
                return 2;
            }

            var options = new RoutingBenchmarkOptions(
                set,
                parse.GetValue(data)!,
                parse.GetValue(seconds),
                parse.GetValue(seed),
                objectiveName == "vehicles",
                (parse.GetValue(only) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                parse.GetValue(csv),
                parse.GetValue(solutions),
                Math.Max(1, parse.GetValue(threads)),
                parse.GetValue(iterations),
                chosen);
            return RunOrExplain(() => RoutingBenchmark.Run(options, Console.Out).All(r => r.Feasible));
        });
        return command;
    }

    /// <summary>`--engine outreach|ortools`, shared by the literature benchmarks.</summary>
    internal static Option<string> EngineOption() => new("--engine")
    {
        Description = "outreach (our engine) | ortools (Google OR-Tools routing, one thread, same integer model)",
        DefaultValueFactory = _ => "outreach",
    };

    /// <summary>The engine named on the command line, or null after printing one line on standard error.</summary>
    internal static BenchEngine? ParseEngine(string? name)
    {
        var engine = BenchSolver.Parse(name);
        if (engine is null)
        {
            Console.Error.WriteLine($"--engine must be outreach or ortools, got '{name}'");
        }

        return engine;
    }

    /// <summary>
    /// Runs a benchmark: exit 0 when every plan is feasible, 1 when one is not, 2 with one line on standard error when the
    /// input is wrong (a missing folder, an unknown instance, a malformed file) or a file cannot be written.
    /// </summary>
    internal static int RunOrExplain(Func<bool> run)
    {
        try
        {
            return run() ? 0 : 1;
        }
        catch (Exception e) when (CliInput.IsInputError(e))
        {
            return CliInput.Report(e);
        }
    }
}
