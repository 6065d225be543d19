using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Features.StationResources.StationResourceTestKit;

namespace Outreach.Web.Tests.Features.StationResources;

/// <summary>The unit's resource pages over HTTP, posted as a browser without JavaScript posts them (issue 17).</summary>
public sealed class StationResourcePagesTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private FleetStore Fleet => app.Services.GetRequiredService<FleetStore>();

    private OfficerStore Officers => app.Services.GetRequiredService<OfficerStore>();

    private SiteStore Sites => app.Services.GetRequiredService<SiteStore>();

    private VisitRequestStore Requests => app.Services.GetRequiredService<VisitRequestStore>();

    [Fact]
    public async Task SaveVan_Chief_StoresTheVanOfTheUnitAndListsIt()
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var html = await PostAsync(chief, $"/staff/vans?station={Id(station)}", "save-van", new()
        {
            ["name"] = "Xe đón số 1", ["plate"] = "20A-123.45", ["seatCount"] = "16", ["wheelchairPlaces"] = "1", ["childSeatCount"] = "2", ["profile"] = "Van",
        });

        var van = Assert.Single(await Fleet.ListVehiclesAsync(station));
        Assert.Equal(("Xe đón số 1", "20A-123.45", 16, 1, 2, VehicleProfile.Van), (van.Name, van.Plate, van.SeatCount, van.WheelchairPlaces, van.ChildSeatCount, van.Profile));
        Assert.Contains("id=\"resource-saved\"", html, StringComparison.Ordinal);
        Assert.Contains("Xe đón số 1", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "Số chỗ ngồi: giá trị “0” không hợp lệ. Giá trị phải từ 1 đến 60.")]
    [InlineData("mười", "Số chỗ ngồi: giá trị “mười” không hợp lệ. Phải là một số.")]
    public async Task SaveVan_BadSeatCount_NamesTheFieldAndValueAndStoresNothing(string seats, string message)
    {
        var station = await EmptyStationAsync(app);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, station);

        var html = await PostAsync(dispatcher, $"/staff/vans?station={Id(station)}", "save-van", new()
        {
            ["name"] = "Xe hỏng", ["seatCount"] = seats, ["profile"] = "Van",
        });

        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("id=\"seatCount-error\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"seatCount\"[^>]*value=\"" + seats + "\"", html);
        Assert.Empty(await Fleet.ListVehiclesAsync(station));
    }

    [Fact]
    public async Task SaveVan_InEnglish_NamesTheFieldInEnglish()
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        using (await chief.GetAsync("/language?culture=en&returnUrl=/"))
        {
        }

        var html = await PostAsync(chief, $"/staff/vans?station={Id(station)}", "save-van", new() { ["name"] = "", ["seatCount"] = "16" });

        Assert.Contains("Name: This field is required.", html, StringComparison.Ordinal);
        Assert.Empty(await Fleet.ListVehiclesAsync(station));
    }

    [Fact]
    public async Task SaveOfficer_WithSkillsAndTwoLeavePeriods_StoresThem()
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var url = $"/staff/officers?station={Id(station)}";
        using var page = await chief.GetAsync(url);
        var fields = new Dictionary<string, string>
        {
            ["name"] = "Nguyễn Văn An", ["phone"] = "0912 345 678", ["contractHoursPerWeek"] = "40",
            ["leave-1-first"] = "2026-12-14", ["leave-1-last"] = "2026-12-16", ["leave-1-reason"] = "Phép năm",
            ["leave-2-first"] = "2026-12-24", ["leave-2-last"] = "",
        };

        // Ticked boxes post the same name more than once: the helper posts a dictionary, so one skill goes this way.
        fields["skills"] = "CaptureOperator";
        var html = await PostAsync(chief, url, "save-officer", fields);

        Assert.Contains("id=\"resource-saved\"", html, StringComparison.Ordinal);
        var officer = Assert.Single(await Officers.ListByStationAsync(station));
        Assert.Equal("Nguyễn Văn An", officer.Name);
        Assert.Equal(OfficerSkills.CaptureOperator, officer.Skills);
        Assert.Equal(40, officer.ContractHoursPerWeek);
        Assert.Equal(
            [new LeavePeriod(new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 16), "Phép năm"), new LeavePeriod(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 24), null)],
            officer.Leave);
    }

    [Fact]
    public async Task SaveOfficer_LeaveEndingBeforeItStarts_NamesTheRowAndStoresNothing()
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var html = await PostAsync(chief, $"/staff/officers?station={Id(station)}", "save-officer", new()
        {
            ["name"] = "Trần Thị Bình", ["contractHoursPerWeek"] = "40",
            ["leave-2-first"] = "2026-12-20", ["leave-2-last"] = "2026-12-18",
        });

        Assert.Contains("Đến hết ngày (dòng 2): giá trị “2026-12-18” không hợp lệ. Ngày cuối phải từ ngày đầu trở đi.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"leave-2-last-error\"", html, StringComparison.Ordinal);
        Assert.Empty(await Officers.ListByStationAsync(station));
    }

    [Fact]
    public async Task SaveTeam_WithTheUnitsOfficerAndVan_StoresIt_AnotherUnitsOfficerIsRefused()
    {
        var station = await EmptyStationAsync(app);
        var other = await EmptyStationAsync(app);
        var officer = await Officers.InsertAsync(new Officer(0, station, "Lê Văn Cường", OfficerSkills.TeamLead, 40, null, []));
        var stranger = await Officers.InsertAsync(new Officer(0, other, "Phạm Văn Lạ", OfficerSkills.TeamLead, 40, null, []));
        var van = await Fleet.InsertVehicleAsync(new Vehicle(0, station, "Xe tổ", null, 7, 0, 0, VehicleProfile.Van));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var url = $"/staff/teams?station={Id(station)}";
        Dictionary<string, string> Fields(long member) => new()
        {
            ["name"] = "Tổ lưu động 1", ["kitCount"] = "2", ["vehicleId"] = Id(van), ["workStart"] = "07:30", ["workEnd"] = "17:00",
            ["maxEveningHoursPerWeek"] = "8", ["maxHolidayHoursPerWeek"] = "8", ["members"] = Id(member),
        };

        var refused = await PostAsync(chief, url, "save-team", Fields(stranger));
        Assert.Contains($"Thành viên: giá trị “{stranger}” không hợp lệ. Không phải cán bộ của đơn vị.", refused, StringComparison.Ordinal);
        Assert.Empty(await Fleet.ListTeamsAsync(station));

        var saved = await PostAsync(chief, url, "save-team", Fields(officer));
        Assert.Contains("id=\"resource-saved\"", saved, StringComparison.Ordinal);
        var team = Assert.Single(await Fleet.ListTeamsAsync(station));
        Assert.Equal([officer], team.MemberOfficerIds);
        Assert.Equal((van, 2), (team.VehicleId, team.KitCount));
    }

    [Fact]
    public async Task SaveSite_PlacedByLatitudeAndLongitude_StoresIt_OutOfRangeIsNamed()
    {
        var station = await EmptyStationAsync(app);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, station);
        var url = $"/staff/sites?station={Id(station)}";

        var refused = await PostAsync(dispatcher, url, "save-site", new() { ["name"] = "Nhà văn hóa thôn Lát Đá", ["kind"] = "VillageCulturalHouse", ["latitude"] = "121.5", ["longitude"] = "105.8" });
        Assert.Contains("Vĩ độ: giá trị “121.5” không hợp lệ.", refused, StringComparison.Ordinal);
        Assert.Empty(await Sites.ListByStationAsync(station));

        await PostAsync(dispatcher, url, "save-site", new() { ["name"] = "Nhà văn hóa thôn Lát Đá", ["kind"] = "VillageCulturalHouse", ["latitude"] = "21,5104", ["longitude"] = "105.7903" });
        var site = Assert.Single(await Sites.ListByStationAsync(station));
        Assert.Equal((SiteKind.VillageCulturalHouse, 21.5104, 105.7903), (site.Kind, site.Location.Latitude, site.Location.Longitude));
    }

    [Fact]
    public async Task SaveSite_TapOnTheMap_FillsThePositionWithoutStoring_ThenSaveStoresIt()
    {
        var station = await EmptyStationAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var url = $"/staff/sites?station={Id(station)}";

        // The middle of the whole-area map is the area's centre: here the collection point, the unit's only place.
        var tapped = await PostAsync(chief, url, "save-site", new() { ["name"] = "Điểm đón chợ", ["kind"] = "PickupPoint", ["map.x"] = "160", ["map.y"] = "160" });

        Assert.Contains("id=\"site-placed\"", tapped, StringComparison.Ordinal);
        Assert.Empty(await Sites.ListByStationAsync(station));
        var latitude = double.Parse(InputValue(tapped, "latitude"), System.Globalization.CultureInfo.InvariantCulture);
        var longitude = double.Parse(InputValue(tapped, "longitude"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(latitude, 21.46, 21.48);
        Assert.InRange(longitude, 105.83, 105.85);
        Assert.Matches("name=\"map-z\" value=\"2\"", tapped);

        var form = Forms.HiddenInputs(Forms.FindForm(tapped, "save-site"));
        form["name"] = "Điểm đón chợ";
        form["kind"] = "PickupPoint";
        form["latitude"] = InputValue(tapped, "latitude");
        form["longitude"] = InputValue(tapped, "longitude");
        using var saved = await chief.PostAsync(url, new FormUrlEncodedContent(form));
        var site = Assert.Single(await Sites.ListByStationAsync(station));
        Assert.Equal((latitude, longitude), (site.Location.Latitude, site.Location.Longitude));
    }

    private static string InputValue(string html, string id) =>
        System.Text.RegularExpressions.Regex.Match(html, $"id=\"{id}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;

    [Fact]
    public async Task SaveVisitRequest_PeopleContactAndWindow_StoresIt_BadPhoneIsNamed()
    {
        var station = await EmptyStationAsync(app);
        var site = await Sites.InsertAsync(new Site(0, station, "Nhà bà Nhung", SiteKind.Home, new GeoPoint(105.79, 21.51), null, false, null));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);
        var url = $"/staff/visit-requests?station={Id(station)}";
        Dictionary<string, string> Fields(string phone) => new()
        {
            ["siteId"] = Id(site), ["countBedriddenOrDisabled"] = "1", ["countElderly"] = "2", ["contactName"] = "Con trai bà Nhung", ["contactPhone"] = phone,
            ["window-1-date"] = "2026-12-15", ["window-1-start"] = "08:00", ["window-1-end"] = "11:00", ["priority"] = "70", ["setupMinutes"] = "10",
        };

        var refused = await PostAsync(chief, url, "save-visit-request", Fields("12345"));
        Assert.Contains("Điện thoại liên hệ: giá trị “12345” không hợp lệ.", refused, StringComparison.Ordinal);
        Assert.Empty(await Requests.ListByStationAsync(station));

        await PostAsync(chief, url, "save-visit-request", Fields("0912345678"));
        var request = Assert.Single(await Requests.ListByStationAsync(station));
        Assert.Equal(site, request.SiteId);
        Assert.Equal(3, request.ApplicantCount);
        Assert.Equal([new AvailabilityWindow(new DateOnly(2026, 12, 15), new TimeOnly(8, 0), new TimeOnly(11, 0))], request.Windows);
        Assert.Equal(("Con trai bà Nhung", "0912345678", 70), (request.ContactName, request.ContactPhone, request.Priority));
    }

    [Fact]
    public async Task Pages_AnotherUnitsChief_IsRefusedAndAnotherUnitsVanIsNotFound()
    {
        var station = await EmptyStationAsync(app);
        var other = await EmptyStationAsync(app);
        var theirs = await Fleet.InsertVehicleAsync(new Vehicle(0, other, "Xe của đơn vị khác", null, 16, 0, 0, VehicleProfile.Van));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        foreach (var page in new[] { "vans", "teams", "officers", "sites", "visit-requests" })
        {
            using var response = await chief.GetAsync($"/staff/{page}?station={Id(other)}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
        }

        // Their van named under this chief's own unit: not found, and a post changes nothing.
        var html = WebUtility.HtmlDecode(await chief.GetStringAsync($"/staff/vans?station={Id(station)}&id={Id(theirs)}"));
        Assert.Contains("id=\"resource-refused\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Xe của đơn vị khác", html, StringComparison.Ordinal);
        using var post = await Forms.PostDirectAsync(chief, $"/staff/vans?station={Id(station)}", "save-van", new Dictionary<string, string>
        {
            ["station"] = Id(station), ["id"] = Id(theirs), ["name"] = "Đổi tên", ["seatCount"] = "4",
        });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("Xe của đơn vị khác", (await Fleet.GetVehicleAsync(theirs))!.Name);
        Assert.Empty(await Fleet.ListVehiclesAsync(station));
    }

    [Fact]
    public async Task RemoveVan_DrivenByATeam_RefusedNamingTheTeam_NothingChanged()
    {
        var station = await EmptyStationAsync(app);
        var van = await Fleet.InsertVehicleAsync(new Vehicle(0, station, "Xe bán tải", null, 4, 0, 0, VehicleProfile.Van));
        await Fleet.InsertTeamAsync(new Team(0, station, "Tổ lưu động Bắc", [], van, VehicleProfile.Van, 2, new TimeOnly(7, 30), new TimeOnly(17, 0), 8, 8));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var html = await PostAsync(chief, $"/staff/vans?station={Id(station)}&id={Id(van)}", "remove-van", []);

        Assert.Contains("Chưa xoá được xe Xe bán tải:", html, StringComparison.Ordinal);
        Assert.Contains("<li>Xe của tổ Tổ lưu động Bắc</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"resource-saved\"", html, StringComparison.Ordinal);
        Assert.Null((await Fleet.GetVehicleAsync(van))!.RemovedAt);
        Assert.Single(await Fleet.ListVehiclesAsync(station));
    }

    [Fact]
    public async Task RemoveVan_Unused_RemovedAndGoneFromThePageAndTheApiList()
    {
        var station = await EmptyStationAsync(app);
        var van = await Fleet.InsertVehicleAsync(new Vehicle(0, station, "Xe đã bán", "20A-999.99", 16, 0, 0, VehicleProfile.Van));
        var kept = await Fleet.InsertVehicleAsync(new Vehicle(0, station, "Xe còn dùng", null, 7, 0, 0, VehicleProfile.Van));
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, station);
        var edit = WebUtility.HtmlDecode(await dispatcher.GetStringAsync($"/staff/vans?station={Id(station)}&id={Id(van)}"));
        Assert.Contains("return confirm('Xo\\u00E1 xe Xe \\u0111\\u00E3 b\\u00E1n?", edit, StringComparison.Ordinal);

        var html = await PostAsync(dispatcher, $"/staff/vans?station={Id(station)}&id={Id(van)}", "remove-van", []);

        Assert.Contains("Đã xoá xe Xe đã bán.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("20A-999.99", html, StringComparison.Ordinal);
        Assert.Contains("Xe còn dùng", html, StringComparison.Ordinal);
        var listed = await dispatcher.GetStringAsync($"/api/stations/{Id(station)}/vehicles");
        Assert.DoesNotContain("Xe đã bán", System.Text.RegularExpressions.Regex.Unescape(listed), StringComparison.Ordinal);
        Assert.Equal([kept], (await Fleet.ListVehiclesAsync(station)).Select(v => v.Id));
        // Still there for the plans and sheets that name it; its edit view is "not found".
        Assert.NotNull((await Fleet.GetVehicleAsync(van))!.RemovedAt);
        var again = WebUtility.HtmlDecode(await dispatcher.GetStringAsync($"/staff/vans?station={Id(station)}&id={Id(van)}"));
        Assert.Contains("Không tìm thấy mục này trong đơn vị.", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveOfficer_TeamMember_RefusedNamingTheTeam()
    {
        var station = await EmptyStationAsync(app);
        var officer = await Officers.InsertAsync(new Officer(0, station, "Đỗ Thị Mai", OfficerSkills.CaptureOperator, 40, "0912000111", []));
        await Fleet.InsertTeamAsync(new Team(0, station, "Tổ Nam", [officer], null, VehicleProfile.Van, 2, new TimeOnly(7, 30), new TimeOnly(17, 0), 8, 8));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var html = await PostAsync(chief, $"/staff/officers?station={Id(station)}&id={Id(officer)}", "remove-officer", []);

        Assert.Contains("Chưa xoá được cán bộ Đỗ Thị Mai:", html, StringComparison.Ordinal);
        Assert.Contains("<li>Thành viên tổ Tổ Nam</li>", html, StringComparison.Ordinal);
        Assert.Single(await Officers.ListByStationAsync(station));
    }

    [Fact]
    public async Task RemoveSite_WithBookingsAhead_RefusedWithTheCountAndDay_NoFamilyNamed()
    {
        var station = await EmptyStationAsync(app);
        var site = await Sites.InsertAsync(new Site(0, station, "Cổng chợ Trống", SiteKind.PickupPoint, new GeoPoint(105.80, 21.48), null, false, null));
        var bookings = app.Services.GetRequiredService<BookingStore>();
        foreach (var (name, phone) in new[] { ("Nhung", "0911222333"), ("Thảo", "0911222444") })
        {
            var booking = new Domain.Booking(0, "", station, site, null, null, 1, 1, BookingNeeds.None, new DateOnly(2026, 12, 8), new TimeOnly(8, 0), name, phone, "vi",
                BookingStatus.Confirmed, default, default);
            Assert.Equal(BookingOutcome.Booked, (await bookings.TryBookAsync(booking, new BookingCapacity(SeatsPerSlot: 100))).Outcome);
        }

        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        var html = await PostAsync(chief, $"/staff/sites?station={Id(station)}&id={Id(site)}", "remove-site", []);

        Assert.Contains("<li>2 lượt đặt đón tại đây ngày 08/12/2026</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nhung", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0911222333", html, StringComparison.Ordinal);
        Assert.Single(await Sites.ListByStationAsync(station));
    }

    [Fact]
    public async Task RemoveVan_AnotherUnitsVan_NotFoundAndNotRemoved()
    {
        var station = await EmptyStationAsync(app);
        var other = await EmptyStationAsync(app);
        var theirs = await Fleet.InsertVehicleAsync(new Vehicle(0, other, "Xe của đơn vị khác", null, 16, 0, 0, VehicleProfile.Van));
        using var chief = await app.SignedInAsync(StaffRole.Chief, station);

        using var post = await Forms.PostDirectAsync(chief, $"/staff/vans?station={Id(station)}", "remove-van", new Dictionary<string, string>
        {
            ["station"] = Id(station), ["id"] = Id(theirs),
        });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var html = WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());
        Assert.Contains("Không tìm thấy mục này trong đơn vị.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Đã xoá", html, StringComparison.Ordinal);
        Assert.Null((await Fleet.GetVehicleAsync(theirs))!.RemovedAt);
    }

    [Fact]
    public async Task Pages_Driver_IsRefused()
    {
        var station = await EmptyStationAsync(app);
        using var driver = await app.SignedInAsync(StaffRole.Driver, station);

        using var response = await driver.GetAsync($"/staff/vans?station={Id(station)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }
}
