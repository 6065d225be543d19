using Outreach.Data;
using Outreach.Data.Stores;

namespace Outreach.Web.Infrastructure.Database;

public static partial class DatabaseExtensions
{
    /// <summary>The database chosen by configuration (see <see cref="DatabaseSettings"/>), its migration
    /// runner and the stores. Resolved when first used, so test hosts can override the settings.</summary>
    public static IServiceCollection AddOutreachDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseSettings.Resolve(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton(sp => sp.GetRequiredService<DatabaseSettings>().CreateDatabase());
        services.AddSingleton(sp => new MigrationRunner(sp.GetRequiredService<Outreach.Data.Database>(), sp.GetRequiredService<TimeProvider>()));
        // Stores are thread-safe (each call opens its own pooled connection), so one instance each.
        services.AddSingleton<StaffUserStore>();
        services.AddSingleton<StationStore>();
        services.AddSingleton<SiteStore>();
        services.AddSingleton<FleetStore>();
        services.AddSingleton<OfficerStore>();
        services.AddSingleton<BookingStore>();
        services.AddSingleton<VisitRequestStore>();
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<WeatherStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<NotificationOutboxStore>();
        services.AddSingleton<AuditLogStore>();
        services.AddSingleton<RosterStore>();
        services.AddSingleton<RefusalStore>();
        services.AddSingleton<ReplanRequestStore>();
        services.AddSingleton<StopCheckOffStore>();
        services.AddSingleton<DriverDayLinkStore>();
        return services;
    }

    /// <summary>Applies pending migrations before the app serves anything.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Outreach.Database");
        LogUsing(logger, settings.Description);
        var applied = await app.Services.GetRequiredService<MigrationRunner>().RunAsync(app.Lifetime.ApplicationStopping);
        LogMigrated(logger, applied.Count, string.Join(", ", applied));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Description}")]
    private static partial void LogUsing(ILogger logger, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations applied now: {Count} ({Versions})")]
    private static partial void LogMigrated(ILogger logger, int count, string versions);
}
