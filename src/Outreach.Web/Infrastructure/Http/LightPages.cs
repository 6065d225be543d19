using System.IO.Compression;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticAssets;

namespace Outreach.Web.Infrastructure.Http;

/// <summary>A layout whose pages load only css/light.css: no Radzen stylesheet, script or fonts (see <see cref="LightPages"/>).</summary>
public interface ILightLayout;

/// <summary>
/// What a family's or a driver's phone downloads (issue 17: cheap phones on rural 3G).
/// <list type="bullet">
/// <item>Light pages: the booking pages, the driver's and team lead's sheet (/r/...), the driver's day (/d/...) and the
/// status pages of those addresses render in a layout marked <see cref="ILightLayout"/>; App.razor then links only
/// css/light.css (system fonts, inline SVG icons) instead of Radzen's 760 KB stylesheet, its 270 KB script and its
/// 1.8 MB of fonts.</item>
/// <item>Fingerprinted static assets (css/light.{hash}.css) are cached for a year (<see cref="ImmutableCacheControl"/>):
/// their address changes whenever their content does.</item>
/// <item>Compression, Brotli or gzip: static assets are compressed at build (gzip) and publish (Brotli and gzip) and
/// served so by MapStaticAssets; what has no compressed copy (Radzen's fingerprinted files) and the public pages are
/// compressed as they are sent.</item>
/// </list>
/// <para>BREACH: compressing a page over TLS can leak a secret in it, byte by byte, to someone who sees the encrypted
/// sizes and can make the victim's browser send many requests that reflect a guess into the same page. The pages
/// compressed here are the public ones (<see cref="CompressedPages"/>): their only secret is the antiforgery token,
/// which Data Protection encrypts anew for every response, so no two responses share its bytes; a driver's sheet
/// holds phone numbers but its address is the secret an attacker would need in order to request it. Signed-in staff
/// pages (/staff, /account, the JSON API, /metrics) show personal data next to values taken from the query string
/// (filters, codes) and are sent uncompressed; they are few, on office connections, and their stylesheets and scripts,
/// which hold no secret, are still compressed.</para>
/// </summary>
public static class LightPages
{
    /// <summary>For fingerprinted static assets: any cache may keep them for a year without asking again.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Path prefixes of the pages a family or a driver opens without an account.</summary>
    private static readonly string[] FamilyPaths = ["/booking", "/r", "/d"];

    /// <summary>Pages compressed as they are sent (besides static assets): public pages only, see the BREACH note above.</summary>
    private static readonly string[] CompressedPages = ["/booking", "/r", "/d", "/status", "/sign-in"];

    /// <summary>Brotli and gzip for the public pages, the booking map (SVG) and static assets that have no compressed copy.</summary>
    public static IServiceCollection AddLightPages(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Only requests that MayCompress lets through reach the middleware: see the BREACH note above.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "image/svg+xml"];
        });
        // Pages are a few kilobytes, and Radzen's stylesheet is compressed once per staff browser (then cached a year):
        // the balanced levels shrink a page to under half (its antiforgery token does not compress) at little cost.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>After UseRouting (the endpoint says whether a request is a static asset): caching and compression.</summary>
    public static IApplicationBuilder UseLightAssets(this IApplicationBuilder app)
    {
        app.Use(static (context, next) =>
        {
            if (IsFingerprinted(context.GetEndpoint()))
            {
                context.Response.OnStarting(static state =>
                {
                    var response = (HttpResponse)state;
                    if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                    {
                        response.Headers.CacheControl = ImmutableCacheControl;
                    }

                    return Task.CompletedTask;
                }, context.Response);
            }

            return next(context);
        });
        app.UseWhen(MayCompress, compressed => compressed.UseResponseCompression());
        return app;
    }

    /// <summary>
    /// True when the page renders in a light layout: its own layout is one, or it has none of its own (the status
    /// pages) and the address asked for is a family's or a driver's.
    /// </summary>
    public static bool Applies(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        return page?.GetCustomAttribute<LayoutAttribute>(inherit: true)?.LayoutType is { } layout
            ? typeof(ILightLayout).IsAssignableFrom(layout)
            : IsFamilyPath(OriginalPath(context));
    }

    /// <summary>The address the person asked for, also while an error or status page is rendered in its place.</summary>
    public static PathString OriginalPath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { } reExecuted ? new PathString(reExecuted)
            : context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failed ? new PathString(failed)
            : context.Request.Path;
    }

    public static bool IsFamilyPath(PathString path) => FamilyPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    internal static bool MayCompress(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        || context.Request.Path == "/"
        || CompressedPages.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsFingerprinted(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is { } asset
        && asset.Properties.Any(p => string.Equals(p.Name, "fingerprint", StringComparison.OrdinalIgnoreCase));
}
