using Microsoft.AspNetCore.Diagnostics;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>Error statuses from pages that render their own explanation.</summary>
public static class StatusPages
{
    /// <summary>
    /// Answers <paramref name="status"/> with the page's own body (an expired link says so, an unknown unit offers the
    /// list of units). The site's status-code page is switched off for this response, and the status is set when the
    /// response starts rather than now: the framework writes no body for a page whose status changed while it rendered
    /// (it leaves the body to the status-code page, whose re-execution inside a component render fails with
    /// "HttpNavigationManager already initialized"), so a status set now would send an empty 404.
    /// </summary>
    public static void Answer(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.OnStarting(static state =>
        {
            // Unless the framework answered otherwise after the render (400 for a form post it cannot dispatch).
            var (response, code) = ((HttpResponse, int))state;
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                response.StatusCode = code;
            }

            return Task.CompletedTask;
        }, (context.Response, status));
    }
}
