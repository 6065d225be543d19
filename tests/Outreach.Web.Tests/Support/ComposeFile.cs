namespace Outreach.Web.Tests.Support;

/// <summary>Reads the app service's environment from docker-compose.yml, so tests start the app with
/// exactly the keys the container gets.</summary>
public static class ComposeFile
{
    public static string Path => System.IO.Path.Combine(RepoRoot.Path, "docker-compose.yml");

    /// <summary>KEY: value pairs under services: app: environment: (the map form the file uses).</summary>
    public static IReadOnlyDictionary<string, string> AppEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? service = null;
        var inEnvironment = false;
        foreach (var raw in File.ReadAllLines(Path))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            if (indent == 2 && line.EndsWith(':'))
            {
                service = line.Trim().TrimEnd(':');
                inEnvironment = false;
            }
            else if (indent == 4)
            {
                inEnvironment = service == "app" && line.Trim() == "environment:";
            }
            else if (indent == 6 && inEnvironment)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                result[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            else if (indent == 0)
            {
                service = null;
                inEnvironment = false;
            }
        }

        return result;
    }
}
