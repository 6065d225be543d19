namespace Outreach.Geo;

/// <summary>Finds map folders written relative to the repository root (e.g. "maps/andorra") from wherever a tool runs. Stateless, thread-safe.</summary>
public static class MapFolders
{
    /// <summary>The path itself if it exists, else the first match walking up from the current directory; unchanged if none.</summary>
    public static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path) || Directory.Exists(path) || File.Exists(path))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, path);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        return path;
    }
}
