using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Outreach.Data;
using Outreach.Data.Stores;
using Outreach.Domain;

namespace Outreach.Bench.Load;

/// <summary>What `outreach bench load` runs; every count is bounded, every phase stops by itself.</summary>
public sealed record LoadBenchOptions
{
    public SqlDialect Database { get; init; } = SqlDialect.Sqlite;

    /// <summary>An app already running (on 127.0.0.1) on the database named by <see cref="Connection"/> or <see cref="DataFolder"/>.</summary>
    public Uri? Url { get; init; }

    public string? Connection { get; init; }

    public string? DataFolder { get; init; }

    /// <summary>Outreach.Web.dll to start (default: the repository's build).</summary>
    public string? App { get; init; }

    /// <summary>Offer-list requests (a day's slots for a family).</summary>
    public int Offers { get; init; } = 1000;

    /// <summary>Booking requests of the throughput phase.</summary>
    public int Bookings { get; init; } = 300;

    public int Concurrency { get; init; } = 16;

    public int RaceClients { get; init; } = 1000;

    /// <summary>Places of the race slot (families of 1 child + 1 guardian).</summary>
    public int RacePlaces { get; init; } = 10;

    /// <summary>Booking requests of the PostgreSQL restart burst (0: no restart phase).</summary>
    public int RestartBookings { get; init; } = 600;

    /// <summary>Confirmed bookings on the busy day before its offer lists and bookings are measured (0: no busy-day phase).</summary>
    public int BusyConfirmed { get; init; } = 150;

    /// <summary>Offer-list requests for the busy day.</summary>
    public int BusyOffers { get; init; } = 500;

    /// <summary>Booking requests for the busy day (each a family more on it).</summary>
    public int BusyBookings { get; init; } = 100;

    public int Seed { get; init; } = 1;
}

/// <summary>Latencies (ms) and outcomes of one phase.</summary>
public sealed record PhaseResult(string Name, int Requests, int Ok, int Refused, int Errors, double Seconds, double P50, double P95, double P99)
{
    public double PerSecond => Seconds > 0 ? Requests / Seconds : 0;

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Requests} requests in {Seconds:0.0} s = {PerSecond:0} /s, p50 {P50:0} ms, p95 {P95:0} ms, p99 {P99:0} ms, ok {Ok}, refused {Refused}, errors {Errors}");
}

/// <summary>The race and restart checks, read back from the database.</summary>
public sealed record LoadBenchResult(
    string Database, PhaseResult Offers, PhaseResult Bookings, PhaseResult Race, int RaceConfirmedInDatabase, int RacePlaces,
    PhaseResult? Restart, int Lost, int Overbooked)
{
    /// <summary>The busy day: its confirmed bookings before the measured phases, and those phases (null: not run).</summary>
    public BusyDayResult? Busy { get; init; }

    public bool Passed => Offers.Errors == 0 && Bookings.Errors == 0 && Race.Errors == 0 && Race.Ok == RacePlaces && RaceConfirmedInDatabase == RacePlaces
        && Lost == 0 && Overbooked == 0 && Busy is null or { Offers.Errors: 0, Bookings.Errors: 0 };

    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"load bench: {Database}, offer list {Offers.PerSecond:0}/s p50 {Offers.P50:0} p95 {Offers.P95:0} p99 {Offers.P99:0} ms errors {Offers.Errors}; ")
            + string.Create(c, $"booking {Bookings.PerSecond:0}/s p50 {Bookings.P50:0} p95 {Bookings.P95:0} p99 {Bookings.P99:0} ms ({Bookings.Ok} booked, {Bookings.Refused} full) errors {Bookings.Errors}; ")
            + string.Create(c, $"race {Race.Requests} clients for {RacePlaces} places: {Race.Ok} confirmed ({RaceConfirmedInDatabase} in the database), p99 {Race.P99:0} ms, errors {Race.Errors}")
            + (Busy is { } busy
                ? string.Create(c, $"; busy day ({busy.Confirmed} confirmed): offer list p50 {busy.Offers.P50:0} p95 {busy.Offers.P95:0} ms, booking p50 {busy.Bookings.P50:0} p95 {busy.Bookings.P95:0} ms ({busy.Bookings.Ok} booked, {busy.Bookings.Refused} refused) errors {busy.Offers.Errors + busy.Bookings.Errors}")
                : "")
            + (Restart is null
                ? "; no server restart (only on a PostgreSQL the bench starts)"
                : string.Create(c, $"; server restart mid-burst of {Restart.Requests}: {Restart.Ok} confirmed, {Restart.Errors} failed, {Lost} lost, {Overbooked} overbooked"))
            + (Passed ? "" : " — FAILED");
    }
}

/// <summary>The busy-day phases: <see cref="Confirmed"/> bookings stored through the pages first, then measured.</summary>
public sealed record BusyDayResult(int Confirmed, PhaseResult Fill, PhaseResult Offers, PhaseResult Bookings);

/// <summary>
/// `outreach bench load`: families' booking pages under load, against the app on 127.0.0.1 (started by the bench, or
/// <see cref="LoadBenchOptions.Url"/>) on SQLite or PostgreSQL. Three bench units are stored first: a roomy one for
/// throughput, one whose only slot holds <see cref="LoadBenchOptions.RacePlaces"/> families, and one for the restart
/// burst. Phases: the offer list (a family's day of slots, the form's "show slots" post) and bookings, both with p50/p95/p99;
/// a race of <see cref="LoadBenchOptions.RaceClients"/> browser sessions posting at once for the last places (exactly that
/// many confirmed, over HTTP and in the database); on a PostgreSQL the bench started, a server restart in the middle of a
/// booking burst, after which every confirmed booking must be stored and no slot over its limits.
/// </summary>
public static partial class LoadBenchmark
{
    // The restart unit: 5 vans of 16 seats, 6 families a trip, 8 trips a day: 30 families a slot, 240 a day.
    private const int RestartVans = 5;
    private const int RestartSeats = 16;
    private const int RestartFamiliesPerTrip = 6;
    private const int RestartTrips = 8;

    public static async Task<LoadBenchResult> RunAsync(LoadBenchOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var scratch = Directory.CreateTempSubdirectory("outreach-bench-load-").FullName;
        ThrowawayPostgres? server = null;
        BenchApp? app = null;
        try
        {
            string? dll = options.Url is null ? BenchApp.Locate(options.App) : null;
            Database database;
            var settings = new Dictionary<string, string>
            {
                ["Outreach__SeedDemo"] = "false",
                ["Outreach__RateLimit__PerClientPerMinute"] = "10000000",
                ["Outreach__Retention__Enabled"] = "false",
                ["Outreach__Admin__UserName"] = "bench-admin",
                ["Outreach__Admin__Password"] = "bench-" + Guid.NewGuid().ToString("N"),
                ["Logging__LogLevel__Default"] = "Warning",
            };
            if (options.Database == SqlDialect.Postgres)
            {
                var connection = options.Connection;
                if (connection is null)
                {
                    if (options.Url is not null)
                    {
                        throw new LoadBenchException("--url với postgres cần --connection tới cùng cơ sở dữ liệu", "--url with postgres needs --connection to the same database");
                    }

                    server = await ThrowawayPostgres.StartAsync(cancellationToken);
                    connection = server.ConnectionString("outreach_bench");
                    output.WriteLine($"PostgreSQL started by the bench on 127.0.0.1:{server.Port}");
                }

                database = new Database(SqlDialect.Postgres, connection);
                settings["Outreach__Database"] = "postgres";
                settings["ConnectionStrings__Outreach"] = connection;
                settings["Outreach__DataFolder"] = Path.Combine(scratch, "data");
            }
            else
            {
                if (options.Url is not null && options.DataFolder is null)
                {
                    throw new LoadBenchException("--url với sqlite cần --data-folder của ứng dụng đó", "--url with sqlite needs that app's --data-folder");
                }

                var folder = options.DataFolder is null ? Path.Combine(scratch, "data") : Path.GetFullPath(options.DataFolder);
                database = Database.ForSqliteFile(Path.Combine(folder, "outreach.db"));
                settings["Outreach__Database"] = "sqlite";
                settings["Outreach__DataFolder"] = folder;
            }

            await new MigrationRunner(database).RunAsync(cancellationToken);
            var units = await SeedAsync(database, options, cancellationToken);
            Uri url;
            if (options.Url is { } given)
            {
                url = given;
            }
            else
            {
                app = await BenchApp.StartAsync(dll!, settings, scratch, cancellationToken);
                url = app.Url;
                output.WriteLine($"app started on {url} ({dll})");
            }

            var dates = await OpenDatesAsync(database, cancellationToken);
            using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
            var sessions = await SessionsAsync(http, units.Throughput, Math.Max(options.Concurrency, 1), options.Concurrency, cancellationToken);

            var offers = await PhaseAsync("offer list", options.Offers, options.Concurrency, async i =>
            {
                var fields = Family(units.Throughput, dates[i % dates.Count]);
                fields["action"] = "slots";
                return await PostAsync(http, sessions[i % sessions.Count], units.Throughput, fields, cancellationToken);
            }, output, cancellationToken);

            var bookings = await PhaseAsync("booking", options.Bookings, options.Concurrency, async i =>
            {
                var date = dates[i % dates.Count];
                var fields = Booking(units.Throughput, date, new TimeOnly(7 + (i / dates.Count % 10), 0), Phone(1, i));
                return await PostAsync(http, sessions[i % sessions.Count], units.Throughput, fields, cancellationToken);
            }, output, cancellationToken);

            var raceSessions = await SessionsAsync(http, units.Race, options.RaceClients, options.Concurrency, cancellationToken);
            var raceDate = dates[0];
            var race = await PhaseAsync("race", options.RaceClients, options.RaceClients, async i =>
                await PostAsync(http, raceSessions[i], units.Race, Booking(units.Race, raceDate, new TimeOnly(9, 0), Phone(2, i)), cancellationToken),
                output, cancellationToken);
            var raceStored = await CountAsync(database, units.Race.StationId, cancellationToken);

            PhaseResult? restart = null;
            int lost = 0, overbooked = 0;
            if (server is not null && options.RestartBookings > 0)
            {
                (restart, lost, overbooked) = await RestartBurstAsync(http, sessions, units.Restart, dates[1 % dates.Count], server, database, options, output, cancellationToken);
            }

            BusyDayResult? busy = null;
            if (options.BusyConfirmed > 0)
            {
                busy = await BusyDayAsync(http, units.Busy, dates[2 % dates.Count], options, output, cancellationToken);
            }

            var result = new LoadBenchResult(options.Database == SqlDialect.Sqlite ? "sqlite" : "postgres", offers, bookings, race, raceStored, options.RacePlaces, restart, lost, overbooked)
            {
                Busy = busy,
            };
            output.WriteLine(result.Summary());
            return result;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (server is not null)
            {
                await server.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// The busy day: families from the busy unit's pickup points and homes (several trips' worth per slot, every slot of
    /// the day) are booked through the pages, four at a time, until <see cref="LoadBenchOptions.BusyConfirmed"/> are
    /// confirmed (at most twice as many requests); then a family's offer list for that day and more bookings on it are
    /// measured with <see cref="LoadBenchOptions.Concurrency"/> requests in flight.
    /// </summary>
    private static async Task<BusyDayResult> BusyDayAsync(HttpClient http, BusyUnit unit, DateOnly date, LoadBenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var sessions = await SessionsAsync(http, unit.Unit, Math.Max(options.Concurrency, 4), options.Concurrency, cancellationToken);
        var confirmed = 0;
        var fill = await PhaseAsync("busy day fill", options.BusyConfirmed * 2, 4, async i =>
        {
            if (Volatile.Read(ref confirmed) >= options.BusyConfirmed)
            {
                return new Answer(false, true, null);
            }

            var answer = await PostAsync(http, sessions[i % sessions.Count], unit.Unit, BusyFamily(unit, date, i, book: true), cancellationToken);
            if (answer.Ok)
            {
                Interlocked.Increment(ref confirmed);
            }

            return answer;
        }, output, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"busy day {date:yyyy-MM-dd}: {confirmed} bookings confirmed before measuring"));
        var offers = await PhaseAsync("busy day offer list", options.BusyOffers, options.Concurrency, async i =>
            await PostAsync(http, sessions[i % sessions.Count], unit.Unit, BusyFamily(unit, date, i, book: false), cancellationToken),
            output, cancellationToken);
        var bookings = await PhaseAsync("busy day booking", options.BusyBookings, options.Concurrency, async i =>
            await PostAsync(http, sessions[i % sessions.Count], unit.Unit, BusyFamily(unit, date, 10_000 + i, book: true), cancellationToken),
            output, cancellationToken);
        return new BusyDayResult(confirmed, fill, offers, bookings);
    }

    /// <summary>Family <paramref name="i"/> of the busy day: a school or (one in four) a home near one, 1-2 children, a slot of 07:00-16:00.</summary>
    private static Dictionary<string, string> BusyFamily(BusyUnit unit, DateOnly date, int i, bool book)
    {
        var c = CultureInfo.InvariantCulture;
        int point = (i * 7) % unit.SiteIds.Count;
        var fields = new Dictionary<string, string>
        {
            ["children"] = (1 + (i % 3 == 0 ? 1 : 0)).ToString(c),
            ["guardians"] = "1",
            ["date"] = date.ToString("yyyy-MM-dd", c),
        };
        if (i % 4 == 3)
        {
            var anchor = BusyAnchors[point];
            fields["pickup"] = "home";
            fields["pinLon"] = (anchor.Lon + ((((i * 37) % 7) - 3) * 0.0006)).ToString("0.000000", c);
            fields["pinLat"] = (anchor.Lat + ((((i * 53) % 7) - 3) * 0.0006)).ToString("0.000000", c);
        }
        else
        {
            fields["pickup"] = unit.SiteIds[point].ToString(c);
        }

        if (book)
        {
            fields["slot"] = string.Create(c, $"{date:yyyy-MM-dd}T{7 + (i % 10):D2}:00");
            fields["firstName"] = "Bench";
            fields["phone"] = Phone(4, i);
            fields["action"] = "book";
        }
        else
        {
            fields["action"] = "slots";
        }

        return fields;
    }

    private static async Task<(PhaseResult Phase, int Lost, int Overbooked)> RestartBurstAsync(
        HttpClient http, IReadOnlyList<Session> sessions, Unit unit, DateOnly date, ThrowawayPostgres server, Database database,
        LoadBenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var confirmed = new ConcurrentBag<string>();
        var started = 0;
        var afterRestart = 0;
        Task? restarting = null;
        var phase = await PhaseAsync("restart burst", options.RestartBookings, options.Concurrency, async i =>
        {
            if (Interlocked.Increment(ref started) == options.RestartBookings / 4)
            {
                restarting = Task.Run(() => server.RestartAsync(cancellationToken), cancellationToken);
            }

            var before = restarting is { IsCompleted: true };
            var answer = await PostAsync(http, sessions[i % sessions.Count], unit, Booking(unit, date, new TimeOnly(7 + (i % 8), 0), Phone(3, i)), cancellationToken);
            if (answer.Code is { } code)
            {
                confirmed.Add(code);
                if (before)
                {
                    Interlocked.Increment(ref afterRestart);
                }
            }

            return answer;
        }, output, cancellationToken);
        if (restarting is not null)
        {
            await restarting;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"restart burst: server restarted after request {options.RestartBookings / 4}; {afterRestart} bookings confirmed after it was back"));

        NpgsqlConnection.ClearAllPools();
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = (await connection.QueryAsync<(string Code, string SlotStart, int Children, int Guardians)>(new CommandDefinition(
                "SELECT code, CAST(slot_start AS text), child_count, guardian_count FROM bookings WHERE station_id = @station AND status <> 'Cancelled'",
                new { station = unit.StationId }, cancellationToken: cancellationToken)))
            .ToList();
        var codes = stored.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var lost = confirmed.Count(c => !codes.Contains(c));
        var slots = stored.GroupBy(s => s.SlotStart).ToList();
        var overbooked = slots.Count(g => g.Count() > RestartVans * RestartFamiliesPerTrip || g.Sum(s => s.Children + s.Guardians) > RestartVans * RestartSeats)
            + (stored.Count > RestartVans * RestartTrips * RestartFamiliesPerTrip ? 1 : 0);
        return (phase, lost, overbooked);
    }

    /// <summary>One request's outcome: <see cref="Code"/> when a booking was confirmed (redirect to its page).</summary>
    private readonly record struct Answer(bool Ok, bool Refused, string? Code);

    private static async Task<PhaseResult> PhaseAsync(
        string name, int count, int concurrency, Func<int, Task<Answer>> request, TextWriter output, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        int ok = 0, refused = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var started = Stopwatch.GetTimestamp();
                Answer answer;
                try
                {
                    answer = await request(i);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    answer = new Answer(false, false, null);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref answer.Ok ? ref ok : ref answer.Refused ? ref refused : ref errors);
            });
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        var result = new PhaseResult(name, count, ok, refused, errors, seconds, Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99));
        output.WriteLine(result.Line());
        return result;
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>A browser session: its antiforgery cookie and the form's token, from one GET of the unit's booking page.</summary>
    private sealed record Session(string Cookie, IReadOnlyDictionary<string, string> Hidden);

    private static async Task<List<Session>> SessionsAsync(HttpClient http, Unit unit, int count, int concurrency, CancellationToken cancellationToken)
    {
        var sessions = new Session[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                using var response = await http.GetAsync(unit.Url, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new LoadBenchException($"GET {unit.Url}: {(int)response.StatusCode}", $"GET {unit.Url} answered {(int)response.StatusCode}");
                }

                var cookie = string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : []);
                var html = await response.Content.ReadAsStringAsync(ct);
                var form = FormElement().Matches(html).Select(m => m.Value).FirstOrDefault(f => f.Contains("value=\"booking\"", StringComparison.Ordinal))
                    ?? throw new LoadBenchException($"{unit.Url}: không có biểu mẫu đặt chỗ", $"{unit.Url}: no booking form");
                var hidden = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
                sessions[i] = new Session(cookie, hidden);
            });
        return [.. sessions];
    }

    private static async Task<Answer> PostAsync(HttpClient http, Session session, Unit unit, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(session.Hidden);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, unit.Url) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Add("Cookie", session.Cookie);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } target
            && (target.IsAbsoluteUri ? target.PathAndQuery : target.OriginalString) is var location
            && location.StartsWith("/booking/manage/", StringComparison.Ordinal))
        {
            return new Answer(true, false, location["/booking/manage/".Length..].Split('?')[0]);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Answer(false, false, null);
        }

        // "book" answered with the page again: refused (full, with alternatives); "slots" answered with the day's slots.
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var full = html.Contains("id=\"booking-full\"", StringComparison.Ordinal);
        return fields["action"] == "book" ? new Answer(false, full, null) : new Answer(html.Contains("id=\"slot\"", StringComparison.Ordinal), false, null);
    }

    private static Dictionary<string, string> Family(Unit unit, DateOnly date) => new()
    {
        ["pickup"] = unit.SiteId.ToString(CultureInfo.InvariantCulture),
        ["children"] = "1",
        ["guardians"] = "1",
        ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> Booking(Unit unit, DateOnly date, TimeOnly slot, string phone)
    {
        var fields = Family(unit, date);
        fields["slot"] = string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}T{slot:HH:mm}");
        fields["firstName"] = "Bench";
        fields["phone"] = phone;
        fields["action"] = "book";
        return fields;
    }

    private static string Phone(int phase, int i) => string.Create(CultureInfo.InvariantCulture, $"09{phase}{i % 10_000_000:D7}");

    private static async Task<int> CountAsync(Database database, long stationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM bookings WHERE station_id = @stationId AND status <> 'Cancelled'", new { stationId }, cancellationToken: cancellationToken));
    }

    /// <summary>Bookable days (Vietnam time): from 3 days ahead, not holidays, ten of them.</summary>
    private static async Task<IReadOnlyList<DateOnly>> OpenDatesAsync(Database database, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        var first = today.AddDays(3);
        var holidays = (await new CalendarStore(database).ListHolidaysAsync(first, first.AddDays(25), cancellationToken)).Select(h => h.Date).ToHashSet();
        return [.. Enumerable.Range(0, 25).Select(first.AddDays).Where(d => !holidays.Contains(d)).Take(10)];
    }

    /// <summary>A bench unit: its station, pickup point and booking page.</summary>
    private sealed record Unit(long StationId, long SiteId)
    {
        public string Url => string.Create(CultureInfo.InvariantCulture, $"/booking/{StationId}");
    }

    /// <summary>The busy unit: its booking page and its pickup points (in <see cref="BusyAnchors"/> order).</summary>
    private sealed record BusyUnit(Unit Unit, IReadOnlyList<long> SiteIds);

    private sealed record Units(Unit Throughput, Unit Race, Unit Restart, BusyUnit Busy);

    /// <summary>The busy unit's collection point and its schools: the Sông Công demo area's wards and communes (maps/song-cong).</summary>
    private static readonly (double Lon, double Lat) BusyCollectionPoint = (105.8485, 21.4772);

    private static readonly (double Lon, double Lat)[] BusyAnchors =
    [
        (105.855, 21.500), (105.825, 21.465), (105.845, 21.487), (105.862, 21.465), (105.850, 21.476), (105.836, 21.478),
        (105.885, 21.472), (105.865, 21.447), (105.785, 21.520), (105.800, 21.470), (105.872, 21.455), (105.840, 21.492),
    ];

    private static async Task<Units> SeedAsync(Database database, LoadBenchOptions options, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        // Throughput: 10 vans of 16 seats, 8 trips each, 16 families a trip, open 07:00-17:00 every day.
        var throughput = await UnitAsync(database, $"Bench throughput {run}", vans: 10, seats: 16, trips: 8, familiesPerTrip: 16, desks: 20, cancellationToken);
        // Race: one van whose one trip a day fetches RacePlaces families (2 seats each): the day's only places.
        var race = await UnitAsync(database, $"Bench race {run}", vans: 1, seats: 2 * options.RacePlaces, trips: 1, familiesPerTrip: options.RacePlaces, desks: 20, cancellationToken);
        var restart = await UnitAsync(database, $"Bench restart {run}", vans: RestartVans, seats: RestartSeats, trips: RestartTrips, familiesPerTrip: RestartFamiliesPerTrip, desks: 20, cancellationToken);
        return new Units(throughput, race, restart, await BusyUnitAsync(database, $"Bench busy {run}", cancellationToken));
    }

    private static async Task<Unit> UnitAsync(Database database, string name, int vans, int seats, int trips, int familiesPerTrip, int desks, CancellationToken cancellationToken)
    {
        var hours = Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(7, 0), new TimeOnly(17, 0))).ToList();
        var stationId = await new StationStore(database).InsertAsync(new Station(
            0, name, null, null, null, null, "Trụ sở", new GeoPoint(105.8430, 21.4690), null, DeskCount: desks, FilesPerDeskPerHour: 12,
            MaxRideMinutes: 60, BookingSlotMinutes: 60, MapAreaKey: null, OpeningHours: hours)
        {
            MaxTripsPerVan = trips,
            MaxBookingsPerTrip = familiesPerTrip,
        }, cancellationToken);
        var siteId = await new SiteStore(database).InsertAsync(new Site(0, stationId, "Trường Tiểu học", SiteKind.School, new GeoPoint(105.8480, 21.4720), null, false, null), cancellationToken);
        for (var v = 0; v < vans; v++)
        {
            await new FleetStore(database).InsertVehicleAsync(new Vehicle(0, stationId, $"Xe {v + 1}", null, seats, 0, 0, VehicleProfile.Van), cancellationToken);
        }

        return new Unit(stationId, siteId);
    }

    /// <summary>
    /// The busy unit, on the Sông Công roads: 8 vans of 15 seats, 8 trips each, 6 families a trip, 8 desks of 12 files an
    /// hour, rides of at most 45 minutes, open 07:00-17:00 every day; twelve schools as pickup points.
    /// </summary>
    private static async Task<BusyUnit> BusyUnitAsync(Database database, string name, CancellationToken cancellationToken)
    {
        var hours = Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(7, 0), new TimeOnly(17, 0))).ToList();
        var collectionPoint = new GeoPoint(BusyCollectionPoint.Lon, BusyCollectionPoint.Lat);
        var stationId = await new StationStore(database).InsertAsync(new Station(
            0, name, null, null, null, null, "Trụ sở", collectionPoint, null, DeskCount: 8, FilesPerDeskPerHour: 12,
            MaxRideMinutes: 45, BookingSlotMinutes: 60, MapAreaKey: "song-cong", OpeningHours: hours)
        {
            MaxTripsPerVan = 8,
            MaxBookingsPerTrip = 6,
        }, cancellationToken);
        var sites = new SiteStore(database);
        await sites.InsertAsync(new Site(0, stationId, "Điểm thu nhận", SiteKind.CollectionPoint, collectionPoint, null, false, null), cancellationToken);
        var ids = new List<long>();
        for (var i = 0; i < BusyAnchors.Length; i++)
        {
            ids.Add(await sites.InsertAsync(new Site(0, stationId, $"Trường {i + 1}", SiteKind.School, new GeoPoint(BusyAnchors[i].Lon, BusyAnchors[i].Lat), null, false, null), cancellationToken));
        }

        for (var v = 0; v < 8; v++)
        {
            await new FleetStore(database).InsertVehicleAsync(new Vehicle(0, stationId, $"Xe {v + 1}", null, 15, 0, 0, VehicleProfile.Van), cancellationToken);
        }

        return new BusyUnit(new Unit(stationId, ids[0]), ids);
    }

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input\\b(?=[^>]*type=\"hidden\")(?=[^>]*\\sname=\"(?<name>[^\"]*)\")(?=[^>]*\\svalue=\"(?<value>[^\"]*)\")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
