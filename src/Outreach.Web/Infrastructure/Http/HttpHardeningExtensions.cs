using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;

namespace Outreach.Web.Infrastructure.Http;

public static class HttpHardeningExtensions
{
    /// <summary>Trusted proxies (<see cref="ForwardedHeadersSetup"/>), HSTS for a year, and the antiforgery cookie Secure
    /// over https (its default is never) without an X-Frame-Options of its own (every response gets DENY from
    /// <see cref="SecurityHeaders"/>).</summary>
    public static IServiceCollection AddHttpHardening(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ForwardedHeadersSetup.Apply);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
            options.Preload = false;
        });
        services.Configure<AntiforgeryOptions>(options =>
        {
            options.SuppressXFrameOptionsHeader = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>First in the pipeline: the real client and scheme from a trusted proxy, then the security headers and HSTS.</summary>
    public static IApplicationBuilder UseHttpHardening(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseHsts();
        return app;
    }
}
