namespace Outreach.Web.Infrastructure.Startup;

public static class StartupExtensions
{
    public static IServiceCollection AddFirstAdmin(this IServiceCollection services)
    {
        services.AddSingleton<IOneTimePasswordNotice, ConsoleOneTimePasswordNotice>();
        services.AddSingleton<FirstAdmin>();
        return services;
    }

    /// <summary>Adds a seeder that <see cref="RunStartupSeedersAsync"/> runs at every start, after
    /// migrations and the first administrator, before the app serves (e.g. the demo stations).</summary>
    public static IServiceCollection AddStartupSeeder<TSeeder>(this IServiceCollection services)
        where TSeeder : class, IStartupSeeder =>
        services.AddSingleton<IStartupSeeder, TSeeder>();

    public static Task EnsureFirstAdminAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<FirstAdmin>().EnsureAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>Runs every registered <see cref="IStartupSeeder"/> in registration order (demo stations
    /// plug in here). Each must be idempotent.</summary>
    public static async Task RunStartupSeedersAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var seeder in app.Services.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
