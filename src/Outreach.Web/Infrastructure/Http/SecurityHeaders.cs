namespace Outreach.Web.Infrastructure.Http;

/// <summary>
/// The headers every response carries, pages, API answers, files and error pages alike (set when the response starts,
/// so an error handler that clears the response cannot drop them):
/// <list type="bullet">
/// <item>Content-Security-Policy: scripts, styles, images, fonts and form posts from this site only, no inline script
/// or style at all (the pages have none: Radzen's script is a file, the booking map's pin is SVG, not a style attribute),
/// no plug-ins, no &lt;base&gt; elsewhere, and never inside a frame (frame-ancestors 'none');</item>
/// <item>X-Frame-Options: DENY (the same for browsers that predate frame-ancestors), X-Content-Type-Options: nosniff;</item>
/// <item>Referrer-Policy: no-referrer: a driver's link holds its key in the address, which must not leave in a Referer;</item>
/// <item>Permissions-Policy: no camera, microphone, geolocation or payment for any page.</item>
/// </list>
/// HSTS is added by the framework's middleware for https requests to hosts other than localhost.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
