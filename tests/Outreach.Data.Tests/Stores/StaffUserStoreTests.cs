using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class StaffUserStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static StaffUser User(string userName, StaffRole role = StaffRole.Dispatcher) =>
        new(0, userName, "Nguyễn Văn An", "hash-1", role, null, 0, null, true, Now);

    [SkippableFact]
    public async Task InsertAsync_ThenGetByUserNameInOtherCase_ReturnsStoredUser()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());

        var id = await store.InsertAsync(User("Chief.SongCong", StaffRole.Chief));
        var back = await store.GetByUserNameAsync("chief.songcong");

        Assert.True(id > 0);
        Assert.Equal(User("Chief.SongCong", StaffRole.Chief) with { Id = id }, back);
    }

    [SkippableFact]
    public async Task InsertAsync_NameTakenIgnoringCase_ThrowsDuplicateKeyAndKeepsOne()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());
        await store.InsertAsync(User("admin"));

        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.InsertAsync(User("ADMIN")));

        Assert.Equal(1, await store.CountAsync());
    }

    [SkippableFact]
    public async Task GetByUserNameAsync_Unknown_ReturnsNull()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());

        Assert.Null(await store.GetByUserNameAsync("nobody"));
    }

    [SkippableFact]
    public async Task RecordFailedAttemptAsync_ThirdOfThree_LocksOutAndRestartsCount()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(User("driver1", StaffRole.Driver));
        var lockout = TimeSpan.FromMinutes(15);

        var first = await store.RecordFailedAttemptAsync(id, 3, lockout, Now);
        var second = await store.RecordFailedAttemptAsync(id, 3, lockout, Now);
        var third = await store.RecordFailedAttemptAsync(id, 3, lockout, Now);

        // Failures one and two only count; the third reaches the limit: locked 15 minutes, count back to 0.
        Assert.Equal((1, (DateTimeOffset?)null), (first!.FailedAttempts, first.LockoutEnd));
        Assert.Equal((2, (DateTimeOffset?)null), (second!.FailedAttempts, second.LockoutEnd));
        Assert.Equal((0, (DateTimeOffset?)Now.AddMinutes(15)), (third!.FailedAttempts, third.LockoutEnd));
    }

    [SkippableFact]
    public async Task RecordFailedAttemptAsync_UnknownId_ReturnsNull()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());

        Assert.Null(await store.RecordFailedAttemptAsync(42, 3, TimeSpan.FromMinutes(5), Now));
    }

    [SkippableFact]
    public async Task ResetFailedAttemptsAsync_AfterLockout_ClearsCountAndLockout()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(User("dispatcher"));
        await store.RecordFailedAttemptAsync(id, 1, TimeSpan.FromMinutes(5), Now);
        await store.RecordFailedAttemptAsync(id, 5, TimeSpan.FromMinutes(5), Now);

        Assert.True(await store.ResetFailedAttemptsAsync(id));

        var back = await store.GetAsync(id);
        Assert.Equal(0, back!.FailedAttempts);
        Assert.Null(back.LockoutEnd);
    }

    [SkippableFact]
    public async Task UpdatePasswordAsync_ExistingUser_StoresHashAndFlag()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(User("chief", StaffRole.Chief));

        Assert.True(await store.UpdatePasswordAsync(id, "hash-2", mustChangePassword: false));

        var back = await store.GetAsync(id);
        Assert.Equal(("hash-2", false), (back!.PasswordHash, back.MustChangePassword));
        Assert.False(await store.UpdatePasswordAsync(id + 1, "hash-3", mustChangePassword: false));
    }

    [SkippableFact]
    public async Task UpdateProfileAsync_DispatcherBecomesChiefOfStation_IsStored()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new StaffUserStore(database);
        var id = await store.InsertAsync(User("hoa"));

        Assert.True(await store.UpdateProfileAsync(id, "Trần Thị Hoa", StaffRole.Chief, stationId));

        var back = await store.GetAsync(id);
        Assert.Equal(("Trần Thị Hoa", StaffRole.Chief, (long?)stationId), (back!.DisplayName, back.Role, back.StationId));
        Assert.False(await store.UpdateProfileAsync(id + 1, "x", StaffRole.Driver, null));
    }

    [SkippableFact]
    public async Task UpdateAccountAsync_DisableThenEnable_KeepsTheFirstMomentAndClearsIt()
    {
        var database = await NewDatabaseAsync();
        var stationId = await new StationStore(database).InsertAsync(TestData.Station());
        var store = new StaffUserStore(database);
        var id = await store.InsertAsync(User("tuan", StaffRole.Driver));

        Assert.True(await store.UpdateAccountAsync(id, "Lê Văn Tuấn", StaffRole.Dispatcher, stationId, disabled: true, Now));
        var disabled = await store.GetAsync(id);
        Assert.True(await store.UpdateAccountAsync(id, "Lê Văn Tuấn", StaffRole.Dispatcher, stationId, disabled: true, Now.AddHours(1)));
        var again = await store.GetAsync(id);
        Assert.True(await store.UpdateAccountAsync(id, "Lê Văn Tuấn", StaffRole.Dispatcher, stationId, disabled: false, Now.AddHours(2)));
        var enabled = await store.GetAsync(id);

        Assert.Equal(("Lê Văn Tuấn", StaffRole.Dispatcher, (long?)stationId, (DateTimeOffset?)Now), (disabled!.DisplayName, disabled.Role, disabled.StationId, disabled.DisabledAt));
        Assert.True(disabled.IsDisabled);
        Assert.Equal(Now, again!.DisabledAt);
        Assert.Null(enabled!.DisabledAt);
        Assert.False(await store.UpdateAccountAsync(id + 1, "x", StaffRole.Driver, stationId, disabled: true, Now));
    }

    [SkippableFact]
    public async Task InsertAsync_Disabled_ReadsBackDisabled()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());

        var id = await store.InsertAsync(User("cu") with { DisabledAt = Now });

        Assert.Equal(Now, (await store.GetAsync(id))!.DisabledAt);
    }

    [SkippableFact]
    public async Task ListAsync_TwoUsers_OrderedByName()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());
        await store.InsertAsync(User("zeta"));
        await store.InsertAsync(User("Alpha"));

        var names = (await store.ListAsync()).Select(u => u.UserName);

        Assert.Equal(["Alpha", "zeta"], names);
        Assert.Equal(2, await store.CountAsync());
    }
}

public sealed class SqliteStaffUserStoreTests() : StaffUserStoreTests(new SqliteTarget());

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresStaffUserStoreTests(PostgresServer server) : StaffUserStoreTests(new PostgresTarget(server, "staff"));
