using System.CommandLine;
using System.Globalization;
using Outreach.Bench.Replan;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench replan`: how far re-plans move what was published, on the demo week.</summary>
internal static class BenchReplanCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Time limit of each day's first plan in seconds (re-plans use the service's shorter re-plan limit)", DefaultValueFactory = _ => 3 };
        var seed = new Option<long>("--seed") { Description = "Seed of the search", DefaultValueFactory = _ => 1 };
        var changes = new Option<bool>("--changes") { Description = "Print every family that moved (van, trip and time before and after)" };
        var day = new Option<bool>("--day") { Description = "Instead of the demo week: the generated busy day of `bench pickups` (300 requests, 8 vans, real roads), planned with --seconds and taken as published" };
        var map = new Option<string>("--map") { Description = "With --day: map folder with roads.geojson and pois.geojson", DefaultValueFactory = _ => "maps/andorra" };
        var command = new Command("replan", "Plan and publish the demo week, then re-plan each day after a booking, a cancellation, a flood and a van breakdown: published families moved, messages, re-plan time.");
        command.Options.Add(seconds);
        command.Options.Add(seed);
        command.Options.Add(changes);
        command.Options.Add(day);
        command.Options.Add(map);
        command.SetAction(async (parse, cancellationToken) =>
        {
            double s = parse.GetValue(seconds);
            if (s <= 0)
            {
                return CliInput.Fail("--seconds", "phải lớn hơn 0", "must be above 0", s.ToString(CultureInfo.InvariantCulture));
            }

            ReplanBenchmark.Verbose = parse.GetValue(changes);
            if (parse.GetValue(day))
            {
                if (CliInput.Folder("--map", parse.GetValue(map)) is not { } mapFolder)
                {
                    return CliInput.ExitInput;
                }

                var onDay = ReplanDayBenchmark.Run(new Outreach.Bench.Pickups.PickupBenchmarkOptions(mapFolder, Seconds: s, Seed: parse.GetValue(seed)), Console.Out);
                Console.WriteLine(ReplanBenchmark.Summary(onDay));
                return 0;
            }

            if (CliInput.Folder("maps/", "maps") is not { } maps)
            {
                return CliInput.ExitInput;
            }

            ReplanBenchmark.Verbose = parse.GetValue(changes);
            var measures = await ReplanBenchmark.RunDemoAsync(maps, TimeSpan.FromSeconds(s), parse.GetValue(seed), Console.Out, cancellationToken);
            Console.WriteLine(ReplanBenchmark.Summary(measures));
            return 0;
        });
        return command;
    }
}
