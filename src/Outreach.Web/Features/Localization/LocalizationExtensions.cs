using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Outreach.Web.Infrastructure;

namespace Outreach.Web.Features.Localization;

public static class LocalizationExtensions
{
    /// <summary>Resource-file strings and the request culture: cookie (the switch), then
    /// Accept-Language for the API, then Vietnamese.</summary>
    public static IServiceCollection AddOutreachLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        // Write Vietnamese letters as UTF-8, not as &#x1EA5; entities: pages stay a third of the size on
        // weak mobile networks. Markup characters are still encoded.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Languages.Vietnamese);
            options.SupportedCultures = [.. Languages.Supported];
            options.SupportedUICultures = [.. Languages.Supported];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });
        return services;
    }

    /// <summary>GET /language?culture=en&amp;returnUrl=/path: remembers the choice in the culture cookie
    /// and goes back. A plain link, so it works without JavaScript.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/language", (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (Languages.IsSupported(culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                    new CookieOptions
                    {
                        MaxAge = TimeSpan.FromDays(365),
                        IsEssential = true,
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                    });
            }
            return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous();
        return endpoints;
    }
}
