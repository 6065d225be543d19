using System.CommandLine;
using Outreach.Bench.Darp;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench darp`: the Cordeau-Laporte dial-a-ride set against best-known costs.</summary>
internal static class BenchDarpCommand
{
    public static Command Create()
    {
        var command = new Command("darp", "Cordeau & Laporte 2003 dial-a-ride (R1a-R10a, R1b-R10b): distance objective, K vehicles, ride limit L, duration T.");
        var seconds = new Option<double>("--seconds") { Description = "Seconds per instance", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Random seed (our engine)", DefaultValueFactory = _ => 1 };
        var only = new Option<string>("--only") { Description = "Comma-separated instance names (R1a,R2b)", DefaultValueFactory = _ => "" };
        var data = new Option<string>("--data") { Description = "Folder holding darp/", DefaultValueFactory = _ => Path.Combine("..", "shared", "bench") };
        var csv = new Option<string?>("--csv") { Description = "CSV file to write" };
        var solutions = new Option<string?>("--solutions") { Description = "Folder for <instance>.sol files (check_darp.py's format)" };
        var iterations = new Option<long?>("--iterations") { Description = "Iteration limit per search (our engine; deterministic runs)" };
        var threads = new Option<int>("--threads") { Description = "Parallel searches (our engine; OR-Tools runs one)", DefaultValueFactory = _ => 2 };
        var engine = BenchRoutingCommand.EngineOption();
        foreach (var option in new Option[] { seconds, seed, only, data, csv, solutions, iterations, threads, engine })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (!CliInput.OutputFile("--csv", parse.GetValue(csv)) || !CliInput.OutputFolder("--solutions", parse.GetValue(solutions)))
            {
                return CliInput.ExitInput;
            }

            if (BenchRoutingCommand.ParseEngine(parse.GetValue(engine)) is not { } chosen)
            {
                return 2;
            }

            if (parse.GetValue(seconds) is var limit && !(limit > 0))
            {
                Console.Error.WriteLine($"--seconds must be positive, got {limit}");
                return 2;
            }

            var options = new DarpBenchmarkOptions(
                parse.GetValue(data)!,
                limit,
                parse.GetValue(seed),
                (parse.GetValue(only) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                parse.GetValue(csv),
                parse.GetValue(solutions),
                Math.Max(1, parse.GetValue(threads)),
                parse.GetValue(iterations),
                chosen);
            return BenchRoutingCommand.RunOrExplain(() => DarpBenchmark.Run(options, Console.Out).All(r => r.Feasible));
        });
        return command;
    }
}
