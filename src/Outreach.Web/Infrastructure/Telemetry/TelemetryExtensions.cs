using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Outreach.Jobs.Telemetry;
using Outreach.Web.Infrastructure.Auth;
using Prometheus;

namespace Outreach.Web.Infrastructure.Telemetry;

/// <summary>
/// Metrics and log scopes. Instruments use the .NET metrics API (ASP.NET Core's own meter for request rates and
/// latency, <see cref="OutreachMetrics"/> for plans, jobs, bookings and messages); prometheus-net exports every meter
/// on <c>GET /metrics</c>. Who may scrape (<see cref="MetricsAccessHandler"/>): a signed-in admin; a request with
/// <c>Authorization: Bearer</c> and the token in <c>Outreach:Metrics:Token</c>; or, unless
/// <c>Outreach:Metrics:AllowLocal</c> is false, a request from this machine (loopback) that no proxy forwarded.
/// </summary>
public static class TelemetryExtensions
{
    public const string TokenKey = "Outreach:Metrics:Token";
    public const string AllowLocalKey = "Outreach:Metrics:AllowLocal";
    public const string MetricsPolicy = "metrics";

    /// <summary>The meters /metrics exports: ours, requests, connections, rate limiting, the runtime, database and HTTP clients
    /// (not the per-component render timings, which would outnumber everything else).</summary>
    private static readonly HashSet<string> ExportedMeters = new(StringComparer.Ordinal)
    {
        OutreachMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Authorization", "System.Runtime", "Npgsql", "System.Net.Http",
    };

    private static int _configured;

    public static IServiceCollection AddOutreachTelemetry(this IServiceCollection services)
    {
        // prometheus-net's default registry is one per process: configure it once, before its first use.
        if (Interlocked.Exchange(ref _configured, 1) == 0)
        {
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressDebugMetrics = true });
            Metrics.ConfigureMeterAdapter(options =>
            {
                options.InstrumentFilterPredicate = instrument => ExportedMeters.Contains(instrument.Meter.Name);
                options.ResolveHistogramBuckets = _ => [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
            });
            // The adapter starts listening to the .NET meters at the registry's first collection: collect once now, so
            // requests and bookings before the first scrape are counted too (prometheus-net issue 487).
            Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();
        }

        services.AddMetrics();
        services.AddSingleton<OutreachMetrics>();
        services.AddSingleton<IAuthorizationHandler, MetricsAccessHandler>();
        services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, p => p.AddRequirements(new MetricsAccessRequirement()));
        return services;
    }

    /// <summary>GET /metrics in Prometheus text format, behind <see cref="MetricsPolicy"/>.</summary>
    public static IEndpointRouteBuilder MapOutreachMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMetrics("/metrics").RequireAuthorization(MetricsPolicy).NoStationData();
        return endpoints;
    }

    /// <summary>
    /// Log scope of a signed-in staff request: the account's id and role (never a name), so every line of the request
    /// can be tied to who made it. ASP.NET Core adds the request id and path itself.
    /// </summary>
    public static IApplicationBuilder UseStaffLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Outreach.Requests");
        return app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }

            using (logger.BeginScope(new Dictionary<string, object?>
            {
                ["StaffUserId"] = StaffClaims.UserId(context.User),
                ["Role"] = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value,
            }))
            {
                await next(context);
            }
        });
    }
}

public sealed class MetricsAccessRequirement : IAuthorizationRequirement;

/// <summary>Lets an admin, a holder of the configured token, or (by default) a local, unforwarded request read /metrics.</summary>
public sealed class MetricsAccessHandler(IConfiguration configuration) : AuthorizationHandler<MetricsAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (StationAccess.IsAdmin(context.User) || context.Resource is HttpContext http && (HasToken(http) || IsLocal(http)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool HasToken(HttpContext http)
    {
        if (configuration[TelemetryExtensions.TokenKey] is not { Length: > 0 } token)
        {
            return false;
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    private bool IsLocal(HttpContext http) =>
        configuration.GetValue(TelemetryExtensions.AllowLocalKey, true)
        && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        // A reverse proxy on this machine would make every outside request look local.
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");
}
