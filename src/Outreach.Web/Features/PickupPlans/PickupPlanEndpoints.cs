using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Jobs.Pickups;
using Outreach.Web.Infrastructure.Maps;

namespace Outreach.Web.Features.PickupPlans;

public static class PickupPlanEndpoints
{
    /// <summary>Configuration key of the address drivers' links start with (e.g. https://outreach.example.vn); default: the address the publishing chief used.</summary>
    public const string PublicBaseUrlKey = "Outreach:PublicBaseUrl";

    /// <summary>Configuration key of the seconds the planner may search for one day's pickups (default 3).</summary>
    public const string PlanSecondsKey = "Outreach:Planning:PickupSeconds";

    /// <summary>The staff view of a day's pickup plan, publishing, and the "Plan now" hook (see <see cref="IPickupPlanRunner"/>).</summary>
    public static IServiceCollection AddPickupPlans(this IServiceCollection services)
    {
        services.AddSingleton<PickupDayLoader>();
        services.AddSingleton<PickupPlanPublisher>();
        services.AddSingleton<Outreach.Jobs.Replanning.IPickupAutoPublisher, PickupAutoPublisher>();
        services.AddPickupPlanning(provider => new PickupPlanningOptions
        {
            MapsFolder = provider.GetRequiredService<MapsFolder>().Path,
            TimeLimit = TimeSpan.FromSeconds(Math.Clamp(
                provider.GetRequiredService<IConfiguration>().GetValue(PlanSecondsKey, 3.0), 0.2, 60)),
        });
        services.TryAddSingleton<IPickupPlanRunner, PickupPlanRunner>();
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
