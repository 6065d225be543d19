namespace Outreach.Web.Infrastructure.Auth;

/// <summary>
/// Sends a person who signed in with a one-time password to the change-password page until they have
/// chosen their own; the API answers 403 meanwhile. Static files, the language switch, sign-out and
/// status pages stay reachable.
/// </summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/password";

    private static readonly string[] AlwaysAllowed =
        [ChangePasswordPath, "/sign-out", "/language", "/status", "/health", "/_content", "/css", "/favicon.ico"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!StaffClaims.MustChange(context.User) || AlwaysAllowed.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            return next(context);
        }

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        context.Response.Redirect(ChangePasswordPath);
        return Task.CompletedTask;
    }
}
