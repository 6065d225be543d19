using System.Data.Common;
using Dapper;
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

    [SkippableFact]
    public async Task InsertAsync_OwnPickupLimits_RoundTrip()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var station = TestData.Station() with { MaxTripsPerVan = 2, MaxBookingsPerTrip = 4 };

        var stored = await store.GetAsync(await store.InsertAsync(station));

        Assert.Equal((2, 4), (stored!.MaxTripsPerVan, stored.MaxBookingsPerTrip));
    }

    [SkippableFact]
    public async Task InsertAsync_WaitAndPhoneWithSpacesAndCountryCode_RoundTripInNationalForm()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var station = TestData.Station() with { MaxReturnWaitMinutes = 45, Phone = "+84 912.345-678" };

        var stored = await store.GetAsync(await store.InsertAsync(station));

        Assert.Equal((45, "0912345678"), (stored!.MaxReturnWaitMinutes, stored.Phone));
    }

    [SkippableFact]
    public async Task InsertAsync_NeitherWaitNorPhoneGiven_ThirtyMinutesAndNoPhone()
    {
        var store = new StationStore(await NewDatabaseAsync());

        var stored = await store.GetAsync(await store.InsertAsync(TestData.Station()));

        Assert.Equal((30, null), (stored!.MaxReturnWaitMinutes, stored.Phone));
    }

    [SkippableFact]
    public async Task Migration0012_StationStoredBefore_GetsThirtyMinutesAndNoPhone()
    {
        var database = await NewDatabaseAsync(migrated: false);
        var before = MigrationRunner.Embedded(database.Dialect).Where(m => m.Version < 12).ToList();
        await new MigrationRunner(database, TimeProvider.System, before).RunAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO stations (name, collection_point_name, collection_point_longitude, collection_point_latitude,
                    desk_count, files_per_desk_per_hour)
                VALUES ('Công an phường Cũ', 'Trụ sở', 105.84, 21.47, 2, 5)
                """);
        }

        Assert.Contains(12, await new MigrationRunner(database).RunAsync());

        var stored = Assert.Single(await new StationStore(database).ListAsync());
        Assert.Equal((30, null), (stored.MaxReturnWaitMinutes, stored.Phone));
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_NewValuesAndHours_StoresThemAndKeepsTheRest()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station());
        var settings = new StationSettings(DeskCount: 4, FilesPerDeskPerHour: 6, MaxRideMinutes: 30, BookingSlotMinutes: 30,
            MaxTripsPerVan: 2, MaxBookingsPerTrip: 3, MaxReturnWaitMinutes: 50, Phone: "0912345678",
            [
                new OpeningHours(DayOfWeek.Saturday, new TimeOnly(7, 0), new TimeOnly(11, 0)),
                new OpeningHours(DayOfWeek.Saturday, new TimeOnly(13, 0), new TimeOnly(21, 30)),
            ]);

        Assert.True(await store.UpdateSettingsAsync(id, settings));

        var stored = await store.GetAsync(id);
        Assert.Equal(settings with { OpeningHours = [] }, StationSettings.From(stored!) with { OpeningHours = [] });
        Assert.Equal(settings.OpeningHours, stored!.OpeningHours);
        // What the chief does not edit stays as it was.
        var before = TestData.Station() with { Id = id };
        Assert.Equal((before.Name, before.CollectionPointLocation, before.MapAreaKey), (stored.Name, stored.CollectionPointLocation, stored.MapAreaKey));
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_NoHours_ClosesEveryDay()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station());

        Assert.True(await store.UpdateSettingsAsync(id, StationSettings.From(TestData.Station()) with { OpeningHours = [] }));

        Assert.Empty((await store.GetAsync(id))!.OpeningHours);
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_UnknownStation_ReturnsFalseAndStoresNothing()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station());

        Assert.False(await store.UpdateSettingsAsync(id + 1, StationSettings.From(TestData.Station()) with { DeskCount = 7 }));

        Assert.Equal(3, (await store.GetAsync(id))!.DeskCount);
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_InvalidSettings_ThrowsNamingTheFieldAndStoresNothing()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station());

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.UpdateSettingsAsync(id, StationSettings.From(TestData.Station()) with { DeskCount = 5, MaxBookingsPerTrip = 40 }));

        Assert.Equal(("maxBookingsPerTrip", "40"), (error.Errors[0].Field, error.Errors[0].Value));
        var stored = await store.GetAsync(id);
        Assert.Equal((3, 6), (stored!.DeskCount, stored.MaxBookingsPerTrip));
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_WaitAndPhone_StoredAndReadBackInNationalForm()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station());

        Assert.True(await store.UpdateSettingsAsync(id, StationSettings.From(TestData.Station()) with { MaxReturnWaitMinutes = 75, Phone = "0987 654 321" }));

        var stored = await store.GetAsync(id);
        Assert.Equal((75, "0987654321"), (stored!.MaxReturnWaitMinutes, stored.Phone));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task UpdateSettingsAsync_PhoneLeftEmpty_RemovesThePhone(string? phone)
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station() with { Phone = "0912345678" });

        Assert.True(await store.UpdateSettingsAsync(id, StationSettings.From(TestData.Station()) with { Phone = phone }));

        Assert.Null((await store.GetAsync(id))!.Phone);
    }

    [SkippableTheory]
    [InlineData(5)]
    [InlineData(500)]
    public async Task UpdateSettingsAsync_WaitOutOfRange_ThrowsNamingTheFieldAndStoresNothing(int minutes)
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station() with { MaxReturnWaitMinutes = 40, Phone = "0912345678" });
        var before = await store.GetAsync(id);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.UpdateSettingsAsync(id, StationSettings.From(before!) with { DeskCount = 5, MaxReturnWaitMinutes = minutes }));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("maxReturnWaitMinutes", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)), (only.Field, only.Value));
        Assert.Contains("10 đến 120", only.MessageVi, StringComparison.Ordinal);
        Assert.Contains("between 10 and 120", only.MessageEn, StringComparison.Ordinal);
        AssertSame(before!, await store.GetAsync(id));
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_PhoneNotANumber_ThrowsNamingThePhoneAndStoresNothing()
    {
        var store = new StationStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(TestData.Station() with { Phone = "0912345678" });
        var before = await store.GetAsync(id);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.UpdateSettingsAsync(id, StationSettings.From(before!) with { DeskCount = 5, Phone = "abc" }));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("phone", "abc"), (only.Field, only.Value));
        Assert.Contains("Số điện thoại", only.MessageVi, StringComparison.Ordinal);
        Assert.Contains("phone number", only.MessageEn, StringComparison.Ordinal);
        AssertSame(before!, await store.GetAsync(id));
    }

    [SkippableFact]
    public async Task InsertAsync_PhoneNotANumber_ThrowsNamingThePhoneAndStoresNothing()
    {
        var store = new StationStore(await NewDatabaseAsync());

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.InsertAsync(TestData.Station() with { Phone = "abc" }));

        Assert.Equal(("phone", "abc"), (error.Errors[0].Field, error.Errors[0].Value));
        Assert.Empty(await store.ListAsync());
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_HoursInsertFailsHalfway_RollsBackValuesAndHours()
    {
        var database = await NewDatabaseAsync();
        var store = new StationStore(database);
        var original = TestData.Station() with
        {
            OpeningHours = [new OpeningHours(DayOfWeek.Monday, new TimeOnly(7, 30), new TimeOnly(11, 30))],
        };
        var id = await store.InsertAsync(original);
        // A rule only this test's database has: one interval a day. The new settings pass the domain's checks, the
        // station row and the first interval are written, and the second interval then fails inside the transaction.
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE UNIQUE INDEX test_one_interval_a_day ON station_opening_hours (station_id, day_of_week)");
        }

        var settings = StationSettings.From(original) with
        {
            DeskCount = 9,
            MaxTripsPerVan = 1,
            OpeningHours =
            [
                new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(7, 0), new TimeOnly(11, 0)),
                new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(13, 0), new TimeOnly(17, 0)),
            ],
        };

        await Assert.ThrowsAnyAsync<DbException>(() => store.UpdateSettingsAsync(id, settings));

        AssertSame(original with { Id = id }, await store.GetAsync(id));
    }
}

public sealed class SqliteStationStoreTests() : StationStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresStationStoreTests(PostgresServer server) : StationStoreTests(new PostgresTarget(server, "stations"));
