using Npgsql;

namespace Outreach.Web.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server and the app started on it with docker-compose.yml's settings for the
/// app service (Outreach__Database, ConnectionStrings__Outreach), only the host, port and credentials
/// pointed at the test server and the data folder at a temp folder.
/// </summary>
public sealed class PostgresWebFixture : IAsyncLifetime
{
    private OutreachAppFactory? app;

    public PostgresServer Server { get; } = new();

    /// <summary>The app; skips the calling test (or fails it when PostgreSQL is required) without a server.</summary>
    public OutreachAppFactory App
    {
        get
        {
            Server.SkipIfUnavailable();
            return app ?? throw new InvalidOperationException("The PostgreSQL app did not start.");
        }
    }

    /// <summary>The configuration keys (":" form) the app got, for tests to inspect.</summary>
    public Dictionary<string, string?> AppliedSettings { get; } = [];

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        if (Server.UnavailableReason is not null)
        {
            return;
        }

        var testDatabase = new NpgsqlConnectionStringBuilder(await Server.CreateDatabaseAsync("outreach_web"));
        foreach (var (key, value) in ComposeFile.AppEnvironment())
        {
            var setting = value;
            if (key == "ConnectionStrings__Outreach")
            {
                // Same keys as the container, pointed at the throwaway server instead of host "db".
                setting = new NpgsqlConnectionStringBuilder(value.Replace("${POSTGRES_PASSWORD:-outreach}", "outreach", StringComparison.Ordinal))
                {
                    Host = testDatabase.Host,
                    Port = testDatabase.Port,
                    Database = testDatabase.Database,
                    Username = testDatabase.Username,
                    Password = null,
                }.ConnectionString;
            }

            if (key == "Outreach__DataFolder")
            {
                continue; // /app/data exists only in the container; the factory uses a temp folder.
            }

            AppliedSettings[key.Replace("__", ":", StringComparison.Ordinal)] = setting;
        }

        app = new OutreachAppFactory();
        foreach (var (key, value) in AppliedSettings)
        {
            app.Settings[key] = value;
        }

        // Start it now: migrations run against PostgreSQL before the first request.
        app.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresWebGroup : ICollectionFixture<PostgresWebFixture>
{
    public const string Name = "Web app on PostgreSQL";
}
