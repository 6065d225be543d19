using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Outreach.Bench.Visits;
using Outreach.Data;
using Outreach.Data.Demo;
using Outreach.Geo;
using Outreach.Geo.Matrices;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;

namespace Outreach.Cli.Commands;

/// <summary>
/// `outreach bench visits`: plans a generated province-sized week of mobile-team visits (default 200 sites, 12 teams,
/// on the Andorra road network) within the time budget, the Thanh Hóa care-centre Sunday (`--scenario thanh-hoa`), or the
/// seeded Sông Công demo week (`--scenario song-cong`: seeded into a throwaway SQLite file and planned by the same
/// service as the web board).
/// </summary>
internal static class BenchVisitsCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "province (generated week), thanh-hoa (care-centre Sunday) or song-cong (the seeded demo week)", DefaultValueFactory = _ => "province" };
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

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(scenario);
            if (name is not ("province" or "thanh-hoa" or "song-cong"))
            {
                Console.Error.WriteLine($"--scenario must be province, thanh-hoa or song-cong (got '{name}')");
                return 2;
            }

            if (parse.GetValue(sites) < 1 || parse.GetValue(teams) < 1 || parse.GetValue(seconds) <= 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"--sites, --teams and --seconds must be positive (got {parse.GetValue(sites)}, {parse.GetValue(teams)}, {parse.GetValue(seconds)})"));
                return 2;
            }

            // The province is generated on --map; the other two scenarios read the maps root.
            var folder = name == "province" ? CliInput.Folder("--map", parse.GetValue(map)) : CliInput.Folder("--maps", parse.GetValue(maps));
            if (folder is null)
            {
                return CliInput.ExitInput;
            }

            var options = new VisitBenchmarkOptions(name == "province" ? folder : MapFolders.Resolve(parse.GetValue(map)!), parse.GetValue(sites), parse.GetValue(teams),
                parse.GetValue(seed), parse.GetValue(seconds), parse.GetValue(threads), parse.GetValue(iterations));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"params: scenario {name}, sites {options.Sites}, teams {options.Teams}, seed {options.Seed}, seconds {options.Seconds}, threads {options.Threads}, iterations {options.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
            if (name == "song-cong")
            {
                return await SongCongAsync(folder, options, ct);
            }

            var result = name == "province"
                ? VisitBenchmark.RunProvince(options, Console.Out)
                : VisitBenchmark.RunThanhHoa(folder, options, Console.Out);
            Console.WriteLine(result.Summary());
            return result.CheckerErrors == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Seeds the demo into a temporary SQLite file, plans the Sông Công week through the service, reports and cleans up.</summary>
    private static async Task<int> SongCongAsync(string mapsRoot, VisitBenchmarkOptions options, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("outreach-bench-visits-").FullName;
        try
        {
            var database = Database.ForSqliteFile(Path.Combine(folder, "outreach.db"));
            await new MigrationRunner(database, TimeProvider.System).RunAsync(ct);
            var seeded = await new DemoSeeder(database, TimeProvider.System).SeedAsync(mapsRoot, ct);
            var stores = new DataStores(database, TimeProvider.System);
            var station = seeded.Stations.First(s => s.StationName.Contains("Sông Công", StringComparison.Ordinal));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario: seeded Sông Công demo week {seeded.WeekStart:yyyy-MM-dd} (illustrative positions inside the real city outline, travel estimated), {station.VisitRequestsAdded} visit requests, {station.TeamsAdded} teams"));
            var service = new VisitPlanningService(stores, new MatrixCache(), new VisitPlanningServiceOptions
            {
                MapsRoot = mapsRoot,
                TimeLimit = TimeSpan.FromSeconds(options.Seconds),
                Seed = options.Seed,
                Parallelism = Math.Max(1, options.Threads),
                Planner = VisitPlanningOptions.Default with { MaxIterations = options.Iterations },
            }, TimeProvider.System);
            var watch = Stopwatch.StartNew();
            var week = await service.PlanWeekAsync(station.StationId, seeded.WeekStart, "bench", ct);
            var total = watch.Elapsed.TotalSeconds;
            // A fresh database: the week is planned for the first time, never kept unchanged.
            var plan = week.Plan ?? throw new InvalidOperationException("the demo week was not planned");
            VisitBenchmark.Report(plan, Console.Out, itineraries: true);
            var f = plan.Figures;
            var errors = plan.CheckerErrors.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"visits bench: song-cong demo {plan.Coverage.Count} requests {plan.TeamDays.Select(d => d.Team.Id).Distinct().Count()} teams: served {f.Planned}/{f.Applicants} ({100.0 * f.Planned / Math.Max(1, f.Applicants):0.0} %), {f.Visits} visits + {f.RepeatVisits} repeat visits, {f.Metres / 1000.0:0} km (estimated), saved as version {week.Saved.Plan.Version}, plan {total:0.0} s, checker {(errors == 0 ? "ok" : $"{errors} errors")}"));
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
