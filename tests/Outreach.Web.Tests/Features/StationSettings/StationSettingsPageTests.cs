using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.StationSettings;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.StationSettings;

/// <summary>/staff/station over HTTP, posted as a browser without JavaScript posts it.</summary>
public sealed partial class StationSettingsPageTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private const string FormName = "station-settings";

    private static string Url(long stationId) => $"/staff/station?station={stationId}";

    private StationStore Stations => app.Services.GetRequiredService<StationStore>();

    /// <summary>Every field of the form with the scenario station's values and Monday's hours changed.</summary>
    private static Dictionary<string, string> ValidFields(int desks = 4, int familiesPerTrip = 2) => new()
    {
        ["deskCount"] = desks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["filesPerDeskPerHour"] = "6",
        ["maxRideMinutes"] = "40",
        ["bookingSlotMinutes"] = "30",
        ["maxTripsPerVan"] = "2",
        ["maxBookingsPerTrip"] = familiesPerTrip.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["monday-1-opens"] = "07:00",
        ["monday-1-closes"] = "11:00",
        ["monday-2-opens"] = "",
        ["monday-2-closes"] = "",
    };

    [Fact]
    public async Task Get_Driver_IsDenied()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var driver = await app.SignedInAsync(StaffRole.Driver, scenario.StationId);

        using var response = await driver.GetAsync(Url(scenario.StationId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Chief_ShowsCurrentValuesAndTheWeekWithTimeInputs()
    {
        var scenario = await BookingScenario.CreateAsync(app, maxBookingsPerTrip: 5);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);

        var html = await chief.GetStringAsync(Url(scenario.StationId));

        Assert.Contains("Cài đặt điểm thu nhận và xe đón", html, StringComparison.Ordinal);
        Assert.Equal("10", InputValue(html, "deskCount"));
        Assert.Equal("5", InputValue(html, "maxBookingsPerTrip"));
        Assert.Equal("3", InputValue(html, "maxTripsPerVan"));
        Assert.Equal("07:30", InputValue(html, "sunday-1-opens"));
        Assert.Equal("17:00", InputValue(html, "sunday-2-closes"));
        Assert.Matches("id=\"monday-1-opens\"[^>]*type=\"time\"", html);
        Assert.Contains("Buổi 3 (tối)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hours.Interval", html, StringComparison.Ordinal);
        Assert.Contains("Lưu cài đặt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"read-only\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/staff/station\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Dispatcher_SeesTheValuesReadOnlyWithoutSave()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);

        var html = await dispatcher.GetStringAsync(Url(scenario.StationId));

        Assert.Equal("10", InputValue(html, "deskCount"));
        Assert.Contains("id=\"read-only\"", html, StringComparison.Ordinal);
        Assert.Matches("<fieldset class=\"settings-body\" disabled", html);
        Assert.DoesNotContain("Lưu cài đặt", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Dispatcher_IsRefusedAndNothingChanges()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);

        using var response = await SubmitAsync(dispatcher, Url(scenario.StationId), ValidFields(desks: 2), FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("id=\"settings-refused\"", html, StringComparison.Ordinal);
        Assert.Equal(10, (await Stations.GetAsync(scenario.StationId))!.DeskCount);
    }

    [Fact]
    public async Task Post_ChiefValidValues_StoresThemAndConfirms()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);

        using var response = await SubmitAsync(chief, Url(scenario.StationId), ValidFields(), FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đã lưu cài đặt của", html, StringComparison.Ordinal);
        Assert.Contains("Các lượt đặt chỗ đã có được giữ nguyên", html, StringComparison.Ordinal);
        var stored = (await Stations.GetAsync(scenario.StationId))!;
        Assert.Equal((4, 6, 40, 30, 2, 2), (stored.DeskCount, stored.FilesPerDeskPerHour, stored.MaxRideMinutes, stored.BookingSlotMinutes, stored.MaxTripsPerVan, stored.MaxBookingsPerTrip));
        // Monday now has the one morning interval; the other days kept the two sessions the form posted back.
        Assert.Equal([new OpeningHours(DayOfWeek.Monday, new TimeOnly(7, 0), new TimeOnly(11, 0))], stored.OpeningHours.Where(h => h.Day == DayOfWeek.Monday));
        Assert.Equal(2, stored.OpeningHours.Count(h => h.Day == DayOfWeek.Tuesday));
        Assert.Equal("4", InputValue(html, "deskCount"));
    }

    [Fact]
    public async Task Get_Chief_ShowsTheWaitAndThePhone()
    {
        var scenario = await BookingScenario.CreateAsync(app, phone: "0912345678");
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);

        var html = await chief.GetStringAsync(Url(scenario.StationId));

        Assert.Contains("Thời gian chờ xe về tối đa (phút)", html, StringComparison.Ordinal);
        Assert.Equal("30", InputValue(html, "maxReturnWaitMinutes"));
        Assert.Matches("id=\"maxReturnWaitMinutes\"[^>]*min=\"10\" max=\"120\"", html);
        Assert.Contains("Số điện thoại của đơn vị", html, StringComparison.Ordinal);
        Assert.Equal("0912345678", InputValue(html, "phone"));
        Assert.Matches("id=\"phone\"[^>]*type=\"tel\"", html);
    }

    [Fact]
    public async Task Post_ChiefWaitAndPhone_StoresThemWithThePhoneInNationalForm()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        var fields = ValidFields();
        fields["maxReturnWaitMinutes"] = "45";
        fields["phone"] = "+84 912 345 678";

        using var response = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Đã lưu cài đặt của", html, StringComparison.Ordinal);
        var stored = (await Stations.GetAsync(scenario.StationId))!;
        Assert.Equal((45, "0912345678"), (stored.MaxReturnWaitMinutes, stored.Phone));
        Assert.Equal("45", InputValue(html, "maxReturnWaitMinutes"));
        Assert.Equal("0912345678", InputValue(html, "phone"));
    }

    [Fact]
    public async Task Post_ChiefEmptiesThePhone_NoPhoneStored()
    {
        var scenario = await BookingScenario.CreateAsync(app, phone: "0912345678");
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);

        using var response = await SubmitAsync(chief, Url(scenario.StationId), new Dictionary<string, string> { ["phone"] = "  " }, FormName);

        Assert.Contains("Đã lưu cài đặt của", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await Stations.GetAsync(scenario.StationId))!.Phone);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("500")]
    public async Task Post_WaitOutOfRangeAndPhoneNotANumber_NamesBothKeepsTheInputAndStoresNothing(string minutes)
    {
        var scenario = await BookingScenario.CreateAsync(app, phone: "0987654321");
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        var before = await Stations.GetAsync(scenario.StationId);
        var fields = ValidFields();
        fields["maxReturnWaitMinutes"] = minutes;
        fields["phone"] = "abc";

        using var response = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"Thời gian chờ xe về tối đa (phút): giá trị “{minutes}” không hợp lệ. Giá trị phải từ 10 đến 120.", html, StringComparison.Ordinal);
        // The page writes "+" as &#x2B;.
        Assert.Contains("Số điện thoại của đơn vị: giá trị “abc” không hợp lệ. Số điện thoại phải là số di động (số 0 và 9 chữ số) hoặc số cố định có mã vùng (02 và 9 chữ số).", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("id=\"maxReturnWaitMinutes-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"phone-error\"", html, StringComparison.Ordinal);
        Assert.Equal(minutes, InputValue(html, "maxReturnWaitMinutes"));
        Assert.Equal("abc", InputValue(html, "phone"));
        Assert.DoesNotContain("Đã lưu", html, StringComparison.Ordinal);
        AssertUnchanged(before!, (await Stations.GetAsync(scenario.StationId))!);
    }

    [Fact]
    public async Task Post_WaitAndPhoneWrongInEnglish_ShowsTheEnglishMessages()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        (await chief.GetAsync("/language?culture=en&returnUrl=/")).Dispose();
        var fields = ValidFields();
        fields["maxReturnWaitMinutes"] = "500";
        fields["phone"] = "abc";

        using var response = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Longest wait for the van home (minutes): the value “500” is not valid. Must be between 10 and 120.", html, StringComparison.Ordinal);
        Assert.Contains("Station phone number: the value “abc” is not valid. The phone number must be a mobile number (0 and 9 digits) or a landline with its area code (02 and 9 digits).", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(30, (await Stations.GetAsync(scenario.StationId))!.MaxReturnWaitMinutes);
    }

    [Fact]
    public async Task Post_PhoneSaved_AFamilyToldTheSlotIsFullSeesIt()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8);
        await scenario.PreBookAsync(app, children: 6, guardians: 1, new TimeOnly(9, 0));
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        using var family = app.CreateBrowserLikeClient();

        using var saved = await SubmitAsync(chief, Url(scenario.StationId), new Dictionary<string, string> { ["phone"] = "0912 345 678" }, FormName);
        using var refused = await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(slot: "09:00"), "booking");

        Assert.Contains("Đã lưu cài đặt của", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Gọi đồn: <a href=\"tel:0912345678\">0912 345 678</a>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChiefClearsADay_TheDayIsClosed()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        var fields = ValidFields();
        fields["sunday-1-opens"] = fields["sunday-1-closes"] = fields["sunday-2-opens"] = fields["sunday-2-closes"] = "";

        using var response = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);

        Assert.Contains("Đã lưu cài đặt của", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((await Stations.GetAsync(scenario.StationId))!.OpeningHours, h => h.Day == DayOfWeek.Sunday);
    }

    [Fact]
    public async Task Post_InvalidValues_ShowsEachFieldWithItsValueInVietnameseKeepsTheInputAndStoresNothing()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        var before = await Stations.GetAsync(scenario.StationId);
        var fields = ValidFields();
        fields["deskCount"] = "25";
        fields["maxBookingsPerTrip"] = "abc";
        fields["monday-2-opens"] = "10:30"; // overlaps 07:00-11:00
        fields["monday-2-closes"] = "16:00";
        fields["tuesday-1-closes"] = "";

        using var response = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("Số bàn thu nhận: giá trị “25” không hợp lệ. Giá trị phải từ 1 đến 20.", html, StringComparison.Ordinal);
        Assert.Contains("Số gia đình mỗi chuyến xe: giá trị “abc” không hợp lệ. Hãy nhập một số nguyên.", html, StringComparison.Ordinal);
        Assert.Contains("Thứ Ba, buổi 1, giờ đóng cửa: Nhập cả giờ mở và giờ đóng cửa", html, StringComparison.Ordinal);
        Assert.Equal("25", InputValue(html, "deskCount"));
        Assert.Equal("abc", InputValue(html, "maxBookingsPerTrip"));
        Assert.Equal("10:30", InputValue(html, "monday-2-opens"));
        Assert.DoesNotContain("Đã lưu", html, StringComparison.Ordinal);
        AssertUnchanged(before!, (await Stations.GetAsync(scenario.StationId))!);
    }

    [Fact]
    public async Task Post_OverlappingIntervals_NamesTheTimeAndTheOtherInterval()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        var before = await Stations.GetAsync(scenario.StationId);
        var fields = ValidFields();
        fields["monday-2-opens"] = "10:30";
        fields["monday-2-closes"] = "16:00";

        using var response = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Thứ Hai, buổi 2, giờ mở cửa: giá trị “10:30” không hợp lệ. Khoảng giờ này trùng với khoảng 07:00-11:00 cùng ngày.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"monday-2-opens-error\"", html, StringComparison.Ordinal);
        AssertUnchanged(before!, (await Stations.GetAsync(scenario.StationId))!);
    }

    [Fact]
    public async Task Post_InvalidValueInEnglish_ShowsTheEnglishMessage()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        (await chief.GetAsync("/language?culture=en&returnUrl=/")).Dispose();
        var fields = ValidFields();
        fields["maxRideMinutes"] = "5";
        fields["friday-1-opens"] = "04:30";

        using var response = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Longest ride for a child (minutes): the value “5” is not valid. Must be between 10 and 120.", html, StringComparison.Ordinal);
        Assert.Contains("Friday, session 1, opens: the value “04:30” is not valid. The collection point opens at 05:00 at the earliest.", html, StringComparison.Ordinal);
        Assert.Equal(45, (await Stations.GetAsync(scenario.StationId))!.MaxRideMinutes);
    }

    [Fact]
    public async Task Post_ChiefOfAnotherStation_CannotChangeThisOne()
    {
        var mine = await BookingScenario.CreateAsync(app);
        var other = await BookingScenario.CreateAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, mine.StationId);

        // Their own page's form, with the other station's id put in the hidden field.
        var fields = ValidFields(desks: 2);
        fields["station"] = other.StationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await SubmitAsync(chief, Url(mine.StationId), fields, FormName);
        using var otherPage = await chief.GetAsync(Url(other.StationId));

        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
        Assert.Equal(10, (await Stations.GetAsync(other.StationId))!.DeskCount);
        Assert.Equal(10, (await Stations.GetAsync(mine.StationId))!.DeskCount);
        Assert.StartsWith("/status/403", Forms.Location(otherPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Admin_PicksAStationAndSavesIt()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var admin = await app.SignedInAsync(StaffRole.Admin);

        var page = await admin.GetStringAsync("/staff/station");
        using var response = await SubmitAsync(admin, Url(scenario.StationId), ValidFields(desks: 7), FormName);

        Assert.Contains("id=\"station-pick\"", page, StringComparison.Ordinal);
        Assert.Contains("Đã lưu cài đặt của", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(7, (await Stations.GetAsync(scenario.StationId))!.DeskCount);
    }

    [Fact]
    public async Task Post_FamiliesPerTripLowered_TheBookingPageStopsOfferingAFullSlot()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        await scenario.PreBookAsync(app, children: 1, guardians: 1, new TimeOnly(9, 0));
        await scenario.PreBookAsync(app, children: 1, guardians: 1, new TimeOnly(9, 0));
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        using var family = app.CreateBrowserLikeClient();
        var slots = scenario.Family();
        slots["action"] = "slots";
        using var beforeResponse = await Forms.SubmitAsync(family, scenario.WizardUrl, slots, "booking");
        var beforeHtml = await beforeResponse.Content.ReadAsStringAsync();

        // Keep the scenario's hours and slot length; only the families per trip go down to 2.
        var fields = new Dictionary<string, string> { ["maxBookingsPerTrip"] = "2" };
        using var saved = await SubmitAsync(chief, Url(scenario.StationId), fields, FormName);
        using var afterResponse = await Forms.SubmitAsync(family, scenario.WizardUrl, slots, "booking");
        var afterHtml = await afterResponse.Content.ReadAsStringAsync();

        Assert.Contains("Đã lưu cài đặt của", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"value=\"{BookingScenario.TuesdayKey}T09:00\"", beforeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{BookingScenario.TuesdayKey}T09:00\"", afterHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{BookingScenario.TuesdayKey}T10:00\"", afterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_TimeField_NamesDayIntervalAndWhich()
    {
        var text = app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<StationSettingsResource>>();

        Assert.Equal("Thứ Bảy, buổi 2, giờ đóng cửa", StationSettingsForm.Label(text, "saturday-2-closes"));
        Assert.Equal("Số chuyến mỗi xe mỗi ngày", StationSettingsForm.Label(text, "maxTripsPerVan"));
        Assert.Equal("Thời gian chờ xe về tối đa (phút)", StationSettingsForm.Label(text, "maxReturnWaitMinutes"));
        Assert.Equal("Số điện thoại của đơn vị", StationSettingsForm.Label(text, "phone"));
    }

    /// <summary>
    /// Posts the settings form as a browser does: every input and select with what the page shows, then
    /// <paramref name="changes"/> on top (Forms.SubmitAsync alone sends only the hidden fields and the given ones).
    /// </summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Dictionary<string, string> changes, string formName)
    {
        var form = Forms.FindForm(await client.GetStringAsync(url), formName);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Regex.Matches(form, "<input\\b[^>]*>"))
        {
            var name = Regex.Match(input.Value, "\\sname=\"([^\"]*)\"");
            if (name.Success && !input.Value.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                var value = Regex.Match(input.Value, "\\svalue=\"([^\"]*)\"");
                fields[name.Groups[1].Value] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
        }

        foreach (Match select in Regex.Matches(form, "<select\\b[^>]*\\sname=\"([^\"]*)\"[^>]*>(.*?)</select>", RegexOptions.Singleline))
        {
            var selected = Regex.Match(select.Groups[2].Value, "<option[^>]*value=\"([^\"]*)\"[^>]*selected");
            fields[select.Groups[1].Value] = selected.Success ? selected.Groups[1].Value : "";
        }

        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return await Forms.SubmitAsync(client, url, fields, formName);
    }

    private static void AssertUnchanged(Station before, Station after)
    {
        Assert.Equal(before with { OpeningHours = [] }, after with { OpeningHours = [] });
        Assert.Equal(before.OpeningHours, after.OpeningHours);
    }

    private static string? InputValue(string html, string name)
    {
        var input = Regex.Match(html, $"<input[^>]*\\sname=\"{Regex.Escape(name)}\"[^>]*>");
        if (!input.Success)
        {
            return null;
        }

        var value = Regex.Match(input.Value, "\\svalue=\"([^\"]*)\"");
        return value.Success ? System.Net.WebUtility.HtmlDecode(value.Groups[1].Value) : "";
    }
}
