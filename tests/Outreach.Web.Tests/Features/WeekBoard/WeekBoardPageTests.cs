using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Web.Tests.Features.Jobs;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.WeekBoard;

/// <summary>
/// The chief's week board over HTTP, on the hand-built Xuân Hòa plan (Tuesday 24/11/2026, a week that starts on the
/// test clock's Monday): what it shows, the map's layers and the version stamp, and the flood and closure form.
/// </summary>
public sealed partial class WeekBoardPageTests
{
    private const string Week = "2026-11-23";

    /// <summary>A square of about 200 m around the Trần Quốc Thảo school, as a chief's taps would give it (not closed).</summary>
    private const string Square = """{"type":"Polygon","coordinates":[[[106.694,10.781],[106.696,10.781],[106.696,10.783],[106.694,10.783]]]}""";

    [Fact]
    public async Task Get_Dispatcher_SeesTheWeeksTripsFiguresAndVersionsButNoForms()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        var html = await GetOkAsync(dispatcher, Url(plan));

        // Tuesday's two trips of the one van: trip 1 brings three families in, trip 2 takes them home.
        var tuesday = Text(Section(html, "day-2026-11-24"));
        Assert.Contains("Đón trẻ: bản 1 · bản nháp", tuesday, StringComparison.Ordinal);
        Assert.Contains($"{plan.Van.Name} · chuyến 1 · Đón đến · 07:30–08:05 · 3 gia đình", tuesday, StringComparison.Ordinal);
        Assert.Contains($"{plan.Van.Name} · chuyến 2 · Đưa về · 10:35–11:05 · 3 gia đình", tuesday, StringComparison.Ordinal);
        Assert.Contains("Chưa có kế hoạch đón trẻ", Text(Section(html, "day-2026-11-23")), StringComparison.Ordinal);
        Assert.Contains("Chưa có kế hoạch tổ lưu động tuần này", Text(html), StringComparison.Ordinal);
        // The week's figures: 3 of the 4 bookings on a van; 6 of 6 seats on both trips; Tuấn's with the plan's reason.
        Assert.Equal("Lượt đặt được xếp xe 3 / 4", Text(Row(html, "served")));
        Assert.Equal("Ghế xe dùng (lúc đông nhất mỗi chuyến) 12 / 12 (100%)", Text(Row(html, "seats")).Replace("\u00a0", " ", StringComparison.Ordinal));
        Assert.Equal("Chuyến xe / ngày-tổ 2 / 0", Text(Row(html, "trips")));
        // Lan, Minh and Hường ride (a child and a guardian each): three children of 6-14 served, no team out.
        Assert.Equal("Trẻ em / người giám hộ được xe đón 3 / 3", Text(Row(html, "carried")));
        Assert.Equal("Người được phục vụ (theo đối tượng) 3 trẻ 6–14 tuổi (có người giám hộ)", Text(Row(html, "applicants")));
        Assert.Contains("Chuyến 07:30 thứ Ba đã đủ chỗ; chuyến còn chỗ gần nhất: 14:00: 1", Text(html), StringComparison.Ordinal);
        // The versions of the week, and the stamp the live refresh compares.
        Assert.Contains("Đón trẻ thứ Ba 24/11", Text(html), StringComparison.Ordinal);
        Assert.Contains($"data-stamp=\"{plan.PlanId}d\"", html, StringComparison.Ordinal);
        // A first version has nothing to compare with.
        Assert.DoesNotContain($"data-plan-diff=\"{plan.PlanId}\"", html, StringComparison.Ordinal);
        // A dispatcher reads: no drawing, re-planning or publishing, and no link to the jobs' dashboard.
        Assert.DoesNotContain("save-hazard", html, StringComparison.Ordinal);
        Assert.DoesNotContain("replan-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff/jobs", html, StringComparison.Ordinal);
        Assert.Contains("data-drawing=\"off\"", html, StringComparison.Ordinal);
        // Nothing names a family: no booking code on the board.
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, html, StringComparison.Ordinal);

        // The same in English.
        (await dispatcher.GetAsync("/language?culture=en&returnUrl=/")).Dispose();
        var english = await GetOkAsync(dispatcher, Url(plan));
        Assert.Contains($"{plan.Van.Name} · trip 1 · Outbound · 07:30–08:05 · 3 families", Text(Section(english, "day-2026-11-24")), StringComparison.Ordinal);
        Assert.Equal("Bookings on a van 3 / 4", Text(Row(english, "served")));
        Assert.Contains("Tuesday 07:30 trip full; next free: 14:00: 1", Text(english), StringComparison.Ordinal);
        Assert.Contains("Pickups Tue 24/11", Text(english), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersionAndMap_Chief_StampChangesWithANewVersionAndTheMapHasTheDaysRoutes()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var versionUrl = $"/staff/board/version?station={plan.Station.Id}&week={Week}";

        var before = await StampAsync(chief, versionUrl);
        var second = await app.Services.GetRequiredService<PlanStore>().SaveNewVersionAsync(plan.Content with { Plan = plan.Content.Plan with { Id = 0 } });
        var after = await StampAsync(chief, versionUrl);

        Assert.Equal($"{plan.PlanId}d", before);
        Assert.Equal($"{second.Plan.Id}d,{plan.PlanId}d", after);

        using var map = await chief.GetAsync($"/staff/board/map?station={plan.Station.Id}&week={Week}&day=2026-11-24");
        Assert.True(map.StatusCode == HttpStatusCode.OK, await map.Content.ReadAsStringAsync());
        Assert.Equal("application/geo+json", map.Content.Headers.ContentType?.MediaType);
        var body = await map.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var layers = json.RootElement.GetProperty("features").EnumerateArray()
            .GroupBy(f => f.GetProperty("properties").GetProperty("layer").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        // The two trips of the day as lines through their four stops; the collection point and the sites; the sample's
        // roads around them, clipped and simplified so the answer stays small.
        Assert.Equal(2, layers["route"].Count);
        Assert.All(layers["route"], r => Assert.Equal(4, r.GetProperty("geometry").GetProperty("coordinates").GetArrayLength()));
        Assert.Single(layers["collection"]);
        Assert.Equal(plan.Sites.Count, layers["site"].Count);
        Assert.True(layers["road"].Count > 50, $"{layers["road"].Count} roads");
        Assert.True(body.Length < 400_000, $"{body.Length} bytes");
    }

    [Fact]
    public async Task PostFlood_Chief_StoredForTheChosenDaysBesideTheOtherWeatherAndTheDaysReplanAskedWithItsName()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var weather = app.Services.GetRequiredService<WeatherStore>();
        var rain = new RainArea(7.6, new GeoPolygon([[new(106.68, 10.77), new(106.70, 10.77), new(106.70, 10.79), new(106.68, 10.77)]]));
        var earlier = new FloodArea("Ngập đường Lý Chính Thắng", rain.Area);
        await weather.SaveAsync(new WeatherState(0, plan.Station.Id, plan.Date, [rain], [earlier], [], ManualClock.MondayMorning, "open-meteo"));
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        using var response = await PostAsync(chief, Url(plan), "save-hazard",
            [("HazardType", "flood"), ("HazardName", "Cầu Rẽo"), ("HazardGeometry", Square), ("HazardDays", "2026-11-24"), ("HazardDays", "2026-11-25")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tuesday = (await weather.GetAsync(plan.Station.Id, plan.Date))!;
        Assert.Equal([rain.IntensityMmPerHour], tuesday.RainAreas.Select(r => r.IntensityMmPerHour));
        Assert.Equal(["Ngập đường Lý Chính Thắng", "Cầu Rẽo"], tuesday.FloodAreas.Select(f => f.Name));
        var ring = tuesday.FloodAreas[1].Area.Rings[0];
        Assert.Equal(5, ring.Count);
        Assert.Equal(ring[0], ring[^1]);
        Assert.Equal("Cầu Rẽo", Assert.Single((await weather.GetAsync(plan.Station.Id, plan.Date.AddDays(1)))!.FloodAreas).Name);
        Assert.Null(await weather.GetAsync(plan.Station.Id, plan.Date.AddDays(-1)));
        // Only Tuesday has a plan: its re-plan is asked for, with the flood's name.
        var pending = Assert.Single(await Replans.PendingAsync(app));
        Assert.Equal((plan.Station.Id, PlanKind.Pickups, plan.Date, "weather.flood:Cầu Rẽo"), (pending.StationId, pending.Kind, pending.PeriodStart, pending.Reasons));

        // Back on the board: the flood listed with its days, and the waiting re-plan named as the chief reads it.
        var html = await GetOkAsync(chief, Forms.Location(response)!);
        Assert.Contains("Đã lưu cho 2 ngày", Text(html), StringComparison.Ordinal);
        var listed = Text(Section(html, "hazards", "ul"));
        Assert.Contains("Cầu Rẽo · vùng ngập · thứ Ba 24/11, thứ Tư 25/11", listed, StringComparison.Ordinal);
        Assert.Contains("Ngập đường Lý Chính Thắng · vùng ngập · thứ Ba 24/11", listed, StringComparison.Ordinal);
        Assert.Contains("(đường ngập: Cầu Rẽo)", Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostClosureThenRemove_Chief_TheRoadIsStoredThenTakenOffEveryDayWithTheReplanNamingIt()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var weather = app.Services.GetRequiredService<WeatherStore>();
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        using (var saved = await PostAsync(chief, Url(plan), "save-hazard",
            [("HazardType", "road"), ("HazardName", "Đường Trần Quốc Thảo"), ("HazardGeometry", """{"type":"LineString","coordinates":[[106.6949,10.7810],[106.6951,10.7830]]}"""), ("HazardDays", "2026-11-24")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var closure = Assert.Single((await weather.GetAsync(plan.Station.Id, plan.Date))!.Closures);
        Assert.Equal((ClosureKind.Road, "Đường Trần Quốc Thảo", 2), (closure.Kind, closure.Name, closure.Geometry.Count));

        using var removed = await PostAsync(chief, Url(plan), "remove-hazard-0", [("RemoveType", "road"), ("RemoveName", "Đường Trần Quốc Thảo")]);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await weather.GetAsync(plan.Station.Id, plan.Date))!.Closures);
        Assert.Equal("weather.closure:Đường Trần Quốc Thảo,weather.cleared:Đường Trần Quốc Thảo", Assert.Single(await Replans.PendingAsync(app)).Reasons);
    }

    [Fact]
    public async Task PostFlood_WrongValues_EachErrorNamesItsFieldAndValueAndNothingIsStoredOrAsked()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var missing = await PostOkAsync(chief, Url(plan), "save-hazard",
            [("HazardType", "flood"), ("HazardName", ""), ("HazardGeometry", TwoPoints), ("HazardDays", "2026-12-01")]);
        var outOfRange = await PostOkAsync(chief, Url(plan), "save-hazard",
            [("HazardType", "flood"), ("HazardName", "Cầu Rẽo"), ("HazardGeometry", OutOfRange), ("HazardDays", "2026-11-24")]);
        var wrongShape = await PostOkAsync(chief, Url(plan), "save-hazard",
            [("HazardType", "bridge"), ("HazardName", "Cầu\u202eRẽo"), ("HazardGeometry", Square)]);

        Assert.Equal(
            [
                "Tên: Chưa nhập giá trị.",
                "Hình vẽ trên bản đồ: giá trị “" + Shown(TwoPoints) + "” không hợp lệ. Cần ít nhất 3 điểm khác nhau, mới có 2.",
                "Các ngày áp dụng: giá trị “2026-12-01” không hợp lệ. Ngày phải trong tuần 23/11/2026–29/11/2026.",
            ],
            Errors(missing));
        Assert.Equal(["Hình vẽ trên bản đồ: giá trị “" + Shown(OutOfRange) + "” không hợp lệ. Điểm 2 [106.696, 95]: kinh độ phải từ -180 đến 180, vĩ độ từ -90 đến 90."],
            Errors(outOfRange));
        Assert.Equal(
            [
                "Tên: giá trị “Cầu[U+202E]Rẽo” không hợp lệ. Có ký tự không được phép U+202E.",
                "Hình vẽ trên bản đồ: giá trị “" + Shown(Square) + "” không hợp lệ. Cần hình dạng Point (GeoJSON).",
                "Các ngày áp dụng: Chọn ít nhất một ngày.",
            ],
            Errors(wrongShape));
        // The form comes back as typed.
        Assert.Contains("value=\"Cầu Rẽo\"", outOfRange, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<WeatherStore>().ListAsync(plan.Station.Id, plan.Date.AddDays(-1), plan.Date.AddDays(5)));
        Assert.Empty(await Replans.PendingAsync(app));

        // The same in English.
        (await chief.GetAsync("/language?culture=en&returnUrl=/")).Dispose();
        var english = await PostOkAsync(chief, Url(plan), "save-hazard", [("HazardType", "flood"), ("HazardName", "Cầu Rẽo"), ("HazardGeometry", ""), ("HazardDays", "2026-11-24")]);
        Assert.Equal(["Shape drawn on the map: Nothing drawn on the map."], Errors(english));
    }

    [Theory]
    [InlineData("flood", """{"type":"Polygon","coordinates":[5]}""")]
    [InlineData("flood", """{"type":"Polygon","coordinates":[[[1e999,10],[106,10],[106,11]]]}""")]
    [InlineData("flood", """{"type":"Polygon","coordinates":[[["106","10"],[106,10],[106,11]]]}""")]
    [InlineData("flood", """[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]""")]
    [InlineData("road", """{"type":"LineString","coordinates":{"a":1}}""")]
    [InlineData("road", """{"type":"Feature","geometry":null}""")]
    [InlineData("bridge", """{"type":"Point","coordinates":[106]}""")]
    [InlineData("bridge", "\u0000{")]
    [InlineData("bridge", """{"type":"Point","coordinates":[106,10,"\ud800"],"x":1""")]
    [InlineData("canal", "")]
    public async Task PostFlood_MalformedShapeOrKind_AnErrorNamingTheFieldNeverAServerError(string type, string geometry)
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var html = await PostOkAsync(chief, Url(plan), "save-hazard", [("HazardType", type), ("HazardName", "Cầu Rẽo"), ("HazardGeometry", geometry), ("HazardDays", "2026-11-24")]);

        var error = Assert.Single(Errors(html));
        Assert.StartsWith(type == "canal" ? "Loại: giá trị “canal” không hợp lệ." : "Hình vẽ trên bản đồ:", error, StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<WeatherStore>().GetAsync(plan.Station.Id, plan.Date));
    }

    [Fact]
    public async Task PostFlood_ChiefOfAnotherUnit_RefusedAndNothingStored()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var other = await HandBuiltPlans.XuanHoaAsync(app.Services, stationName: "Công an phường Khác (thử nghiệm)");
        using var otherChief = await app.SignedInAsync(StaffRole.Chief, other.Station.Id);

        using var page = await otherChief.GetAsync(Url(plan));
        using var post = await Forms.PostDirectAsync(otherChief, Url(plan), "save-hazard",
            new Dictionary<string, string> { ["HazardType"] = "flood", ["HazardName"] = "Cầu Rẽo", ["HazardGeometry"] = Square, ["HazardDays"] = "2026-11-24" });
        using var version = await otherChief.GetAsync($"/staff/board/version?station={plan.Station.Id}&week={Week}");
        using var map = await otherChief.GetAsync($"/staff/board/map?station={plan.Station.Id}&week={Week}");

        Assert.StartsWith("/status/403", Forms.Location(page), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(post), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(version), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(map), StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<WeatherStore>().GetAsync(plan.Station.Id, plan.Date));
        Assert.Empty(await Replans.PendingAsync(app));
    }

    [Fact]
    public async Task PostReplanNowThenPublish_Chief_ThePickupPagesPlannerAndPublisherAct()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.2";
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        using (var replanned = await PostAsync(chief, Url(plan), "replan-pickups-2026-11-24", [("ReplanKind", "pickups"), ("ReplanDate", "2026-11-24")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, replanned.StatusCode);
        }

        var versions = await Replans.VersionsAsync(app, plan.Station.Id, plan.Date);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        var html = await GetOkAsync(chief, Url(plan));
        Assert.Contains("Công bố bản 2", html, StringComparison.Ordinal);

        using var published = await PostAsync(chief, Url(plan), "publish-pickups-2026-11-24", [("PublishPlanId", versions[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(PlanStatus.Published, (await app.Services.GetRequiredService<PlanStore>().GetAsync(versions[0].Id))!.Plan.Status);
        Assert.NotEmpty(await app.Services.GetRequiredService<NotificationOutboxStore>().ListAsync(plan.Station.Id, NotificationStatus.Pending, 50));
        Assert.Contains("Đã công bố", Text(await GetOkAsync(chief, Forms.Location(published)!)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamWeek_Chief_TeamDaysOnTheirDaysAndTheWeekPublishedFromTheBoard()
    {
        using var app = new OutreachAppFactory();
        var week = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, week.Station.Id);
        var url = $"/staff/board?station={week.Station.Id}&week={Week}";

        var html = await GetOkAsync(chief, url);

        // The team is out on Tuesday only; the week's version is a draft with its actions.
        Assert.Contains($"{week.Team.Name} ·", Text(Section(html, "day-2026-11-24")), StringComparison.Ordinal);
        Assert.DoesNotContain(week.Team.Name, Text(Section(html, "day-2026-11-25")), StringComparison.Ordinal);
        Assert.Contains("Tổ lưu động: bản 1 · bản nháp", Text(html), StringComparison.Ordinal);
        Assert.Contains("Tổ lưu động tuần 23/11–29/11", Text(html), StringComparison.Ordinal);
        Assert.Contains("Chuyến xe / ngày-tổ 0 / 1", Text(Row(html, "trips")), StringComparison.Ordinal);

        using var published = await PostAsync(chief, url, "publish-visits-2026-11-23", [("PublishPlanId", week.PlanId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(PlanStatus.Published, (await app.Services.GetRequiredService<PlanStore>().GetAsync(week.PlanId))!.Plan.Status);
        var after = await GetOkAsync(chief, Forms.Location(published)!);
        Assert.Contains("Tổ lưu động: bản 1 · đã công bố", Text(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamWeekPlannedAgainAfterPublishing_Chief_TheNewVersionListsEachVisitMovedOrDroppedWithWhy()
    {
        using var app = new OutreachAppFactory();
        var week = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        var plans = app.Services.GetRequiredService<PlanStore>();
        Assert.True(await plans.PublishAsync(week.PlanId));
        // Version 2 (a re-plan for rain): the team reaches Lát Đá 40 minutes later, and Mrs Nhung's visit is off the
        // plan with the planner's reason.
        var before = week.Content;
        var nhung = week.Requests["Nhung"].Id;
        var stops = before.Stops
            .Where(s => s.VisitRequestId != nhung)
            .Select(s => s.VisitRequestId == week.Requests["Lát Đá"].Id ? s with { Arrival = s.Arrival.AddMinutes(40), Departure = s.Departure.AddMinutes(40) } : s)
            .ToList();
        var again = await plans.SaveNewVersionAsync(new PlanContent(
            before.Plan with { Id = 0, Status = PlanStatus.Draft, CreatedBy = ReplanService.JobName, Reasons = ReplanReasons.WeatherChanged }, stops, [],
            [new UnservedItem(0, 0, UnservedItemKind.VisitRequest, nhung, "window", "Nhà bà Nhung: mưa lớn, không tới kịp trong giờ hẹn", "Mrs Nhung: heavy rain, not reachable in time")]));
        using var chief = await app.SignedInAsync(StaffRole.Chief, week.Station.Id);

        var html = await GetOkAsync(chief, $"/staff/board?station={week.Station.Id}&week={Week}");

        var diff = Text(Section(html, "versions", "div"));
        Assert.Contains("So với bản 1:", diff, StringComparison.Ordinal);
        Assert.Contains("Lý do lập lại:", diff, StringComparison.Ordinal);
        Assert.Contains("0 lượt thăm mới, 2 đổi ngày, giờ hoặc tổ, 1 không còn trên kế hoạch; 0 giữ nguyên.", diff, StringComparison.Ordinal);
        Assert.Contains("Nhà văn hóa Xóm Lát Đá: thứ Ba 24/11 18:05 → thứ Ba 24/11 18:45, Tổ lưu động 2", diff, StringComparison.Ordinal);
        Assert.Contains("Nhà bà Hoàng Thị Nhung (lượt thăm lại) (thứ Ba 24/11 17:00): không còn trên kế hoạch, Nhà bà Nhung: mưa lớn", diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrawFloodOverTheSchoolThenReplanNow_Chief_TheFamiliesThereAreUnservedWithTheFloodNamed()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.2";
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        // The square covers the Trần Quốc Thảo school, where Lan and Minh are picked up, and the streets around it.
        using (var drawn = await PostAsync(chief, Url(plan), "save-hazard",
            [("HazardType", "flood"), ("HazardName", "Cầu Rẽo"), ("HazardGeometry", Square), ("HazardDays", "2026-11-24")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        }

        using (var replanned = await PostAsync(chief, Url(plan), "replan-pickups-2026-11-24", [("ReplanKind", "pickups"), ("ReplanDate", "2026-11-24")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, replanned.StatusCode);
        }

        var latest = (await Replans.VersionsAsync(app, plan.Station.Id, plan.Date))[0];
        var content = (await app.Services.GetRequiredService<PlanStore>().GetAsync(latest.Id))!;
        var school = new[] { plan.Bookings["Lan"].Id, plan.Bookings["Minh"].Id };
        var unserved = content.Unserved.Where(u => school.Contains(u.ItemId)).ToList();
        Assert.Equal(2, unserved.Count);
        Assert.All(unserved, u => Assert.Contains("Cầu Rẽo", u.ReasonVi, StringComparison.Ordinal));
        Assert.DoesNotContain(content.Stops, s => s.BookingId is { } id && school.Contains(id));
        // The board says why, with the flood's name.
        var reasons = Text(Section(await GetOkAsync(chief, Url(plan)), "unserved-reasons", "ul"));
        Assert.Contains("Cầu Rẽo", reasons, StringComparison.Ordinal);
    }

    private const string TwoPoints = """{"type":"Polygon","coordinates":[[[106.694,10.781],[106.696,10.781]]]}""";

    private const string OutOfRange = """{"type":"Polygon","coordinates":[[[106.694,10.781],[106.696,95],[106.696,10.783]]]}""";

    /// <summary>A posted shape as an error shows it back: its first 60 characters.</summary>
    private static string Shown(string geometry) => geometry.Length > 60 ? geometry[..60] + "…" : geometry;

    private static string Url(HandBuiltPlan plan) => $"/staff/board?station={plan.Station.Id}&week={Week}";

    private static async Task<string> StampAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("stamp").GetString()!;
    }

    /// <summary>Posts the page's form named <paramref name="formName"/> (its hidden fields, then these values, repeated names kept).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formName, IReadOnlyList<(string Name, string Value)> fields)
    {
        var form = Forms.FindForm(await GetOkAsync(client, url), formName);
        var values = Forms.HiddenInputs(form).Where(h => fields.All(f => f.Name != h.Key)).Select(h => new KeyValuePair<string, string>(h.Key, h.Value)).ToList();
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(url, content);
    }

    private static async Task<string> PostOkAsync(HttpClient client, string url, string formName, IReadOnlyList<(string Name, string Value)> fields)
    {
        using var response = await PostAsync(client, url, formName, fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {Forms.Location(response)}");
        return html;
    }

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {Forms.Location(response)}");
        return html;
    }

    private static List<string> Errors(string html) =>
        [.. ErrorItem().Matches(Section(html, "hazard-errors", "div")).Select(m => Text(m.Groups[1].Value))];

    /// <summary>The element with this id (of <paramref name="tag"/>, default section), up to its first closing tag of that name that balances.</summary>
    private static string Section(string html, string id, string tag = "section")
    {
        var start = html.IndexOf($" id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{id} missing");
        start = html.LastIndexOf($"<{tag}", start, StringComparison.Ordinal);
        var depth = 0;
        var at = start;
        do
        {
            var open = html.IndexOf($"<{tag}", at + 1, StringComparison.Ordinal);
            var close = html.IndexOf($"</{tag}>", at + 1, StringComparison.Ordinal);
            if (open >= 0 && open < close)
            {
                depth++;
                at = open;
            }
            else
            {
                depth--;
                at = close;
            }
        }
        while (depth >= 0);
        return html[start..(at + tag.Length + 3)];
    }

    private static string Row(string html, string figure)
    {
        var start = html.IndexOf($"<tr data-figure=\"{figure}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"figure {figure} missing");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim().Replace(" · ", " · ", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<li data-field=\"[^\"]*\">(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex ErrorItem();
}
