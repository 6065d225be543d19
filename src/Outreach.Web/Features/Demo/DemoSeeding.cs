using Outreach.Data.Demo;
using Outreach.Web.Infrastructure.Maps;
using Outreach.Web.Infrastructure.Startup;

namespace Outreach.Web.Features.Demo;

/// <summary>
/// Seeds the two demo stations on start (Outreach:SeedDemo, default true) from the maps/ folder
/// (Outreach:MapsFolder, default: found upward from the content root). Idempotent: later starts add nothing.
/// </summary>
public static partial class DemoSeeding
{
    public const string EnabledKey = "Outreach:SeedDemo";

    public static IServiceCollection AddDemoSeeding(this IServiceCollection services)
    {
        services.AddStartupSeeder<DemoStartupSeeder>();
        return services;
    }

    private sealed partial class DemoStartupSeeder(
        IConfiguration configuration, MapsFolder mapsFolder, Outreach.Data.Database database, TimeProvider clock,
        ILogger<DemoStartupSeeder> logger) : IStartupSeeder
    {
        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            if (!configuration.GetValue(EnabledKey, true))
            {
                return;
            }

            if (mapsFolder.Path is not { } maps)
            {
                LogNoMaps(logger, MapsFolder.ConfigurationKey);
                return;
            }

            var report = await new DemoSeeder(database, clock).SeedAsync(maps, cancellationToken);
            foreach (var s in report.Stations)
            {
                LogStation(logger, s.StationName, s.StationCreated, s.SitesAdded, s.BookingsAdded, s.VisitRequestsAdded);
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding skipped: no maps folder found; set {Key}")]
        private static partial void LogNoMaps(ILogger logger, string key);

        [LoggerMessage(Level = LogLevel.Information, Message = "Demo station {Station}: created={Created}, sites +{Sites}, bookings +{Bookings}, visit requests +{Visits}")]
        private static partial void LogStation(ILogger logger, string station, bool created, int sites, int bookings, int visits);
    }
}
