using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// Issue 14, finding 4: what strangers may post to the public booking forms. A date outside the booking horizon is
/// "not offered" on the page (it was a 500: the alternatives and day lists ran off the calendar); a control character in
/// a name is refused naming the field (a NUL was a bare 400 from the framework, a right-to-left override was stored).
/// </summary>
public sealed partial class BookingInputTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    [Theory]
    [InlineData("2020-01-06T08:00")]
    [InlineData("0001-01-01T08:00")]
    [InlineData("9999-12-31T08:00")]
    public async Task Wizard_BookASlotOutsideTheHorizon_NotOfferedNamingTheSlot_NothingStored(string slot)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        var fields = scenario.Booking();
        fields["slot"] = slot;

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"slot-error\"", html, StringComparison.Ordinal);
        Assert.Contains("không được nhận đặt", html, StringComparison.Ordinal);
        Assert.Empty(await BookingsOf(scenario));
    }

    [Theory]
    [InlineData("day:9999-12-31")]
    [InlineData("day:0001-01-01")]
    [InlineData("day:2020-01-06")]
    public async Task Wizard_DayButtonOutsideTheHorizon_ShowsADayThatIsOffered(string action)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        var fields = scenario.Family();
        fields["action"] = action;

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"day-picker\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31T08:00", "2026-11-24")]
    [InlineData("0001-01-01T08:00", "0001-01-01")]
    [InlineData("", "0001-01-01")]
    public async Task Manage_MoveOutsideTheHorizon_NotOfferedAndTheBookingKept(string slot, string moveDate)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        using (var booked = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(), "booking"))
        {
            Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        }

        var code = Assert.Single(await BookingsOf(scenario)).Code;
        using var response = await Forms.SubmitAsync(client, $"/booking/manage/{code}",
            new Dictionary<string, string> { ["slot"] = slot, ["moveDate"] = moveDate, ["action"] = "move" }, "move-booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"slot-error\"", html, StringComparison.Ordinal);
        var kept = Assert.Single(await BookingsOf(scenario));
        Assert.Equal((BookingScenario.Tuesday, new TimeOnly(9, 0)), (kept.Date, kept.SlotStart));
    }

    [Theory]
    [InlineData("L\u0000an", "U+0000")]
    [InlineData("Lan\u202E", "U+202E")]
    [InlineData("La\u0007n", "U+0007")]
    [InlineData("Lan\u009B", "U+009B")]
    [InlineData("La\u2066n", "U+2066")]
    public async Task Wizard_ControlCharacterInTheFirstName_RefusedNamingTheField_NothingStored(string firstName, string shown)
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        var fields = scenario.Booking();
        fields["firstName"] = firstName;

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"firstName-error\">Tên người liên hệ:", html, StringComparison.Ordinal);
        Assert.Contains(shown, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Empty(await BookingsOf(scenario));
    }

    [Fact]
    public async Task Wizard_ControlCharacterInTheAddressNote_RefusedNamingTheFieldInEnglish()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        (await client.GetAsync("/language?culture=en&returnUrl=/")).Dispose();
        var fields = scenario.Family();
        fields["addressNote"] = "Ngõ 5\u202E";
        fields["action"] = "slots";

        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, fields, "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"addressNote-error\">Address note:", html, StringComparison.Ordinal);
        Assert.Contains("U+202E", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_BytesThatAreNotUtf8InTheFirstName_RefusedNamingTheField_NothingStored()
    {
        var scenario = await BookingScenario.CreateAsync(app);
        using var client = app.CreateBrowserLikeClient();
        using var page = await client.GetAsync(scenario.WizardUrl);
        var values = Forms.HiddenInputs(Forms.FindForm(await page.Content.ReadAsStringAsync(), "booking"));
        foreach (var (key, value) in scenario.Booking())
        {
            values[key] = value;
        }

        values.Remove("firstName");
        using var encoded = new FormUrlEncodedContent(values);
        var body = await encoded.ReadAsStringAsync() + "&firstName=L%FF%FEan";
        using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync(scenario.WizardUrl, content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"firstName-error\">Tên người liên hệ:", html, StringComparison.Ordinal);
        Assert.Empty(await BookingsOf(scenario));
    }

    private async Task<IReadOnlyList<Domain.Booking>> BookingsOf(BookingScenario scenario) =>
        await app.Services.GetRequiredService<BookingStore>().ListAsync(scenario.StationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true);
}
