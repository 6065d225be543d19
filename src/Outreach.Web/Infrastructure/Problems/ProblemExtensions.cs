using Microsoft.Extensions.Localization;
using Outreach.Web.Features.Localization;

namespace Outreach.Web.Infrastructure.Problems;

public static class ProblemExtensions
{
    /// <summary>RFC 9457 problem details for the API, with titles in the request's language.</summary>
    public static IServiceCollection AddOutreachProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var title = localizer[$"Problem.{status}"];
            // Validation problems keep the title their endpoint wrote; framework defaults ("Bad Request") are replaced.
            var keepTitle = context.ProblemDetails is HttpValidationProblemDetails && context.ProblemDetails.Title is not null;
            if (!title.ResourceNotFound && !keepTitle)
            {
                context.ProblemDetails.Title = title.Value;
            }

            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        return services;
    }

    /// <summary>
    /// Errors and empty error responses: the API gets problem details (JSON), pages get the status page
    /// in the person's language.
    /// </summary>
    public static WebApplication UseOutreachErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/status/500", createScopeForErrors: true);
            }

            pages.UseStatusCodePagesWithReExecute("/status/{0}");
        });
        return app;
    }

    internal static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
