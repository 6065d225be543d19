using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Data;
using Outreach.Geo.Matrices;
using Outreach.Jobs.Visits;
using Outreach.Web.Infrastructure.Maps;

namespace Outreach.Web.Features.VisitPlans;

/// <summary>
/// The chief's week board of mobile-team visits (pages under /staff/visits): the planning service over the stores,
/// the station maps (Outreach:MapsFolder, else the repository's maps/ found from the content root) and one matrix
/// cache. Outreach:VisitPlanning:Seconds sets the search time of "Plan the week" (default 5).
/// </summary>
public static class VisitPlansExtensions
{
    public const string SecondsKey = "Outreach:VisitPlanning:Seconds";

    public static IServiceCollection AddVisitPlans(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DataStores(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<MatrixCache>();
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var environment = sp.GetRequiredService<IHostEnvironment>();
            var root = sp.GetRequiredService<MapsFolder>().Path ?? Path.Combine(environment.ContentRootPath, "maps");
            var seconds = configuration.GetValue(SecondsKey, 5.0);
            if (!(seconds is > 0 and <= 600))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{SecondsKey} = {seconds}: must be in (0, 600] seconds."));
            }

            return new VisitPlanningServiceOptions { MapsRoot = root, TimeLimit = TimeSpan.FromSeconds(seconds) };
        });
        services.AddSingleton<VisitPlanningService>();
        services.AddSingleton(sp => sp.GetRequiredService<VisitPlanningService>().Maps);
        services.AddSingleton<VisitBoardQueries>();
        return services;
    }
}
