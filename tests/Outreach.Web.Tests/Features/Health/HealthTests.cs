using System.Net;
using System.Text.Json;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Health;

public sealed class HealthTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    [Fact]
    public async Task Health_DatabaseReachable_Healthy()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Sqlite", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Startup_SqliteDefault_CreatesTheFileInTheDataFolder()
    {
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/health")).Dispose();

        Assert.True(File.Exists(Path.Combine(app.DataFolder, "outreach.db")));
    }
}
