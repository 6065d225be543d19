using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Features.StationResources.StationResourceTestKit;

namespace Outreach.Web.Tests.Features.Api;

/// <summary>/api/stations/{id}/vehicles, /teams, /officers, /sites and /visit-requests (issue 17): the same facts and rules as the staff pages.</summary>
public sealed class StationResourceApiTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Post_EachResource_201AndStoredForTheUnit()
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var root = $"/api/stations/{Id(station)}";

        var van = await PostAsync(chief, $"{root}/vehicles", """{ "name": "Xe đón 1", "plate": "20A-123.45", "seatCount": 16, "childSeatCount": 2 }""");
        var officer = await PostAsync(chief, $"{root}/officers",
            """{ "name": "Nguyễn Văn An", "skills": ["captureOperator", "teamLead"], "contractHoursPerWeek": 40, "phone": "0912345678", "leave": [ { "firstDay": "2026-12-14", "lastDay": "2026-12-16", "reason": "Phép năm" } ] }""");
        var officerId = officer.Body.GetProperty("id").GetInt64();
        var vanId = van.Body.GetProperty("id").GetInt64();
        var team = await PostAsync(chief, $"{root}/teams",
            $$"""{ "name": "Tổ 1", "memberOfficerIds": [{{officerId}}], "vehicleId": {{vanId}}, "kitCount": 2, "workStart": "07:30", "workEnd": "17:00" }""");
        var site = await app.Services.GetRequiredService<SiteStore>().InsertAsync(new Site(0, station, "Nhà bà Nhung", SiteKind.Home, new GeoPoint(105.79, 21.51), null, false, null));
        var visit = await PostAsync(chief, $"{root}/visit-requests",
            $$"""{ "siteId": {{site}}, "applicants": [ { "category": "bedriddenOrDisabled", "count": 1 } ], "windows": [ { "date": "2026-12-15", "start": "08:00", "end": "11:00" } ], "contactName": "Con trai", "contactPhone": "0987 654 321" }""");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], new[] { van.Status, officer.Status, team.Status, visit.Status });
        Assert.Equal(["captureOperator", "teamLead"], officer.Body.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("0987654321", visit.Body.GetProperty("contactPhone").GetString());
        var stored = Assert.Single(await app.Services.GetRequiredService<FleetStore>().ListTeamsAsync(station));
        Assert.Equal([officerId], stored.MemberOfficerIds);
        var leave = Assert.Single((await app.Services.GetRequiredService<OfficerStore>().GetAsync(officerId))!.Leave);
        Assert.Equal(new LeavePeriod(new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 16), "Phép năm"), leave);
        using var listed = JsonDocument.Parse(await chief.GetStringAsync($"{root}/visit-requests"));
        Assert.Equal(1, listed.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Post_BadValues_400NamingFieldAndValue_NothingStored()
    {
        var station = await EmptyStationAsync(app);
        var other = await EmptyStationAsync(app);
        var stranger = await app.Services.GetRequiredService<OfficerStore>().InsertAsync(new Officer(0, other, "Người lạ", OfficerSkills.None, 40, null, []));
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, station);
        var root = $"/api/stations/{Id(station)}";

        var van = await PostAsync(dispatcher, $"{root}/vehicles", """{ "name": "Xe", "seatCount": 0 }""");
        var team = await PostAsync(dispatcher, $"{root}/teams", $$"""{ "name": "Tổ", "memberOfficerIds": [{{stranger}}], "kitCount": 1, "workStart": "07:30", "workEnd": "17:00" }""");
        var officer = await PostAsync(dispatcher, $"{root}/officers", """{ "name": "An", "contractHoursPerWeek": 40, "leave": [ { "firstDay": "2026-12-16", "lastDay": "2026-12-14" } ] }""");

        Assert.Equal(HttpStatusCode.BadRequest, van.Status);
        Assert.Contains("0", van.Body.GetProperty("errors").GetProperty("seatCount")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, team.Status);
        Assert.True(team.Body.GetProperty("errors").TryGetProperty("memberOfficerIds[0]", out _));
        Assert.Equal(HttpStatusCode.BadRequest, officer.Status);
        Assert.True(officer.Body.GetProperty("errors").TryGetProperty("leave[0].lastDay", out _));
        Assert.Empty(await app.Services.GetRequiredService<FleetStore>().ListVehiclesAsync(station));
        Assert.Empty(await app.Services.GetRequiredService<FleetStore>().ListTeamsAsync(station));
        Assert.Empty(await app.Services.GetRequiredService<OfficerStore>().ListByStationAsync(station));
    }

    [Fact]
    public async Task Post_AnotherUnit_403()
    {
        var station = await EmptyStationAsync(app);
        var other = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var van = await PostAsync(chief, $"/api/stations/{Id(other)}/vehicles", """{ "name": "Xe", "seatCount": 7 }""");

        Assert.Equal(HttpStatusCode.Forbidden, van.Status);
        Assert.Empty(await app.Services.GetRequiredService<FleetStore>().ListVehiclesAsync(other));
    }

    [Fact]
    public async Task Put_Vehicle_ChangesTheUnitsOwn_400ForABadValue_404ForAnotherUnitsThing()
    {
        var station = await EmptyStationAsync(app);
        var other = await EmptyStationAsync(app);
        var fleet = app.Services.GetRequiredService<FleetStore>();
        var ours = await fleet.InsertVehicleAsync(new Vehicle(0, station, "Xe đón", null, 7, 0, 0, VehicleProfile.Van));
        var theirs = await fleet.InsertVehicleAsync(new Vehicle(0, other, "Xe khác", null, 7, 0, 0, VehicleProfile.Van));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        async Task<HttpStatusCode> PutAsync(long id, string json)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await chief.PutAsync($"/api/stations/{Id(station)}/vehicles/{Id(id)}", content);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await PutAsync(ours, """{ "name": "Xe đón lớn", "seatCount": 16 }"""));
        Assert.Equal(HttpStatusCode.BadRequest, await PutAsync(ours, """{ "name": "Xe đón lớn", "seatCount": 99 }"""));
        Assert.Equal(HttpStatusCode.NotFound, await PutAsync(theirs, """{ "name": "Của tôi", "seatCount": 16 }"""));

        Assert.Equal(("Xe đón lớn", 16), ((await fleet.GetVehicleAsync(ours))!.Name, (await fleet.GetVehicleAsync(ours))!.SeatCount));
        Assert.Equal("Xe khác", (await fleet.GetVehicleAsync(theirs))!.Name);
    }

    [Fact]
    public async Task Delete_Vehicle_204WhenUnused_409NamingTheTeam_404ForAnotherUnitsOrRemoved()
    {
        var station = await EmptyStationAsync(app);
        var other = await EmptyStationAsync(app);
        var fleet = app.Services.GetRequiredService<FleetStore>();
        var sold = await fleet.InsertVehicleAsync(new Vehicle(0, station, "Xe đã bán", null, 7, 0, 0, VehicleProfile.Van));
        var teamVan = await fleet.InsertVehicleAsync(new Vehicle(0, station, "Xe của tổ", null, 7, 0, 0, VehicleProfile.Van));
        await fleet.InsertTeamAsync(new Team(0, station, "Tổ Đông", [], teamVan, VehicleProfile.Van, 2, new TimeOnly(7, 30), new TimeOnly(17, 0), 8, 8));
        var theirs = await fleet.InsertVehicleAsync(new Vehicle(0, other, "Xe khác", null, 7, 0, 0, VehicleProfile.Van));
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, station);
        var root = $"/api/stations/{Id(station)}/vehicles";

        async Task<(HttpStatusCode Status, string Body)> DeleteAsync(long id, string? language = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"{root}/{Id(id)}");
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }

            using var response = await dispatcher.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var removed = await DeleteAsync(sold);
        var again = await DeleteAsync(sold);
        var refused = await DeleteAsync(teamVan);
        var refusedInEnglish = await DeleteAsync(teamVan, "en");
        var foreign = await DeleteAsync(theirs);

        Assert.Equal(
            [HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.NotFound],
            new[] { removed.Status, again.Status, refused.Status, refusedInEnglish.Status, foreign.Status });
        using var problem = JsonDocument.Parse(refused.Body);
        Assert.Equal("Chưa xoá: vẫn đang được dùng. Xe của tổ Tổ Đông", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(["Xe của tổ Tổ Đông"], problem.RootElement.GetProperty("uses").EnumerateArray().Select(u => u.GetString()));
        using var english = JsonDocument.Parse(refusedInEnglish.Body);
        Assert.Equal(["The vehicle of team Tổ Đông"], english.RootElement.GetProperty("uses").EnumerateArray().Select(u => u.GetString()));
        using var listed = JsonDocument.Parse(await dispatcher.GetStringAsync(root));
        Assert.Equal(["Xe của tổ"], listed.RootElement.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Null((await fleet.GetVehicleAsync(theirs))!.RemovedAt);
        // A removed van can no longer be changed, nor given to a team.
        using var put = new StringContent("""{ "name": "Xe đã bán", "seatCount": 9 }""", Encoding.UTF8, "application/json");
        using var changed = await dispatcher.PutAsync($"{root}/{Id(sold)}", put);
        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        var team = await PostAsync(dispatcher, $"/api/stations/{Id(station)}/teams",
            $$"""{ "name": "Tổ Tây", "memberOfficerIds": [], "vehicleId": {{sold}}, "kitCount": 1, "workStart": "07:30", "workEnd": "17:00" }""");
        Assert.Equal(HttpStatusCode.BadRequest, team.Status);
    }

    [Fact]
    public async Task Delete_TeamOfficerSite_204_AndDriver403()
    {
        var station = await EmptyStationAsync(app);
        var officer = await app.Services.GetRequiredService<OfficerStore>().InsertAsync(new Officer(0, station, "Lý Văn Tâm", OfficerSkills.Driver, 40, null, []));
        var team = await app.Services.GetRequiredService<FleetStore>().InsertTeamAsync(
            new Team(0, station, "Tổ cũ", [officer], null, VehicleProfile.Van, 2, new TimeOnly(7, 30), new TimeOnly(17, 0), 8, 8));
        var site = await app.Services.GetRequiredService<SiteStore>().InsertAsync(new Site(0, station, "Điểm đón nhập trùng", SiteKind.PickupPoint, new GeoPoint(105.79, 21.51), null, false, null));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        using var driver = await app.SignedInAsync(StaffRole.Driver, station);
        var root = $"/api/stations/{Id(station)}";

        using var byDriver = await driver.DeleteAsync($"{root}/sites/{Id(site)}");
        using var officerFirst = await chief.DeleteAsync($"{root}/officers/{Id(officer)}");
        using var teamRemoved = await chief.DeleteAsync($"{root}/teams/{Id(team)}");
        using var officerRemoved = await chief.DeleteAsync($"{root}/officers/{Id(officer)}");
        using var siteRemoved = await chief.DeleteAsync($"{root}/sites/{Id(site)}");

        Assert.Equal(HttpStatusCode.Forbidden, byDriver.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, officerFirst.StatusCode);
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], new[] { teamRemoved.StatusCode, officerRemoved.StatusCode, siteRemoved.StatusCode });
        using var sites = JsonDocument.Parse(await chief.GetStringAsync($"{root}/sites"));
        Assert.Equal(0, sites.RootElement.GetArrayLength());
        using var teams = JsonDocument.Parse(await chief.GetStringAsync($"{root}/teams"));
        Assert.Equal(0, teams.RootElement.GetArrayLength());
    }
}
