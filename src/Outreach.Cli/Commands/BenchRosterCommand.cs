using System.CommandLine;
using Outreach.Bench.Rosters;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench roster [--officers 150] [--weeks 4] [--seconds 60] [--seed 1]`: the generated province roster.</summary>
internal static class BenchRosterCommand
{
    public static Command Create()
    {
        var command = new Command("roster", "A generated province duty roster (desk, evening, night, field and holiday shifts, leave, requests) solved within the limit; prints each cost component, CP-SAT's bound and the gap.");
        var officers = new Option<int>("--officers") { Description = "Officers", DefaultValueFactory = _ => 150 };
        var weeks = new Option<int>("--weeks") { Description = "Weeks in the horizon", DefaultValueFactory = _ => 4 };
        var seconds = new Option<double>("--seconds") { Description = "Time limit in seconds", DefaultValueFactory = _ => 60 };
        var seed = new Option<long>("--seed") { Description = "Seed of the case and of the search", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "CP-SAT workers (cores)", DefaultValueFactory = _ => 2 };
        var demo = new Option<bool>("--demo") { Description = "Instead: the seeded Sông Công station's 30/4-1/5 holiday week with its van and team plans" };
        var maps = new Option<string>("--maps") { Description = "maps/ folder (for --demo)", DefaultValueFactory = _ => "maps" };
        var uplift = new Option<int>("--uplift") { Description = "Holiday uplift of desk demand in percent (for --demo)", DefaultValueFactory = _ => 50 };
        foreach (var option in new Option[] { officers, weeks, seconds, seed, workers, demo, maps, uplift })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(seconds) is var limit && (limit <= 0 || double.IsNaN(limit) || limit > 86_400))
            {
                return CliInput.Fail("--seconds", "cần số giây trong khoảng (0, 86400]", "seconds in (0, 86400] needed",
                    limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (parse.GetValue(demo))
            {
                var mapsFolder = CliInput.Folder("--maps", parse.GetValue(maps));
                if (mapsFolder is null)
                {
                    return CliInput.ExitInput;
                }

                var result = await RosterDemoWeek.RunAsync(mapsFolder, TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(uplift), Console.Out, cancellationToken);
                Console.WriteLine($"roster demo: {result.Roster.Problem.Officers.Count} officers, {result.Roster.Result.Status.ToString().ToLowerInvariant()}, cost {result.Roster.Result.Cost.Total}, {result.Gaps.Count} short blocks, {result.Duties.Count} field duties, {result.Roster.Consistency.Count} disagreements");
                return result.Roster.Consistency.Count == 0 ? 0 : 1;
            }

            return RosterBenchmark.Run(
                Math.Max(2, parse.GetValue(officers)), Math.Clamp(parse.GetValue(weeks), 1, 52), parse.GetValue(seconds), parse.GetValue(seed), Math.Max(1, parse.GetValue(workers)), Console.Out);
        });
        return command;
    }
}
