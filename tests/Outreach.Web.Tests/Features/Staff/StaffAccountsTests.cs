using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Staff;

/// <summary>
/// Issue 14, finding 2: an admin sets each account's station and role and disables (and re-enables) it, on
/// /staff/users/{id} and PUT /api/users/{id}; a disabled account cannot sign in and its open sessions stop at once.
/// One body, run on SQLite (<see cref="StaffAccountsTests"/>) and PostgreSQL (<see cref="PostgresStaffAccountsTests"/>).
/// </summary>
public abstract class StaffAccountsTestsBase
{
    private const string Password = "mat-khau-thu-nghiem";
    private static int counter;

    protected abstract OutreachAppFactory App { get; }

    private StaffUserStore Users => App.Services.GetRequiredService<StaffUserStore>();

    [SkippableFact]
    public async Task EditPage_AdminMovesADispatcherToChiefOfAnotherStation_StoredAndTheOldSessionEnds()
    {
        var first = await BookingScenario.CreateAsync(App);
        var second = await BookingScenario.CreateAsync(App);
        var (user, session) = await SignedInUserAsync(StaffRole.Dispatcher, first.StationId);
        using var admin = await App.SignedInAsync(StaffRole.Admin);
        using var before = await session.GetAsync($"/staff/phone-booking?station={first.StationId}");

        using var saved = await EditAsync(admin, user.Id, new Dictionary<string, string?>
        {
            ["Role"] = nameof(StaffRole.Chief),
            ["Station"] = Id(second.StationId),
        });
        using var after = await session.GetAsync($"/staff/phone-booking?station={first.StationId}");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal($"/staff/users?changed={user.Id}", Forms.Location(saved));
        Assert.Contains($"Đã lưu tài khoản &#x27;{user.UserName}&#x27;.", await admin.GetStringAsync(Forms.Location(saved)), StringComparison.Ordinal);
        var stored = await Users.GetAsync(user.Id);
        Assert.Equal((StaffRole.Chief, (long?)second.StationId, false), (stored!.Role, stored.StationId, stored.IsDisabled));
        Assert.StartsWith("/sign-in", Forms.Location(after), StringComparison.Ordinal);
        // Signed in again, the account works for its new unit only.
        using var again = App.CreateBrowserLikeClient();
        (await Forms.SignInAsync(again, user.UserName, Password)).Dispose();
        using var oldUnit = await again.GetAsync($"/staff/phone-booking?station={first.StationId}");
        using var newUnit = await again.GetAsync($"/staff/phone-booking?station={second.StationId}");
        Assert.StartsWith("/status/403", Forms.Location(oldUnit), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, newUnit.StatusCode);
    }

    [SkippableFact]
    public async Task EditPage_AdminDisablesAnAccount_SessionStopsSignInRefused_ReEnabledSignsInAgain()
    {
        var unit = await BookingScenario.CreateAsync(App);
        var (user, session) = await SignedInUserAsync(StaffRole.Driver, unit.StationId);
        using var admin = await App.SignedInAsync(StaffRole.Admin);

        using var disabled = await EditAsync(admin, user.Id, new Dictionary<string, string?>
        {
            ["Disabled"] = "true",
        });
        using var page = await session.GetAsync("/staff");
        using var api = await session.GetAsync("/api/me");
        using var fresh = App.CreateBrowserLikeClient();
        using var refused = await Forms.SignInAsync(fresh, user.UserName, Password);
        var list = await admin.GetStringAsync("/staff/users");
        using var enabled = await EditAsync(admin, user.Id, new Dictionary<string, string?> { ["Disabled"] = null });
        using var back = App.CreateBrowserLikeClient();
        using var signIn = await Forms.SignInAsync(back, user.UserName, Password);

        Assert.Equal($"/staff/users?changed={user.Id}", Forms.Location(disabled));
        Assert.StartsWith("/sign-in", Forms.Location(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tài khoản này đã bị quản trị viên vô hiệu hóa.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"data-user=\"{user.Id}\" class=\"account--disabled\"", list, StringComparison.Ordinal);
        Assert.Contains("Đã vô hiệu hóa từ", list, StringComparison.Ordinal);
        Assert.Equal($"/staff/users?changed={user.Id}", Forms.Location(enabled));
        Assert.Null((await Users.GetAsync(user.Id))!.DisabledAt);
        Assert.Equal("/staff", Forms.Location(signIn));
    }

    [SkippableFact]
    public async Task EditPage_WrongValues_EachNamedWithFieldAndValue_NothingStored()
    {
        var unit = await BookingScenario.CreateAsync(App);
        var (user, _) = await SignedInUserAsync(StaffRole.Dispatcher, unit.StationId);
        using var admin = await App.SignedInAsync(StaffRole.Admin);

        using var badRole = await EditAsync(admin, user.Id, new Dictionary<string, string?>
        {
            ["Role"] = "Boss",
            ["Station"] = "abc",
        });
        using var noStation = await EditAsync(admin, user.Id, new Dictionary<string, string?>
        {
            ["Station"] = "",
            ["Disabled"] = "true",
        });
        using var adminWithStation = await EditAsync(admin, user.Id, new Dictionary<string, string?>
        {
            ["Role"] = nameof(StaffRole.Admin),
        });
        using var unknownStation = await EditAsync(admin, user.Id, new Dictionary<string, string?>
        {
            ["Station"] = "987654321",
        });

        var badRoleHtml = WebUtility.HtmlDecode(await badRole.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, badRole.StatusCode);
        Assert.Contains("Vai trò: “Boss” – Không có vai trò này.", badRoleHtml, StringComparison.Ordinal);
        Assert.Contains("Đơn vị: “abc” – Không có đơn vị này.", badRoleHtml, StringComparison.Ordinal);
        Assert.Contains("Đơn vị: Trưởng công an, điều phối viên và lái xe phải thuộc một đơn vị.",
            WebUtility.HtmlDecode(await noStation.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains($"Đơn vị: “{unit.StationId}” – Quản trị viên làm việc với mọi đơn vị: để trống đơn vị.",
            WebUtility.HtmlDecode(await adminWithStation.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Đơn vị: “987654321” – Không có đơn vị này.",
            WebUtility.HtmlDecode(await unknownStation.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stored = await Users.GetAsync(user.Id);
        Assert.Equal((StaffRole.Dispatcher, (long?)unit.StationId, false), (stored!.Role, stored.StationId, stored.IsDisabled));
    }

    [SkippableFact]
    public async Task EditPage_InEnglish_ErrorInEnglish()
    {
        var unit = await BookingScenario.CreateAsync(App);
        var (user, _) = await SignedInUserAsync(StaffRole.Chief, unit.StationId);
        using var admin = await App.SignedInAsync(StaffRole.Admin);
        (await admin.GetAsync("/language?culture=en&returnUrl=/")).Dispose();

        using var response = await EditAsync(admin, user.Id, new Dictionary<string, string?> { ["Station"] = "" });

        Assert.Contains("Station: A chief, dispatcher or driver must belong to a station.",
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task EditPage_AdminDisablesThemselves_Refused()
    {
        var (admin, session) = await SignedInUserAsync(StaffRole.Admin, null);

        using var response = await EditAsync(session, admin.Id, new Dictionary<string, string?>
        {
            ["Disabled"] = "true",
            ["Role"] = nameof(StaffRole.Chief),
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Vô hiệu hóa tài khoản: “true” – Không thể tự vô hiệu hóa tài khoản đang đăng nhập.", html, StringComparison.Ordinal);
        Assert.Contains("Vai trò: “Chief” – Không thể tự đổi vai trò", html, StringComparison.Ordinal);
        Assert.Equal((StaffRole.Admin, false), ((await Users.GetAsync(admin.Id))!.Role, (await Users.GetAsync(admin.Id))!.IsDisabled));
    }

    [SkippableFact]
    public async Task EditPage_UnknownAccount_404WithThePagesOwnExplanation()
    {
        using var admin = await App.SignedInAsync(StaffRole.Admin);

        using var response = await admin.GetAsync("/staff/users/987654321");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("edit-user", html, StringComparison.Ordinal);
        // The body once came back empty: the framework drops a body for a status set during the render (StatusPages).
        Assert.Contains("id=\"account-not-found\"", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CreateForm_DispatcherWithoutStation_RefusedNamingTheField_NothingStored()
    {
        using var admin = await App.SignedInAsync(StaffRole.Admin);
        var name = $"khong-don-vi-{Interlocked.Increment(ref counter)}";

        using var response = await Forms.SubmitAsync(admin, "/staff/users", new Dictionary<string, string>
        {
            ["NewUserName"] = name,
            ["NewDisplayName"] = "Không đơn vị",
            ["NewRole"] = nameof(StaffRole.Dispatcher),
            ["NewStation"] = "",
            ["NewPassword"] = "tam-thoi-12345",
        }, "create-user");

        Assert.Contains("Đơn vị: Trưởng công an, điều phối viên và lái xe phải thuộc một đơn vị.",
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await Users.GetByUserNameAsync(name));
    }

    [SkippableFact]
    public async Task CreateForm_DriverOfAStation_StoredWithItsStation()
    {
        var unit = await BookingScenario.CreateAsync(App);
        using var admin = await App.SignedInAsync(StaffRole.Admin);
        var name = $"laixe-moi-{Interlocked.Increment(ref counter)}";

        using var response = await Forms.SubmitAsync(admin, "/staff/users", new Dictionary<string, string>
        {
            ["NewUserName"] = name,
            ["NewDisplayName"] = "Lái xe mới",
            ["NewRole"] = nameof(StaffRole.Driver),
            ["NewStation"] = Id(unit.StationId),
            ["NewPassword"] = "tam-thoi-12345",
        }, "create-user");

        var stored = await Users.GetByUserNameAsync(name);
        Assert.Equal((StaffRole.Driver, (long?)unit.StationId, true), (stored!.Role, stored.StationId, stored.MustChangePassword));
    }

    [SkippableFact]
    public async Task Api_ListUsers_AdminGetsStationsAndNoPasswordHash_OthersRefused()
    {
        var unit = await BookingScenario.CreateAsync(App);
        var (user, _) = await SignedInUserAsync(StaffRole.Dispatcher, unit.StationId);
        using var admin = await App.SignedInAsync(StaffRole.Admin);
        using var chief = await App.SignedInAsync(StaffRole.Chief, unit.StationId);

        var json = await admin.GetStringAsync("/api/users");
        using var list = JsonDocument.Parse(json);
        using var refused = await chief.GetAsync("/api/users");
        using var refusedPut = await PutAsync(chief, user.Id, $$"""{ "role": "chief", "stationId": {{unit.StationId}}, "disabled": false }""");

        var mine = list.RootElement.EnumerateArray().Single(u => u.GetProperty("id").GetInt64() == user.Id);
        Assert.Equal(("dispatcher", unit.StationId, false), (mine.GetProperty("role").GetString(), mine.GetProperty("stationId").GetInt64(), mine.GetProperty("disabled").GetBoolean()));
        Assert.DoesNotContain("passwordHash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", json, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedPut.StatusCode);
        Assert.Equal(StaffRole.Dispatcher, (await Users.GetAsync(user.Id))!.Role);
    }

    [SkippableFact]
    public async Task Api_PutUser_SetsStationRoleAndDisabled_SessionStopsAtOnce()
    {
        var first = await BookingScenario.CreateAsync(App);
        var second = await BookingScenario.CreateAsync(App);
        var (user, session) = await SignedInUserAsync(StaffRole.Driver, first.StationId);
        using var admin = await App.SignedInAsync(StaffRole.Admin);

        using var moved = await PutAsync(admin, user.Id, $$"""{ "role": "dispatcher", "stationId": {{second.StationId}}, "disabled": false }""");
        using var body = JsonDocument.Parse(await moved.Content.ReadAsStringAsync());
        using var oldSession = await session.GetAsync("/api/me");
        using var disabled = await PutAsync(admin, user.Id, $$"""{ "role": "dispatcher", "stationId": {{second.StationId}}, "disabled": true }""");
        using var fresh = App.CreateBrowserLikeClient();
        using var refused = await Forms.SignInAsync(fresh, user.UserName, Password);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(("dispatcher", second.StationId), (body.RootElement.GetProperty("role").GetString(), body.RootElement.GetProperty("stationId").GetInt64()));
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.NotNull((await Users.GetAsync(user.Id))!.DisabledAt);
        Assert.Contains("id=\"sign-in-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Api_PutUser_BadValues_400NamesEachFieldAndValue_NothingStored()
    {
        var unit = await BookingScenario.CreateAsync(App);
        var (user, _) = await SignedInUserAsync(StaffRole.Driver, unit.StationId);
        using var admin = await App.SignedInAsync(StaffRole.Admin);

        using var wrongType = await PutAsync(admin, user.Id, """{ "role": "boss", "stationId": 1, "disabled": false }""");
        using var noStation = await PutAsync(admin, user.Id, """{ "role": "chief", "stationId": null, "disabled": false }""");
        using var missing = await PutAsync(admin, user.Id, $$"""{ "stationId": {{unit.StationId}} }""");
        using var unknownStation = await PutAsync(admin, user.Id, """{ "role": "driver", "stationId": 987654321, "disabled": true }""");
        using var unknownUser = await PutAsync(admin, 987654321, $$"""{ "role": "driver", "stationId": {{unit.StationId}}, "disabled": false }""");

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("\"boss\"", Assert.Single((await ErrorsAsync(wrongType))["role"]), StringComparison.Ordinal);
        Assert.Equal("Trường 'stationId' chưa có giá trị: Trưởng công an, điều phối viên và lái xe phải thuộc một đơn vị.",
            Assert.Single((await ErrorsAsync(noStation))["stationId"]));
        Assert.Equal(["disabled", "role"], (await ErrorsAsync(missing)).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Giá trị '987654321' của trường 'stationId' không hợp lệ: Không có đơn vị này.",
            Assert.Single((await ErrorsAsync(unknownStation))["stationId"]));
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        var stored = await Users.GetAsync(user.Id);
        Assert.Equal((StaffRole.Driver, (long?)unit.StationId, false), (stored!.Role, stored.StationId, stored.IsDisabled));
    }

    [SkippableFact]
    public async Task StationlessDispatcher_SignsInButSeesNoUnitAndActsOnNone()
    {
        // An account made before stations were required: it may sign in and change its password, nothing else.
        var unit = await BookingScenario.CreateAsync(App);
        var (_, session) = await SignedInUserAsync(StaffRole.Dispatcher, null);

        var dashboard = await session.GetStringAsync("/staff");
        using var phone = await session.GetAsync("/staff/phone-booking");
        using var pickups = await session.GetAsync($"/staff/pickups?station={unit.StationId}");
        using var sites = await session.GetAsync($"/api/stations/{unit.StationId}/sites");
        var stations = await session.GetFromJsonAsync<JsonElement>("/api/stations");

        Assert.Contains("id=\"no-station-account\"", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(" id=\"stations\"", dashboard, StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(phone), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(pickups), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, sites.StatusCode);
        Assert.Equal(0, stations.GetArrayLength());
    }

    private async Task<(StaffUser User, HttpClient Session)> SignedInUserAsync(StaffRole role, long? stationId)
    {
        var name = $"tk-{role.ToString().ToLowerInvariant()}-{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}"[..30];
        var user = await App.CreateUserAsync(name, Password, role, stationId: stationId);
        var client = App.CreateBrowserLikeClient();
        using var response = await Forms.SignInAsync(client, name, Password);
        Assert.Equal("/staff", Forms.Location(response));
        return (user, client);
    }

    /// <summary>
    /// Posts the account page's form as a browser would: every field as the page shows it (text, the selected option,
    /// a ticked box), then <paramref name="changes"/> (null: the box left unticked).
    /// </summary>
    private static async Task<HttpResponseMessage> EditAsync(HttpClient client, long id, Dictionary<string, string?> changes)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"/staff/users/{id}");
        var form = Forms.FindForm(await client.GetStringAsync(url), "edit-user");
        var fields = Forms.HiddenInputs(form);
        foreach (Match input in Regex.Matches(form, "<input\\b[^>]*>"))
        {
            var name = Regex.Match(input.Value, "\\sname=\"([^\"]*)\"").Groups[1].Value;
            var value = WebUtility.HtmlDecode(Regex.Match(input.Value, "\\svalue=\"([^\"]*)\"").Groups[1].Value);
            var checkbox = input.Value.Contains("type=\"checkbox\"", StringComparison.Ordinal);
            if (name.Length > 0 && (!checkbox || Regex.IsMatch(input.Value, "\\schecked[\\s>=/]")))
            {
                fields[name] = value;
            }
        }

        foreach (Match select in Regex.Matches(form, "<select\\b[^>]*\\sname=\"([^\"]*)\"[^>]*>(.*?)</select>", RegexOptions.Singleline))
        {
            var selected = Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected");
            fields[select.Groups[1].Value] = selected.Success ? WebUtility.HtmlDecode(selected.Groups[1].Value) : "";
        }

        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                fields.Remove(name);
            }
            else
            {
                fields[name] = value;
            }
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(url, content);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, long id, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PutAsync(string.Create(CultureInfo.InvariantCulture, $"/api/users/{id}"), content);
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

public sealed class StaffAccountsTests(OutreachAppFactory app) : StaffAccountsTestsBase, IClassFixture<OutreachAppFactory>
{
    protected override OutreachAppFactory App => app;
}

[Collection(PostgresWebGroup.Name)]
public sealed class PostgresStaffAccountsTests(PostgresWebFixture fixture) : StaffAccountsTestsBase
{
    protected override OutreachAppFactory App => fixture.App;
}
