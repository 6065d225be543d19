using Microsoft.AspNetCore.Diagnostics;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>Error statuses from pages that render their own explanation.</summary>
public static class StatusPages
{
    /// <summary>
    /// Sets <paramref name="status"/> and switches the site's status-code page off for this response: the page
    /// renders its own, more specific message (an expired link says so), and the framework's re-execution of
    /// /status/{code} from inside a component render fails ("HttpNavigationManager already initialized").
    /// </summary>
    public static void Answer(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.StatusCode = status;
    }
}
