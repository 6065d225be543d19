using System.CommandLine;
using Outreach.Bench.Load;
using Outreach.Data;

namespace Outreach.Cli.Commands;

/// <summary>`outreach bench load`: the booking pages under a bounded load on 127.0.0.1, on SQLite or PostgreSQL.</summary>
internal static class BenchLoadCommand
{
    public static Command Create()
    {
        var database = new Option<string>("--database") { Description = "sqlite (default) or postgres", DefaultValueFactory = _ => "sqlite" };
        var url = new Option<string?>("--url") { Description = "An app already running on this machine (http://127.0.0.1:PORT); with it, --data-folder (sqlite) or --connection (postgres) of its database" };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string (default: a throwaway server the bench starts, which it also restarts mid-burst)" };
        var dataFolder = new Option<string?>("--data-folder") { Description = "SQLite: the data folder (default: a temporary one)" };
        var app = new Option<string?>("--app") { Description = "Outreach.Web.dll to start (default: src/Outreach.Web/bin/Release/net10.0 of this repository)" };
        var offers = new Option<int>("--offers") { Description = "Offer-list requests (a family's day of slots)", DefaultValueFactory = _ => 1000 };
        var bookings = new Option<int>("--bookings") { Description = "Booking requests", DefaultValueFactory = _ => 300 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 16 };
        var race = new Option<int>("--race-clients") { Description = "Browser sessions racing for the last places", DefaultValueFactory = _ => 1000 };
        var places = new Option<int>("--race-places") { Description = "Places left in the race slot", DefaultValueFactory = _ => 10 };
        var restart = new Option<int>("--restart-bookings") { Description = "PostgreSQL: booking requests of the burst during which the server restarts (0: none)", DefaultValueFactory = _ => 600 };
        var busyConfirmed = new Option<int>("--busy-confirmed") { Description = "Bookings confirmed on the busy day before it is measured (0: no busy-day phase)", DefaultValueFactory = _ => 150 };
        var busyOffers = new Option<int>("--busy-offers") { Description = "Offer-list requests for the busy day", DefaultValueFactory = _ => 500 };
        var busyBookings = new Option<int>("--busy-bookings") { Description = "Booking requests for the busy day", DefaultValueFactory = _ => 100 };
        var command = new Command("load", "Booking pages under load: offer-list and booking throughput with p50/p95/p99, a last-places race, a busy day's offer list and bookings, and (PostgreSQL) a server restart mid-burst.");
        foreach (var option in new Option[] { database, url, connection, dataFolder, app, offers, bookings, concurrency, race, places, restart, busyConfirmed, busyOffers, busyBookings })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            int o = parse.GetValue(offers), b = parse.GetValue(bookings), c = parse.GetValue(concurrency), r = parse.GetValue(race), p = parse.GetValue(places), s = parse.GetValue(restart);
            string? bad = o is < 1 or > 1_000_000 ? $"--offers {o}" : b is < 1 or > 1_000_000 ? $"--bookings {b}" : c is < 1 or > 512 ? $"--concurrency {c}"
                : r is < 1 or > 10_000 ? $"--race-clients {r}" : p is < 1 or > 16 || p > r ? $"--race-places {p}" : s is < 0 or > 100_000 ? $"--restart-bookings {s}" : null;
            int bc = parse.GetValue(busyConfirmed), bo = parse.GetValue(busyOffers), bb = parse.GetValue(busyBookings);
            bad ??= bc is < 0 or > 2_000 ? $"--busy-confirmed {bc}" : bo is < 1 or > 1_000_000 ? $"--busy-offers {bo}" : bb is < 1 or > 1_000_000 ? $"--busy-bookings {bb}" : null;
            if (bad is not null)
            {
                await Console.Error.WriteLineAsync($"{bad}: giá trị ngoài khoảng cho phép / out of range (offers and bookings 1-1000000, concurrency 1-512, race clients 1-10000, race places 1-16 and at most the clients, restart bookings 0-100000, busy confirmed 0-2000, busy offers and bookings 1-1000000)");
                return 2;
            }

            SqlDialect dialect;
            try
            {
                dialect = Database.ParseDialect(parse.GetValue(database)!);
            }
            catch (ArgumentException)
            {
                await Console.Error.WriteLineAsync($"--database '{parse.GetValue(database)}': chỉ nhận sqlite hoặc postgres / use sqlite or postgres");
                return 2;
            }

            Uri? target = null;
            if (parse.GetValue(url) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out target) || target.Scheme != "http"
                || !(target.IsLoopback)))
            {
                await Console.Error.WriteLineAsync($"--url '{text}': không phải địa chỉ http trên máy này (127.0.0.1, localhost) / not an http address on this machine (127.0.0.1, localhost)");
                return 2;
            }

            try
            {
                var result = await LoadBenchmark.RunAsync(new LoadBenchOptions
                {
                    Database = dialect,
                    Url = target,
                    Connection = parse.GetValue(connection),
                    DataFolder = parse.GetValue(dataFolder),
                    App = parse.GetValue(app),
                    Offers = o,
                    Bookings = b,
                    Concurrency = c,
                    RaceClients = r,
                    RacePlaces = p,
                    RestartBookings = s,
                    BusyConfirmed = bc,
                    BusyOffers = bo,
                    BusyBookings = bb,
                }, Console.Out, cancellationToken);
                return result.Passed ? 0 : 1;
            }
            catch (LoadBenchException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or HttpRequestException)
            {
                return CliInput.Report(e);
            }
        });
        return command;
    }
}
