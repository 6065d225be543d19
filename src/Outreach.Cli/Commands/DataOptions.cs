using System.CommandLine;
using System.Data.Common;
using Outreach.Data;
using Outreach.Data.Backup;

namespace Outreach.Cli.Commands;

/// <summary>
/// --database, --connection and --data-folder, as the web app reads them (Outreach:Database, the connection string,
/// Outreach:DataFolder): which database, and the data folder holding outreach.db (SQLite) and keys/.
/// </summary>
internal sealed class DataOptions
{
    public Option<string?> Database { get; } = new("--database")
    {
        Description = "sqlite or postgres (default: postgres when --connection or OUTREACH_DATABASE_URL is set, else sqlite).",
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "PostgreSQL connection string (default: environment OUTREACH_DATABASE_URL).",
    };

    public Option<string?> DataFolder { get; } = new("--data-folder")
    {
        Description = "The app's data folder: outreach.db (SQLite) and keys/ (default: src/Outreach.Web/data from the repository root, else ./data).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Database);
        command.Options.Add(Connection);
        command.Options.Add(DataFolder);
    }

    /// <summary>The database and data folder named; a wrong value throws <see cref="BackupException"/> naming it.</summary>
    public (Database Database, string DataFolder) Resolve(ParseResult parse)
    {
        var connection = parse.GetValue(Connection) ?? Environment.GetEnvironmentVariable("OUTREACH_DATABASE_URL");
        var provider = parse.GetValue(Database) ?? (string.IsNullOrWhiteSpace(connection) ? "sqlite" : "postgres");
        SqlDialect dialect;
        try
        {
            dialect = Data.Database.ParseDialect(provider);
        }
        catch (ArgumentException)
        {
            throw new BackupException($"--database '{provider}': chỉ nhận sqlite hoặc postgres", $"--database '{provider}': use sqlite or postgres");
        }

        var folder = Path.GetFullPath(parse.GetValue(DataFolder)
            ?? (File.Exists("Outreach.sln") ? Path.Combine("src", "Outreach.Web", "data") : "data"));
        if (dialect == SqlDialect.Sqlite)
        {
            return (Data.Database.ForSqliteFile(Path.Combine(folder, "outreach.db")), folder);
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new BackupException("--connection: cần chuỗi kết nối PostgreSQL (hoặc đặt OUTREACH_DATABASE_URL)", "--connection: a PostgreSQL connection string is needed (or set OUTREACH_DATABASE_URL)");
        }

        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(FromUrl(connection));
            return (new Database(SqlDialect.Postgres, builder.ConnectionString), folder);
        }
        catch (ArgumentException e)
        {
            throw new BackupException("--connection: chuỗi kết nối không hợp lệ", $"--connection: not a valid connection string ({e.Message})");
        }
    }

    /// <summary>Runs <paramref name="work"/>; an operator's mistake or an unreachable database becomes one line and exit code 2.</summary>
    public static async Task<int> OneLineErrorsAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (BackupException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return CliInput.Report(e);
        }

        return CliInput.ExitInput;
    }

    /// <summary>postgres://user:password@host:port/db as a connection string; anything else as it is.</summary>
    private static string FromUrl(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("not a valid postgres:// URL");
        }

        var user = uri.UserInfo.Split(':', 2);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        };
        return builder.ConnectionString;
    }
}
