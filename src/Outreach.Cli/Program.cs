using System.CommandLine;
using Outreach.Cli.Commands;

// `outreach`: headless planning, data import and benchmarks. Each command lives in Commands/.
var root = new RootCommand("Outreach: planner for ID-card outreach operations (pickup vans, mobile teams, extra shifts).");
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(MatrixCommand.Create());
root.Subcommands.Add(ImportMapCommand.Create());
root.Subcommands.Add(SolveCommand.Create());
root.Subcommands.Add(RosterCommand.Create());

return await root.Parse(args).InvokeAsync();
