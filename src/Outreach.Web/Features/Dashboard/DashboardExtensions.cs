using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Data;

namespace Outreach.Web.Features.Dashboard;

/// <summary>The staff dashboard (/staff): its figures come from <see cref="DashboardQueries"/> over the stores.</summary>
public static class DashboardExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DataStores(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DashboardQueries>();
        return services;
    }
}
