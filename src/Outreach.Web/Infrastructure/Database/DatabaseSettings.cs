using Microsoft.Data.Sqlite;
using Npgsql;
using Outreach.Data;

namespace Outreach.Web.Infrastructure.Database;

/// <summary>
/// Which database the app uses, from configuration:
/// <list type="number">
/// <item>OUTREACH_DATABASE_URL (environment): PostgreSQL, as a postgres:// URL or an Npgsql connection string;</item>
/// <item>Outreach:Database = postgres: PostgreSQL with ConnectionStrings:Outreach (required then);</item>
/// <item>Outreach:Database unset but ConnectionStrings:Outreach set (e.g. env ConnectionStrings__Outreach): PostgreSQL;</item>
/// <item>otherwise (or Outreach:Database = sqlite): the SQLite file outreach.db in Outreach:DataFolder
/// (default "data" under the content root; created if missing).</item>
/// </list>
/// </summary>
public sealed record DatabaseSettings(SqlDialect Dialect, string ConnectionString, string Description)
{
    public const string UrlKey = "OUTREACH_DATABASE_URL";
    public const string ProviderKey = "Outreach:Database";
    public const string ConnectionStringName = "Outreach";
    public const string ConnectionStringKey = "ConnectionStrings:Outreach";
    public const string DataFolderKey = "Outreach:DataFolder";
    public const string DefaultDataFolder = "data";
    public const string SqliteFileName = "outreach.db";

    public static DatabaseSettings Resolve(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = configuration[UrlKey];
        if (!string.IsNullOrWhiteSpace(url))
        {
            return Postgres(FromUrlOrConnectionString(url.Trim()));
        }

        var provider = configuration[ProviderKey];
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var dialect = string.IsNullOrWhiteSpace(provider)
            ? string.IsNullOrWhiteSpace(connectionString) ? SqlDialect.Sqlite : SqlDialect.Postgres
            : ParseProvider(provider);
        if (dialect == SqlDialect.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"{ProviderKey} is 'postgres' but {ConnectionStringKey} is empty; set it (env ConnectionStrings__Outreach) or {UrlKey}.");
            }

            return Postgres(connectionString);
        }

        var folder = DataFolder(configuration, contentRoot);
        var file = Path.Combine(folder, SqliteFileName);
        return new DatabaseSettings(
            SqlDialect.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = file }.ToString(),
            $"SQLite file {file}");
    }

    /// <summary>Outreach:DataFolder as an absolute path (default "data" under the content root).</summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = configuration[DataFolderKey];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(folder) ? DefaultDataFolder : folder, contentRoot);
    }

    /// <summary>The database, with the SQLite folder created if missing.</summary>
    public Outreach.Data.Database CreateDatabase()
    {
        if (Dialect == SqlDialect.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return Outreach.Data.Database.ForSqliteFile(file);
        }

        return new Outreach.Data.Database(Dialect, ConnectionString);
    }

    /// <summary>Turns postgres://user:password@host:port/database?sslmode=require into an Npgsql
    /// connection string; anything else is taken as a connection string already.</summary>
    public static string FromUrlOrConnectionString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidOperationException($"{UrlKey} is not a valid postgres:// URL.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var parameter = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = parameter;
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"{UrlKey}: unsupported parameter '{key}'.", e);
            }
        }

        return builder.ConnectionString;
    }

    private static DatabaseSettings Postgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"The PostgreSQL connection string is not valid: {e.Message}", e);
        }

        // Never the password: this text goes to the log.
        return new DatabaseSettings(
            SqlDialect.Postgres,
            connectionString,
            $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username}'");
    }

    private static SqlDialect ParseProvider(string provider)
    {
        try
        {
            return Outreach.Data.Database.ParseDialect(provider);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{ProviderKey} is '{provider}'; use 'sqlite' or 'postgres'.", e);
        }
    }
}
