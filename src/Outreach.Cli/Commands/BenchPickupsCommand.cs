using System.CommandLine;
using Outreach.Bench.Pickups;
using Outreach.Geo;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench pickups`: a generated day of pickup bookings planned on a real road network, or the demo week.</summary>
internal static class BenchPickupsCommand
{
    public static Command Create()
    {
        var bookings = new Option<int>("--bookings") { Description = "Booking requests to generate (each accepted only where the booking pages' rule offers a slot)", DefaultValueFactory = _ => 300 };
        var vans = new Option<int>("--vans") { Description = "Vans (15 seats each)", DefaultValueFactory = _ => 8 };
        var seconds = new Option<double>("--seconds") { Description = "Planning time limit in seconds", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Seed of the generator and the search", DefaultValueFactory = _ => 1 };
        var maxTrips = new Option<int>("--max-trips") { Description = "Trips a van may make in the day (the station's setting, read by the booking rule and the planner)", DefaultValueFactory = _ => 8 };
        var perTrip = new Option<int>("--families-per-trip") { Description = "Families a van fetches on one trip (the station's setting, read by the booking rule)", DefaultValueFactory = _ => 3 };
        var iterations = new Option<long?>("--iterations") { Description = "Instead of --seconds: search iterations per engine solve (repeatable plans on a busy machine)" };
        var map = new Option<string>("--map") { Description = "Map folder with roads.geojson and pois.geojson", DefaultValueFactory = _ => "maps/andorra" };
        var demo = new Option<bool>("--demo") { Description = "Instead: plan every day of the seeded Sông Công demo week (temporary SQLite database)" };
        var trips = new Option<bool>("--trips") { Description = "Print every trip's stops" };
        var live = new Option<bool>("--live") { Description = "Accept each request only where the live plan, re-planned with the family in, still serves everyone accepted (the rule only pre-filters)" };
        var liveIterations = new Option<long>("--live-iterations") { Description = "With --live: search iterations per solve of one request's re-plan (when inserting it into the live plan fails); 0: each request is answered by insertion into the live plan alone, never searched", DefaultValueFactory = _ => 100 };
        var improveEvery = new Option<int>("--improve-every") { Description = "With --live: improve the live plan after every N accepted requests, as the app does between bookings (0: never)", DefaultValueFactory = _ => 10 };
        var offers = new Option<bool>("--offers") { Description = "With --live: each family is shown the slots the live plan can take it in (as the booking pages show them) and books the nearest; reports how often the first slot shown was booked" };
        var improveIterations = new Option<long>("--improve-iterations") { Description = "With --live: search iterations per solve of one improvement", DefaultValueFactory = _ => 500 };
        var command = new Command("pickups", "Plan a generated day of pickup-van bookings (default 300 bookings, 8 vans, maps/andorra) within a time limit.");
        foreach (var option in new Option[] { bookings, vans, seconds, seed, maxTrips, perTrip, iterations, map, demo, trips, live, liveIterations, improveEvery, improveIterations, offers })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(bookings), v = parse.GetValue(vans);
            double s = parse.GetValue(seconds);
            int t = parse.GetValue(maxTrips), f = parse.GetValue(perTrip);
            if (parse.GetValue(iterations) is < 1)
            {
                Console.Error.WriteLine($"--iterations must be at least 1 (got {parse.GetValue(iterations)})");
                return 2;
            }

            if (parse.GetValue(offers) && !parse.GetValue(live))
            {
                return CliInput.Fail("--offers", "chỉ dùng cùng --live", "works only with --live", "true");
            }

            if (parse.GetValue(liveIterations) < 0)
            {
                return CliInput.Fail("--live-iterations", "không được âm", "must not be negative", parse.GetValue(liveIterations).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (parse.GetValue(improveEvery) < 0)
            {
                return CliInput.Fail("--improve-every", "không được âm", "must not be negative", parse.GetValue(improveEvery).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (parse.GetValue(improveIterations) < 1)
            {
                return CliInput.Fail("--improve-iterations", "cần ít nhất 1", "at least 1 needed", parse.GetValue(improveIterations).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (n < 1 || v < 1 || s <= 0 || t is < 1 or > 16 || f < 1)
            {
                Console.Error.WriteLine($"--bookings, --vans and --families-per-trip must be at least 1, --seconds above 0 and --max-trips 1 to 16 (got {n}, {v}, {f}, {s}, {t})");
                return 2;
            }

            if (parse.GetValue(demo))
            {
                if (CliInput.Folder("--demo (maps/)", "maps") is not { } maps)
                {
                    return CliInput.ExitInput;
                }

                var days = await PickupDemoCheck.RunAsync(maps, TimeSpan.FromSeconds(s), parse.GetValue(seed), parse.GetValue(trips), Console.Out, cancellationToken);
                Console.WriteLine(PickupDemoCheck.Summary(days));
                return 0;
            }

            if (CliInput.Folder("--map", parse.GetValue(map)) is not { } mapFolder)
            {
                return CliInput.ExitInput;
            }

            var result = PickupBenchmark.Run(new PickupBenchmarkOptions(mapFolder, n, v, s, parse.GetValue(seed)) { PrintTrips = parse.GetValue(trips), MaxTripsPerVan = t, MaxBookingsPerTrip = f, Iterations = parse.GetValue(iterations), Live = parse.GetValue(live), LiveIterations = parse.GetValue(liveIterations), ImproveEvery = parse.GetValue(improveEvery), ImproveIterations = parse.GetValue(improveIterations), LiveOffers = parse.GetValue(offers) }, Console.Out);
            Console.WriteLine(result.Summary());
            return result.CheckerErrors == 0 ? 0 : 1;
        });
        return command;
    }
}
