using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Outreach.Web.Tests.Support;

/// <summary>
/// Mirrors tests/Outreach.Data.Tests/Infrastructure/PostgresServer.cs (same approach; a shared
/// test-support project would hold one copy).
/// A throwaway PostgreSQL server for the test run, started from the machine's binaries
/// (/usr/lib/postgresql/*/bin or OUTREACH_PG_BIN): initdb into a temp folder, pg_ctl start on a free
/// port, stopped and deleted on dispose. As root (CI) initdb refuses to run, so the folder is handed to
/// the postgres user and the tools run through runuser. When no server can be started,
/// <see cref="UnavailableReason"/> says why; tests then skip, or fail when OUTREACH_REQUIRE_POSTGRES=1.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string RequireVariable = "OUTREACH_REQUIRE_POSTGRES";
    private int _databaseCounter;
    private string? _root;
    private string? _binFolder;
    private bool _asPostgresUser;

    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        // Enough for the 200-way booking race without queueing for minutes.
        MaxPoolSize = 60,
        Timeout = 30,
        CommandTimeout = 60,
    }.ToString();

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            UnavailableReason = e.Message;
            await StopAsync();
        }
    }

    public Task DisposeAsync() => StopAsync();

    /// <summary>Skips the calling test (or fails it when PostgreSQL is required) when no server runs.</summary>
    public void SkipIfUnavailable()
    {
        if (UnavailableReason is null)
        {
            return;
        }

        if (Required)
        {
            throw new InvalidOperationException($"{RequireVariable}=1 but PostgreSQL could not be started: {UnavailableReason}");
        }

        Skip.If(true, $"PostgreSQL not available: {UnavailableReason}");
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        SkipIfUnavailable();
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref _databaseCounter)}");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private async Task StartAsync()
    {
        _binFolder = FindBinaries()
            ?? throw new InvalidOperationException("no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin; set OUTREACH_PG_BIN or install postgresql");
        _asPostgresUser = Environment.UserName == "root";
        if (_asPostgresUser && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            throw new InvalidOperationException("running as root, which initdb refuses, and runuser is missing");
        }

        _root = Directory.CreateTempSubdirectory("outreach-pg-").FullName;
        var data = Path.Combine(_root, "data");
        if (_asPostgresUser)
        {
            // The postgres user must own the folder (and reach it: temp folders are created 0700).
            await RunAsync("chown", ["-R", "postgres", _root], asPostgres: false);
        }

        Port = FreePort();
        await RunAsync(Path.Combine(_binFolder, "initdb"), ["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "-D", data], _asPostgresUser);
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200");
        await RunAsync(Path.Combine(_binFolder, "pg_ctl"), ["start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(_root, "server.log"), "-o", options], _asPostgresUser);
    }

    private async Task StopAsync()
    {
        if (_root is null)
        {
            return;
        }

        var data = Path.Combine(_root, "data");
        if (_binFolder is not null && File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await RunAsync(Path.Combine(_binFolder, "pg_ctl"), ["stop", "-m", "immediate", "-w", "-D", data], _asPostgresUser);
            }
            catch (InvalidOperationException)
            {
                // The folder is deleted below either way; a stuck server dies with its data folder gone.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        _root = null;
    }

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("OUTREACH_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string parent = "/usr/lib/postgresql";
        if (!Directory.Exists(parent))
        {
            return null;
        }

        return Directory.GetDirectories(parent)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 90 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
        }
    }
}
