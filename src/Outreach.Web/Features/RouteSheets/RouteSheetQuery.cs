using Outreach.Domain;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Reads the staff addresses' query values (kind, resource, date, trip; each optional) into the sheets they name:
/// all four give one trip, fewer give every matching trip of the plan. Shared by the print page and the PDF download.
/// </summary>
public static class RouteSheetQuery
{
    public static async Task<IReadOnlyList<RouteSheet>> LoadAsync(
        RouteSheetService sheets, long planId, string? kind, long? resource, string? date, int? trip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var resourceKind = TripKey.ParseKind(kind);
        var day = TripKey.ParseDate(date);
        if ((kind is not null && resourceKind is null) || (date is not null && day is null))
        {
            return [];
        }

        if (resourceKind is { } k && resource is { } r && day is { } d && trip is { } t)
        {
            return await sheets.GetAsync(new TripKey(planId, k, r, d, t), cancellationToken) is { } one ? [one] : [];
        }

        var all = await sheets.ListAsync(planId, day, resourceKind, resource, cancellationToken);
        return trip is { } number ? all.Where(s => s.Key.TripNumber == number).ToList() : all;
    }
}
