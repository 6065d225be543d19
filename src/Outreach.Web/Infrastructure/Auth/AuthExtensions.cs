using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Outreach.Domain;

namespace Outreach.Web.Infrastructure.Auth;

public static class AuthExtensions
{
    /// <summary>Cookie sign-in for staff, role policies, the station scope of every staff endpoint, and the framework's password hasher.</summary>
    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "outreach.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/sign-in";
                options.LogoutPath = "/sign-out";
                options.AccessDeniedPath = "/status/403";
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                // The JSON API (and the /metrics scrape) answers 401/403 instead of redirecting to a page.
                options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Policies.StaffRoles))
            .AddPolicy(Policies.Dispatcher, p => p.RequireRole(Policies.DispatcherRoles))
            .AddPolicy(Policies.Chief, p => p.RequireRole(Policies.ChiefRoles))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Policies.AdminRoles));
        services.AddCascadingAuthenticationState();
        services.AddSingleton<StationAccess>();
        services.AddSingleton<StationScopeResolver>();
        services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        return services;
    }

    /// <summary>After the role policies: the station a staff request acts on must be the account's own (see <see cref="StationScopeGate"/>).</summary>
    public static IApplicationBuilder UseStationScope(this IApplicationBuilder app) =>
        app.UseMiddleware<StationScopeGate>();

    /// <summary>Until a one-time password is replaced, a signed-in person can only change it or sign out.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.UseMiddleware<PasswordChangeGate>();

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/metrics"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
