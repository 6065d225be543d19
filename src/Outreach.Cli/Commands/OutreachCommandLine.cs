using System.CommandLine;

namespace Outreach.Cli.Commands;

/// <summary>`outreach`: the root command and how it is run. Each command lives in this folder.</summary>
internal static class OutreachCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Outreach: planner for ID-card outreach operations (pickup vans, mobile teams, extra shifts).");
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MatrixCommand.Create());
        root.Subcommands.Add(ImportMapCommand.Create());
        root.Subcommands.Add(SolveCommand.Create());
        root.Subcommands.Add(RosterCommand.Create());
        root.Subcommands.Add(BackupCommand.CreateBackup());
        root.Subcommands.Add(BackupCommand.CreateRestore());
        return root;
    }

    /// <summary>
    /// Runs the command line. A wrong option or value, and a missing or unusable file, folder or database, is one line
    /// naming it and exit 2 (<see cref="CliInput"/>), for every command (`--help` shows the help); anything else is a
    /// fault of the program and keeps its stack trace.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"Lệnh không hợp lệ / invalid command line: {error.Message}");
            }

            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (CliInput.IsInputError(e))
        {
            return CliInput.Report(e);
        }
    }
}
