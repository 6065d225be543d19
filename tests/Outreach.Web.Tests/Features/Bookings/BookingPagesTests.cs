using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>The family booking pages over HTTP, posted as a browser without JavaScript posts them.</summary>
public sealed partial class BookingPagesTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    [Fact]
    public async Task Start_Anonymous_ListsUnitsWithALinkToEach()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/booking");

        Assert.Contains($"href=\"/booking/{scenario.StationId}\"", html, StringComparison.Ordinal);
        Assert.Contains("Xe đón trẻ đi làm căn cước", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_Get_ListsPickupPointsByWardWithTheMapButNeverHomes()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(scenario.WizardUrl);

        Assert.Contains("Trường Tiểu học Thắng Lợi", html, StringComparison.Ordinal);
        Assert.Contains("Nhà văn hóa Xóm Lát Đá", html, StringComparison.Ordinal);
        Assert.DoesNotContain("bà Hoa", html, StringComparison.Ordinal);
        Assert.Contains("type=\"image\"", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/booking/{scenario.StationId}/map.svg?", html, StringComparison.Ordinal);
        // A light page (issue 17): no script at all, Radzen's or any other.
        Assert.Equal(0, Regex.Count(html, "<script"));
    }

    [Fact]
    public async Task Wizard_ShowSlots_OfferedSlotsWithPlacesLeftAndTooLateOnesExplained()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        await scenario.PreBookAsync(app, children: 3, guardians: 1, new TimeOnly(9, 0));
        using var client = app.CreateBrowserLikeClient();

        var fields = scenario.Family();
        fields["date"] = "2026-11-23";
        fields["action"] = "slots";
        using var today = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        fields["action"] = $"day:{BookingScenario.TuesdayKey}";
        using var tuesday = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var todayHtml = await today.Content.ReadAsStringAsync();
        var tuesdayHtml = await tuesday.Content.ReadAsStringAsync();

        // Monday 08:00 now, 2 hours' notice: 08:00 and 09:00 are too late today, 10:00 is offered.
        Assert.Contains("đã quá giờ đặt", todayHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-11-23T10:00\"", todayHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"2026-11-23T09:00\"", todayHtml, StringComparison.Ordinal);
        // Tuesday 09:00 holds 3 + 1 of the van's 16 seats: 12 left; 10:00 is empty: 16.
        Assert.Contains("value=\"2026-11-24T09:00\"", tuesdayHtml, StringComparison.Ordinal);
        Assert.Matches(SlotWithPlaces("2026-11-24T09:00", 12), tuesdayHtml);
        Assert.Matches(SlotWithPlaces("2026-11-24T10:00", 16), tuesdayHtml);
    }

    [Fact]
    public async Task Wizard_WrongFields_EachErrorNextToItsFieldNamingItInVietnamese()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, new Dictionary<string, string>
        {
            ["children"] = "0",
            ["guardians"] = "0",
            ["date"] = BookingScenario.TuesdayKey,
            ["action"] = "slots",
        }, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"pickup-error\">Điểm đón:", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"children-error\">Số trẻ: nhập một số từ 1 đến 10 (bạn nhập: “0”).</p>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"guardians-error\">Số người lớn đi cùng: cần ít nhất 1", html, StringComparison.Ordinal);
        Assert.Matches("id=\"children\"[^>]*aria-describedby=\"children-hint children-error\"", html);
    }

    [Fact]
    public async Task Wizard_WrongPhoneInEnglish_ErrorNamesThePhoneInEnglish()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/language?culture=en&returnUrl=/")).Dispose();

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(phone: "12345"), "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("id=\"phone-error\">Phone number: “12345” is not valid.", html, StringComparison.Ordinal);
        Assert.Empty(await Bookings.ListAsync(scenario.StationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true));
    }

    [Fact]
    public async Task Wizard_NumberThatIsNoMobile_ErrorSaysSo()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        // 0 + 9 digits, so a well-formed number, but 02x is no mobile prefix (landlines have 11 digits anyway).
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(phone: "0241234567"), "booking");

        Assert.Contains("id=\"phone-error\">Số điện thoại: “0241234567” không phải số di động Việt Nam", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_HolidayWithoutDeskShifts_ClosedWithItsNameButOpenWhereDesksArePlanned()
    {
        // A fresh app: holidays are for the whole country, so this one must not close days of the other tests.
        using var own = new OutreachAppFactory();
        var closed = await BookingScenario.CreateAsync(own);
        var open = await BookingScenario.CreateAsync(own);
        var calendar = own.Services.GetRequiredService<CalendarStore>();
        await calendar.UpsertHolidayAsync(new Holiday(0, BookingScenario.Tuesday, "Ngày nghỉ bù thử nghiệm", "Test bridge day", HolidayKind.Bridge, HolidayStatus.Official, null));
        await calendar.InsertShiftDemandsAsync([new ShiftDemand(0, open.StationId, BookingScenario.Tuesday, new TimeOnly(7, 30), 240, ShiftKind.Desk, OfficerSkills.CaptureOperator, 2, "Ca trực ngày lễ")]);
        using var client = own.CreateBrowserLikeClient();

        var fields = closed.Family();
        fields["action"] = "slots";
        using var closedDay = await Forms.SubmitAsync(client, closed.WizardUrl, fields, "booking");
        var openFields = open.Family();
        openFields["action"] = "slots";
        using var openDay = await Forms.SubmitAsync(client, open.WizardUrl, openFields, "booking");
        var closedHtml = await closedDay.Content.ReadAsStringAsync();

        Assert.Contains("Điểm thu nhận nghỉ ngày này (Ngày nghỉ bù thử nghiệm).", closedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"slot\"", closedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-11-24T09:00\"", await openDay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_Book_RedirectsToItsConfirmationWithTheCodeAndStoresNationalPhone()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(children: 2, phone: "+84 912 345 678"), "booking");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response)!;
        var code = ManageUrl().Match(location).Groups[1].Value;
        Assert.Equal($"/booking/manage/{code}?new=1", location);
        var stored = Assert.Single(await Bookings.ListAsync(scenario.StationId, DateOnly.MinValue, DateOnly.MaxValue));
        Assert.Equal((code, "0912345678", 2, 1, new TimeOnly(9, 0), "vi"), (stored.Code, stored.Phone, stored.ChildCount, stored.GuardianCount, stored.SlotStart, stored.PreferredLanguage));
        var confirmation = await client.GetStringAsync(location);
        Assert.Contains($"id=\"booking-code\">{code}<", confirmation, StringComparison.Ordinal);
        Assert.Contains("Đã đặt chỗ", confirmation, StringComparison.Ordinal);
        Assert.Contains("*******678", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manage_CodeWithoutProof_RedirectsToFindAndShowsNothing()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        var code = await BookAsync(scenario);
        using var stranger = app.CreateBrowserLikeClient();

        using var response = await stranger.GetAsync($"/booking/manage/{code}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/booking/find?code={code}", Forms.Location(response));
    }

    [Fact]
    public async Task Find_CodeAndPhone_OpensTheBookingButAWrongPhoneDoesNot()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        var code = await BookAsync(scenario);
        using var family = app.CreateBrowserLikeClient();

        using var wrong = await Forms.SubmitAsync(family, "/booking/find", new Dictionary<string, string> { ["code"] = code.ToLowerInvariant(), ["phone"] = "0912345679" }, "find-booking");
        using var right = await Forms.SubmitAsync(family, "/booking/find", new Dictionary<string, string> { ["code"] = code.ToLowerInvariant(), ["phone"] = "0912.345.678" }, "find-booking");

        Assert.Contains("id=\"find-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal($"/booking/manage/{code}", Forms.Location(right));
        Assert.Contains($">{code}<", await family.GetStringAsync($"/booking/manage/{code}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_MalformedCode_ErrorNamesTheCodeField()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(client, "/booking/find", new Dictionary<string, string> { ["code"] = "O0O", ["phone"] = "0912345678" }, "find-booking");

        Assert.Contains("id=\"code-error\">Mã đặt chỗ: gồm 6 chữ và số, ví dụ K7M2QX (bạn nhập: “O0O”).", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manage_MoveToAnotherOfferedSlot_MovesAndRedirects()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        var code = await BookAsync(scenario, client);
        var url = $"/booking/manage/{code}";

        using var response = await Forms.SubmitAsync(client, url, new Dictionary<string, string> { ["slot"] = "2026-11-24T14:00", ["action"] = "move" }, "move-booking");

        Assert.Equal($"{url}?moved=1", Forms.Location(response));
        var stored = await Bookings.GetByCodeAsync(code);
        Assert.Equal((new TimeOnly(14, 0), BookingStatus.Moved), (stored!.SlotStart, stored.Status));
        Assert.Contains("Đã đổi sang 14:00–15:00", await client.GetStringAsync($"{url}?moved=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manage_MoveIntoAFullSlot_SaysFullWithAlternativesAndKeepsTheBooking()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8);
        using var client = app.CreateBrowserLikeClient();
        var code = await BookAsync(scenario, client);
        await scenario.PreBookAsync(app, children: 6, guardians: 2, new TimeOnly(14, 0));

        using var response = await Forms.SubmitAsync(client, $"/booking/manage/{code}", new Dictionary<string, string> { ["slot"] = "2026-11-24T14:00", ["action"] = "move" }, "move-booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"booking-full\"", html, StringComparison.Ordinal);
        Assert.Contains("hết chỗ trên xe", html, StringComparison.Ordinal);
        Assert.Contains("id=\"alternatives\"", html, StringComparison.Ordinal);
        Assert.Equal(new TimeOnly(9, 0), (await Bookings.GetByCodeAsync(code))!.SlotStart);
    }

    [Fact]
    public async Task Manage_CancelWithoutTicking_ErrorNextToTheBoxThenCancelsWhenTicked()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        var code = await BookAsync(scenario, client);
        var url = $"/booking/manage/{code}";

        using var unticked = await Forms.SubmitAsync(client, url, new Dictionary<string, string>(), "cancel-booking");
        using var ticked = await Forms.SubmitAsync(client, url, new Dictionary<string, string> { ["confirmCancel"] = "1" }, "cancel-booking");

        Assert.Contains("id=\"confirmCancel-error\">Xác nhận hủy", await unticked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal($"{url}?cancelled=1", Forms.Location(ticked));
        Assert.Equal(BookingStatus.Cancelled, (await Bookings.GetByCodeAsync(code))!.Status);
        var after = await client.GetStringAsync($"{url}?cancelled=1");
        Assert.Contains("id=\"cancelled\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("move-booking", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_BookTheSlotThatJustFilled_FullWithTheNearestAlternatives()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8);
        await scenario.PreBookAsync(app, children: 6, guardians: 1, new TimeOnly(9, 0));
        using var client = app.CreateBrowserLikeClient();

        // 7 of 8 seats taken at 09:00: a family of 1 + 1 does not fit.
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(slot: "09:00"), "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Giờ 09:00–10:00, Thứ Ba, 24/11/2026 vừa hết chỗ (hết chỗ trên xe).", html, StringComparison.Ordinal);
        // 08:00 and 10:00 are an hour away (earlier first), then 07:30 (1.5 h).
        Assert.Equal(["2026-11-24T08:00", "2026-11-24T10:00", "2026-11-24T07:30"], Alternatives(html));
        Assert.Equal(7, (await Bookings.ListSlotUsageAsync(scenario.StationId, BookingScenario.Tuesday)).Single().SeatsTakenInSlot);
    }

    [Fact]
    public async Task Wizard_SlotJustFilledAtAStationWithAPhone_ShowsTheNumberToCall()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8, phone: "+84 987 654 321");
        await scenario.PreBookAsync(app, children: 6, guardians: 1, new TimeOnly(9, 0));
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(slot: "09:00"), "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("vừa hết chỗ", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"station-phone\" id=\"station-phone\">Gọi đồn: <a href=\"tel:0987654321\">0987 654 321</a></p>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"booking-full\"", StringComparison.Ordinal) < html.IndexOf("id=\"station-phone\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wizard_SlotJustFilledInEnglish_ShowsTheNumberInEnglish()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8, phone: "0912345678");
        await scenario.PreBookAsync(app, children: 6, guardians: 1, new TimeOnly(9, 0));
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/language?culture=en&returnUrl=/")).Dispose();

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(slot: "09:00"), "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Call the station: <a href=\"tel:0912345678\">0912 345 678</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_SlotJustFilledAtAStationWithoutPhone_NoNumberShown()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8);
        await scenario.PreBookAsync(app, children: 6, guardians: 1, new TimeOnly(9, 0));
        using var client = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(slot: "09:00"), "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("id=\"booking-full\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("station-phone", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tel:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manage_MoveIntoAFullSlotAtAStationWithAPhone_ShowsTheNumberToCall()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8, phone: "0912 345 678");
        using var client = app.CreateBrowserLikeClient();
        var code = await BookAsync(scenario, client);
        var page = await client.GetStringAsync($"/booking/manage/{code}");
        await scenario.PreBookAsync(app, children: 6, guardians: 2, new TimeOnly(14, 0));

        using var response = await Forms.SubmitAsync(client, $"/booking/manage/{code}", new Dictionary<string, string> { ["slot"] = "2026-11-24T14:00", ["action"] = "move" }, "move-booking");
        var html = await response.Content.ReadAsStringAsync();

        // Only the refusal shows the number, not the booking page itself.
        Assert.DoesNotContain("tel:", page, StringComparison.Ordinal);
        Assert.Contains("id=\"booking-full\"", html, StringComparison.Ordinal);
        Assert.Contains("Gọi đồn: <a href=\"tel:0912345678\">0912 345 678</a>", html, StringComparison.Ordinal);
        Assert.Equal(new TimeOnly(9, 0), (await Bookings.GetByCodeAsync(code))!.SlotStart);
    }

    [Fact]
    public async Task Wizard_PickupTooFarAtAStationWithAPhone_AdviceToCallWithTheNumber()
    {
        var scenario = await BookingScenario.CreateAsync(app, phone: "0912345678");
        using var client = app.CreateBrowserLikeClient();

        var fields = scenario.Family(siteId: scenario.FarSchoolId);
        fields["action"] = "slots";
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("id=\"call-station-phone\">Gọi đồn: <a href=\"tel:0912345678\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_PickupTooFarForTheRideLimit_NoSlotAndAdviceToCall()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        var fields = scenario.Family(siteId: scenario.FarSchoolId);
        fields["action"] = "slots";
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("id=\"call-station\"", html, StringComparison.Ordinal);
        Assert.Contains("quá 45 phút cho phép mỗi chuyến", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"slot\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_TapTheMapAtHome_SetsThePinAndZoomsIn()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        var fields = scenario.Family();
        fields["pickup"] = "home";
        fields["map.x"] = "160";
        fields["map.y"] = "160";
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("name=\"pinLon\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"pin-set\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"mapZoom\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"map-pin\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_HomeWithoutPin_ErrorAsksToTapTheMap()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        var fields = scenario.Family();
        fields["pickup"] = "home";
        fields["action"] = "slots";
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");

        Assert.Contains("id=\"map-error\">Vị trí nhà: hãy chạm vào bản đồ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapSvg_Station_DrawsNumberedPickupPointsAndCollectionPoint()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync($"/booking/{scenario.StationId}/map.svg");
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"320\"", svg, StringComparison.Ordinal);
        // Three pickup points (the home is not one), numbered 1-3, and the collection point's square.
        Assert.Equal(3, Regex.Count(svg, "<circle "));
        Assert.Contains(">3</text>", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#1a237e\"", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, "1 child, 1 adult")]
    [InlineData(2, 3, "2 children, 3 adults")]
    public async Task ShowSlots_InEnglish_PeopleCountedInTheRightNumber(int children, int guardians, string expected)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/language?culture=en&returnUrl=/booking")).Dispose();

        var fields = scenario.Family(children, guardians);
        fields["action"] = "slots";
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<dd>{expected}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("16 places left", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "0", "Please correct the 1 item below:")]
    [InlineData("en", "", "Please correct the 2 items below:")]
    [InlineData("vi", "0", "Vui lòng sửa 1 mục dưới đây:")]
    public async Task ShowSlots_WrongFields_SummaryCountsThemInTheRightNumber(string language, string pickup, string expected)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync($"/language?culture={language}&returnUrl=/booking")).Dispose();

        var fields = scenario.Family();
        fields["children"] = "0";
        fields["pickup"] = pickup == "0" ? scenario.SchoolId.ToString(System.Globalization.CultureInfo.InvariantCulture) : pickup;
        fields["action"] = "slots";
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<strong>{expected}</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_TapOnAPointsNumber_ThePointIsChosenMarkedOnTheMapAndNamed()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        var desk = (await app.Services.GetRequiredService<Outreach.Web.Features.Bookings.BookingDesk>().OpenAsync(scenario.StationId, CancellationToken.None))!;
        var school = desk.Point(scenario.SchoolId)!;
        var (x, y) = desk.Map.ToPixel(desk.Map.Whole, school.Site.Location);
        using var client = app.CreateBrowserLikeClient();

        var fields = new Dictionary<string, string>
        {
            ["map.x"] = ((int)Math.Round(x)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["map.y"] = ((int)Math.Round(y)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["children"] = "1",
            ["guardians"] = "1",
        };
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<option value=\"{scenario.SchoolId}\" selected>{school.Number}. Trường Tiểu học Thắng Lợi</option>", html, StringComparison.Ordinal);
        Assert.Matches($"id=\"pickup-chosen\">Đã chọn điểm đón: {school.Number}. Trường Tiểu học Thắng Lợi<", html);
        Assert.Matches($"<g class=\"map-chosen\" transform=\"translate\\({Math.Round(x, 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} ", html);
        Assert.DoesNotContain("map-pin\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_UnknownStation_NotFoundPage()
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/booking/999999");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, body);
    }

    private BookingStore Bookings => app.Services.GetRequiredService<BookingStore>();

    private async Task<string> BookAsync(BookingScenario scenario, HttpClient? client = null)
    {
        using var own = client is null ? app.CreateBrowserLikeClient() : null;
        using var response = await Forms.SubmitAsync(client ?? own!, scenario.WizardUrl, scenario.Booking(), "booking");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return ManageUrl().Match(Forms.Location(response)!).Groups[1].Value;
    }

    internal static string[] Alternatives(string html) =>
        [.. AlternativeSlot().Matches(html[html.IndexOf("id=\"alternatives\"", StringComparison.Ordinal)..html.IndexOf("</fieldset>", html.IndexOf("id=\"alternatives\"", StringComparison.Ordinal), StringComparison.Ordinal)])
            .Select(m => m.Groups[1].Value)];

    private static Regex SlotWithPlaces(string slot, int places) =>
        new($"value=\"{slot}\"[^>]*/>\\s*<span class=\"slot-time\">[^<]*</span>\\s*<span class=\"slot-seats\">còn {places} chỗ</span>");

    [GeneratedRegex("/booking/manage/([A-Z0-9]{6})")]
    internal static partial Regex ManageUrl();

    [GeneratedRegex("name=\"slot\" value=\"([0-9T:-]+)\"")]
    private static partial Regex AlternativeSlot();
}
