using Outreach.Geo.Roads;

namespace Outreach.Web.Infrastructure.Maps;

public static class MapsExtensions
{
    /// <summary>
    /// Registers the one <see cref="MapsFolder"/> every feature reads map areas from, and the one cache of road
    /// networks they share (a city's graph is built once, not once per feature).
    /// </summary>
    public static IServiceCollection AddOutreachMaps(this IServiceCollection services)
    {
        services.AddSingleton<MapsFolder>();
        services.AddSingleton<RoadNetworks>();
        return services;
    }
}
