using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Infrastructure.Auth;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Access;

/// <summary>Who calls: nobody signed in; a family holding its booking cookie (code + phone proven); whoever holds a
/// driver's link; a driver, dispatcher and chief of the unit the request acts on; a chief of another unit; an admin.</summary>
public enum Caller
{
    Anonymous,
    Family,
    DriverLink,
    Driver,
    Dispatcher,
    Chief,
    OtherChief,
    Admin,
}

/// <summary>What a caller gets. <see cref="Ok"/> when the row names a secret: the secret is in the answer;
/// <see cref="OkHidden"/>: answered, without the secret; <see cref="PageRefusal"/>: answered with the page's own refusal.</summary>
public enum Outcome
{
    Ok,
    OkHidden,
    PageRefusal,
    SignIn,
    Forbidden,
    NotFound,
    BadRequest,
    ProveFamily,

    /// <summary>Any other status: never expected.</summary>
    Other,
}

/// <summary>
/// Issue 14: every endpoint of the running app, as its endpoint data sources list it (Razor component pages and each
/// of their forms, minimal API routes, static assets, the fallback), called as each <see cref="Caller"/>, with the
/// outcome each must get. A route or form without a row fails the test, so a new one cannot be forgotten; a row whose
/// route is gone fails too. One body on SQLite (<see cref="RouteMatrixTests"/>) and PostgreSQL
/// (<see cref="PostgresRouteMatrixTests"/>).
/// </summary>
public abstract partial class RouteMatrixTestsBase
{
    private const string Password = "mat-khau-ma-tran-2026";
    private const string Monday = "2026-11-23";

    private static readonly Caller[] Callers = Enum.GetValues<Caller>();

    /// <summary>A fresh app (own database) with short planning times.</summary>
    protected abstract Task<OutreachAppFactory> CreateAppAsync();

    [SkippableFact]
    public async Task EveryEndpoint_EveryCaller_GetsTheDesignedOutcome()
    {
        using var app = await CreateAppAsync();
        var world = await World.CreateAsync(app);
        var rows = Rows(world);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        // 1. Every route and form has a row; every row names a route that exists.
        var problems = new List<string>();
        var rowKeys = rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var staticRoutes = new List<string>();
        var endpointKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            {
                staticRoutes.Add("/" + pattern.TrimStart('/'));
                if (StationScopeGate.RequiresSignIn(endpoint))
                {
                    problems.Add($"static asset {pattern} requires sign-in");
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            // HEAD is answered by the GET handler of the same endpoint.
            foreach (var method in methods.Where(m => m != "HEAD" || !methods.Contains("GET")))
            {
                if (method == "POST" && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
                {
                    var forms = FormsOf(pattern);
                    foreach (var form in forms.DefaultIfEmpty(NoForm))
                    {
                        endpointKeys.Add(Row.KeyOf(method, pattern, form));
                    }
                }
                else
                {
                    endpointKeys.Add(Row.KeyOf(method, pattern, null));
                }
            }

            if (StationScopeGate.RequiresSignIn(endpoint) && endpoint.Metadata.GetMetadata<IStationScopeMetadata>() is null)
            {
                problems.Add($"{pattern}: requires sign-in but states no station scope");
            }
        }

        problems.AddRange(endpointKeys.Where(k => !rowKeys.Contains(k)).Select(k => $"no row for {k}"));
        problems.AddRange(rowKeys.Where(k => !endpointKeys.Contains(k)).Select(k => $"row for a route or form that does not exist: {k}"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.NotEmpty(staticRoutes);

        // 2. Each row as each caller.
        var failures = new List<string>();
        foreach (var row in rows)
        {
            foreach (var caller in Callers)
            {
                var expected = row.Expect[caller];
                var (actual, detail) = await world.CallAsync(caller, row);
                if (actual != expected)
                {
                    failures.Add($"{row.Key} as {caller}: expected {expected}, got {actual} ({detail})");
                }
            }
        }

        // 3. Static files are public and the same for everyone.
        foreach (var path in staticRoutes.Distinct(StringComparer.Ordinal))
        {
            foreach (var caller in Callers)
            {
                using var response = await world.Client(caller).GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"static GET {path} as {caller}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private const string NoForm = "(no form)";

    /// <summary>The @formname values of the page with this route, from its .razor file (a dynamic name as its prefix + "*").</summary>
    private static List<string> FormsOf(string pattern)
    {
        var web = Path.Combine(RepoRoot.Path, "src", "Outreach.Web");
        foreach (var file in Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains($"@page \"{pattern}\"", StringComparison.Ordinal))
            {
                continue;
            }

            return [.. FormName().Matches(text)
                .Select(m => m.Groups["literal"].Success ? m.Groups["literal"].Value : m.Groups["prefix"].Value + "*")
                .Distinct(StringComparer.Ordinal)];
        }

        throw new InvalidOperationException($"No .razor file has @page \"{pattern}\".");
    }

    [GeneratedRegex("@formname=\"(?:@\\(\\$\"(?<prefix>[^\"{]*)\\{[^\"]*\"\\)|(?<literal>[^\"@]+))\"")]
    private static partial Regex FormName();

    /// <summary>Outcomes in <see cref="Caller"/> order: anonymous, family, driver link, driver, dispatcher, chief, other chief, admin.</summary>
    private static Dictionary<Caller, Outcome> E(params Outcome[] outcomes)
    {
        Assert.Equal(Callers.Length, outcomes.Length);
        return Callers.Zip(outcomes).ToDictionary(p => p.First, p => p.Second);
    }

    private static Dictionary<Caller, Outcome> Everyone(Outcome outcome) => E([.. Callers.Select(_ => outcome)]);

    /// <summary>A staff endpoint: the three outsiders are sent to sign in (the API answers 401); then driver, dispatcher,
    /// chief of the unit, chief of another unit, admin.</summary>
    private static Dictionary<Caller, Outcome> Staff(Outcome driver, Outcome dispatcher, Outcome chief, Outcome otherChief, Outcome admin) =>
        E(Outcome.SignIn, Outcome.SignIn, Outcome.SignIn, driver, dispatcher, chief, otherChief, admin);

    private static readonly Outcome Ok = Outcome.Ok;
    private static readonly Outcome No = Outcome.Forbidden;
    private static readonly Outcome Gone = Outcome.NotFound;

    /// <summary>An id no van, team, officer or site has.</summary>
    private const string NoSuchId = "987654321";

    /// <summary>Admin only.</summary>
    private static Dictionary<Caller, Outcome> AdminOnly(Outcome admin) => Staff(No, No, No, No, admin);

    private static List<Row> Rows(World w)
    {
        var x = Target.Pickups;
        var t = Target.Visits;
        var board = $"/staff/visits/{w.Visits.Station.Id}/{Monday}";
        var roster = $"/staff/rosters/{w.Visits.Station.Id}/{Monday}";
        var itinerary = $"{board}/plans/{w.Visits.PlanId}/teams/{w.Visits.Team.Id}/{HandBuiltPlans.Tuesday:yyyy-MM-dd}";
        var pickups = $"/staff/pickups?station={w.Pickups.Station.Id}&date={HandBuiltPlans.Tuesday:yyyy-MM-dd}";
        var sheet = $"/staff/route-sheets/{w.Pickups.PlanId}";
        var manage = $"/booking/manage/{w.FamilyBooking.Code}";
        var lan = w.Pickups.Bookings["Lan"];
        var stationX = Id(w.Pickups.Station.Id);
        var weekBoard = $"/staff/board?station={stationX}&week={Monday}";
        return
        [
            // Public pages and files.
            Row.Get("/", "/", x, Everyone(Ok)),
            Row.Post("/", NoForm, "/", x, Everyone(Outcome.BadRequest)),
            Row.Get("/status/{Code:int}", "/status/404", x, Everyone(Ok)),
            Row.Post("/status/{Code:int}", NoForm, "/status/404", x, Everyone(Outcome.BadRequest)),
            Row.Get("/sign-in", "/sign-in", x, Everyone(Ok)),
            Row.Post("/sign-in", "sign-in", "/sign-in", x, Everyone(Ok), new() { ["UserName"] = "khong-co-ai", ["Password"] = "sai-mat-khau-123" }),
            Row.Get("/language", "/language?culture=en&returnUrl=/", x, Everyone(Ok)),
            Row.AnyMethod("/health", "/health", x, Everyone(Ok)),
            // Metrics: an admin (or a token, or a local unforwarded scraper: not these test clients); the rest 401/403.
            Row.AnyMethod("/metrics", "/metrics", x, AdminOnly(Ok)),
            // The background jobs' dashboard (Hangfire's own pages and their posts, one endpoint): admins only.
            Row.AnyMethod("/staff/jobs/{**path}", "/staff/jobs", x, AdminOnly(Ok)),
            Row.Get("/_framework/opaque-redirect", "/_framework/opaque-redirect", x, Everyone(Outcome.BadRequest)),
            Row.Get("/booking", "/booking", x, Everyone(Ok)),
            Row.Post("/booking", NoForm, "/booking", x, Everyone(Outcome.BadRequest)),
            Row.Get("/booking/{StationId:long}", $"/booking/{stationX}", x, Everyone(Ok)),
            Row.Post("/booking/{StationId:long}", "booking", $"/booking/{stationX}", x, Everyone(Ok), new() { ["action"] = "slots" }),
            Row.Get("/booking/{stationId:long}/map.svg", $"/booking/{stationX}/map.svg", x, Everyone(Ok)),
            Row.Get("/booking/find", "/booking/find", x, Everyone(Ok)),
            Row.Post("/booking/find", "find-booking", "/booking/find", x, Everyone(Ok), new() { ["code"] = "ZZZZZZ", ["phone"] = "0900000000" }),

            // The family's own booking: only the browser that proved code + phone sees it (the phone is the secret).
            Row.Get("/booking/manage/{Code}", manage, x,
                E(Outcome.ProveFamily, Ok, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily),
                secret: w.FamilyBooking.ContactFirstName),
            Row.Post("/booking/manage/{Code}", "move-booking", manage, x,
                E(Outcome.ProveFamily, Ok, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily),
                new() { ["slot"] = "" }),
            Row.Post("/booking/manage/{Code}", "cancel-booking", manage, x,
                E(Outcome.ProveFamily, Ok, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily)),
            // "Delete my data" without the confirmation ticked: the page asks for it (nothing is deleted).
            Row.Post("/booking/manage/{Code}", "delete-data", manage, x,
                E(Outcome.ProveFamily, Ok, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily)),

            Row.Get("/booking/manage/{code}/calendar.ics", $"{manage}/calendar.ics", x,
                E(Outcome.ProveFamily, Ok, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily, Outcome.ProveFamily),
                secret: w.FamilyBooking.Code),

            // A driver's link: whoever holds it sees that trip, nobody else (everyone else tries an altered link).
            Row.Get("/r/{Token}", "/r/{token}", x,
                E(Outcome.NotFound, Outcome.NotFound, Ok, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound),
                secret: lan.Code),
            // A stop checked off on the sheet (stop 2, the school: picked up): only the link's holder records it.
            Row.Post("/r/{Token}", "check-*", "/r/{token}", x,
                E(Outcome.NotFound, Outcome.NotFound, Ok, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound),
                new() { ["status"] = "PickedUp" }, handler: "check-2"),
            // The short link of a driver's day: its holder sees the day's trips (each a signed link), nobody else.
            Row.Get("/d/{Code}", "/d/{code}", x,
                E(Outcome.NotFound, Outcome.NotFound, Ok, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound),
                secret: "day-trip-1"),
            Row.Post("/d/{Code}", NoForm, "/d/{code}", x,
                E(Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest)),
            Row.Get("/r/{token}/pdf", "/r/{token}/pdf", x,
                E(Outcome.NotFound, Outcome.NotFound, Ok, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound)),

            // Any signed-in account: its own things.
            Row.Get("/staff", "/staff", x, Staff(Ok, Ok, Ok, Outcome.OkHidden, Ok), secret: w.Pickups.Station.Name),
            Row.Post("/staff", NoForm, "/staff", x, Staff(Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest)),
            Row.Get("/account/password", "/account/password", x, Staff(Ok, Ok, Ok, Ok, Ok)),
            Row.Post("/account/password", "change-password", "/account/password", x, Staff(Ok, Ok, Ok, Ok, Ok),
                new() { ["CurrentPassword"] = "khong-dung-mat-khau", ["NewPassword"] = "mat-khau-moi-2026-x", ["ConfirmPassword"] = "mat-khau-moi-2026-x" }),
            Row.Get("/api/me", "/api/me", x, Staff(Ok, Ok, Ok, Ok, Ok)),

            // Accounts: admin only.
            Row.Get("/staff/users", "/staff/users", x, AdminOnly(Ok), secret: w.Subject.UserName),
            Row.Post("/staff/users", "create-user", "/staff/users", x, AdminOnly(Ok), new() { ["NewUserName"] = "" }),
            Row.Get("/staff/users/{Id:long}", $"/staff/users/{w.Subject.Id}", x, AdminOnly(Ok), secret: w.Subject.UserName),
            Row.Post("/staff/users/{Id:long}", "edit-user", $"/staff/users/{w.Subject.Id}", x, AdminOnly(Ok),
                new() { ["DisplayName"] = w.Subject.DisplayName, ["Role"] = nameof(StaffRole.Dispatcher), ["Station"] = stationX }),
            Row.Get("/api/users/", "/api/users", x, AdminOnly(Ok), secret: w.Subject.UserName),
            Row.Get("/api/users/{id:long}", $"/api/users/{w.Subject.Id}", x, AdminOnly(Ok), secret: w.Subject.UserName),
            Row.Put("/api/users/{id:long}", $"/api/users/{w.Subject.Id}", x, AdminOnly(Ok),
                $$"""{ "role": "dispatcher", "stationId": {{stationX}}, "disabled": false }"""),

            // Stations through the API: staff of the unit read it, its dispatchers add pickup points, its chief sets it up.
            Row.Get("/api/stations/", "/api/stations", x, Staff(Ok, Ok, Ok, Outcome.OkHidden, Ok), secret: w.Pickups.Station.Name),
            Row.Post("/api/stations/", NoForm, "/api/stations", x, AdminOnly(Ok), json: NewStation()),
            Row.Get("/api/stations/{id:long}", $"/api/stations/{stationX}", x, Staff(Ok, Ok, Ok, No, Ok), secret: w.Pickups.Station.Name),
            Row.Put("/api/stations/{id:long}/settings", $"/api/stations/{stationX}/settings", x, Staff(No, No, Ok, No, Ok), Settings),
            Row.Get("/api/stations/{id:long}/sites", $"/api/stations/{stationX}/sites", x, Staff(Ok, Ok, Ok, No, Ok), secret: "Trần Quốc Thảo"),
            Row.Post("/api/stations/{id:long}/sites", NoForm, $"/api/stations/{stationX}/sites", x, Staff(No, Ok, Ok, No, Ok),
                json: """{ "name": "Điểm đón ma trận", "kind": "school", "location": { "longitude": 106.69, "latitude": 10.78 } }"""),

            // The unit's own facts through the API (issue 17): vans and teams are read by all its staff, officers and visit
            // requests (phones) by its dispatchers and chiefs; its dispatchers and chiefs add them.
            Row.Get("/api/stations/{id:long}/vehicles", $"/api/stations/{stationX}/vehicles", x, Staff(Ok, Ok, Ok, No, Ok), secret: w.Pickups.Van.Name),
            Row.Post("/api/stations/{id:long}/vehicles", NoForm, $"/api/stations/{stationX}/vehicles", x, Staff(No, Ok, Ok, No, Ok),
                json: """{ "name": "Xe ma trận", "seatCount": 7 }"""),
            Row.Get("/api/stations/{id:long}/teams", $"/api/stations/{stationX}/teams", x, Staff(Ok, Ok, Ok, No, Ok)),
            Row.Post("/api/stations/{id:long}/teams", NoForm, $"/api/stations/{stationX}/teams", x, Staff(No, Ok, Ok, No, Ok),
                json: """{ "name": "Tổ ma trận", "kitCount": 1, "workStart": "07:30", "workEnd": "17:00" }"""),
            Row.Get("/api/stations/{id:long}/officers", $"/api/stations/{stationX}/officers", x, Staff(No, Ok, Ok, No, Ok)),
            Row.Post("/api/stations/{id:long}/officers", NoForm, $"/api/stations/{stationX}/officers", x, Staff(No, Ok, Ok, No, Ok),
                json: """{ "name": "Cán bộ ma trận", "contractHoursPerWeek": 40, "leave": [ { "firstDay": "2026-11-25" } ] }"""),
            Row.Get("/api/stations/{id:long}/visit-requests", $"/api/stations/{stationX}/visit-requests", x, Staff(No, Ok, Ok, No, Ok)),
            Row.Post("/api/stations/{id:long}/visit-requests", NoForm, $"/api/stations/{stationX}/visit-requests", x, Staff(No, Ok, Ok, No, Ok),
                json: $$"""{ "siteId": {{w.Pickups.Sites.Values.First().Id}}, "applicants": [ { "category": "elderly", "count": 1 } ], "windows": [ { "date": "2026-11-24", "start": "08:00", "end": "10:00" } ] }"""),

            // The unit's pages: dispatchers and chiefs of the unit, admins; never another unit's chief; drivers none.
            Row.Get("/staff/phone-booking", $"/staff/phone-booking?station={stationX}&saved={lan.Code}", x, Staff(No, Ok, Ok, No, Ok), secret: lan.Phone),
            Row.Post("/staff/phone-booking", "phone-booking", $"/staff/phone-booking?station={stationX}", x, Staff(No, Ok, Ok, No, Ok),
                new() { ["station"] = stationX, ["date"] = $"{HandBuiltPlans.Tuesday:yyyy-MM-dd}", ["rows"] = "1", ["action"] = "station" }),
            Row.Get("/staff/pickups", pickups, x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Bookings["Tuấn"].Code),
            // A page renders the chief's forms only for chiefs and admins; a post to a form the page does not render is
            // refused by the framework (400) before any handler runs.
            Row.Post("/staff/pickups", "publish", pickups, x, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["PublishPlanId"] = Id(w.Pickups.PlanId) }),
            Row.Post("/staff/pickups", "plan-now", pickups, x, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["PlanNowStation"] = stationX }),
            Row.Get("/staff/outbox", $"/staff/outbox?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: lan.Code),
            // Each caller marks the recipient of a pending message of its own, then ticks it (the page says when nothing
            // was left to mark); another unit's message is refused.
            Row.Post("/staff/outbox", "mark-recipient", $"/staff/outbox?station={stationX}", x, Staff(No, Ok, Ok, No, Ok),
                new() { ["MarkGroup"] = MessagePlaceholder, ["Through"] = Id(long.MaxValue) }),
            Row.Post("/staff/outbox", "mark-selected", $"/staff/outbox?station={stationX}", x, Staff(No, Ok, Ok, No, Ok),
                new() { ["MarkGroups"] = MessagePlaceholder, ["Through"] = Id(long.MaxValue) }),
            Row.Get("/staff/station", $"/staff/station?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Station.Name),
            Row.Post("/staff/station", "station-settings", $"/staff/station?station={stationX}", x, Staff(No, Outcome.PageRefusal, Ok, No, Ok),
                new() { ["station"] = stationX }, refusal: "id=\"settings-refused\""),
            Row.Get("/staff/route-sheets/{PlanId:long}", sheet, x, Staff(No, Ok, Ok, No, Ok), secret: lan.Code),
            Row.Post("/staff/route-sheets/{PlanId:long}", NoForm, sheet, x, Staff(No, Outcome.BadRequest, Outcome.BadRequest, No, Outcome.BadRequest)),
            Row.Get("/staff/route-sheets/{planId:long}/pdf", $"{sheet}/pdf", x, Staff(No, Ok, Ok, No, Ok)),

            // The personal-data log (after the rows above viewed the unit's pickup day): chiefs of the unit and admins.
            Row.Get("/staff/audit", $"/staff/audit?station={stationX}", x, Staff(No, No, Ok, No, Ok), secret: lan.Code),
            Row.Post("/staff/audit", NoForm, "/staff/audit", x, Staff(No, No, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest)),

            // The mobile-team week of the other seeded unit (its own staff are the callers here).
            Row.Get("/staff/visits", "/staff/visits", t, Staff(No, Ok, Ok, Outcome.OkHidden, Ok), secret: w.Visits.Station.Name),
            Row.Post("/staff/visits", NoForm, "/staff/visits", t, Staff(No, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest)),
            Row.Get("/staff/visits/{StationId:long}/{Week}", board, t, Staff(No, Ok, Ok, No, Ok), secret: w.Visits.Team.Name),
            Row.Post("/staff/visits/{StationId:long}/{Week}", "plan-week", board, t, Staff(No, Outcome.BadRequest, Ok, No, Ok)),
            Row.Post("/staff/visits/{StationId:long}/{Week}", "publish", board, t, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["PlanId"] = Id(w.Visits.PlanId) }),
            Row.Get("/staff/visits/{StationId:long}/{Week}/plans/{PlanId:long}/teams/{TeamId:long}/{Date}", itinerary, t,
                Staff(No, Ok, Ok, No, Ok), secret: "Nhà bà Hoàng Thị Nhung"),
            Row.Post("/staff/visits/{StationId:long}/{Week}/plans/{PlanId:long}/teams/{TeamId:long}/{Date}", NoForm, itinerary, t,
                Staff(No, Outcome.BadRequest, Outcome.BadRequest, No, Outcome.BadRequest)),

            // The duty roster of the mobile-team unit: the same people as its week board; edits before publishing.
            Row.Get("/staff/rosters", "/staff/rosters", t, Staff(No, Ok, Ok, Outcome.OkHidden, Ok), secret: w.Visits.Station.Name),
            Row.Post("/staff/rosters", NoForm, "/staff/rosters", t, Staff(No, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest, Outcome.BadRequest)),
            Row.Get("/staff/rosters/{StationId:long}/{Week}", roster, t, Staff(No, Ok, Ok, No, Ok), secret: w.Visits.Station.Name),
            Row.Post("/staff/rosters/{StationId:long}/{Week}", "pin-shift", roster, t, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["PlanId"] = Id(w.RosterPlanId) }),
            Row.Post("/staff/rosters/{StationId:long}/{Week}", "swap-shifts", roster, t, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["PlanId"] = Id(w.RosterPlanId) }),
            Row.Post("/staff/rosters/{StationId:long}/{Week}", "publish-roster", roster, t, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["PlanId"] = Id(w.RosterPlanId) }),
            Row.Post("/staff/rosters/{StationId:long}/{Week}", "plan-roster", roster, t, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["Uplift"] = "50" }),
            Row.Get("/staff/rosters/plans/{planId:long}/roster.csv", $"/staff/rosters/plans/{w.RosterPlanId}/roster.csv", t, Staff(No, Ok, Ok, No, Ok)),
            Row.Get("/staff/rosters/plans/{planId:long}/officers/{officerId:long}.ics",
                $"/staff/rosters/plans/{w.RosterPlanId}/officers/{w.Visits.Team.MemberOfficerIds[0]}.ics", t, Staff(No, Ok, Ok, No, Ok)),

            // The unit's own facts (issue 17): dispatchers and chiefs of the unit, admins; a post with empty fields comes back
            // with its errors (nothing stored); another unit's chief is refused by the gate.
            Row.Get("/staff/vans", $"/staff/vans?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Van.Name),
            Row.Post("/staff/vans", "save-van", $"/staff/vans?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX }),
            // The remove forms name a thing the unit does not have: answered "not found", so no row removes what the next caller sees.
            Row.Post("/staff/vans", "remove-van", $"/staff/vans?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX, ["id"] = NoSuchId }),
            Row.Get("/staff/teams", $"/staff/teams?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Station.Name),
            Row.Post("/staff/teams", "save-team", $"/staff/teams?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX }),
            Row.Post("/staff/teams", "remove-team", $"/staff/teams?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX, ["id"] = NoSuchId }),
            Row.Get("/staff/officers", $"/staff/officers?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Station.Name),
            Row.Post("/staff/officers", "save-officer", $"/staff/officers?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX }),
            Row.Post("/staff/officers", "remove-officer", $"/staff/officers?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX, ["id"] = NoSuchId }),
            Row.Post("/staff/officers", "officers-import-check", $"/staff/officers?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX }),
            Row.Post("/staff/officers", "officers-import-store", $"/staff/officers?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX, ["payload"] = "" }),
            Row.Get("/staff/officers/template.xlsx", "/staff/officers/template.xlsx", x, Staff(No, Ok, Ok, Ok, Ok)),
            Row.Get("/staff/sites", $"/staff/sites?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: "Trần Quốc Thảo"),
            Row.Post("/staff/sites", "save-site", $"/staff/sites?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX }),
            Row.Post("/staff/sites", "remove-site", $"/staff/sites?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX, ["id"] = NoSuchId }),
            Row.Get("/staff/visit-requests", $"/staff/visit-requests?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Station.Name),
            Row.Post("/staff/visit-requests", "save-visit-request", $"/staff/visit-requests?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX }),
            Row.Post("/staff/visit-requests", "import-check", $"/staff/visit-requests?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX }),
            Row.Post("/staff/visit-requests", "import-store", $"/staff/visit-requests?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), new() { ["station"] = stationX, ["payload"] = "" }),
            Row.Get("/staff/exports", $"/staff/exports?station={stationX}", x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Station.Name),
            Row.Post("/staff/exports", NoForm, $"/staff/exports?station={stationX}", x, Staff(No, Outcome.BadRequest, Outcome.BadRequest, No, Outcome.BadRequest)),
            Row.Get("/staff/visit-requests/template.xlsx", $"/staff/visit-requests/template.xlsx?station={stationX}", x, Staff(No, Ok, Ok, No, Ok)),
            Row.Get("/staff/stations/{stationId:long}/export/{what}.{format}", $"/staff/stations/{stationX}/export/bookings.csv?from={HandBuiltPlans.Tuesday:yyyy-MM-dd}", x,
                Staff(No, Ok, Ok, No, Ok), secret: lan.Code),

            // Changes to the unit's own facts through the API (issue 17), last: each sends the thing's own values back.
            Row.Put("/api/stations/{id:long}/vehicles/{vehicleId:long}", $"/api/stations/{stationX}/vehicles/{w.Pickups.Van.Id}", x, Staff(No, Ok, Ok, No, Ok),
                $$"""{ "name": "{{w.Pickups.Van.Name}}", "plate": "{{w.Pickups.Van.Plate}}", "seatCount": {{w.Pickups.Van.SeatCount}}, "wheelchairPlaces": {{w.Pickups.Van.WheelchairPlaces}}, "childSeatCount": {{w.Pickups.Van.ChildSeatCount}} }"""),
            Row.Put("/api/stations/{id:long}/teams/{teamId:long}", $"/api/stations/{w.Visits.Station.Id}/teams/{w.Visits.Team.Id}", t, Staff(No, Ok, Ok, No, Ok),
                System.Text.Json.JsonSerializer.Serialize(new
                {
                    name = w.Visits.Team.Name, memberOfficerIds = w.Visits.Team.MemberOfficerIds, vehicleId = w.Visits.Team.VehicleId, kitCount = w.Visits.Team.KitCount,
                    workStart = w.Visits.Team.WorkStart.ToString("HH:mm", CultureInfo.InvariantCulture), workEnd = w.Visits.Team.WorkEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
                    maxEveningHoursPerWeek = w.Visits.Team.MaxEveningHoursPerWeek, maxHolidayHoursPerWeek = w.Visits.Team.MaxHolidayHoursPerWeek,
                })),
            Row.Put("/api/stations/{id:long}/officers/{officerId:long}", $"/api/stations/{w.Visits.Station.Id}/officers/{w.Visits.Officers.Values.First().Id}", t, Staff(No, Ok, Ok, No, Ok),
                System.Text.Json.JsonSerializer.Serialize(new
                {
                    name = w.Visits.Officers.Values.First().Name,
                    skills = Enum.GetValues<OfficerSkills>().Where(s => s != OfficerSkills.None && w.Visits.Officers.Values.First().Skills.HasFlag(s))
                        .Select(s => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString())),
                    contractHoursPerWeek = w.Visits.Officers.Values.First().ContractHoursPerWeek,
                    phone = w.Visits.Officers.Values.First().Phone,
                    leave = w.Visits.Officers.Values.First().Leave.Select(l => new { firstDay = l.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), lastDay = l.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason = l.Reason }),
                })),
            Row.Put("/api/stations/{id:long}/visit-requests/{requestId:long}", $"/api/stations/{w.Visits.Station.Id}/visit-requests/{w.Visits.Requests.Values.First().Id}", t, Staff(No, Ok, Ok, No, Ok),
                System.Text.Json.JsonSerializer.Serialize(new
                {
                    siteId = w.Visits.Requests.Values.First().SiteId,
                    applicants = w.Visits.Requests.Values.First().Applicants.Select(a => new { category = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(a.Category.ToString()), count = a.Count, captureMinutesOverride = a.CaptureMinutesOverride }),
                    windows = w.Visits.Requests.Values.First().Windows.Select(x => new { date = x.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start = x.Start.ToString("HH:mm", CultureInfo.InvariantCulture), end = x.End.ToString("HH:mm", CultureInfo.InvariantCulture) }),
                    setupMinutes = w.Visits.Requests.Values.First().SetupMinutes,
                    priority = w.Visits.Requests.Values.First().Priority,
                    expectedFailureShare = w.Visits.Requests.Values.First().ExpectedFailureShare,
                    contactName = w.Visits.Requests.Values.First().ContactName,
                    contactPhone = w.Visits.Requests.Values.First().ContactPhone,
                })),

            // Removals through the API (issue 17): a thing the unit does not have is a 404 for those allowed, so nothing is removed.
            Row.Delete("/api/stations/{id:long}/vehicles/{vehicleId:long}", $"/api/stations/{stationX}/vehicles/{NoSuchId}", x, Staff(No, Gone, Gone, No, Gone)),
            Row.Delete("/api/stations/{id:long}/teams/{teamId:long}", $"/api/stations/{stationX}/teams/{NoSuchId}", x, Staff(No, Gone, Gone, No, Gone)),
            Row.Delete("/api/stations/{id:long}/officers/{officerId:long}", $"/api/stations/{stationX}/officers/{NoSuchId}", x, Staff(No, Gone, Gone, No, Gone)),
            Row.Delete("/api/stations/{id:long}/sites/{siteId:long}", $"/api/stations/{stationX}/sites/{NoSuchId}", x, Staff(No, Gone, Gone, No, Gone)),

            // The chief's week board (issue 15) of the pickup unit: its dispatchers read it, its chiefs act on it. The remove
            // row names a flood the unit does not have (the form is there for the one seeded), the re-plan row a day
            // without a plan, and the publish row the already published plan, so no row changes what the next caller sees.
            Row.Get("/staff/board", weekBoard, x, Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Van.Name),
            Row.Post("/staff/board", "save-hazard", weekBoard, x, Staff(No, Outcome.BadRequest, Ok, No, Ok), new() { ["HazardName"] = "" }),
            Row.Post("/staff/board", "remove-hazard-*", weekBoard, x, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["RemoveType"] = "flood", ["RemoveName"] = "Không có vùng này" }, handler: "remove-hazard-0"),
            Row.Post("/staff/board", "replan-*", weekBoard, x, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["ReplanKind"] = "pickups", ["ReplanDate"] = "2026-11-25" }, handler: $"replan-pickups-{HandBuiltPlans.Tuesday:yyyy-MM-dd}"),
            Row.Post("/staff/board", "publish-*", weekBoard, x, Staff(No, Outcome.BadRequest, Ok, No, Ok),
                new() { ["PublishPlanId"] = Id(w.Pickups.PlanId) }, handler: $"publish-pickups-{HandBuiltPlans.Tuesday:yyyy-MM-dd}"),
            Row.Get("/staff/board/version", $"/staff/board/version?station={stationX}&week={Monday}", x, Staff(No, Ok, Ok, No, Ok), secret: Id(w.Pickups.PlanId)),
            Row.Get("/staff/board/map", $"/staff/board/map?station={stationX}&week={Monday}&day={HandBuiltPlans.Tuesday:yyyy-MM-dd}", x,
                Staff(No, Ok, Ok, No, Ok), secret: w.Pickups.Van.Name),

            // Last: signing out ends the caller's session (anyone may; the form carries an antiforgery token).
            Row.Post("/sign-out", NoForm, "/sign-out", x, Everyone(Ok)),
        ];
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Stands for a pending outbox message of the unit, one per caller.</summary>
    private const string MessagePlaceholder = "{message}";

    private static string NewStation() => $$"""
        {
          "name": "Trạm ma trận {{Guid.NewGuid():N}}",
          "collectionPointName": "Trụ sở",
          "collectionPointLocation": { "longitude": 105.8480, "latitude": 21.4870 },
          "deskCount": 3,
          "filesPerDeskPerHour": 12,
          "openingHours": [ { "day": "monday", "opens": "07:30", "closes": "11:30" } ]
        }
        """;

    private const string Settings = """
        {
          "deskCount": 4, "filesPerDeskPerHour": 6, "maxRideMinutes": 40, "bookingSlotMinutes": 60,
          "maxTripsPerVan": 3, "maxBookingsPerTrip": 6, "maxReturnWaitMinutes": 30,
          "openingHours": [ { "day": "tuesday", "opens": "07:00", "closes": "11:00" }, { "day": "tuesday", "opens": "13:00", "closes": "17:00" } ]
        }
        """;

    /// <summary>Which seeded unit a row acts on, so "driver, dispatcher, chief" are that unit's.</summary>
    private enum Target
    {
        Pickups,
        Visits,
    }

    /// <summary>One request: GET, a form post (by its @formname), a JSON body, or a bare POST.</summary>
    private sealed record Row(string Method, string Pattern, string? Form, string Url, Target Target, Dictionary<Caller, Outcome> Expect)
    {
        public Dictionary<string, string> Fields { get; init; } = [];

        public string? Json { get; init; }

        public string? Handler { get; init; }

        /// <summary>In the answer for <see cref="Outcome.Ok"/>, absent for every other outcome.</summary>
        public string? Secret { get; init; }

        public string? Refusal { get; init; }

        public string Key => KeyOf(Method, Pattern, Form);

        public static string KeyOf(string method, string pattern, string? form) => form is null ? $"{method} {pattern}" : $"{method} {pattern} [{form}]";

        public static Row Get(string pattern, string url, Target target, Dictionary<Caller, Outcome> expect, string? secret = null) =>
            new("GET", pattern, null, url, target, expect) { Secret = secret };

        /// <summary>An endpoint that takes any method (health checks): called with GET.</summary>
        public static Row AnyMethod(string pattern, string url, Target target, Dictionary<Caller, Outcome> expect) =>
            new("*", pattern, null, url, target, expect);

        public static Row Post(string pattern, string form, string url, Target target, Dictionary<Caller, Outcome> expect,
            Dictionary<string, string>? fields = null, string? refusal = null, string? handler = null, string? json = null) =>
            new("POST", pattern, json is null && !pattern.StartsWith("/sign-out", StringComparison.Ordinal) && !pattern.StartsWith("/api", StringComparison.Ordinal) ? form : null,
                url, target, expect)
            {
                Fields = fields ?? [],
                Refusal = refusal,
                Handler = form == NoForm ? null : handler ?? form,
                Json = json,
            };

        public static Row Put(string pattern, string url, Target target, Dictionary<Caller, Outcome> expect, string json) =>
            new("PUT", pattern, null, url, target, expect) { Json = json };

        public static Row Delete(string pattern, string url, Target target, Dictionary<Caller, Outcome> expect) =>
            new("DELETE", pattern, null, url, target, expect);
    }

    /// <summary>The seeded units, accounts, links and cookies the rows call with; one signed-in client per caller and unit.</summary>
    private sealed class World
    {
        private readonly Dictionary<(Caller, Target), HttpClient> clients = [];
        private readonly Dictionary<HttpClient, string> tokens = [];

        private World(HandBuiltPlan pickups, HandBuiltTeamPlan visits, Domain.Booking family, StaffUser subject, IReadOnlyList<long> messageIds, string link, string dayLink,
            long rosterPlanId)
        {
            DayLink = dayLink;
            RosterPlanId = rosterPlanId;
            Pickups = pickups;
            Visits = visits;
            FamilyBooking = family;
            Subject = subject;
            MessageIds = messageIds;
            Link = link;
        }

        public HandBuiltPlan Pickups { get; }

        public HandBuiltTeamPlan Visits { get; }

        /// <summary>A draft roster of the mobile-team unit for the matrix week.</summary>
        public long RosterPlanId { get; }

        public Domain.Booking FamilyBooking { get; }

        /// <summary>An account the account rows read and save (never signed in).</summary>
        public StaffUser Subject { get; }

        /// <summary>Pending outbox messages of the pickup unit, one for each caller.</summary>
        public IReadOnlyList<long> MessageIds { get; }

        /// <summary>A valid driver's link path (/r/…) to trip 1 of the pickup plan.</summary>
        public string Link { get; }

        /// <summary>The short link (/d/…) of the pickup van's day, as the driver's message carries it.</summary>
        public string DayLink { get; }

        public static async Task<World> CreateAsync(OutreachAppFactory app)
        {
            var services = app.Services;
            var pickups = await HandBuiltPlans.XuanHoaAsync(services, stationName: $"Công an phường Ma Trận {Guid.NewGuid():N}"[..40]);
            var visits = await HandBuiltPlans.SongCongTeamAsync(services, stationName: $"Công an xã Ma Trận {Guid.NewGuid():N}"[..36]);
            var other = await HandBuiltPlans.XuanHoaAsync(services, stationName: $"Công an phường Khác {Guid.NewGuid():N}"[..38]);
            await services.GetRequiredService<PickupPlanPublisher>().PublishAsync(pickups.PlanId, new Uri("https://outreach.example.vn/"), new Dictionary<long, string?>());
            var outbox = services.GetRequiredService<NotificationOutboxStore>();
            var published = await outbox.ListAsync(pickups.Station.Id, NotificationStatus.Pending, Callers.Length);
            // Publishing queues seven (three families' confirmations and reminders, the van's day): one more, so that
            // each caller has a message of its own.
            await outbox.EnqueueAsync([published[0] with { Id = 0, DeduplicationKey = published[0].DeduplicationKey + ":matrix" }]);
            var messages = (await outbox.ListAsync(pickups.Station.Id, NotificationStatus.Pending, Callers.Length)).Select(m => m.Id).ToList();
            var dayLink = new Uri(System.Text.Json.JsonDocument.Parse(published.Single(m => m.TemplateKey == PickupPlanPublisher.DriverLinkTemplate).PayloadJson)
                .RootElement.GetProperty("Url").GetString()!).AbsolutePath;
            Assert.Equal(Callers.Length, messages.Count);
            var booked = await services.GetRequiredService<BookingStore>().TryBookAsync(
                new Domain.Booking(0, "", pickups.Station.Id, pickups.Sites.Values.First(s => s.Kind == SiteKind.School).Id, null, null, 1, 1, BookingNeeds.None,
                    HandBuiltPlans.Tuesday, new TimeOnly(14, 0), "Thu", "0987 111 222", "vi", BookingStatus.Requested, default, default),
                new BookingCapacity(SeatsPerSlot: 100));
            var link = services.GetRequiredService<RouteSheetLinks>().PathFor(new TripKey(pickups.PlanId, PlanResourceKind.Vehicle, pickups.Van.Id, pickups.Date, 1));
            var subject = await app.CreateUserAsync($"doi-tuong-{Guid.NewGuid():N}"[..24], Password, StaffRole.Dispatcher, stationId: pickups.Station.Id);
            var rosterPlan = await services.GetRequiredService<Outreach.Jobs.Rosters.RosterPlanningService>().PlanWeekAsync(
                visits.Station.Id, DateOnly.ParseExact(Monday, "yyyy-MM-dd", CultureInfo.InvariantCulture), 50, "ma-tran");
            // A flood on the pickup unit's Tuesday, so the week board has a hazard (and its remove form) to show.
            await services.GetRequiredService<WeatherStore>().SaveAsync(new WeatherState(0, pickups.Station.Id, HandBuiltPlans.Tuesday, [],
                [new FloodArea("Ngập ma trận", new GeoPolygon([[new(106.690, 10.780), new(106.692, 10.780), new(106.692, 10.782), new(106.690, 10.780)]]))], [],
                ManualClock.MondayMorning, "staff"));
            var world = new World(pickups, visits, booked.Booking!, subject, messages, link, dayLink, rosterPlan.Saved.Plan.Id);
            foreach (var target in Enum.GetValues<Target>())
            {
                var station = target == Target.Pickups ? pickups.Station.Id : visits.Station.Id;
                world.clients[(Caller.Anonymous, target)] = app.CreateBrowserLikeClient();
                world.clients[(Caller.DriverLink, target)] = app.CreateBrowserLikeClient();
                world.clients[(Caller.Family, target)] = await FamilyAsync(app, booked.Booking!);
                world.clients[(Caller.Driver, target)] = await SignInAsync(app, StaffRole.Driver, station);
                world.clients[(Caller.Dispatcher, target)] = await SignInAsync(app, StaffRole.Dispatcher, station);
                world.clients[(Caller.Chief, target)] = await SignInAsync(app, StaffRole.Chief, station);
                world.clients[(Caller.OtherChief, target)] = await SignInAsync(app, StaffRole.Chief, other.Station.Id);
                world.clients[(Caller.Admin, target)] = await SignInAsync(app, StaffRole.Admin, null);
            }

            return world;
        }

        public HttpClient Client(Caller caller) => clients[(caller, Target.Pickups)];

        public async Task<(Outcome Outcome, string Detail)> CallAsync(Caller caller, Row row)
        {
            var client = clients[(caller, row.Target)];
            // The driver's link is a bearer link: only its holder has it; everyone else tries it altered.
            var url = row.Url.Replace("/r/{token}", caller == Caller.DriverLink ? Link : Link[..^4] + "AAAA", StringComparison.Ordinal)
                .Replace("/d/{code}", caller == Caller.DriverLink ? DayLink : "/d/ZZZZZZZZZZZZ", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(row.Method == "*" ? "GET" : row.Method), url);
            if (row.Json is not null)
            {
                request.Content = new StringContent(row.Json, Encoding.UTF8, "application/json");
            }
            else if (row.Method == "POST")
            {
                var message = Id(MessageIds[(int)caller]);
                var fields = row.Fields.ToDictionary(f => f.Key, f => f.Value.Replace(MessagePlaceholder, message, StringComparison.Ordinal));
                fields["__RequestVerificationToken"] = await TokenAsync(client, caller);
                if (row.Handler is not null)
                {
                    fields["_handler"] = row.Handler.Replace(MessagePlaceholder, message, StringComparison.Ordinal);
                }

                request.Content = new FormUrlEncodedContent(fields);
            }

            using var response = await client.SendAsync(request);
            var media = response.Content.Headers.ContentType?.MediaType ?? "";
            var body = media == "application/pdf" ? ""
                : media.Contains("json", StringComparison.Ordinal) ? Regex.Unescape(await response.Content.ReadAsStringAsync())
                : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            var location = Forms.Location(response) ?? "";
            var status = (int)response.StatusCode;
            var detail = $"{status} {location}".Trim();
            var outcome = status == 401 || location.StartsWith("/sign-in", StringComparison.Ordinal) ? Outcome.SignIn
                : status == 403 || location.StartsWith("/status/403", StringComparison.Ordinal) ? Outcome.Forbidden
                : status == 404 || location.StartsWith("/status/404", StringComparison.Ordinal) ? Outcome.NotFound
                : location.StartsWith("/booking/find", StringComparison.Ordinal) ? Outcome.ProveFamily
                : status == 400 ? Outcome.BadRequest
                : status >= 400 ? Outcome.Other
                : row.Refusal is not null && body.Contains(row.Refusal, StringComparison.Ordinal) ? Outcome.PageRefusal
                : row.Secret is not null && !body.Contains(row.Secret, StringComparison.Ordinal) ? Outcome.OkHidden
                : Outcome.Ok;
            if (outcome == Outcome.Other)
            {
                detail += ": " + (body.Length > 600 ? body[..600] : body);
            }

            if (outcome is not (Outcome.Ok or Outcome.OkHidden) && row.Secret is not null && body.Contains(row.Secret, StringComparison.Ordinal))
            {
                detail += ", and the answer shows the secret";
                outcome = Outcome.Ok;
            }

            return (outcome, detail);
        }

        /// <summary>An antiforgery token of this caller's session (any page's form has one).</summary>
        private async Task<string> TokenAsync(HttpClient client, Caller caller)
        {
            if (!tokens.TryGetValue(client, out var token))
            {
                token = await Forms.TokenAsync(client, caller is Caller.Anonymous or Caller.Family or Caller.DriverLink ? "/sign-in" : "/account/password");
                tokens[client] = token;
            }

            return token;
        }

        private static async Task<HttpClient> SignInAsync(OutreachAppFactory app, StaffRole role, long? stationId)
        {
            var name = $"mt-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..28];
            await app.CreateUserAsync(name, Password, role, stationId: stationId);
            var client = app.CreateBrowserLikeClient();
            using var response = await Forms.SignInAsync(client, name, Password);
            Assert.Equal("/staff", Forms.Location(response));
            return client;
        }

        /// <summary>A browser that proved the booking's code and phone on /booking/find (the family's cookie).</summary>
        private static async Task<HttpClient> FamilyAsync(OutreachAppFactory app, Domain.Booking booking)
        {
            var client = app.CreateBrowserLikeClient();
            using var response = await Forms.SubmitAsync(client, "/booking/find", new Dictionary<string, string> { ["code"] = booking.Code, ["phone"] = booking.Phone }, "find-booking");
            Assert.Equal($"/booking/manage/{booking.Code}", Forms.Location(response));
            return client;
        }
    }
}

public sealed class RouteMatrixTests : RouteMatrixTestsBase
{
    protected override Task<OutreachAppFactory> CreateAppAsync()
    {
        var app = new OutreachAppFactory();
        app.Settings["Outreach:Planning:VisitSeconds"] = "0.5";
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.2";
        app.Settings["Outreach:Planning:RosterSeconds"] = "0.5";
        return Task.FromResult(app);
    }
}

[Collection(PostgresWebGroup.Name)]
public sealed class PostgresRouteMatrixTests(PostgresWebFixture fixture) : RouteMatrixTestsBase
{
    protected override async Task<OutreachAppFactory> CreateAppAsync()
    {
        fixture.Server.SkipIfUnavailable();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync("outreach_matrix"));
        var app = new OutreachAppFactory();
        app.Settings["Outreach:Database"] = "postgres";
        app.Settings["ConnectionStrings:Outreach"] = database.ConnectionString;
        app.Settings["Outreach:Planning:VisitSeconds"] = "0.5";
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.2";
        app.Settings["Outreach:Planning:RosterSeconds"] = "0.5";
        return app;
    }
}
