using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Startup;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Infrastructure.Startup;

public sealed class StartupSeederTests
{
    [Fact]
    public async Task Seeder_Registered_RunsAfterMigrationsAndFirstAdminBeforeServing()
    {
        using var app = new SeededAppFactory();
        using var client = app.CreateBrowserLikeClient();

        // The seeder stored a station during start-up, so the first request already sees it.
        var dashboardClient = await app.SignedInAsync(StaffRole.Admin);
        var html = await dashboardClient.GetStringAsync("/staff");

        Assert.Equal(1, RecordingSeeder.StaffCountSeen);
        Assert.Contains("Trạm gieo mẫu", html, StringComparison.Ordinal);
        dashboardClient.Dispose();
    }

    private sealed class SeededAppFactory : OutreachAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddStartupSeeder<RecordingSeeder>());
        }
    }

    /// <summary>Stores one station, and remembers how many staff accounts existed when it ran.</summary>
    private sealed class RecordingSeeder(StaffUserStore users, StationStore stations) : IStartupSeeder
    {
        public static long StaffCountSeen { get; private set; } = -1;

        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            StaffCountSeen = await users.CountAsync(cancellationToken);
            await stations.InsertAsync(new Station(0, "Trạm gieo mẫu", null, null, null, null, "Trụ sở",
                new GeoPoint(105.85, 21.49), null, 2, 10, 45, 60, null, []), cancellationToken);
        }
    }
}
