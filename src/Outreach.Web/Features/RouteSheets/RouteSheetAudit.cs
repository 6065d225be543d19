using System.Globalization;
using Outreach.Domain;
using Outreach.Web.Features.Audit;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>Records who was shown the families on route sheets (staff print pages and PDFs, and driver links).</summary>
internal static class RouteSheetAudit
{
    /// <summary>Staff opened or downloaded <paramref name="sheets"/>.</summary>
    public static Task StaffAsync(PersonalDataAudit audit, HttpContext context, IReadOnlyList<RouteSheet> sheets, AuditAction action)
    {
        if (sheets.Count == 0)
        {
            return Task.CompletedTask;
        }

        return audit.ShownToStaffAsync(context, AuditSubject.RouteSheet, sheets[0].Station.Id, Codes(sheets), Describe(sheets), action);
    }

    /// <summary>Whoever holds the link to <paramref name="sheet"/> opened or downloaded it.</summary>
    public static Task LinkAsync(PersonalDataAudit audit, HttpContext context, RouteSheet sheet, AuditAction action) =>
        audit.ShownAsync(AuditActor.Link(Describe([sheet])), AuditSubject.DriverLink, sheet.Station.Id, Codes([sheet]), null, action, context.RequestAborted);

    /// <summary>Whoever holds the link to <paramref name="sheet"/> checked off <paramref name="stop"/>: written with the check-off, in its transaction.</summary>
    public static AuditRecord CheckOff(RouteSheet sheet, SheetStop stop, StopCheckStatus status) => new(
        AuditActor.Link(Describe([sheet])), AuditAction.Change, AuditSubject.DriverLink, sheet.Station.Id,
        [.. stop.Boarding.Concat(stop.Alighting).Select(p => p.Code).Distinct(StringComparer.Ordinal)],
        string.Create(CultureInfo.InvariantCulture, $"stop {stop.Number} checked off: {status}"));

    private static IEnumerable<string> Codes(IReadOnlyList<RouteSheet> sheets) => sheets.SelectMany(s => s.Parties).Select(p => p.Code);

    private static string Describe(IReadOnlyList<RouteSheet> sheets)
    {
        var key = sheets[0].Key;
        var what = string.Create(CultureInfo.InvariantCulture,
            $"plan {key.PlanId} {key.ResourceKind.ToString().ToLowerInvariant()} {key.ResourceId} {key.Date:yyyy-MM-dd} trip {key.TripNumber}");
        return sheets.Count == 1 ? what : string.Create(CultureInfo.InvariantCulture, $"{what} and {sheets.Count - 1} more sheets");
    }
}
