using System.CommandLine;
using Outreach.Cli.Commands;

// `outreach`: headless planning, data import and benchmarks. Each command lives in Commands/.
var root = new RootCommand("Outreach: planner for ID-card outreach operations (pickup vans, mobile teams, extra shifts).");
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(MatrixCommand.Create());
root.Subcommands.Add(ImportMapCommand.Create());
root.Subcommands.Add(SolveCommand.Create());
root.Subcommands.Add(BackupCommand.CreateBackup());
root.Subcommands.Add(BackupCommand.CreateRestore());

var parse = root.Parse(args);
// A wrong option or value is one line naming it and exit code 2, not a screen of help (`--help` shows that).
if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"Lệnh không hợp lệ / invalid command line: {error.Message}");
    }

    return 2;
}

return await parse.InvokeAsync();
