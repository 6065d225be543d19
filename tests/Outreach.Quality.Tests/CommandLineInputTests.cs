using System.CommandLine;
using System.Diagnostics;
using System.Reflection;

namespace Outreach.Quality.Tests;

/// <summary>
/// Issue 14, finding 9: `outreach` printed a stack trace for a missing file or folder (`solve --model missing.json`,
/// `bench matrix --map maps/nowhere`, `seed --data-folder` that cannot be made, ...). Every file or folder option of
/// every command, given a path that is not there or cannot be written, must answer one line on standard error naming
/// the path, in Vietnamese and English, and exit 2. The tool runs as a process, as a person runs it; a command or
/// option whose description speaks of a file or folder without a case below fails the test, so a new one cannot be
/// forgotten.
/// </summary>
public sealed class CommandLineInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("outreach-cli-").FullName;

    public CommandLineInputTests()
    {
        File.WriteAllText(Points, "lon,lat,name\n1.52,42.51,A\n1.53,42.52,B\n");
        File.WriteAllText(Boundary, """{ "type": "Feature", "properties": {}, "geometry": { "type": "Polygon", "coordinates": [[[1.4,42.4],[1.7,42.4],[1.7,42.7],[1.4,42.7],[1.4,42.4]]] } }""");
        File.WriteAllText(Osm, """<?xml version="1.0"?><osm version="0.6"><node id="1" lat="42.5" lon="1.5"/><node id="2" lat="42.51" lon="1.51"/><way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way></osm>""");
        File.WriteAllText(NotGeoJson, "{ \"type\": \"Feature\", ");
        Directory.CreateDirectory(Path.Combine(DataFolder, "keys"));
        File.WriteAllText(Path.Combine(DataFolder, "outreach.db"), "");
    }

    private string Points => Path.Combine(_folder, "points.csv");

    private string Boundary => Path.Combine(_folder, "boundary.geojson");

    private string Osm => Path.Combine(_folder, "area.osm");

    private string NotGeoJson => Path.Combine(_folder, "broken.geojson");

    /// <summary>An app data folder with its keys and an (empty) SQLite database.</summary>
    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A path no process can write to, even as root.</summary>
    private const string Unwritable = "/proc/outreach-nope";

    /// <summary>Per command and option: the arguments that give it a path that is not there, and the path the answer must name.</summary>
    private Dictionary<string, (string[] Args, string Named)> Cases() => new()
    {
        ["solve --model"] = (["solve", "--model", "missing-model.json", "--out", Path.Combine(_folder, "s.json")], "missing-model.json"),
        ["solve --initial"] = (["solve", "--model", Points, "--initial", "missing-initial.json", "--out", Path.Combine(_folder, "s.json")], "missing-initial.json"),
        ["solve --out"] = (["solve", "--model", Points, "--out", $"{Unwritable}/s.json"], $"{Unwritable}/s.json"),
        ["roster --model"] = (["roster", "--model", "missing-roster.json", "--out", Path.Combine(_folder, "r.json")], "missing-roster.json"),
        ["roster --initial"] = (["roster", "--model", Points, "--initial", "missing-start.json", "--out", Path.Combine(_folder, "r.json")], "missing-start.json"),
        ["roster --out"] = (["roster", "--model", Points, "--out", $"{Unwritable}/r.json"], $"{Unwritable}/r.json"),
        ["bench roster --maps"] = (["bench", "roster", "--demo", "--maps", "nowhere-maps"], "nowhere-maps"),
        ["bench matrix --map"] = (["bench", "matrix", "--map", "maps/nowhere"], "maps/nowhere"),
        ["bench pickups --map"] = (["bench", "pickups", "--map", "maps/nowhere"], "maps/nowhere"),
        ["bench visits --map"] = (["bench", "visits", "--map", "maps/nowhere"], "maps/nowhere"),
        ["bench replan --map"] = (["bench", "replan", "--day", "--map", "maps/nowhere"], "maps/nowhere"),
        ["bench visits --maps"] = (["bench", "visits", "--scenario", "thanh-hoa", "--maps", "nowhere-maps"], "nowhere-maps"),
        ["bench solomon --data"] = (["bench", "solomon", "--data", "nowhere-bench"], "nowhere-bench"),
        ["bench solomon --csv"] = (["bench", "solomon", "--csv", $"{Unwritable}/x.csv"], $"{Unwritable}/x.csv"),
        ["bench solomon --solutions"] = (["bench", "solomon", "--solutions", $"{Unwritable}/sol"], $"{Unwritable}/sol"),
        ["bench lilim --data"] = (["bench", "lilim", "--data", "nowhere-bench"], "nowhere-bench"),
        ["bench lilim --csv"] = (["bench", "lilim", "--csv", $"{Unwritable}/x.csv"], $"{Unwritable}/x.csv"),
        ["bench lilim --solutions"] = (["bench", "lilim", "--solutions", $"{Unwritable}/sol"], $"{Unwritable}/sol"),
        ["bench darp --data"] = (["bench", "darp", "--data", "nowhere-bench"], "nowhere-bench"),
        ["bench darp --csv"] = (["bench", "darp", "--csv", $"{Unwritable}/x.csv"], $"{Unwritable}/x.csv"),
        ["bench darp --solutions"] = (["bench", "darp", "--solutions", $"{Unwritable}/sol"], $"{Unwritable}/sol"),
        ["matrix --map"] = (["matrix", "--map", "maps/nowhere", "--points", Points], "maps/nowhere"),
        ["matrix --points"] = (["matrix", "--map", "maps/andorra", "--points", "missing-points.csv"], "missing-points.csv"),
        ["matrix --weather"] = (["matrix", "--map", "maps/andorra", "--points", Points, "--weather", "missing-weather.geojson"], "missing-weather.geojson"),
        ["import-map --osm"] = (["import-map", "--osm", "missing.osm", "--boundary", Boundary, "--out", _folder], "missing.osm"),
        ["import-map --boundary"] = (["import-map", "--osm", Osm, "--boundary", "missing-boundary.geojson", "--out", _folder], "missing-boundary.geojson"),
        ["import-map --out"] = (["import-map", "--osm", Osm, "--boundary", Boundary, "--out", $"{Unwritable}/map"], $"{Unwritable}/map"),
        ["seed --data-folder"] = (["seed", "--demo", "--data-folder", $"{Unwritable}/data"], $"{Unwritable}/data"),
        ["seed --maps"] = (["seed", "--demo", "--maps", "nowhere-maps", "--data-folder", Path.Combine(_folder, "db")], "nowhere-maps"),
        ["bench load --url"] = (["bench", "load", "--url", "http://10.1.2.3:5000"], "http://10.1.2.3:5000"),
        ["bench load --data-folder"] = (["bench", "load", "--data-folder", $"{Unwritable}/data"], Unwritable),
        ["backup --out"] = (["backup", "--out", $"{Unwritable}/b", "--data-folder", DataFolder], $"{Unwritable}/b"),
        ["backup --data-folder"] = (["backup", "--out", Path.Combine(_folder, "b"), "--data-folder", Path.Combine(_folder, "no-data")], Path.Combine(_folder, "no-data")),
        ["restore --from"] = (["restore", "--from", Path.Combine(_folder, "no-backup"), "--data-folder", Path.Combine(_folder, "r")], Path.Combine(_folder, "no-backup")),
        ["restore --data-folder"] = (["restore", "--from", _folder, "--data-folder", $"{Unwritable}/d"], $"{Unwritable}/d"),
    };

    [Fact]
    public void EveryFileOrFolderOption_HasACase()
    {
        var root = (RootCommand)Assembly.Load("outreach").GetType("Outreach.Cli.Commands.OutreachCommandLine", throwOnError: true)!
            .GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(null, null)!;
        var cases = Cases();
        var missing = new List<string>();
        foreach (var (name, command) in Leaves(root, ""))
        {
            // Flags (on or off) take no path, whatever their description says.
            foreach (var option in command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.ValueType != typeof(bool)))
            {
                var description = option.Description ?? "";
                if ((description.Contains("file", StringComparison.OrdinalIgnoreCase) || description.Contains("folder", StringComparison.OrdinalIgnoreCase))
                    && !cases.ContainsKey($"{name} {option.Name}"))
                {
                    missing.Add($"{name} {option.Name} ({description})");
                }
            }
        }

        Assert.True(missing.Count == 0, "no case for: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task EveryCase_OneLineNamingThePath_InBothLanguages_Exit2()
    {
        var problems = new List<string>();
        foreach (var (name, (args, named)) in Cases())
        {
            var (exit, output, error) = await RunAsync(args);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // Vietnamese first: letters beyond ASCII before the " / " that starts the English.
            if (exit != 2 || lines.Length != 1 || !lines[0].Contains(named, StringComparison.Ordinal) || !lines[0].Contains(" / ", StringComparison.Ordinal)
                || !lines[0][..lines[0].IndexOf(" / ", StringComparison.Ordinal)].Any(c => c > 127) || output.Contains("Unhandled", StringComparison.Ordinal))
            {
                problems.Add($"{name}: exit {exit}, stderr: {error.Trim()}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task AFileThatIsThereButNotMapData_OneLineNamingIt_Exit2()
    {
        var (exit, _, error) = await RunAsync(["import-map", "--osm", Osm, "--boundary", NotGeoJson, "--out", _folder]);

        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("broken.geojson", line, StringComparison.Ordinal);
        Assert.Contains("dữ liệu bản đồ không dùng được / map data cannot be used", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static IEnumerable<(string Name, Command Command)> Leaves(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var name = (prefix + " " + sub.Name).Trim();
            if (sub.Subcommands.Count == 0)
            {
                yield return (name, sub);
            }
            else
            {
                foreach (var leaf in Leaves(sub, name))
                {
                    yield return leaf;
                }
            }
        }
    }

    /// <summary>Runs the built tool (src/Outreach.Cli's output of this test's configuration) from the repository root.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var tool = Path.Combine(root, "src", "Outreach.Cli", "bin", configuration, "net10.0", "outreach.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OUTREACH_DATABASE_URL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Outreach.sln above {AppContext.BaseDirectory}");
    }
}
