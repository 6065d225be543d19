using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Outreach.Web.Infrastructure.RateLimiting;

namespace Outreach.Web.Features.Bookings;

/// <summary>What the booking pages answer besides their own content.</summary>
public static class BookingPages
{
    /// <summary>
    /// 429 with the page itself (its field says what was refused and what to do), not the generic status page:
    /// re-executing a page inside a component's render fails.
    /// </summary>
    public static void TooMany(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = ((int)CostlyActions.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }
}
