using System.CommandLine;
using Outreach.Bench.Matrices;
using Outreach.Geo;
using Outreach.Geo.Roads;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench matrix`: times an n x n travel-time matrix on a real road network.</summary>
internal static class BenchMatrixCommand
{
    public static Command Create()
    {
        var map = new Option<string>("--map") { Description = "Map folder holding roads.geojson", DefaultValueFactory = _ => "maps/andorra" };
        var size = new Option<int>("--size") { Description = "Number of sites n (the matrix is n x n)", DefaultValueFactory = _ => 1000 };
        var profile = new Option<TravelProfile>("--profile") { Description = "van, motorbike or walking", DefaultValueFactory = _ => TravelProfile.Van };
        var repeats = new Option<int>("--repeats") { Description = "Matrix computations to time", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for the random sites", DefaultValueFactory = _ => 42 };
        var command = new Command("matrix", "Time a many-to-many travel-time matrix: load time, matrix time, peak memory.");
        command.Options.Add(map);
        command.Options.Add(size);
        command.Options.Add(profile);
        command.Options.Add(repeats);
        command.Options.Add(seed);
        command.SetAction(parse =>
        {
            if (CliInput.Folder("--map", parse.GetValue(map)) is not { } folder)
            {
                return CliInput.ExitInput;
            }

            int n = parse.GetValue(size);
            if (n < 1)
            {
                Console.Error.WriteLine($"--size must be at least 1 (got {n})");
                return 2;
            }

            var result = MatrixBenchmark.Run(folder, n, parse.GetValue(profile), parse.GetValue(repeats), parse.GetValue(seed), Console.Out);
            Console.WriteLine(FormattableString.Invariant($"peak memory: {result.PeakWorkingSetBytes / 1048576.0:0} MiB; checksum {result.Checksum}"));
            Console.WriteLine(result.Summary());
            return 0;
        });
        return command;
    }
}
