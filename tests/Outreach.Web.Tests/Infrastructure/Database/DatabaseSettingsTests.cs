using Microsoft.Extensions.Configuration;
using Npgsql;
using Outreach.Data;
using Outreach.Web.Infrastructure.Database;

namespace Outreach.Web.Tests.Infrastructure.Database;

public sealed class DatabaseSettingsTests
{
    private const string ContentRoot = "/srv/outreach";

    [Fact]
    public void Resolve_NothingConfigured_SqliteFileInDataUnderContentRoot()
    {
        var settings = DatabaseSettings.Resolve(Config(), ContentRoot);

        Assert.Equal(SqlDialect.Sqlite, settings.Dialect);
        Assert.Equal("Data Source=/srv/outreach/data/outreach.db", settings.ConnectionString);
    }

    [Fact]
    public void Resolve_DataFolderRelative_IsUnderContentRoot()
    {
        var settings = DatabaseSettings.Resolve(Config(("Outreach:DataFolder", "var/db")), ContentRoot);

        Assert.Equal("Data Source=/srv/outreach/var/db/outreach.db", settings.ConnectionString);
    }

    [Fact]
    public void Resolve_PostgresWithConnectionString_Postgres()
    {
        // What docker-compose.yml sets: Outreach__Database=postgres and ConnectionStrings__Outreach.
        var settings = DatabaseSettings.Resolve(Config(
            ("Outreach:Database", "postgres"),
            ("ConnectionStrings:Outreach", "Host=db;Port=5432;Database=outreach;Username=outreach;Password=secret")), ContentRoot);

        Assert.Equal(SqlDialect.Postgres, settings.Dialect);
        Assert.Equal("Host=db;Port=5432;Database=outreach;Username=outreach;Password=secret", settings.ConnectionString);
        Assert.DoesNotContain("secret", settings.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlyConnectionStringSet_Postgres()
    {
        var settings = DatabaseSettings.Resolve(Config(("ConnectionStrings:Outreach", "Host=db;Database=outreach")), ContentRoot);

        Assert.Equal(SqlDialect.Postgres, settings.Dialect);
    }

    [Fact]
    public void Resolve_SqliteChosenExplicitly_IgnoresConnectionString()
    {
        var settings = DatabaseSettings.Resolve(Config(
            ("Outreach:Database", "sqlite"),
            ("ConnectionStrings:Outreach", "Host=db;Database=outreach")), ContentRoot);

        Assert.Equal(SqlDialect.Sqlite, settings.Dialect);
    }

    [Fact]
    public void Resolve_PostgresWithoutConnectionString_ErrorNamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DatabaseSettings.Resolve(Config(("Outreach:Database", "postgres")), ContentRoot));

        Assert.Contains("ConnectionStrings:Outreach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownProvider_ErrorNamesKeyAndValue()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DatabaseSettings.Resolve(Config(("Outreach:Database", "oracle")), ContentRoot));

        Assert.Contains("Outreach:Database is 'oracle'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DatabaseUrl_WinsAndIsConvertedToAConnectionString()
    {
        var settings = DatabaseSettings.Resolve(Config(
            ("Outreach:Database", "sqlite"),
            ("OUTREACH_DATABASE_URL", "postgres://outreach:p%40ss@db.example:6543/outreach_prod?sslmode=require")), ContentRoot);
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);

        Assert.Equal(SqlDialect.Postgres, settings.Dialect);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("outreach_prod", builder.Database);
        Assert.Equal("outreach", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void Resolve_DatabaseUrlAsConnectionString_KeptAsIs()
    {
        var settings = DatabaseSettings.Resolve(Config(("OUTREACH_DATABASE_URL", "Host=h;Database=d")), ContentRoot);

        Assert.Equal("Host=h;Database=d", settings.ConnectionString);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
