using System.Globalization;
using System.Security.Claims;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Web.Features.Audit;
using Outreach.Web.Infrastructure.Auth;
using Outreach.Web.Infrastructure.Time;

namespace Outreach.Web.Features.StationResources;

/// <summary>
/// The station's own facts (pages /staff/vans, /staff/teams, /staff/officers, /staff/sites, /staff/visit-requests), the
/// import template and the exports:
/// <list type="bullet">
/// <item>GET /staff/visit-requests/template.xlsx[?station=]: the import template, Vietnamese headers, two example rows at
/// the unit's first sites.</item>
/// <item>GET /staff/officers/template.xlsx: the officers' import template (no unit's data: two example rows).</item>
/// <item>GET /staff/stations/{stationId}/export/{what}.{xlsx|csv}[?from=yyyy-MM-dd&amp;days=n]: what is visit-requests,
/// bookings, call-list, pickup-plan or visit-plan; from defaults to today (Vietnam), days to 1 (7 for the visit plan),
/// at most 31. Personal data (names, phones) goes to the same people who see it on the pages (dispatchers and chiefs of
/// the unit, admins); exporting bookings or the call list is written to the personal-data log.</item>
/// </list>
/// </summary>
public static class StationResourcesExtensions
{
    public const int MaxDays = 31;

    public static readonly IReadOnlyList<string> Exports = ["visit-requests", "bookings", "call-list", "pickup-plan", "visit-plan"];

    public static IServiceCollection AddStationResources(this IServiceCollection services) => services.AddSingleton<SheetImport>();

    public static IEndpointRouteBuilder MapStationResources(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/visit-requests/template.xlsx", async (ClaimsPrincipal user, HttpContext context, StationAccess access, DataStores stores, LocalTime clock) =>
            {
                var visible = await access.VisibleAsync(user, context.RequestAborted);
                var asked = long.TryParse(context.Request.Query["station"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
                var station = asked is { } a ? visible.FirstOrDefault(s => s.Id == a) : visible.Count > 0 ? visible[0] : null;
                var sites = station is null ? [] : await stores.Sites.ListByStationAsync(station.Id, cancellationToken: context.RequestAborted);
                var today = DateOnly.FromDateTime(clock.Now.DateTime);
                var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7);
                return Results.File(VisitRequestSheet.Template(sites, monday), XlsxType, "mau-yeu-cau-tham.xlsx");
            })
            .RequireAuthorization(Policies.Dispatcher)
            .ActsOnStation(StationSource.Query, "station");

        endpoints.MapGet("/staff/officers/template.xlsx", () => Results.File(
                SheetTable.WriteXlsx([.. OfficerSheet.Columns.Select(c => c.Vietnamese)],
                    [["Nguyễn Văn An", "0912345678", "40", "Thu nhận sinh trắc, Tổ trưởng", "2026-12-14", "2026-12-16", "Phép năm"],
                     ["Trần Thị Bình", "0987654321", "40", "Lái xe", "", "", ""]], "Can bo"),
                XlsxType, "mau-can-bo.xlsx"))
            .RequireAuthorization(Policies.Dispatcher)
            .NoStationData();

        endpoints.MapGet("/staff/stations/{stationId:long}/export/{what}.{format}", async (long stationId, string what, string format, HttpContext context,
                DataStores stores, LocalTime clock, PersonalDataAudit audit) =>
            {
                var cancellationToken = context.RequestAborted;
                if (!Exports.Contains(what) || format is not ("xlsx" or "csv") || await stores.Stations.GetAsync(stationId, cancellationToken) is null)
                {
                    return Results.NotFound();
                }

                var today = DateOnly.FromDateTime(clock.Now.DateTime);
                var from = DateOnly.TryParseExact(context.Request.Query["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : today;
                var days = int.TryParse(context.Request.Query["days"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? Math.Clamp(d, 1, MaxDays) : what == "visit-plan" ? 7 : 1;
                var to = from.AddDays(days - 1);
                // Exports name what the requests, bookings and plans held, removed since or not.
                var sites = await stores.Sites.ListByStationAsync(stationId, null, includeRemoved: true, cancellationToken);
                ExportTable table;
                switch (what)
                {
                    case "visit-requests":
                        table = StationExports.VisitRequests(await stores.VisitRequests.ListByStationAsync(stationId, cancellationToken: cancellationToken), sites);
                        break;
                    case "bookings":
                        var bookings = await stores.Bookings.ListAsync(stationId, from, to, includeCancelled: true, cancellationToken: cancellationToken);
                        table = StationExports.Bookings(bookings, sites);
                        await audit.ShownToStaffAsync(context, AuditSubject.PickupDay, stationId, bookings.Select(b => b.Code),
                            string.Create(CultureInfo.InvariantCulture, $"export bookings {from:yyyy-MM-dd}..{to:yyyy-MM-dd} {format}"), AuditAction.Export);
                        break;
                    case "call-list":
                        var messages = await stores.Outbox.ListAsync(stationId, NotificationStatus.Pending, 5000, cancellationToken);
                        table = StationExports.CallList(messages);
                        await audit.ShownToStaffAsync(context, AuditSubject.Outbox, stationId, [],
                            string.Create(CultureInfo.InvariantCulture, $"export call list, {messages.Count} messages, {format}"), AuditAction.Export);
                        break;
                    default:
                        var kind = what == "pickup-plan" ? PlanKind.Pickups : PlanKind.Visits;
                        var plans = new List<PlanContent>();
                        // Per planned period: the newest published version, else the newest draft.
                        foreach (var period in (await stores.Plans.ListAsync(stationId, from, to, cancellationToken)).Where(p => p.Kind == kind)
                            .GroupBy(p => (p.PeriodStart, p.PeriodEnd)))
                        {
                            var chosen = period.FirstOrDefault(p => p.Status == PlanStatus.Published) ?? period.First();
                            if (await stores.Plans.GetAsync(chosen.Id, cancellationToken) is { } content)
                            {
                                plans.Add(content);
                            }
                        }

                        var codes = (await stores.Bookings.ListAsync(stationId, from, to, includeCancelled: true, cancellationToken: cancellationToken))
                            .ToDictionary(b => b.Id, b => b.Code);
                        var vehicles = await stores.Fleet.ListVehiclesAsync(stationId, includeRemoved: true, cancellationToken);
                        var teams = await stores.Fleet.ListTeamsAsync(stationId, includeRemoved: true, cancellationToken);
                        table = StationExports.Plan(what == "pickup-plan" ? "ke-hoach-xe-don" : "ke-hoach-luu-dong", plans, from, to, sites, codes, (resource, id) =>
                            resource == PlanResourceKind.Vehicle ? vehicles.FirstOrDefault(v => v.Id == id)?.Name ?? "" : teams.FirstOrDefault(t => t.Id == id)?.Name ?? "");
                        break;
                }

                var name = what == "visit-requests" ? table.Name : string.Create(CultureInfo.InvariantCulture, $"{table.Name}-{from:yyyy-MM-dd}-{days}-ngay");
                return format == "xlsx"
                    ? Results.File(SheetTable.WriteXlsx(table.Headers, table.Rows), XlsxType, $"{name}.xlsx")
                    : Results.File(SheetTable.WriteCsv(table.Headers, table.Rows), "text/csv; charset=utf-8", $"{name}.csv");
            })
            .RequireAuthorization(Policies.Dispatcher)
            .ActsOnStation(StationSource.Route, "stationId");
        return endpoints;
    }

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
