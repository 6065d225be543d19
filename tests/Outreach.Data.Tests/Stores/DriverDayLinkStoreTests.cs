using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class DriverDayLinkStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private async Task<(Database Database, DriverDayLinkStore Store, long PlanId)> SetUpAsync()
    {
        var database = await NewDatabaseAsync();
        var (stationId, _) = await TestData.StationWithSiteAsync(database);
        var plan = await new PlanStore(database, new ManualClock(Now)).SaveNewVersionAsync(new PlanContent(
            new Plan(0, stationId, PlanKind.Pickups, Monday, Monday, 0, PlanStatus.Draft, default, null, "chief"), [], [], []));
        return (database, new DriverDayLinkStore(database), plan.Plan.Id);
    }

    [SkippableFact]
    public async Task GetOrCreateAsync_SameDayTwice_KeepsTheFirstCode()
    {
        var (_, store, planId) = await SetUpAsync();

        var first = await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 3, Monday, Now.AddDays(2));
        var second = await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 3, Monday, Now.AddDays(5));

        Assert.Equal(first, second);
        Assert.Matches("^[2-9A-HJKMNP-Z]{12}$", first.Code);
        Assert.Equal(new DriverDayLink(first.Code, planId, PlanResourceKind.Vehicle, 3, Monday, Now.AddDays(2)), await store.GetAsync(first.Code));
    }

    [SkippableFact]
    public async Task GetOrCreateAsync_OtherVanOrDay_OtherCode()
    {
        var (_, store, planId) = await SetUpAsync();

        var codes = new[]
        {
            (await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 3, Monday, Now)).Code,
            (await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 4, Monday, Now)).Code,
            (await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 3, Monday.AddDays(1), Now)).Code,
        };

        Assert.Equal(3, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ZZZZZZZZZZZZ")]
    [InlineData("K7M2QX9PTA4")]
    [InlineData("K7M2QX9PTA4BB")]
    [InlineData("O0O0O0O0O0O0")]
    [InlineData("' OR 1=1 --")]
    public async Task GetAsync_UnknownOrMalformedCode_Null(string? code)
    {
        var (_, store, planId) = await SetUpAsync();
        await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 3, Monday, Now);

        Assert.Null(await store.GetAsync(code));
    }

    [SkippableFact]
    public async Task GetAsync_LowerCase_FindsTheCode()
    {
        var (_, store, planId) = await SetUpAsync();
        var link = await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 3, Monday, Now);

        Assert.Equal(link, await store.GetAsync(link.Code.ToLowerInvariant()));
    }

    [SkippableFact]
    public async Task DeleteDraft_WithADayLink_TakesItAlong()
    {
        var (database, store, planId) = await SetUpAsync();
        var link = await store.GetOrCreateAsync(planId, PlanResourceKind.Vehicle, 3, Monday, Now);

        Assert.True(await new PlanStore(database, new ManualClock(Now)).DeleteDraftAsync(planId));

        Assert.Null(await store.GetAsync(link.Code));
    }
}

public sealed class SqliteDriverDayLinkStoreTests() : DriverDayLinkStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresDriverDayLinkStoreTests(PostgresServer server) : DriverDayLinkStoreTests(new PostgresTarget(server, "daylinks"));
