namespace Outreach.Data.Demo;

/// <summary>Finds the repository's maps/ folder that holds the demo areas.</summary>
public static class DemoMapsFolder
{
    /// <summary>
    /// The first maps/ folder holding song-cong/boundaries.geojson found in each start folder or any of its
    /// parents, or null. Start folders are typically the content root and the current directory.
    /// </summary>
    public static string? Locate(params string[] startFolders)
    {
        ArgumentNullException.ThrowIfNull(startFolders);
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "maps");
                if (File.Exists(Path.Combine(candidate, SongCongDemo.MapArea, "boundaries.geojson")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
