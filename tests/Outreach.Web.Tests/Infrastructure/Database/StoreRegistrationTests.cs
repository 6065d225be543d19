using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Infrastructure.Database;

public sealed class StoreRegistrationTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    [Fact]
    public void Services_EveryDataStore_IsResolvable()
    {
        // Every public *Store class of Outreach.Data, so a store added there is available to pages at once.
        var storeTypes = typeof(StationStore).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Store", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(typeof(BookingStore), storeTypes);
        Assert.All(storeTypes, t => Assert.NotNull(app.Services.GetService(t)));
    }
}
