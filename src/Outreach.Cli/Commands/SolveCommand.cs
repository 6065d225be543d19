using System.CommandLine;
using Outreach.Solver.Json;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Cli.Commands;

/// <summary>`outreach solve --model model.json --seconds N --seed S --out solution.json`: the engine without the web app.</summary>
internal static class SolveCommand
{
    public static Command Create()
    {
        var command = new Command("solve", "Solve a routing model in the JSON format of docs/solver-model-format.md.");
        var model = new Option<string>("--model") { Description = "Model JSON file", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "Time limit in seconds", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Solution JSON file to write", Required = true };
        var objective = new Option<string>("--objective") { Description = "cost | vehicles (fewest vehicles first)", DefaultValueFactory = _ => "cost" };
        var initial = new Option<string?>("--initial") { Description = "Previous solution JSON to start from" };
        var threads = new Option<int>("--threads") { Description = "Parallel searches", DefaultValueFactory = _ => 2 };
        var iterations = new Option<long?>("--iterations") { Description = "Iteration limit per search (deterministic runs)" };
        foreach (var option in new Option[] { model, seconds, seed, output, objective, initial, threads, iterations })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            if (CliInput.File("--model", parse.GetValue(model)) is not { } modelPath
                || (parse.GetValue(initial) is { } initialOption && CliInput.File("--initial", initialOption) is null)
                || !CliInput.OutputFile("--out", parse.GetValue(output)))
            {
                return CliInput.ExitInput;
            }

            RoutingModel routingModel;
            try
            {
                routingModel = ModelJson.ReadModel(File.ReadAllText(modelPath));
            }
            catch (ModelValidationException e)
            {
                Console.Error.WriteLine($"Mô hình không hợp lệ / invalid model: {e.Message}");
                return CliInput.ExitInput;
            }

            string? initialPath = parse.GetValue(initial) is { } given ? CliInput.File("--initial", given) : null;
            var options = new SearchOptions
            {
                Seed = parse.GetValue(seed),
                TimeLimit = TimeSpan.FromSeconds(parse.GetValue(seconds)),
                MaxIterations = parse.GetValue(iterations),
                Objective = parse.GetValue(objective) == "vehicles" ? Objective.VehiclesFirst : Objective.Cost,
                Parallelism = Math.Max(1, parse.GetValue(threads)),
                InitialTrips = initialPath is null ? [] : ModelJson.ReadInitialTrips(routingModel, File.ReadAllText(initialPath)),
            };
            var solution = RoutingSolver.Solve(routingModel, options);
            var errors = FeasibilityChecker.Check(routingModel, solution);
            File.WriteAllText(parse.GetValue(output)!, ModelJson.WriteSolution(routingModel, solution));
            Console.WriteLine($"cost {solution.Cost}, vehicles {solution.VehiclesUsed}, metres {solution.Metres}, unassigned {solution.Unassigned.Count}, iterations {solution.Iterations}{(solution.GreedyStartTasks > 0 ? $", greedy start {solution.GreedyStartTasks}" : "")}");
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"checker: {error}");
            }

            return errors.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
