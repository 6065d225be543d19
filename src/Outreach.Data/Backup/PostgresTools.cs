using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Outreach.Data.Backup;

/// <summary>
/// Finds and runs PostgreSQL's own client programs (pg_dump, pg_restore): from <c>OUTREACH_PG_BIN</c> when set, else the
/// PATH, else the newest <c>/usr/lib/postgresql/*/bin</c> (Debian). The connection goes in the environment (PGHOST,
/// PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE), so no password appears on a command line.
/// </summary>
public static class PostgresTools
{
    public const string BinFolderVariable = "OUTREACH_PG_BIN";

    /// <summary>The program's full path, or null when it is nowhere to be found.</summary>
    public static string? Find(string program)
    {
        if (Environment.GetEnvironmentVariable(BinFolderVariable) is { Length: > 0 } configured)
        {
            var candidate = Path.Combine(configured, program);
            return File.Exists(candidate) ? candidate : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => (Bin: Path.Combine(d, "bin", program), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(x => File.Exists(x.Bin))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Bin)
                .FirstOrDefault()
            : null;
    }

    /// <summary>Runs <paramref name="program"/> against the database of <paramref name="connectionString"/>; throws with its error output on failure.</summary>
    public static async Task RunAsync(string program, string connectionString, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(program);
        var path = Find(program) ?? throw new BackupException(
            $"Không tìm thấy {program} (cài gói postgresql-client, hoặc đặt {BinFolderVariable})",
            $"{program} not found (install postgresql-client, or set {BinFolderVariable})");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Set(start, "PGHOST", builder.Host);
        Set(start, "PGPORT", builder.Port.ToString(CultureInfo.InvariantCulture));
        Set(start, "PGDATABASE", builder.Database);
        Set(start, "PGUSER", builder.Username);
        Set(start, "PGPASSWORD", builder.Password);
        if (builder.SslMode != SslMode.Prefer)
        {
            Set(start, "PGSSLMODE", builder.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            });
        }

        using var process = Process.Start(start) ?? throw new BackupException($"Không chạy được {path}", $"could not start {path}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var message = string.Join(" ", ((await error) + " " + (await output)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new BackupException($"{name} thất bại (mã {process.ExitCode})", $"{name} failed (exit {process.ExitCode}): {message}");
        }
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            start.Environment[name] = value;
        }
    }
}
