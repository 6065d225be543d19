using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.PickupPlans;

/// <summary>Refused booking requests counted where they are refused and shown, by reason, on the pickup day page.</summary>
public sealed partial class RefusedRequestsTests
{
    [Fact]
    public async Task DayPage_FullSlotRefusesFamilyMoveAndPhoneIn_StaffSeeTheCountsByReason()
    {
        using var app = new OutreachAppFactory();
        // An 8-seat van with 6 + 1 taken at 09:00: no family of 1 + 1 fits there any more.
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8);
        await scenario.PreBookAsync(app, children: 6, guardians: 1, new TimeOnly(9, 0));

        using var family = app.CreateBrowserLikeClient();
        await AssertFullAsync(await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(slot: "09:00", phone: "0912 345 678"), "booking"));
        await AssertFullAsync(await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(slot: "09:00", phone: "0913 456 789"), "booking"));
        using var mover = app.CreateBrowserLikeClient();
        var code = await BookAsync(mover, scenario, "10:00");
        await AssertFullAsync(await Forms.SubmitAsync(mover, $"/booking/manage/{code}",
            new Dictionary<string, string> { ["slot"] = $"{BookingScenario.TuesdayKey}T09:00", ["action"] = "move" }, "move-booking"));
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, scenario.StationId);
        await AssertFullAsync(await Forms.SubmitAsync(dispatcher, $"/staff/phone-booking?station={scenario.StationId}&date={BookingScenario.TuesdayKey}",
            PhoneRow(scenario, "09:00"), "phone-booking"));
        using var chief = await app.SignedInAsync(StaffRole.Chief, scenario.StationId);
        var url = $"/staff/pickups?station={scenario.StationId}&date={BookingScenario.TuesdayKey}";

        var html = await GetOkAsync(chief, url);
        var seenByDispatcher = await GetOkAsync(dispatcher, url);
        (await chief.GetAsync("/language?culture=en&returnUrl=/")).Dispose();
        var english = await GetOkAsync(chief, url);

        // No plan for the day yet: the counts are shown all the same. Family, move, phone-in, total.
        Assert.Contains("id=\"no-plan\"", html, StringComparison.Ordinal);
        Assert.Contains("Yêu cầu bị từ chối (4)", html, StringComparison.Ordinal);
        Assert.Equal(["Hết chỗ trên xe", "2", "1", "1", "4"], Cells(Row(html, "Slot.SeatsFull")));
        Assert.Equal(Cells(Row(html, "Slot.SeatsFull")), Cells(Row(seenByDispatcher, "Slot.SeatsFull")));
        Assert.Contains("Refused requests (4)", english, StringComparison.Ordinal);
        Assert.Equal(["Van seats full", "2", "1", "1", "4"], Cells(Row(english, "Slot.SeatsFull")));
        // Counts only: the section names no family.
        var section = Section(html);
        Assert.DoesNotContain("Lan", section, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", section, StringComparison.Ordinal);
        Assert.DoesNotContain(code, section, StringComparison.Ordinal);
        // Another day of the station has none.
        var wednesday = await GetOkAsync(chief, $"/staff/pickups?station={scenario.StationId}&date=2026-11-25");
        Assert.Contains("id=\"refused-none\"", wednesday, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_RefusalCountCannotBeStored_FamilyIsStillToldFullWithAlternatives()
    {
        // The count goes to a database without its table: every record fails.
        var folder = Directory.CreateTempSubdirectory("outreach-refusals-").FullName;
        using var app = new OutreachAppFactory
        {
            DataFolder = folder,
            TestServices = services => services.AddSingleton(new RefusalStore(Database.ForSqliteFile(Path.Combine(folder, "no-tables.db")), TimeProvider.System)),
        };
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 8);
        await scenario.PreBookAsync(app, children: 6, guardians: 1, new TimeOnly(9, 0));
        using var family = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(slot: "09:00"), "booking");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Giờ 09:00–10:00, Thứ Ba, 24/11/2026 vừa hết chỗ (hết chỗ trên xe).", html, StringComparison.Ordinal);
        Assert.NotEmpty(BookingPagesTests.Alternatives(html));
        app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task AssertFullAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {Forms.Location(response)}");
            Assert.Contains("hết chỗ trên xe", html, StringComparison.Ordinal);
        }
    }

    private static async Task<string> BookAsync(HttpClient client, BookingScenario scenario, string slot)
    {
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(slot: slot, phone: "0987 111 222"), "booking");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return BookingPagesTests.ManageUrl().Match(Forms.Location(response)!).Groups[1].Value;
    }

    private static Dictionary<string, string> PhoneRow(BookingScenario scenario, string slot) => new()
    {
        ["station"] = scenario.StationId.ToString(CultureInfo.InvariantCulture),
        ["date"] = BookingScenario.TuesdayKey,
        ["rows"] = "1",
        ["action"] = "save",
        ["slot-0"] = slot,
        ["site-0"] = scenario.SchoolId.ToString(CultureInfo.InvariantCulture),
        ["children-0"] = "1",
        ["guardians-0"] = "1",
        ["firstName-0"] = "Hoa",
        ["phone-0"] = "0911111111",
    };

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    private static string Section(string html)
    {
        var start = html.IndexOf("<section id=\"refused-requests\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "refused requests section missing");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Row(string html, string reason)
    {
        var section = Section(html);
        var start = section.IndexOf($"<tr data-reason=\"{reason}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {reason}");
        return section[start..section.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string[] Cells(string row) =>
        [.. CellPattern().Matches(row).Select(m => WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[1].Value, "")).Trim())];

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
