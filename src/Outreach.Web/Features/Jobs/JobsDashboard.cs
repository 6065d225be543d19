using Hangfire;
using Hangfire.Dashboard;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.Jobs;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/>: the background jobs' history (sent messages, retention runs, re-plans),
/// what is queued, scheduled, failed and recurring, and the servers of every app instance. Admins only: the admin
/// policy and the app's sign-in guard the endpoint (anyone else is sent to sign in or refused), and the dashboard checks
/// the role again itself. It holds no station's data (jobs name request ids, not families). Its posts (retry, delete)
/// carry the app's antiforgery token. Its pages keep to the site's Content-Security-Policy (see dashboard.js).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/staff/jobs";

    private static int _scriptAdded;

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        // The dashboard's script bundle is one per process (Hangfire keeps it in a static list): add ours once.
        if (Interlocked.Exchange(ref _scriptAdded, 1) == 0)
        {
            GlobalConfiguration.Configuration.UseDashboardJavaScript(typeof(JobsDashboard).Assembly, "Outreach.Web.Features.Jobs.dashboard.js");
        }

        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "Outreach",
            AppPath = "/staff",
            // The site's own icon: the default, a data: address, is refused by the Content-Security-Policy (img-src 'self').
            FaviconPath = "/favicon.svg",
            DisplayStorageConnectionString = false,
            Authorization = [new AdminOnly()],
        })
        .RequireAuthorization(Policies.Admin)
        .NoStationData();
        return endpoints;
    }

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => StationAccess.IsAdmin(context.GetHttpContext().User);
    }
}
