using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Demo;

public class DemoSeedingTests
{
    [Fact]
    public async Task Start_EmptyDataFolder_SeedsBothDemoStationsAndARestartAddsNothing()
    {
        var folder = Directory.CreateTempSubdirectory("outreach-demo-").FullName;
        try
        {
            int firstBookings;
            using (var first = new OutreachAppFactory { DataFolder = folder })
            {
                first.Settings["Outreach:SeedDemo"] = "true";
                var stations = await first.Services.GetRequiredService<StationStore>().ListAsync();
                Assert.Equal(["Công an phường Xuân Hòa", "Công an thành phố Sông Công"], stations.Select(s => s.Name).Order(StringComparer.Ordinal));
                firstBookings = await CountBookingsAsync(first);
                Assert.True(firstBookings > 50, $"bookings seeded: {firstBookings}");
            }

            using var second = new OutreachAppFactory { DataFolder = folder };
            second.Settings["Outreach:SeedDemo"] = "true";
            Assert.Equal(2, (await second.Services.GetRequiredService<StationStore>().ListAsync()).Count);
            Assert.Equal(firstBookings, await CountBookingsAsync(second));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> CountBookingsAsync(OutreachAppFactory app)
    {
        var bookings = app.Services.GetRequiredService<BookingStore>();
        var total = 0;
        foreach (var station in await app.Services.GetRequiredService<StationStore>().ListAsync())
        {
            total += (await bookings.ListAsync(station.Id, DateOnly.MinValue, DateOnly.MaxValue)).Count;
        }

        return total;
    }
}
