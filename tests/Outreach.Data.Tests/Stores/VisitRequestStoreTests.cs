using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;
using Outreach.Domain.Validation;

namespace Outreach.Data.Tests.Stores;

public abstract class VisitRequestStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static readonly DateOnly Sunday = new(2026, 3, 8);

    /// <summary>Operation 1 of DOMAIN.md: 81 residents of a care centre, on a Sunday morning with doctors present.</summary>
    private static VisitRequest CareCentreSunday(long stationId, long siteId) => new(
        0, stationId, siteId,
        [new ApplicantGroup(ApplicantCategory.BedriddenOrDisabled, 6, 40), new ApplicantGroup(ApplicantCategory.CareCentreResident, 75, null)],
        SetupMinutes: 30,
        Windows: [new AvailabilityWindow(Sunday, new TimeOnly(8, 0), new TimeOnly(11, 30)), new AvailabilityWindow(Sunday, new TimeOnly(14, 0), new TimeOnly(16, 30))],
        RequiredPresence.Doctor | RequiredPresence.Relative,
        Priority: 90,
        Deadline: new DateOnly(2026, 3, 31),
        ExpectedFailureShare: 0.15,
        VisitRequestStatus.Open,
        Note: "Trung tâm Bảo trợ xã hội");

    private static void AssertSame(VisitRequest expected, VisitRequest? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Applicants = [], Windows = [] }, actual with { Applicants = [], Windows = [] });
        Assert.Equal(expected.Applicants, actual.Applicants);
        Assert.Equal(expected.Windows, actual.Windows);
    }

    [SkippableFact]
    public async Task InsertAsync_CareCentreSunday_RoundTripsGroupsAndWindows()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var store = new VisitRequestStore(database);
        var request = CareCentreSunday(stationId, siteId);

        var id = await store.InsertAsync(request);

        var back = await store.GetAsync(id);
        AssertSame(request with { Id = id }, back);
        // 6 bedridden at the overridden 40 min and 75 residents at the default 20 min.
        Assert.Equal((81, 40, 20), (back!.ApplicantCount, back.Applicants[0].CaptureMinutesPerPerson, back.Applicants[1].CaptureMinutesPerPerson));
    }

    [SkippableFact]
    public async Task InsertAsync_ContactWithSpacedPhone_StoredInNationalFormAndBadPhoneRejected()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var store = new VisitRequestStore(database);

        var id = await store.InsertAsync(CareCentreSunday(stationId, siteId) with { ContactName = "Phòng Công tác xã hội", ContactPhone = "+84 912 345 678" });
        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.InsertAsync(CareCentreSunday(stationId, siteId) with { ContactPhone = "12345" }));

        var back = await store.GetAsync(id);
        Assert.Equal(("Phòng Công tác xã hội", "0912345678"), (back!.ContactName, back.ContactPhone));
        Assert.Equal(("contactPhone", "12345"), (error.Errors.Single().Field, error.Errors.Single().Value));
    }

    [SkippableFact]
    public async Task UpdateAsync_NewWindow_ReplacesWindowsAndGroups()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var store = new VisitRequestStore(database);
        var id = await store.InsertAsync(CareCentreSunday(stationId, siteId));
        var changed = CareCentreSunday(stationId, siteId) with
        {
            Id = id,
            Applicants = [new ApplicantGroup(ApplicantCategory.Elderly, 3, null)],
            Windows = [new AvailabilityWindow(Sunday.AddDays(-1), new TimeOnly(17, 30), new TimeOnly(20, 30))],
        };

        Assert.True(await store.UpdateAsync(changed));

        AssertSame(changed, await store.GetAsync(id));
    }

    [SkippableFact]
    public async Task InsertAsync_WindowEndingBeforeStart_ThrowsNamingWindowAndStoresNothing()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var store = new VisitRequestStore(database);
        var bad = CareCentreSunday(stationId, siteId) with { Windows = [new AvailabilityWindow(Sunday, new TimeOnly(11, 0), new TimeOnly(8, 0))] };

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.InsertAsync(bad));

        Assert.Equal("windows[0].end", Assert.Single(error.Errors).Field);
        Assert.Empty(await store.ListByStationAsync(stationId));
    }

    [SkippableFact]
    public async Task ListByStationAsync_StatusFilter_ReturnsOnlyOpenByPriority()
    {
        var database = await NewDatabaseAsync();
        var (stationId, siteId) = await TestData.StationWithSiteAsync(database);
        var store = new VisitRequestStore(database);
        var ids = await store.InsertManyAsync(
        [
            CareCentreSunday(stationId, siteId) with { Priority = 10 },
            CareCentreSunday(stationId, siteId) with { Priority = 80 },
            CareCentreSunday(stationId, siteId) with { Priority = 50 },
        ]);
        await store.SetStatusAsync(ids[2], VisitRequestStatus.Completed);

        var open = await store.ListByStationAsync(stationId, VisitRequestStatus.Open);

        // Priority 80 before 10; the completed one (50) is left out.
        Assert.Equal([ids[1], ids[0]], open.Select(r => r.Id));
        Assert.Equal(3, (await store.ListByStationAsync(stationId)).Count);
    }
}

public sealed class SqliteVisitRequestStoreTests() : VisitRequestStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresVisitRequestStoreTests(PostgresServer server) : VisitRequestStoreTests(new PostgresTarget(server, "visits"));
