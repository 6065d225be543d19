using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Outreach.Web.Features.PickupPlans;

public static class PickupPlanEndpoints
{
    /// <summary>Configuration key of the address drivers' links start with (e.g. https://outreach.example.vn); default: the address the publishing chief used.</summary>
    public const string PublicBaseUrlKey = "Outreach:PublicBaseUrl";

    /// <summary>The staff view of a day's pickup plan, publishing, and the "Plan now" hook (see <see cref="IPickupPlanRunner"/>).</summary>
    public static IServiceCollection AddPickupPlans(this IServiceCollection services)
    {
        services.AddSingleton<PickupDayLoader>();
        services.AddSingleton<PickupPlanPublisher>();
        services.TryAddSingleton<IPickupPlanRunner, PickupPlannerNotConnected>();
        return services;
    }

    /// <summary>Where drivers' links point: <see cref="PublicBaseUrlKey"/> if set, else this request's scheme, host and base path.</summary>
    public static Uri PublicBaseUrl(IConfiguration configuration, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(request);
        return configuration[PublicBaseUrlKey] is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            ? uri
            : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }
}
