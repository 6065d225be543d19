using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Outreach.Data.Stores;
using Outreach.Web.Infrastructure.Auth;

namespace Outreach.Web.Features.SignIn;

public static class SignInEndpoints
{
    public static IServiceCollection AddStaffSignIn(this IServiceCollection services)
    {
        services.AddScoped<StaffSignInService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<KnownDevices>();
        return services;
    }

    /// <summary>
    /// POST /sign-out (a form with an antiforgery token, so another site cannot sign people out). The account gets a new
    /// security stamp, so the cookie is worthless even where a copy of it survives (a shared computer, a proxy's log):
    /// every session of the account ends, on every device. The sign-in and change-password pages are components in this
    /// folder.
    /// </summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/sign-out", async (HttpContext context, StaffUserStore users) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && StaffClaims.UserId(context.User) is { } id)
            {
                await users.RotateSecurityStampAsync(id, context.RequestAborted);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }
}
