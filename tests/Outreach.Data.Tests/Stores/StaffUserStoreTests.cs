using Outreach.Data.Stores;
using Outreach.Data.Tests.Infrastructure;
using Outreach.Domain;

namespace Outreach.Data.Tests.Stores;

public abstract class StaffUserStoreTests(IDatabaseTarget target) : StoreTestBase(target)
{
    private static StaffUser User(string userName, StaffRole role = StaffRole.Dispatcher) =>
        new(0, userName, "Nguyễn Văn An", "hash-1", role, null, true, Now, SecurityStamp: "dau-an-1");

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
    public async Task InsertAsync_WithoutAStamp_GetsARandomOne()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());

        var first = await store.GetAsync(await store.InsertAsync(User("mot") with { SecurityStamp = "" }));
        var second = await store.GetAsync(await store.InsertAsync(User("hai") with { SecurityStamp = "" }));

        Assert.Matches("^[0-9a-f]{32}$", first!.SecurityStamp);
        Assert.NotEqual(first.SecurityStamp, second!.SecurityStamp);
    }

    [SkippableFact]
    public async Task RotateSecurityStampAsync_NewStampEachTime_UnknownIdFalse()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(User("laixe", StaffRole.Driver));

        Assert.True(await store.RotateSecurityStampAsync(id));
        var once = (await store.GetAsync(id))!.SecurityStamp;
        Assert.True(await store.RotateSecurityStampAsync(id));
        var twice = (await store.GetAsync(id))!.SecurityStamp;

        Assert.NotEqual("dau-an-1", once);
        Assert.NotEqual(once, twice);
        Assert.False(await store.RotateSecurityStampAsync(id + 1));
    }

    [SkippableFact]
    public async Task UpdatePasswordAsync_NewStamp_RehashKeepsIt()
    {
        var store = new StaffUserStore(await NewDatabaseAsync());
        var id = await store.InsertAsync(User("chihuy", StaffRole.Chief));

        await store.RehashPasswordAsync(id, "hash-rehashed");
        var rehashed = await store.GetAsync(id);
        await store.UpdatePasswordAsync(id, "hash-new", mustChangePassword: false);
        var changed = await store.GetAsync(id);

        Assert.Equal(("hash-rehashed", "dau-an-1"), (rehashed!.PasswordHash, rehashed.SecurityStamp));
        Assert.Equal("hash-new", changed!.PasswordHash);
        Assert.NotEqual("dau-an-1", changed.SecurityStamp);
    }

    [SkippableFact]
    public async Task UpdateAccountAsync_NewStampOnRoleStationOrDisable_NotOnTheNameAlone()
    {
        var database = await NewDatabaseAsync();
        var stations = new StationStore(database);
        var first = await stations.InsertAsync(TestData.Station());
        var second = await stations.InsertAsync(TestData.Station("Công an xã Bình Sơn"));
        var store = new StaffUserStore(database);
        var id = await store.InsertAsync(User("an") with { StationId = first });
        async Task<string> StampAfter(string name, StaffRole role, long? station, bool disabled)
        {
            await store.UpdateAccountAsync(id, name, role, station, disabled, Now);
            return (await store.GetAsync(id))!.SecurityStamp;
        }

        var renamed = await StampAfter("Nguyễn Văn Ân", StaffRole.Dispatcher, first, disabled: false);
        var promoted = await StampAfter("Nguyễn Văn Ân", StaffRole.Chief, first, disabled: false);
        var moved = await StampAfter("Nguyễn Văn Ân", StaffRole.Chief, second, disabled: false);
        var disabled = await StampAfter("Nguyễn Văn Ân", StaffRole.Chief, second, disabled: true);
        var stillDisabled = await StampAfter("Nguyễn Văn Ân", StaffRole.Chief, second, disabled: true);

        Assert.Equal("dau-an-1", renamed);
        Assert.Equal(4, new[] { renamed, promoted, moved, disabled }.Distinct().Count());
        Assert.Equal(disabled, stillDisabled);
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
