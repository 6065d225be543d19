using Microsoft.AspNetCore.Localization;

namespace Outreach.Web.Features.Localization;

/// <summary>
/// Honours Accept-Language for the JSON API only. Pages open in Vietnamese unless the person chose
/// English with the switch (culture cookie): staff often share office machines whose browsers are set
/// to English, and the interface is Vietnamese first. API clients say what they want in the header.
/// </summary>
internal sealed class ApiAcceptLanguageProvider : RequestCultureProvider
{
    private readonly AcceptLanguageHeaderRequestCultureProvider header = new();

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Request.Path.StartsWithSegments("/api")
            ? header.DetermineProviderCultureResult(httpContext)
            : NullProviderCultureResult;
    }
}
