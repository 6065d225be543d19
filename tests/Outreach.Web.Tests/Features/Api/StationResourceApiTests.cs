using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Features.StationResources.StationResourceTestKit;

namespace Outreach.Web.Tests.Features.Api;

/// <summary>/api/stations/{id}/vehicles, /teams, /officers and /visit-requests (issue 17): the same facts and rules as the staff pages.</summary>
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
}
