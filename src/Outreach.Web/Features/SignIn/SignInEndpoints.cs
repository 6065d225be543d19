using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Outreach.Web.Features.SignIn;

public static class SignInEndpoints
{
    public static IServiceCollection AddStaffSignIn(this IServiceCollection services)
    {
        services.AddScoped<StaffSignInService>();
        return services;
    }

    /// <summary>POST /sign-out (a form with an antiforgery token, so another site cannot sign people out).
    /// The sign-in and change-password pages are components in this folder.</summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }
}
