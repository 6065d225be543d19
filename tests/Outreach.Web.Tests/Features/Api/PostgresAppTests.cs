using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Api;

/// <summary>The station API test body again, on PostgreSQL configured as docker-compose.yml does.</summary>
[Collection(PostgresWebGroup.Name)]
public sealed class PostgresStationApiTests(PostgresWebFixture fixture) : StationApiTestsBase
{
    protected override OutreachAppFactory App => fixture.App;
}

[Collection(PostgresWebGroup.Name)]
public sealed class PostgresAppTests(PostgresWebFixture fixture)
{
    [Fact]
    public void ComposeFile_AppService_ChoosesPostgresByConnectionString()
    {
        var environment = ComposeFile.AppEnvironment();

        Assert.Equal("postgres", environment["Outreach__Database"]);
        Assert.StartsWith("Host=db;Port=5432;Database=outreach;", environment["ConnectionStrings__Outreach"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Startup_ComposeSettings_MigratesPostgresAndReportsHealthy()
    {
        var app = fixture.App;
        using var client = app.CreateBrowserLikeClient();

        using var health = await client.GetAsync("/health");
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var database = app.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        var migrations = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");

        Assert.Equal("postgres", fixture.AppliedSettings["Outreach:Database"]);
        Assert.Equal(SqlDialect.Postgres, database.Dialect);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Postgres", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        Assert.Equal(MigrationRunner.Embedded(SqlDialect.Postgres).Count, migrations);
    }

    [SkippableFact]
    public async Task SignIn_OnPostgres_AdminFromConfigurationSignsIn()
    {
        var app = fixture.App;
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SignInAsync(client, OutreachAppFactory.AdminUserName, OutreachAppFactory.AdminPassword);

        Assert.Equal("/staff", Forms.Location(response));
    }

    [SkippableFact]
    public async Task Startup_DatabaseUrlVariable_UsesPostgres()
    {
        fixture.Server.SkipIfUnavailable();
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync("outreach_url"));
        using var app = new OutreachAppFactory();
        app.Settings["OUTREACH_DATABASE_URL"] =
            $"postgres://{connectionString.Username}@{connectionString.Host}:{connectionString.Port}/{connectionString.Database}";
        using var client = app.CreateBrowserLikeClient();

        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(SqlDialect.Postgres, app.Services.GetRequiredService<Database>().Dialect);
        Assert.False(File.Exists(Path.Combine(app.DataFolder, "outreach.db")));
    }
}
