namespace Outreach.Bench.Routing;

/// <summary>Bad benchmark input (a missing folder, an unknown instance name): the message is one line naming the path or value.</summary>
public sealed class BenchInputException : Exception
{
    public BenchInputException()
    {
    }

    public BenchInputException(string message)
        : base(message)
    {
    }

    public BenchInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Finds a literature set's instance files under the data folder (e.g. ../shared/bench/darp/*.txt).</summary>
public static class BenchInstances
{
    /// <summary>
    /// The <c>*.txt</c> files of <paramref name="set"/> under <paramref name="dataDirectory"/>, in name order, or only those
    /// named in <paramref name="only"/> (case-insensitive, without extension). Throws <see cref="BenchInputException"/>
    /// when the data folder or the set folder is missing, or a name in <paramref name="only"/> is not there.
    /// </summary>
    public static IReadOnlyList<string> Find(string dataDirectory, string set, IReadOnlyList<string> only)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(only);
        if (!Directory.Exists(dataDirectory))
        {
            throw new BenchInputException($"data folder not found: {Path.GetFullPath(dataDirectory)} (--data)");
        }

        string folder = Path.Combine(dataDirectory, set);
        if (!Directory.Exists(folder))
        {
            throw new BenchInputException($"no {set}/ folder in the data folder {Path.GetFullPath(dataDirectory)} (--data)");
        }

        var files = Directory.GetFiles(folder, "*.txt").OrderBy(f => f, StringComparer.OrdinalIgnoreCase).ToList();
        if (files.Count == 0)
        {
            throw new BenchInputException($"no instance files (*.txt) in {Path.GetFullPath(folder)}");
        }

        var names = only.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (names.Count == 0)
        {
            return files;
        }

        var byName = files.ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase);
        var unknown = names.Where(n => !byName.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchInputException($"unknown instance {string.Join(", ", unknown.Select(u => $"'{u}'"))} in --only: no such file in {Path.GetFullPath(folder)}");
        }

        var wanted = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        return files.Where(f => wanted.Contains(Path.GetFileNameWithoutExtension(f))).ToList();
    }
}
