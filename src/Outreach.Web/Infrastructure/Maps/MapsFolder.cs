using Outreach.Data.Demo;

namespace Outreach.Web.Infrastructure.Maps;

/// <summary>
/// The folder holding one sub-folder per map area (a station's MapAreaKey, e.g. maps/song-cong): the
/// <see cref="ConfigurationKey"/> setting (relative to the content root), else the repository's maps/ found upwards from
/// the content root or the app's folder. Resolved once; null when there is none (travel is then estimated, maps show
/// the stops only, and demo seeding is skipped). Every feature reads maps through this one answer.
/// </summary>
public sealed class MapsFolder(IConfiguration configuration, IHostEnvironment environment)
{
    public const string ConfigurationKey = "Outreach:MapsFolder";

    private readonly Lazy<string?> _path = new(() => configuration[ConfigurationKey] is { Length: > 0 } configured
        ? System.IO.Path.GetFullPath(configured, environment.ContentRootPath)
        : DemoMapsFolder.Locate(environment.ContentRootPath, AppContext.BaseDirectory));

    /// <summary>The absolute path, or null when no maps folder was configured or found.</summary>
    public string? Path => _path.Value;
}
