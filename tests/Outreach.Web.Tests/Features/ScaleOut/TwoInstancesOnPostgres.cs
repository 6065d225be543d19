using Microsoft.Data.Sqlite;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.ScaleOut;

/// <summary>
/// Two app instances (two in-process hosts, each with its own stores, pools and background servers) on one PostgreSQL
/// database of their own and one shared data (keys) folder, as docker compose scales them. They start one after the
/// other, as an orchestrator starts them: the first migrates and creates the admin. <see cref="Configure"/> adds what
/// a test's instances need beyond the database.
/// </summary>
public abstract class TwoInstancesOnPostgres(PostgresWebFixture fixture, string database) : IAsyncLifetime
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory($"outreach-{database}-").FullName;

    protected PostgresWebFixture Fixture { get; } = fixture;

    protected OutreachAppFactory A { get; private set; } = null!;

    protected OutreachAppFactory B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Fixture.Server.UnavailableReason is not null)
        {
            return; // each test skips (or fails when PostgreSQL is required) with the reason
        }

        var connection = await Fixture.Server.CreateDatabaseAsync(database);
        A = Instance(connection);
        B = Instance(connection);
        A.CreateClient().Dispose();
        B.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A new instance on <paramref name="folder"/>: a test that replaces services makes it here.</summary>
    protected virtual OutreachAppFactory Create(string folder) => new() { DataFolder = folder };

    /// <summary>A test's settings for each instance (the database is set already).</summary>
    protected abstract void Configure(OutreachAppFactory app);

    private OutreachAppFactory Instance(string connection)
    {
        var app = Create(dataFolder);
        app.Settings["Outreach:Database"] = "postgres";
        app.Settings["ConnectionStrings:Outreach"] = connection;
        Configure(app);
        return app;
    }
}
