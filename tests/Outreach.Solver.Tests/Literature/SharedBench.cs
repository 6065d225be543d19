namespace Outreach.Solver.Tests.Literature;

/// <summary>The literature sets in ../shared/bench, found from the folder holding Outreach.sln.</summary>
internal static class SharedBench
{
    public static string Folder(string set)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "..", "shared", "bench", set);
    }

    public static string Of(string set, string file) => Path.Combine(Folder(set), file);
}
