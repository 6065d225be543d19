using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Answers driver links that cannot show a sheet before the page runs, for views and for check-offs posted to the
/// sheet alike: expired (410) or not valid, altered, or naming a trip no longer in any plan (404), each with a
/// localized page and never any trip data. Razor pages cannot answer 404 with a body of their own here (the
/// framework's not-found handling replaces it), so the gate renders <see cref="LinkStatusDocument"/> itself. Valid links go on to <c>DriverSheetPage</c>. For the same
/// reason the staff print page of a plan that does not exist, and the staff page of a team's day that is not in a
/// Visits plan of that station (VisitItinerary), are answered here with a bare 404, which the site's status page then
/// explains (authorization has already run: anonymous visitors were sent to sign in).
/// </summary>
public sealed class RouteSheetLinkGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, RouteSheetLinks links, RouteSheetService sheets, Data.Stores.PlanStore plans)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (HttpMethods.IsGet(context.Request.Method) && path.StartsWithSegments("/staff/route-sheets", out var planPart)
            && planPart.Value is { Length: > 1 } idText && long.TryParse(idText.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var planId)
            && context.User.Identity?.IsAuthenticated == true
            && await plans.GetAsync(planId, context.RequestAborted) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && context.User.Identity?.IsAuthenticated == true
            && TeamDayPage(path) is { } day && !await TeamDayExistsAsync(plans, day, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var isRead = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (!(isRead || HttpMethods.IsPost(context.Request.Method))
            || !path.StartsWithSegments("/r", out var rest) || rest.Value is not { Length: > 1 } tail)
        {
            await next(context);
            return;
        }

        // Views of the sheet and its PDF, and check-offs posted to the sheet: only with a valid link to a trip that exists.
        var parts = tail[1..].Split('/');
        if (parts.Length > 2 || (parts.Length == 2 && (parts[1] != "pdf" || !isRead)))
        {
            await next(context);
            return;
        }

        var check = links.Read(parts[0]);
        if (check.Status == LinkStatus.Valid && await sheets.ExistsAsync(check.Key, context.RequestAborted))
        {
            await next(context);
            return;
        }

        var expired = check.Status == LinkStatus.Expired;
        await using var renderer = new HtmlRenderer(context.RequestServices, context.RequestServices.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<LinkStatusDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(LinkStatusDocument.Expired)] = expired,
                [nameof(LinkStatusDocument.ReturnPath)] = "/r/" + parts[0],
            }));
            return output.ToHtmlString();
        });
        context.Response.StatusCode = expired ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        await context.Response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>/staff/visits/{station}/{week}/plans/{plan}/teams/{team}/{yyyy-MM-dd}: the staff page of a team's day.</summary>
    private static (long Station, long Plan, long Team, DateOnly? Date)? TeamDayPage(PathString path)
    {
        if (!path.StartsWithSegments("/staff/visits", out var rest) || rest.Value is not { Length: > 1 } tail)
        {
            return null;
        }

        var parts = tail[1..].Split('/');
        return parts.Length == 7 && parts[2] == "plans" && parts[4] == "teams"
            && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var station)
            && long.TryParse(parts[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var plan)
            && long.TryParse(parts[5], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var team)
            ? (station, plan, team, TripKey.ParseDate(parts[6]))
            : null;
    }

    private static async Task<bool> TeamDayExistsAsync(Data.Stores.PlanStore plans, (long Station, long Plan, long Team, DateOnly? Date) day, CancellationToken cancellationToken) =>
        day.Date is { } date && await plans.GetAsync(day.Plan, cancellationToken) is { } content
        && content.Plan.StationId == day.Station && content.Plan.Kind == Domain.PlanKind.Visits
        && content.Stops.Any(s => s.ResourceKind == Domain.PlanResourceKind.Team && s.ResourceId == day.Team && s.Date == date);
}
