using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outreach.Bench.Load;

/// <summary>
/// The web app run by the bench as its own process on 127.0.0.1 (dotnet Outreach.Web.dll, as the container runs it),
/// on the bench's database, with booking rate limits lifted and nothing seeded; stopped (its process only) on dispose.
/// Its output goes to a log file, named when it fails to start.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private BenchApp(Process process, StreamWriter log, Uri url, string logFile)
    {
        _process = process;
        _log = log;
        Url = url;
        LogFile = logFile;
    }

    public Uri Url { get; }

    public string LogFile { get; }

    /// <summary>Outreach.Web.dll: <paramref name="app"/>, else the newest Release (then Debug) build under the repository.</summary>
    public static string Locate(string? app)
    {
        if (app is not null)
        {
            var full = Path.GetFullPath(app);
            return File.Exists(full) ? full : throw new LoadBenchException($"--app {full}: không có tệp này", $"--app {full}: no such file");
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Outreach.sln")))
            {
                continue;
            }

            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var dll = Path.Combine(dir.FullName, "src", "Outreach.Web", "bin", configuration, "net10.0", "Outreach.Web.dll");
                if (File.Exists(dll))
                {
                    return dll;
                }
            }

            break;
        }

        throw new LoadBenchException(
            "Không thấy Outreach.Web.dll: chạy `dotnet build src/Outreach.Web -c Release` ở thư mục gốc, hoặc dùng --app / --url",
            "Outreach.Web.dll not found: run `dotnet build src/Outreach.Web -c Release` in the repository root, or pass --app / --url");
    }

    public static async Task<BenchApp> StartAsync(string dll, IReadOnlyDictionary<string, string> settings, string logFolder, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var log = Path.Combine(logFolder, "app.log");
        var process = Process.Start(start) ?? throw new LoadBenchException("Không chạy được ứng dụng", "could not start the app");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new BenchApp(process, writer, url, log);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var health = await client.GetAsync(new Uri(url, "/health"), cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(500, cancellationToken);
        }

        await app.DisposeAsync();
        throw new LoadBenchException($"Ứng dụng không khởi động được (xem {log})", $"the app did not start within 2 minutes (see {log})");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
