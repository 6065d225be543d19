using System.Diagnostics;

namespace Outreach.Cli.Tests;

/// <summary>
/// Issue 14: every wrong path or value given to `outreach backup`, `restore`, `bench load` and `bench pickups` is one line naming it, in
/// Vietnamese and English, and a non-zero exit; never a stack trace or a screen of help. Runs the built tool as a person does.
/// </summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("outreach-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["backup", "--out", "{tmp}/b", "--database", "mysql"], "--database 'mysql'" },
        { ["backup"], "--out" },
        { ["backup", "--out", "{tmp}/b", "--khong-co"], "--khong-co" },
        { ["backup", "--out", "{tmp}/b", "--data-folder", "{tmp}/khong-co"], "{tmp}/khong-co/keys" },
        { ["backup", "--out", "{tmp}/b", "--database", "postgres"], "--connection" },
        { ["backup", "--out", "{tmp}/b", "--database", "postgres", "--connection", "Host=127.0.0.1;Port=abc"], "--connection" },
        { ["restore", "--from", "{tmp}/khong-co"], "{tmp}/khong-co" },
        { ["restore", "--from", "{tmp}"], "manifest.json" },
        { ["bench", "load", "--concurrency", "0"], "--concurrency 0" },
        { ["bench", "pickups", "--live", "--live-iterations", "-1"], "--live-iterations: không được âm / must not be negative: -1" },
        { ["bench", "pickups", "--offers"], "--offers: chỉ dùng cùng --live / works only with --live" },
        { ["bench", "load", "--database", "oracle"], "--database 'oracle'" },
        { ["bench", "load", "--url", "http://10.1.2.3:5000"], "--url 'http://10.1.2.3:5000'" },
        { ["bench", "load", "--app", "{tmp}/khong-co.dll"], "--app {tmp}/khong-co.dll" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Outreach_WrongPathOrValue_OneLineNamingItAndExitCode2(string[] arguments, string named)
    {
        var (exit, output, error) = await RunAsync([.. arguments.Select(a => a.Replace("{tmp}", folder, StringComparison.Ordinal))]);

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, exit);
        Assert.True(lines.Length == 1, $"stderr: {error} stdout: {output}");
        Assert.Contains(named.Replace("{tmp}", folder, StringComparison.Ordinal), lines[0], StringComparison.Ordinal);
        Assert.Contains(" / ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "outreach.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("OUTREACH_DATABASE_URL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
