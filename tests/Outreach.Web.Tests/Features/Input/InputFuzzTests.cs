using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Input;

/// <summary>
/// Issue 14: a bounded, seeded fuzz test of what strangers and staff can send. Every POST form of the public booking
/// pages (the wizard, find, move, cancel) and the JSON API bodies (stations, station settings, sites, users) get valid
/// requests broken in many ways: fields left out, numbers huge or negative, dates in year 1 or 9999, control and
/// direction characters, text too long, escapes that are not UTF-8 or a NUL, bodies cut short, JSON of the wrong type or
/// nested thousands deep, wrong content types. For each case: never a 5xx, an answer within <see cref="PerCase"/>, and
/// when the answer is not a success (no redirect for a form, not 2xx for the API) nothing is stored: the row count of
/// every table and the record the request named are unchanged. One body on SQLite and PostgreSQL.
/// </summary>
public abstract class InputFuzzTestsBase
{
    private const int Seed = 14;
    private const int FormCases = 160;
    private const int ApiCases = 120;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(15);

    private static readonly string[] OddText =
    [
        "", " ", "0", "-1", "1", "2", "10", "11", "2147483648", "99999999999999999999", "1e308", "-1e308", "NaN", "Infinity", "0x10",
        "١٢", "1.5", "abc", "Lan", "\u0000", "L\u0000an", "Lan\u202E", "\u2066x\u2069", "La\u0085n", "\uFEFFLan", "Le\u0301", "👨‍👩‍👧",
        "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE bookings; --", "../../etc/passwd", "%00", "%FF", new string('x', 5000),
        "9999-12-31", "0001-01-01", "2020-01-06", BookingScenario.TuesdayKey, "2026-02-30", $"{BookingScenario.TuesdayKey}T09:00",
        "9999-12-31T23:59", "0001-01-01T00:00", "2020-01-06T08:00", $"{BookingScenario.TuesdayKey}T25:99", "home", "0912345678",
        "+84912345678", "0241234567", "ZZZZZZ", "AB12CD", "day:9999-12-31", "day:0001-01-01", "day:2026-11-25", "slots", "book", "edit",
        "zoomout", "map", "-99999999999", "1,5", "106.69", "-200", "1e-400",
    ];

    private static readonly string[] RawInsertions = ["%00", "%FF%FE", "%E2%80", "%", "%G1", "&&&", "=", "%C0%80", "%ED%A0%80", "+", "%2"];

    private static readonly string[] OddJson =
    [
        "null", "true", "\"\"", "\"x\"", "0", "-1", "1e308", "99999999999999999999", "1.5", "\"monday\"", "99", "\"99\"", "-3", "\"25:00\"",
        "\"07:30\"", "\"23:59:59.9999999\"", "[]", "{}", "[1,2]", "\"\\u0000\"", "\"\\u202e\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"admin\"",
        "\"dispatcher\"", "\"school\"", "{\"longitude\": 1e308, \"latitude\": -1e308}", "{\"longitude\": \"a\"}", "\"" + new string('a', 300) + "\"",
        "9223372036854775808", "2147483648",
    ];

    private static readonly string[] WizardFields =
    [
        "pickup", "pinLon", "pinLat", "addressNote", "children", "guardians", "needWheelchair", "needCarried", "needChildSeat", "date", "slot",
        "firstName", "phone", "mapLon", "mapLat", "mapZoom", "action", "map.x", "map.y",
    ];

    protected abstract Task<OutreachAppFactory> CreateAppAsync();

    [SkippableFact]
    public async Task PublicBookingForms_BrokenInManyWays_NoServerErrorNoHangNothingStoredOnRefusal()
    {
        using var app = await CreateAppAsync();
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 60);
        var random = new Random(Seed);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        using var family = app.CreateBrowserLikeClient("100.64.1.1");
        using (var booked = await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(phone: "0987 654 321"), "booking"))
        {
            Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        }

        var code = (await BookingsAsync(app, scenario)).Single().Code;
        var familyToken = await Forms.TokenAsync(family, "/sign-in");
        using var stranger = app.CreateBrowserLikeClient("100.64.1.2");
        var strangerToken = await Forms.TokenAsync(stranger, "/sign-in");

        for (var i = 0; i < FormCases; i++)
        {
            var (url, form, fields, client, token) = (random.Next(10)) switch
            {
                < 5 => (scenario.WizardUrl, "booking", Mutate(scenario.Booking(phone: $"09{random.Next(10_000_000, 99_999_999)}"), WizardFields, random), stranger, strangerToken),
                < 7 => ("/booking/find", "find-booking", Mutate(new() { ["code"] = code, ["phone"] = "0987 654 321" }, ["code", "phone"], random), stranger, strangerToken),
                < 9 => ($"/booking/manage/{code}", "move-booking",
                    Mutate(new() { ["slot"] = $"{BookingScenario.TuesdayKey}T{random.Next(7, 17):00}:00", ["moveDate"] = BookingScenario.TuesdayKey, ["action"] = "move" }, ["slot", "moveDate", "action"], random),
                    family, familyToken),
                _ => ($"/booking/manage/{code}", "cancel-booking", Mutate(new() { ["confirmCancel"] = random.Next(4) == 0 ? "1" : "0" }, ["confirmCancel"], random), family, familyToken),
            };
            if (form == "cancel-booking" && fields.GetValueOrDefault("confirmCancel") == "1")
            {
                fields["confirmCancel"] = "01"; // keep the family's booking for the cases after this one
            }

            fields["_handler"] = form;
            fields["__RequestVerificationToken"] = token;
            var body = Encode(fields, random);
            var before = await SnapshotAsync(app, code);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
            var (status, location, elapsed) = await SendAsync(client, HttpMethod.Post, url, content);
            var after = await SnapshotAsync(app, code);
            var stored = status == HttpStatusCode.Redirect && location is not null && !location.StartsWith("/booking/find", StringComparison.Ordinal);
            outcomes[$"{form} {(int)status}"] = outcomes.GetValueOrDefault($"{form} {(int)status}") + 1;
            var problem = (int)status >= 500 ? $"{(int)status}"
                : elapsed > PerCase ? $"took {elapsed.TotalSeconds:0.0} s"
                : !stored && before != after ? $"{(int)status} but stored: {before} -> {after}"
                : null;
            if (problem is not null)
            {
                failures.Add($"form case {i} (seed {Seed}) {form}: {problem}; body {Shown(Encoding.ASCII.GetString(body))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // The cases reach both sides: forms refused with their errors, and some bookings made, moved or found.
        Assert.Contains(outcomes, o => o.Key.StartsWith("booking 200", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Key.StartsWith("booking 302", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ApiBodies_BrokenInManyWays_NoServerErrorNoHangNothingStoredOnRefusal()
    {
        using var app = await CreateAppAsync();
        var scenario = await BookingScenario.CreateAsync(app);
        using var admin = await app.SignedInAsync(StaffRole.Admin);
        var subject = await app.CreateUserAsync($"fuzz-{Guid.NewGuid():N}"[..20], "mat-khau-fuzz-2026", StaffRole.Dispatcher, stationId: scenario.StationId);
        var random = new Random(Seed + 1);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var targets = new (HttpMethod Method, string Url, string Valid, string Read)[]
        {
            (HttpMethod.Post, "/api/stations", ValidStation(), "/api/stations"),
            (HttpMethod.Put, $"/api/stations/{scenario.StationId}/settings", ValidSettings, $"/api/stations/{scenario.StationId}"),
            (HttpMethod.Post, $"/api/stations/{scenario.StationId}/sites", ValidSite, $"/api/stations/{scenario.StationId}/sites"),
            (HttpMethod.Put, $"/api/users/{subject.Id}", $$"""{ "role": "dispatcher", "stationId": {{scenario.StationId}}, "disabled": false, "displayName": "Nguyễn Văn Fuzz" }""", $"/api/users/{subject.Id}"),
        };

        for (var i = 0; i < ApiCases; i++)
        {
            var target = targets[random.Next(targets.Length)];
            var valid = target.Url == "/api/stations" ? ValidStation() : target.Valid;
            var (body, contentType) = MutateJson(valid, random);
            var before = await SnapshotAsync(app, null) + await admin.GetStringAsync(target.Read);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            var (status, _, elapsed) = await SendAsync(admin, target.Method, target.Url, content);
            var after = await SnapshotAsync(app, null) + await admin.GetStringAsync(target.Read);
            statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
            var problem = (int)status >= 500 ? $"{(int)status}"
                : elapsed > PerCase ? $"took {elapsed.TotalSeconds:0.0} s"
                : (int)status >= 400 && before != after ? $"{(int)status} but stored"
                : null;
            if (problem is not null)
            {
                failures.Add($"API case {i} (seed {Seed + 1}) {target.Method} {target.Url}: {problem}; {contentType}; body {Shown(Encoding.UTF8.GetString(body))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Contains(statuses.Keys, s => s is >= 200 and < 300);
        Assert.Contains(400, statuses.Keys);
    }

    /// <summary>Some of the fields changed, left out, added or duplicated.</summary>
    private static Dictionary<string, string> Mutate(Dictionary<string, string> valid, string[] names, Random random)
    {
        var fields = new Dictionary<string, string>(valid);
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var name = names[random.Next(names.Length)];
            switch (random.Next(5))
            {
                case 0:
                    fields.Remove(name);
                    break;
                default:
                    fields[name] = OddText[random.Next(OddText.Length)];
                    break;
            }
        }

        return fields;
    }

    /// <summary>The form as a browser encodes it, sometimes then broken at the byte level (cut, bad escapes, a NUL).</summary>
    private static byte[] Encode(Dictionary<string, string> fields, Random random)
    {
        var text = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        switch (random.Next(6))
        {
            case 0:
                var at = random.Next(text.Length);
                text = text[..at] + RawInsertions[random.Next(RawInsertions.Length)] + text[at..];
                break;
            case 1:
                // Cut short, but keep the token and the form name (else every such case is only an antiforgery 400).
                var keep = text.IndexOf("_handler", StringComparison.Ordinal);
                text = text[..Math.Max(keep, random.Next(text.Length))];
                text += "&_handler=" + Uri.EscapeDataString(fields["_handler"]) + "&__RequestVerificationToken=" + Uri.EscapeDataString(fields["__RequestVerificationToken"]);
                break;
            case 2:
                text += "&" + text;
                break;
        }

        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>A valid JSON body broken: a value replaced or left out, a field added, cut short, nested deep, bytes not UTF-8, or sent as another type.</summary>
    private static (byte[] Body, string ContentType) MutateJson(string valid, Random random)
    {
        var node = JsonNode.Parse(valid)!;
        var contentType = random.Next(15) == 0 ? "text/plain" : random.Next(15) == 0 ? "application/x-www-form-urlencoded" : "application/json; charset=utf-8";
        var text = random.Next(9) switch
        {
            0 => "{\"deskCount\":" + new string('[', 3000) + new string(']', 3000) + "}",
            1 => valid[..random.Next(valid.Length)],
            2 => "[" + valid + "]",
            _ => Replaced(node, random),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(8) == 0 && bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
        }

        return (bytes, contentType);
    }

    /// <summary>
    /// The tree with one or two values replaced by odd JSON, left out, or a field added. The odd JSON goes in as text
    /// after serializing (through a placeholder), so values the serializer itself refuses (a lone surrogate escape) reach
    /// the server too.
    /// </summary>
    private static string Replaced(JsonNode root, Random random)
    {
        var placeholders = new Dictionary<string, string>();
        for (var edits = random.Next(1, 3); edits > 0; edits--)
        {
            var containers = Containers(root).ToList();
            var (parent, key) = containers[random.Next(containers.Count)];
            var placeholder = $"@odd{placeholders.Count}@";
            placeholders[placeholder] = OddJson[random.Next(OddJson.Length)];
            var odd = JsonValue.Create(placeholder);
            switch (parent)
            {
                case JsonObject obj when random.Next(6) == 0:
                    obj.Remove(key!);
                    break;
                case JsonObject obj when random.Next(10) == 0:
                    obj["unknownField"] = odd;
                    break;
                case JsonObject obj:
                    obj[key!] = odd;
                    break;
                case JsonArray array:
                    array[int.Parse(key!, CultureInfo.InvariantCulture)] = odd;
                    break;
            }
        }

        var text = root.ToJsonString();
        foreach (var (placeholder, json) in placeholders)
        {
            text = text.Replace($"\"{placeholder}\"", json, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Every (container, property name or index) of the tree.</summary>
    private static IEnumerable<(JsonNode Parent, string? Key)> Containers(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    yield return (obj, name);
                    if (child is not null)
                    {
                        foreach (var inner in Containers(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i.ToString(CultureInfo.InvariantCulture));
                    if (array[i] is { } child)
                    {
                        foreach (var inner in Containers(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static async Task<(HttpStatusCode Status, string? Location, TimeSpan Elapsed)> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var timeout = new CancellationTokenSource(PerCase + TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, timeout.Token);
        await response.Content.ReadAsByteArrayAsync(timeout.Token);
        return (response.StatusCode, Forms.Location(response), watch.Elapsed);
    }

    /// <summary>The row count of every table, and the family's booking as stored.</summary>
    private static async Task<string> SnapshotAsync(OutreachAppFactory app, string? code)
    {
        var database = app.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        var tables = database.Dialect == SqlDialect.Sqlite
            ? await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            : await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
        var counts = new StringBuilder();
        // A refused request is counted for the chief's day page by design (reason and channel only): that count is the
        // record of the refusal, not something the request stored.
        foreach (var table in tables.Where(t => t != "booking_refusals"))
        {
            counts.Append(CultureInfo.InvariantCulture, $"{table}={await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\"")};");
        }

        if (code is not null && await app.Services.GetRequiredService<BookingStore>().GetByCodeAsync(code) is { } booking)
        {
            counts.Append(CultureInfo.InvariantCulture, $"booking={booking.Date:yyyy-MM-dd}T{booking.SlotStart:HH:mm} {booking.Status}");
        }

        return counts.ToString();
    }

    private static async Task<IReadOnlyList<Domain.Booking>> BookingsAsync(OutreachAppFactory app, BookingScenario scenario) =>
        await app.Services.GetRequiredService<BookingStore>().ListAsync(scenario.StationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true);

    private static string Shown(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static string ValidStation() => $$"""
        {
          "name": "Trạm thử {{Guid.NewGuid():N}}",
          "newUnitCode": "05530",
          "collectionPointName": "Trụ sở",
          "collectionPointLocation": { "longitude": 105.8480, "latitude": 21.4870 },
          "deskCount": 3,
          "filesPerDeskPerHour": 12,
          "maxRideMinutes": 45,
          "openingHours": [ { "day": "monday", "opens": "07:30", "closes": "11:30" }, { "day": "tuesday", "opens": "13:30", "closes": "17:00" } ]
        }
        """;

    private const string ValidSettings = """
        {
          "deskCount": 4, "filesPerDeskPerHour": 6, "maxRideMinutes": 40, "bookingSlotMinutes": 60, "maxTripsPerVan": 3, "maxBookingsPerTrip": 6,
          "openingHours": [ { "day": "tuesday", "opens": "07:00", "closes": "11:00" }, { "day": "tuesday", "opens": "13:00", "closes": "17:00" } ]
        }
        """;

    private const string ValidSite = """
        { "name": "Điểm đón thử", "kind": "school", "location": { "longitude": 105.85, "latitude": 21.48 }, "unitCode": "05518", "note": "Cổng chính" }
        """;
}

public sealed class InputFuzzTests : InputFuzzTestsBase
{
    protected override Task<OutreachAppFactory> CreateAppAsync() => Task.FromResult(new OutreachAppFactory());
}

[Collection(PostgresWebGroup.Name)]
public sealed class PostgresInputFuzzTests(PostgresWebFixture fixture) : InputFuzzTestsBase
{
    protected override async Task<OutreachAppFactory> CreateAppAsync()
    {
        fixture.Server.SkipIfUnavailable();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync("outreach_fuzz"));
        var app = new OutreachAppFactory();
        app.Settings["Outreach:Database"] = "postgres";
        app.Settings["ConnectionStrings:Outreach"] = database.ConnectionString;
        return app;
    }
}
