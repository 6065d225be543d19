using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Outreach.Web.Infrastructure.Http;

namespace Outreach.Web.Infrastructure.RateLimiting;

/// <summary>
/// Limits for what strangers can hammer, counted per client (its address as <see cref="ClientAddress"/> gives it, the
/// real one behind a configured proxy). Families often share one carrier address (carrier-grade NAT), so the per-client
/// limit on the sign-in and public booking pages (<c>[EnableRateLimiting(RateLimits.PerClient)]</c>) is high enough for
/// dozens of families booking in the same minute; sign-in posts have a lower one of their own. What costs most is
/// limited by what it is about instead of by address (<see cref="CostlyActions"/>): bookings and finds per phone number,
/// moves and cancellations per booking. Wrong passwords are slowed per account and client by the sign-in throttle.
/// </summary>
public static class RateLimits
{
    public const string PerClient = "per-client";

    /// <summary>Requests one client may make per minute to the limited pages (page views and posts together).</summary>
    public const int DefaultPermitsPerMinute = 300;

    /// <summary>Sign-in posts one client may make per minute (trying many accounts from one address).</summary>
    public const int DefaultSignInPermitsPerMinute = 60;

    public const string PermitsKey = "Outreach:RateLimit:PerClientPerMinute";
    public const string SignInPermitsKey = "Outreach:RateLimit:SignInPerClientPerMinute";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddOutreachRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<CostlyActions>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter =
                    ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(PerClient, context =>
            {
                var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
                var signIn = HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/sign-in");
                var permits = signIn
                    ? Setting(configuration, SignInPermitsKey, DefaultSignInPermitsPerMinute)
                    : Setting(configuration, PermitsKey, DefaultPermitsPerMinute);
                return RateLimitPartition.GetFixedWindowLimiter(
                    (signIn ? "sign-in " : "pages ") + ClientAddress.KeyOf(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 });
            });
        });
        return services;
    }

    /// <summary>A positive whole number from configuration, else <paramref name="fallback"/> (also for an empty value).</summary>
    internal static int Setting(IConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration[key], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
