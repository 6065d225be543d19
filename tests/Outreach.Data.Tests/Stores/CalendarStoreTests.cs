using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class CalendarStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    [SkippableFact]
    public async Task ImportHolidaysCsvAsync_SharedFileTwice_StoresEachDateOnce()
    {
        var store = new CalendarStore(await NewDatabaseAsync());
        var path = Path.Combine(RepositoryRoot.Find(), "..", "shared", "data", "holidays-vn.csv");
        var lines = File.ReadAllLines(path).Count(l => !string.IsNullOrWhiteSpace(l)) - 1;

        using (var first = File.OpenText(path))
        {
            Assert.Equal(lines, await store.ImportHolidaysCsvAsync(first));
        }

        using (var second = File.OpenText(path))
        {
            await store.ImportHolidaysCsvAsync(second);
        }

        var all = await store.ListHolidaysAsync(new DateOnly(2024, 1, 1), new DateOnly(2027, 12, 31));
        Assert.Equal(lines, all.Count);
        var newYear2026 = Assert.Single(all, h => h.Date == new DateOnly(2026, 1, 1));
        Assert.Equal(("Tết Dương lịch", "New Year's Day", HolidayKind.Holiday), (newYear2026.NameVi, newYear2026.NameEn, newYear2026.Kind));
    }

    [SkippableFact]
    public async Task ImportHolidaysCsvAsync_BadLine_NamesLineAndStoresNothing()
    {
        var store = new CalendarStore(await NewDatabaseAsync());
        var csv = """
            date,name_vi,name_en,kind,status,source
            2026-01-01,Tết Dương lịch,New Year's Day,holiday,official,
            2026-02-30,Ngày sai,Bad day,holiday,official,
            """;

        var error = await Assert.ThrowsAsync<FormatException>(() => store.ImportHolidaysCsvAsync(new StringReader(csv)));

        Assert.Contains("Line 3, column date", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListHolidaysAsync(DateOnly.MinValue, DateOnly.MaxValue));
    }

    [SkippableFact]
    public async Task UpsertHolidayAsync_SameDate_ReplacesNamesAndKeepsId()
    {
        var store = new CalendarStore(await NewDatabaseAsync());
        var day = new DateOnly(2026, 9, 1);
        var first = await store.UpsertHolidayAsync(new Holiday(0, day, "Quốc khánh", "National Day", HolidayKind.Holiday, HolidayStatus.Unverified, null));

        var second = await store.UpsertHolidayAsync(new Holiday(0, day, "Quốc khánh", "National Day (adjacent day)", HolidayKind.Holiday, HolidayStatus.Official, "decision"));

        Assert.Equal(first, second);
        Assert.Equal(
            [new Holiday(first, day, "Quốc khánh", "National Day (adjacent day)", HolidayKind.Holiday, HolidayStatus.Official, "decision")],
            await store.ListHolidaysAsync(day, day));
        Assert.True(await store.DeleteHolidayAsync(first));
    }

    [SkippableFact]
    public async Task ShiftDemands_InsertAndListRange_ReturnsOnlyDaysInRange()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new CalendarStore(database);
        var evening = new ShiftDemand(0, stationId, new DateOnly(2026, 8, 31), new TimeOnly(18, 0), 240, ShiftKind.Desk, OfficerSkills.CaptureOperator, 2, "Lễ Quốc khánh");
        var field = evening with { Date = new DateOnly(2026, 9, 1), Start = new TimeOnly(7, 0), Kind = ShiftKind.Field, OfficerCount = 3 };
        var later = evening with { Date = new DateOnly(2026, 9, 5) };

        var ids = await store.InsertShiftDemandsAsync([later, evening, field]);

        Assert.Equal(
            [evening with { Id = ids[1] }, field with { Id = ids[2] }],
            await store.ListShiftDemandsAsync(stationId, new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 2)));
        Assert.True(await store.DeleteShiftDemandAsync(ids[0]));
    }
}

public sealed class SqliteCalendarStoreTests() : CalendarStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresCalendarStoreTests(PostgresServer server) : CalendarStoreTests(new PostgresTarget(server, "calendar"));
