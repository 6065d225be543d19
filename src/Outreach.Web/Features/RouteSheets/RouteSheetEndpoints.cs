using System.Globalization;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Web.Features.Audit;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.RouteSheets;

public static partial class RouteSheetEndpoints
{
    /// <summary>Configuration key of the folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (default: Debian's).</summary>
    public const string FontsFolderKey = "Outreach:FontsFolder";

    /// <summary>Sheets, their maps (map areas read once), signed links and the PDF renderer.</summary>
    public static IServiceCollection AddRouteSheets(this IServiceCollection services)
    {
        services.AddSingleton<MapAreas>();
        services.AddSingleton<RouteSheetService>();
        services.AddSingleton<RouteSheetLinks>();
        services.AddSingleton(sp => new RouteSheetPdf(new DejaVuFontResolver(
            sp.GetRequiredService<IConfiguration>()[FontsFolderKey] is { Length: > 0 } folder ? folder : DejaVuFontResolver.DefaultFolder)));
        return services;
    }

    /// <summary>Answers expired and invalid driver links (410/404) before the pages run: see <see cref="RouteSheetLinkGate"/>.</summary>
    public static IApplicationBuilder UseRouteSheetLinks(this IApplicationBuilder app) => app.UseMiddleware<RouteSheetLinkGate>();

    /// <summary>
    /// GET /staff/route-sheets/{planId}/pdf?kind=&amp;resource=&amp;date=&amp;trip= (dispatcher, chief, admin) and
    /// GET /r/{token}/pdf (whoever holds a valid driver's link). The pages themselves are Razor components.
    /// </summary>
    public static IEndpointRouteBuilder MapRouteSheets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/route-sheets/{planId:long}/pdf", async (
                long planId, string? kind, long? resource, string? date, int? trip, HttpContext context,
                RouteSheetService sheets, RouteSheetPdf pdf, IStringLocalizer<RouteSheetResource> localizer,
                TimeProvider clock, ILoggerFactory loggers, PersonalDataAudit audit) =>
            {
                var found = await RouteSheetQuery.LoadAsync(sheets, planId, kind, resource, date, trip, context.RequestAborted);
                if (found.Count == 0)
                {
                    return Results.NotFound();
                }

                await RouteSheetAudit.StaffAsync(audit, context, found, AuditAction.Export);

                var name = found.Count == 1 ? FileName(found[0]) : string.Create(CultureInfo.InvariantCulture, $"lo-trinh-ke-hoach-{planId}.pdf");
                return Pdf(context, found, pdf, localizer, clock, loggers, name);
            })
            .RequireAuthorization(Policies.Dispatcher)
            .ActsOnStation(StationSource.Route, "planId", StationKey.Plan);

        endpoints.MapGet("/r/{token}/pdf", async (
                string token, HttpContext context, RouteSheetLinks links, RouteSheetService sheets, RouteSheetPdf pdf,
                IStringLocalizer<RouteSheetResource> localizer, TimeProvider clock, ILoggerFactory loggers, PersonalDataAudit audit) =>
            {
                var check = links.Read(token);
                var sheet = check.Status == LinkStatus.Valid ? await sheets.GetAsync(check.Key, context.RequestAborted) : null;
                if (sheet is not null)
                {
                    await RouteSheetAudit.LinkAsync(audit, context, sheet, AuditAction.Export);
                }

                // RouteSheetLinkGate answers expired and invalid links first; this covers a trip removed since.
                return sheet is null ? Results.Redirect($"/r/{Uri.EscapeDataString(token)}") : Pdf(context, [sheet], pdf, localizer, clock, loggers, FileName(sheet));
            })
            .AllowAnonymous();
        return endpoints;
    }

    private static IResult Pdf(HttpContext context, IReadOnlyList<RouteSheet> sheets, RouteSheetPdf pdf, IStringLocalizer<RouteSheetResource> localizer,
        TimeProvider clock, ILoggerFactory loggers, string fileName)
    {
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            return Results.File(pdf.Render(sheets, new SheetText(localizer), clock.GetUtcNow()), "application/pdf", fileName);
        }
        catch (FileNotFoundException e)
        {
            LogMissingFont(loggers.CreateLogger("Outreach.RouteSheets"), e.FileName ?? "", e.Message);
            return Results.Text(localizer["Pdf.MissingFont", e.Message], "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>"lo-trinh-2026-11-24-xe-3-chuyen-1.pdf", a team's day "lich-trinh-2026-11-24-to-7.pdf": ASCII, so every phone saves it under that name.</summary>
    private static string FileName(RouteSheet sheet) => sheet.IsTeam
        ? string.Create(CultureInfo.InvariantCulture, $"lich-trinh-{sheet.Key.Date:yyyy-MM-dd}-to-{sheet.Key.ResourceId}.pdf")
        : string.Create(CultureInfo.InvariantCulture, $"lo-trinh-{sheet.Key.Date:yyyy-MM-dd}-xe-{sheet.Key.ResourceId}-chuyen-{sheet.Key.TripNumber}.pdf");

    [LoggerMessage(Level = LogLevel.Error, Message = "Route sheet PDF not made: font file {File} is missing ({Message})")]
    private static partial void LogMissingFont(ILogger logger, string file, string message);
}
