using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Outreach.Web.Infrastructure.Database;

public static class DataProtectionExtensions
{
    /// <summary>
    /// Keys that protect sign-in cookies and antiforgery tokens live in keys/ under the data folder, so
    /// staff stay signed in across restarts and container rebuilds (the compose file keeps that folder
    /// on a volume). Several app instances must share the folder.
    /// </summary>
    public static IServiceCollection AddOutreachDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Outreach");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, configuration, environment, loggers) =>
            {
                var folder = Path.Combine(DatabaseSettings.DataFolder(configuration, environment.ContentRootPath), "keys");
                options.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(folder), loggers);
            });
        return services;
    }
}
