using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Outreach.Bench.Load;

/// <summary>
/// A PostgreSQL server of the bench's own, as the tests start theirs: initdb into a temp folder, pg_ctl on a free port of
/// 127.0.0.1 (through runuser as root, which initdb refuses), restartable mid-run, stopped and deleted on dispose.
/// Binaries from OUTREACH_PG_BIN or the newest /usr/lib/postgresql/*/bin.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgres;

    private ThrowawayPostgres(string bin, string root, bool asPostgres, int port)
    {
        _bin = bin;
        _root = root;
        _asPostgres = asPostgres;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(_root, "data");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        MaxPoolSize = 100,
        Timeout = 15,
    }.ToString();

    /// <exception cref="LoadBenchException">No binaries, or the server did not start.</exception>
    public static async Task<ThrowawayPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindBinaries() ?? throw new LoadBenchException(
            "Không có initdb/pg_ctl (cài gói postgresql, đặt OUTREACH_PG_BIN, hoặc dùng --connection)",
            "no initdb/pg_ctl found (install postgresql, set OUTREACH_PG_BIN, or pass --connection)");
        var asPostgres = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("outreach-bench-pg-").FullName;
        if (asPostgres)
        {
            await RunAsync("chown", ["-R", "postgres", root], false, cancellationToken);
        }

        var server = new ThrowawayPostgres(bin, root, asPostgres, FreePort());
        await RunAsync(Path.Combine(bin, "initdb"), ["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "-D", server.Data], asPostgres, cancellationToken);
        await server.PgCtlAsync("start", cancellationToken);
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("CREATE DATABASE outreach_bench", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return server;
    }

    /// <summary>Stops the server (fast: open transactions roll back, as on a crash or a failover) and starts it again.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => PgCtlAsync("restart", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-m", "immediate", "-w", "-D", Data], _asPostgres, CancellationToken.None);
        }
        catch (LoadBenchException)
        {
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task PgCtlAsync(string action, CancellationToken cancellationToken)
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300");
        return RunAsync(Path.Combine(_bin, "pg_ctl"),
            [action, "-w", "-t", "60", "-m", "fast", "-D", Data, "-l", Path.Combine(_root, "server.log"), "-o", options], _asPostgres, cancellationToken);
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("OUTREACH_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string parent = "/usr/lib/postgresql";
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new LoadBenchException($"không chạy được {program}", $"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new LoadBenchException($"{Path.GetFileName(program)} thất bại", $"{Path.GetFileName(program)} failed ({process.ExitCode}): {(await error).Trim()} {(await output).Trim()}".ReplaceLineEndings(" "));
        }
    }
}

/// <summary>A load bench that cannot run, for a reason to fix: one line, Vietnamese / English.</summary>
public sealed class LoadBenchException : Exception
{
    public LoadBenchException()
    {
    }

    public LoadBenchException(string message)
        : base(message)
    {
    }

    public LoadBenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LoadBenchException(string vietnamese, string english)
        : base($"{vietnamese} / {english}")
    {
    }
}
