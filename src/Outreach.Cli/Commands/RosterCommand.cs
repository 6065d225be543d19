using System.CommandLine;
using Outreach.Rostering;
using Outreach.Solver.Model;
using Outreach.Solver.Rosters;

namespace Outreach.Cli.Commands;

/// <summary>`outreach roster --model model.json --seconds N --seed S --out roster.json`: the duty roster without the web app.</summary>
internal static class RosterCommand
{
    public static Command Create()
    {
        var command = new Command("roster", "Solve a duty-roster model in the JSON format of docs/roster-model-format.md (CP-SAT and a neighbourhood search).");
        var model = new Option<string>("--model") { Description = "Roster model JSON file", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "Time limit in seconds", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Roster JSON file to write", Required = true };
        var workers = new Option<int>("--workers") { Description = "CP-SAT workers (cores)", DefaultValueFactory = _ => 2 };
        var initial = new Option<string?>("--initial") { Description = "A roster JSON to start from (rows breaking a rule are repaired)" };
        foreach (var option in new Option[] { model, seconds, seed, output, workers, initial })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var modelPath = CliInput.File("--model", parse.GetValue(model));
            var initialOption = parse.GetValue(initial);
            var initialPath = initialOption is null ? null : CliInput.File("--initial", initialOption);
            if (modelPath is null || (initialOption is not null && initialPath is null) || !CliInput.OutputFile("--out", parse.GetValue(output)))
            {
                return CliInput.ExitInput;
            }

            RosterModel rosterModel;
            Roster? start = null;
            try
            {
                rosterModel = RosterJson.ReadModel(File.ReadAllText(modelPath));
                if (initialPath is not null)
                {
                    start = RosterJson.ReadRoster(rosterModel, File.ReadAllText(initialPath));
                }
            }
            catch (ModelValidationException e)
            {
                Console.Error.WriteLine($"Mô hình không hợp lệ / invalid model: {e.Message}");
                return 2;
            }

            var result = RosterSolver.Solve(rosterModel, new RosterSolveOptions
            {
                TimeLimit = TimeSpan.FromSeconds(parse.GetValue(seconds)),
                Seed = parse.GetValue(seed),
                Workers = Math.Max(1, parse.GetValue(workers)),
                Initial = start,
            });
            if (result.Roster is null)
            {
                string who = string.Join(", ", result.InfeasibleOfficers.Select(o => rosterModel.Officers[o].Id));
                Console.Error.WriteLine(result.Status == RosterSolveStatus.Infeasible
                    ? $"infeasible: no row keeps every hard rule of {who}"
                    : $"no roster within {parse.GetValue(seconds)} s");
                return 1;
            }

            File.WriteAllText(parse.GetValue(output)!, RosterJson.WriteRoster(rosterModel, result.Roster, result.Status.ToString().ToLowerInvariant(), result.Bound, result.Elapsed.TotalSeconds));
            var evaluation = RosterChecker.Check(rosterModel, result.Roster);
            Console.WriteLine($"{result.Status.ToString().ToLowerInvariant()}: {result.Cost}");
            Console.WriteLine($"bound {result.Bound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, gap {(result.Gap is { } g ? $"{g:P1}" : "n/a")}, {result.Elapsed.TotalSeconds:0.0} s, neighbourhood steps {result.LnsSteps} ({result.LnsImprovements} better), row re-solves {result.DpImprovements}");
            foreach (var violation in evaluation.Violations)
            {
                Console.Error.WriteLine($"checker: {violation.Rule} {rosterModel.Officers[violation.Officer].Id} day {violation.Day}: {violation.Detail}");
            }

            return evaluation.IsFeasible ? 0 : 1;
        });
        return command;
    }
}
