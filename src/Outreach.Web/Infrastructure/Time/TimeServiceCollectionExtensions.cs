using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Outreach.Web.Infrastructure.Time;

public static class TimeServiceCollectionExtensions
{
    /// <summary>The system clock unless a test registered its own, and the Vietnam-time helper over it.</summary>
    public static IServiceCollection AddLocalTime(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LocalTime>();
        return services;
    }
}
