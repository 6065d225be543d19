using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Data.Tests.Stores;

public abstract class SiteStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    [SkippableFact]
    public async Task InsertManyAsync_ThreeSites_ListsAllAndFiltersByKind()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new SiteStore(database);
        var hamlet = TestData.Site(stationId, "Xóm Lát Đá", SiteKind.VillageCulturalHouse) with { IsIllustrativePosition = true, Note = "vị trí minh họa" };

        var ids = await store.InsertManyAsync(
        [
            TestData.Site(stationId, "Trường THCS Bình Sơn"),
            hamlet,
            TestData.Site(stationId, "Trung tâm Bảo trợ xã hội", SiteKind.CareCentre),
        ]);

        var all = await store.ListByStationAsync(stationId);
        var schools = await store.ListByStationAsync(stationId, SiteKind.School);
        Assert.Equal(3, all.Count);
        Assert.Equal(hamlet with { Id = ids[1] }, await store.GetAsync(ids[1]));
        Assert.Equal([ids[0]], schools.Select(s => s.Id));
    }

    [SkippableFact]
    public async Task InsertManyAsync_SecondSiteInvalid_NamesIndexedFieldAndStoresNone()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new SiteStore(database);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.InsertManyAsync(
        [
            TestData.Site(stationId),
            TestData.Site(stationId) with { Location = new GeoPoint(105.8, 121.5) },
        ]));

        Assert.Equal(("[1].location", "105.8,121.5"), (error.Errors[0].Field, error.Errors[0].Value));
        Assert.Empty(await store.ListByStationAsync(stationId));
    }

    [SkippableFact]
    public async Task InsertManyAsync_UnknownStationOnLastSite_RollsBackAll()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new SiteStore(database);

        // The foreign key fails on the second insert, after the first already ran in the same transaction.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.InsertManyAsync(
            [TestData.Site(stationId), TestData.Site(stationId + 99)]));

        Assert.Empty(await store.ListByStationAsync(stationId));
    }

    [SkippableFact]
    public async Task UpdateAsync_MovedSite_StoresNewLocation()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new SiteStore(database);
        var id = await store.InsertAsync(TestData.Site(stationId));
        var moved = TestData.Site(stationId) with { Id = id, Location = new GeoPoint(105.80, 21.50), Kind = SiteKind.PickupPoint };

        Assert.True(await store.UpdateAsync(moved));

        Assert.Equal(moved, await store.GetAsync(id));
    }
}

public sealed class SqliteSiteStoreTests() : SiteStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresSiteStoreTests(PostgresServer server) : SiteStoreTests(new PostgresTarget(server, "sites"));
