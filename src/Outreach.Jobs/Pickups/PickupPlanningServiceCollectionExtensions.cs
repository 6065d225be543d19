using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;

namespace Outreach.Jobs.Pickups;

public static class PickupPlanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PickupPlanningService"/> with its caches (road networks, matrices) as singletons. The host
    /// must register the stores and a <see cref="TimeProvider"/> (the web app's AddOutreachDatabase and AddLocalTime do).
    /// </summary>
    public static IServiceCollection AddPickupPlanning(this IServiceCollection services, PickupPlanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton<RoadNetworks>();
        services.TryAddSingleton<MatrixCache>();
        services.AddSingleton(options);
        services.AddSingleton<PickupPlanningService>();
        return services;
    }

    /// <summary>As <see cref="AddPickupPlanning(IServiceCollection, PickupPlanningOptions)"/>, with options the host
    /// decides once its own services exist (e.g. where it found the maps folder).</summary>
    public static IServiceCollection AddPickupPlanning(this IServiceCollection services, Func<IServiceProvider, PickupPlanningOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton<RoadNetworks>();
        services.TryAddSingleton<MatrixCache>();
        services.AddSingleton(options);
        services.AddSingleton<PickupPlanningService>();
        return services;
    }
}
