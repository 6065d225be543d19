namespace Outreach.Web.Infrastructure.Maps;

public static class MapsExtensions
{
    /// <summary>Registers the one <see cref="MapsFolder"/> every feature reads map areas from.</summary>
    public static IServiceCollection AddOutreachMaps(this IServiceCollection services)
    {
        services.AddSingleton<MapsFolder>();
        return services;
    }
}
