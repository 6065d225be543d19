using System.Diagnostics;
using System.Text.Json;

namespace Outreach.Quality.Tests;

/// <summary>
/// README's run command builds Debug, and its first start must be quick; the test command builds Release, which must
/// keep every gate. These tests evaluate the real project files with MSBuild, with and without a configuration, as
/// `dotnet run` and `dotnet test -c Release` do.
/// </summary>
public class BuildSettingsTests
{
    private const string WebProject = "src/Outreach.Web/Outreach.Web.csproj";

    [Fact]
    public void PlainRun_SkipsAnalyzersAndNullableAnalysis_UsesOneProcessAndTheCompilerServer()
    {
        // No configuration on the command line, as README's `dotnet run --project src/Outreach.Web` passes none.
        var p = Properties(WebProject, configuration: null,
            "Configuration", "RunAnalyzersDuringBuild", "EnforceCodeStyleInBuild", "UseSharedCompilation", "Features",
            "BuildInParallel", "TieredPGO");

        Assert.Equal("Debug", p["Configuration"]);
        Assert.Equal("false", p["RunAnalyzersDuringBuild"]);
        Assert.Equal("false", p["EnforceCodeStyleInBuild"]);
        Assert.Equal("true", p["UseSharedCompilation"]);
        Assert.Contains("run-nullable-analysis=never", p["Features"], StringComparison.Ordinal);
        Assert.Equal("false", p["BuildInParallel"]);
        Assert.Equal("false", p["TieredPGO"]);
    }

    [Fact]
    public void ReleaseBuild_KeepsAnalyzersCodeStyleAndNullableWarnings()
    {
        var p = Properties(WebProject, configuration: "Release",
            "RunAnalyzersDuringBuild", "EnforceCodeStyleInBuild", "TreatWarningsAsErrors", "Features", "BuildInParallel",
            "TieredPGO");

        Assert.NotEqual("false", p["RunAnalyzersDuringBuild"]);
        Assert.Equal("true", p["EnforceCodeStyleInBuild"]);
        Assert.Equal("true", p["TreatWarningsAsErrors"]);
        Assert.DoesNotContain("run-nullable-analysis", p["Features"], StringComparison.Ordinal);
        Assert.NotEqual("false", p["BuildInParallel"]);
        Assert.NotEqual("false", p["TieredPGO"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Release")]
    public void UnusedGenerators_AreDropped_TheRegexGeneratorStays(string? configuration)
    {
        var analyzers = Analyzers("src/Outreach.Data/Outreach.Data.csproj", configuration);

        Assert.DoesNotContain("Microsoft.Interop.ComInterfaceGenerator", analyzers);
        Assert.DoesNotContain("Microsoft.Interop.LibraryImportGenerator", analyzers);
        Assert.DoesNotContain("System.Text.Json.SourceGeneration", analyzers);
        Assert.Contains("System.Text.RegularExpressions.Generator", analyzers);
        if (configuration == "Release")
        {
            Assert.Contains("Microsoft.CodeAnalysis.NetAnalyzers", analyzers);
            Assert.Contains("Microsoft.CodeAnalysis.BannedApiAnalyzers", analyzers);
        }
        else
        {
            Assert.DoesNotContain("Microsoft.CodeAnalysis.NetAnalyzers", analyzers);
        }
    }

    private static Dictionary<string, string> Properties(string project, string? configuration, params string[] names)
    {
        var args = new List<string> { "msbuild", project };
        args.AddRange(names.Select(n => $"-getProperty:{n}"));
        using var json = JsonDocument.Parse(MsBuild(args, configuration));
        return json.RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    private static HashSet<string> Analyzers(string project, string? configuration)
    {
        // The targets that resolve the framework's and the packages' analyzers, then the one that drops the unused ones.
        var args = new List<string>
        {
            "msbuild", project, "-t:ResolveTargetingPackAssets;ResolveLockFileAnalyzers;_OutreachDropUnusedGenerators",
            "-getItem:Analyzer",
        };
        using var json = JsonDocument.Parse(MsBuild(args, configuration));
        return json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(a => a.GetProperty("Filename").GetString() ?? "")
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string MsBuild(List<string> args, string? configuration)
    {
        if (configuration is not null)
        {
            args.Add($"-p:Configuration={configuration}");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args.Append("-nologo"))
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {process.ExitCode}: {stdout} {stderr.Result}");
        return stdout;
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
