using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Outreach.Web.Infrastructure.RateLimiting;

/// <summary>
/// Per-client limits (by remote IP address) for endpoints that strangers can hammer: sign-in now, the
/// family booking forms later (<c>[EnableRateLimiting(RateLimits.PerClient)]</c> or
/// <c>.RequireRateLimiting(RateLimits.PerClient)</c>). Account lockout stops guessing one password;
/// this stops one client trying many accounts.
/// </summary>
public static class RateLimits
{
    public const string PerClient = "per-client";

    /// <summary>Requests one client may make per minute to limited endpoints (page views and posts together).</summary>
    public const int DefaultPermitsPerMinute = 30;

    public const string PermitsKey = "Outreach:RateLimit:PerClientPerMinute";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddOutreachRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter =
                    ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(PerClient, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue(PermitsKey, DefaultPermitsPerMinute),
                    Window = Window,
                    QueueLimit = 0,
                }));
        });
        return services;
    }
}
