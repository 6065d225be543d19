using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Data.Tests.Stores;

public abstract class StationStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static void AssertSame(Station expected, Station? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { OpeningHours = [] }, actual with { OpeningHours = [] });
        Assert.Equal(expected.OpeningHours, actual.OpeningHours);
    }

    [SkippableFact]
    public async Task InsertAsync_StationWithHours_RoundTripsEveryField()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var station = TestData.Station();

        var id = await store.InsertAsync(station);

        // Hours come back ordered by day (Sunday = 0 first) then opening time.
        var expected = station with { Id = id, OpeningHours = [station.OpeningHours[2], station.OpeningHours[0], station.OpeningHours[1]] };
        AssertSame(expected, await store.GetAsync(id));
        AssertSame(expected, await store.GetByNameAsync(station.Name));
    }

    [SkippableFact]
    public async Task UpdateAsync_NewHoursAndDesks_ReplacesHours()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station());
        var changed = TestData.Station() with
        {
            Id = id,
            DeskCount = 5,
            OpeningHours = [new OpeningHours(DayOfWeek.Saturday, new TimeOnly(7, 0), new TimeOnly(21, 0))],
        };

        Assert.True(await store.UpdateAsync(changed));

        AssertSame(changed, await store.GetAsync(id));
        Assert.False(await store.UpdateAsync(changed with { Id = id + 1 }));
    }

    [SkippableFact]
    public async Task InsertAsync_SameNameTwice_ThrowsDuplicateKeyAndKeepsOne()
    {
        var store = new StationStore(await NewDatabaseAsync());
        await store.InsertAsync(TestData.Station());

        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.InsertAsync(TestData.Station()));

        Assert.Single(await store.ListAsync());
    }

    [SkippableFact]
    public async Task InsertAsync_ClosingBeforeOpening_ThrowsNamingTheHourAndStoresNothing()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var bad = TestData.Station() with
        {
            OpeningHours = [new OpeningHours(DayOfWeek.Monday, new TimeOnly(17, 0), new TimeOnly(7, 30))],
        };

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.InsertAsync(bad));

        Assert.Equal(("openingHours[0].closes", "07:30"), (error.Errors[0].Field, error.Errors[0].Value));
        Assert.Empty(await store.ListAsync());
    }
}

public sealed class SqliteStationStoreTests() : StationStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresStationStoreTests(PostgresServer server) : StationStoreTests(new PostgresTarget(server, "stations"));
