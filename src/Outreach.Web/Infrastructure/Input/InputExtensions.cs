namespace Outreach.Web.Infrastructure.Input;

public static class InputExtensions
{
    /// <summary>Posted forms decoded so that a NUL or bytes that are not UTF-8 reach the page's field checks (see <see cref="FormBodyGate"/>).</summary>
    public static IApplicationBuilder UseFormBodyGate(this IApplicationBuilder app) =>
        app.UseMiddleware<FormBodyGate>();
}
