using System.CommandLine;
using System.Globalization;
using Outreach.Bench.Visits;
using Outreach.Geo;

namespace Outreach.Cli.Commands;

/// <summary>
/// `outreach bench visits`: plans a generated province-sized week of mobile-team visits (default 200 sites, 12 teams,
/// on the Andorra road network) within the time budget, or the Thanh Hóa care-centre Sunday (`--scenario thanh-hoa`).
/// </summary>
internal static class BenchVisitsCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "province (generated week) or thanh-hoa (care-centre Sunday)", DefaultValueFactory = _ => "province" };
        var map = new Option<string>("--map") { Description = "Map folder with roads.geojson and pois.geojson (province)", DefaultValueFactory = _ => "maps/andorra" };
        var maps = new Option<string>("--maps") { Description = "Maps root (thanh-hoa)", DefaultValueFactory = _ => "maps" };
        var sites = new Option<int>("--sites") { Description = "Visit requests to generate", DefaultValueFactory = _ => 200 };
        var teams = new Option<int>("--teams") { Description = "Mobile teams", DefaultValueFactory = _ => 12 };
        var seed = new Option<long>("--seed") { Description = "Seed of the generator and the search", DefaultValueFactory = _ => 42 };
        var seconds = new Option<double>("--seconds") { Description = "Search time budget", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "Parallel searches", DefaultValueFactory = _ => 2 };
        var iterations = new Option<long?>("--iterations") { Description = "Iteration limit per solver run (reproducible runs)" };
        var command = new Command("visits", "Plan a week of mobile-team visits: served applicants by priority, visits, repeat visits, km, checker.");
        foreach (var option in new Option[] { scenario, map, maps, sites, teams, seed, seconds, threads, iterations })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var name = parse.GetValue(scenario);
            if (name is not ("province" or "thanh-hoa"))
            {
                Console.Error.WriteLine($"--scenario must be province or thanh-hoa (got '{name}')");
                return 2;
            }

            if (parse.GetValue(sites) < 1 || parse.GetValue(teams) < 1 || parse.GetValue(seconds) <= 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"--sites, --teams and --seconds must be positive (got {parse.GetValue(sites)}, {parse.GetValue(teams)}, {parse.GetValue(seconds)})"));
                return 2;
            }

            var options = new VisitBenchmarkOptions(MapFolders.Resolve(parse.GetValue(map)!), parse.GetValue(sites), parse.GetValue(teams),
                parse.GetValue(seed), parse.GetValue(seconds), parse.GetValue(threads), parse.GetValue(iterations));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"params: scenario {name}, sites {options.Sites}, teams {options.Teams}, seed {options.Seed}, seconds {options.Seconds}, threads {options.Threads}, iterations {options.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
            var result = name == "province"
                ? VisitBenchmark.RunProvince(options, Console.Out)
                : VisitBenchmark.RunThanhHoa(MapFolders.Resolve(parse.GetValue(maps)!), options, Console.Out);
            Console.WriteLine(result.Summary());
            return result.CheckerErrors == 0 ? 0 : 1;
        });
        return command;
    }
}
