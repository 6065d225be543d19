using System.CommandLine;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench ...`: quality and speed benchmarks; each kind adds its subcommand here.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Run a benchmark: solver quality against best-known solutions, matrix speed, planning scale.");
        bench.Subcommands.Add(BenchMatrixCommand.Create());
        bench.Subcommands.Add(BenchPickupsCommand.Create());
        bench.Subcommands.Add(BenchVisitsCommand.Create());
        BenchRoutingCommand.AddTo(bench);
        bench.Subcommands.Add(BenchDarpCommand.Create());
        bench.Subcommands.Add(BenchLoadCommand.Create());
        bench.Subcommands.Add(BenchRosterCommand.Create());
        bench.Subcommands.Add(BenchReplanCommand.Create());
        return bench;
    }
}
