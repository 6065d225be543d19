using System.Text.RegularExpressions;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;
using static Outreach.Web.Tests.Support.Pages;

namespace Outreach.Web.Tests.Features.PickupPlans;

public sealed class PickupPlanPageTests
{
    [Fact]
    public async Task Get_Dispatcher_SeesTripsLoadUnservedReasonAndNoPublishForm()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        var html = await GetOkAsync(dispatcher, $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24");

        Assert.Contains("Xe đón phường (7 chỗ) · biển số 51A-030.31 · 6 chỗ", html, StringComparison.Ordinal);
        var trip1 = Row(html, $"trip-{plan.Van.Id}-1");
        // Trip 1 brings the families in, trip 2 takes them home: the dispatcher sees which is which.
        Assert.Equal(["1", "Đón đến", "07:30", "08:05", "3", "6", "6/6", "100%"], Cells(trip1).Take(8));
        var trip2 = Row(html, $"trip-{plan.Van.Id}-2");
        // Trip 2 leaves the collection point once all three families are on board (10:30 arrival, 10:35 away).
        Assert.Equal(["2", "Đưa về", "10:35", "11:05", "3", "6", "6/6"], Cells(trip2).Take(7));
        Assert.Contains($"/staff/route-sheets/{plan.PlanId}?kind=vehicle&amp;resource={plan.Van.Id}&amp;date=2026-11-24&amp;trip=1", trip1, StringComparison.Ordinal);
        Assert.Contains($"/staff/route-sheets/{plan.PlanId}/pdf?kind=vehicle&amp;resource={plan.Van.Id}&amp;date=2026-11-24&amp;trip=2", trip2, StringComparison.Ordinal);
        Assert.Contains("Chưa xếp được chuyến (1)", html, StringComparison.Ordinal);
        Assert.Contains(plan.Bookings["Tuấn"].Code, html, StringComparison.Ordinal);
        Assert.Contains("Chuyến 07:30 thứ Ba đã đủ chỗ; chuyến còn chỗ gần nhất: 14:00", html, StringComparison.Ordinal);
        Assert.Contains("Bản 1", html, StringComparison.Ordinal);
        Assert.Contains("Chỉ trưởng công an hoặc quản trị viên công bố được kế hoạch.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"publish\"", html, StringComparison.Ordinal);
        // Not published yet: no driver links on the page.
        Assert.DoesNotContain("href=\"/r/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DayWithAndWithoutPlan_SaysHowManyBookingsHoldSeats()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var wednesday = new Domain.Booking(0, "", plan.Station.Id, plan.Sites["Trường Tiểu học Trần Quốc Thảo"].Id, null, null, 2, 1, BookingNeeds.None,
            plan.Date.AddDays(1), new TimeOnly(7, 30), "Hoa", "0911222333", "vi", BookingStatus.Confirmed, default, default);
        Assert.Equal(BookingOutcome.Booked, (await app.Services.GetRequiredService<BookingStore>().TryBookAsync(wednesday, new BookingCapacity(SeatsPerSlot: 100))).Outcome);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var late = wednesday with { Date = plan.Date, ChildCount = 1 };
        Assert.Equal(BookingOutcome.Booked, (await app.Services.GetRequiredService<BookingStore>().TryBookAsync(late, new BookingCapacity(SeatsPerSlot: 100))).Outcome);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        var planned = await GetOkAsync(dispatcher, $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24");
        var unplanned = await GetOkAsync(dispatcher, $"/staff/pickups?station={plan.Station.Id}&date=2026-11-25");

        // Tuesday: Lan 1+1, Minh 1+1, Hường 1+1, Tuấn 3+2 made with the plan, and 1+1 booked after it. Wednesday: no plan yet, one family of 2+1.
        Assert.Equal("Đặt chỗ giữ ghế: 5 · trẻ em: 7 · người giám hộ: 6 · mới sau bản kế hoạch này: 1", Paragraph(planned, "day-bookings"));
        Assert.Equal("Đặt chỗ giữ ghế: 1 · trẻ em: 2 · người giám hộ: 1", Paragraph(unplanned, "day-bookings"));
        Assert.Contains("id=\"no-plan\"", unplanned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_InEnglish_ReasonInEnglish()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        (await chief.GetAsync("/language?culture=en&returnUrl=/")).Dispose();

        var html = await GetOkAsync(chief, $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24");

        Assert.Contains("Tuesday 07:30 trip full; next free: 14:00", html, StringComparison.Ordinal);
        Assert.Contains("Not served (1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DriverAccount_Forbidden()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var driver = await app.SignedInAsync(StaffRole.Driver, plan.Station.Id);

        using var response = await driver.GetAsync("/staff/pickups");
        using var sheet = await driver.GetAsync("/staff/route-sheets/1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(sheet), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NoPlanAndBadDate_SaySo()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var none = await GetOkAsync(chief, $"/staff/pickups?station={plan.Station.Id}&date=2026-11-25");
        var bad = WebUtility.HtmlDecode(await GetOkAsync(chief, $"/staff/pickups?station={plan.Station.Id}&date=25/11/2026"));

        Assert.Contains("id=\"no-plan\"", none, StringComparison.Ordinal);
        Assert.Contains("Ngày '25/11/2026' không hợp lệ", bad, StringComparison.Ordinal);
        // The planner is connected: the chief's "Plan now" form is there and enabled.
        Assert.Contains("id=\"plan-now\"", none, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"plan-now-unavailable\"", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPlanNow_Chief_PlannerSavesANewDraftWhereEveryBookingIsOnATripOrHasAReason()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var url = $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24";
        var form = Forms.FindForm(await GetOkAsync(chief, url), "plan-now");

        using var response = await PostAsync(chief, url, form, []);

        // Post/Redirect/Get to the new version, which the planner (not the hand-built plan) made.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var versions = await app.Services.GetRequiredService<PlanStore>()
            .ListVersionsAsync(plan.Station.Id, PlanKind.Pickups, plan.Date, plan.Date);
        var latest = versions.MaxBy(v => v.Version)!;
        Assert.Equal(2, latest.Version);
        Assert.Equal(PlanStatus.Draft, latest.Status);
        Assert.Contains($"plan={latest.Id}&planned=1", Forms.Location(response), StringComparison.Ordinal);
        var content = (await app.Services.GetRequiredService<PlanStore>().GetAsync(latest.Id))!;
        foreach (var booking in plan.Bookings.Values)
        {
            var onTrip = content.Stops.Any(s => s.BookingId == booking.Id);
            var unserved = content.Unserved.SingleOrDefault(u => u.ItemKind == UnservedItemKind.Booking && u.ItemId == booking.Id);
            Assert.True(onTrip ^ (unserved is not null), $"booking {booking.Code}: on a trip {onTrip}, unserved {unserved?.ReasonCode}");
            Assert.True(unserved is null || (unserved.ReasonVi.Length > 0 && unserved.ReasonEn.Length > 0));
        }

        // Each family on a trip rides out to the collection point and home again: two boardings, two alightings.
        foreach (var id in content.Stops.Where(s => s.BookingId is not null).Select(s => s.BookingId!.Value).Distinct())
        {
            Assert.Equal(2, content.Stops.Count(s => s.BookingId == id && s.BoardingCount > 0));
            Assert.Equal(2, content.Stops.Count(s => s.BookingId == id && s.AlightingCount > 0));
        }

        var page = await GetOkAsync(chief, Forms.Location(response)!);
        Assert.Contains("Bản 2", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPlanNow_TwiceWithNoChangeBetween_SamePlanNoVersionNoMessage()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var url = $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24";
        using var planned = await PostAsync(chief, url, Forms.FindForm(await GetOkAsync(chief, url), "plan-now"), []);
        var plans = app.Services.GetRequiredService<PlanStore>();
        var made = (await plans.ListVersionsAsync(plan.Station.Id, PlanKind.Pickups, plan.Date, plan.Date))[0];
        var shown = await GetOkAsync(chief, Forms.Location(planned)!);
        using var published = await PostAsync(chief, Forms.Location(planned)!, Forms.FindForm(shown, "publish"), new() { [$"phone-{plan.Van.Id}"] = "" });
        Assert.Equal(PlanStatus.Published, (await plans.GetAsync(made.Id))!.Plan.Status);
        var messages = (await Outbox.AllAsync(app.Services)).Count;

        using var again = await PostAsync(chief, url, Forms.FindForm(await GetOkAsync(chief, url), "plan-now"), []);

        // The same version stands (no new one to publish), the page says nothing changed, and nothing was queued.
        Assert.Contains($"plan={made.Id}&planned=2", Forms.Location(again), StringComparison.Ordinal);
        Assert.Equal(made.Id, (await plans.ListVersionsAsync(plan.Station.Id, PlanKind.Pickups, plan.Date, plan.Date))[0].Id);
        Assert.Contains("Không có gì thay đổi từ lần lập trước", await GetOkAsync(chief, Forms.Location(again)!), StringComparison.Ordinal);
        Assert.Equal(messages, (await Outbox.AllAsync(app.Services)).Count);
    }

    [Fact]
    public async Task GetDay_VersionAfterACancellation_ListsWhatChangedFromThePublishedVersion()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var url = $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24";
        using var planned = await PostAsync(chief, url, Forms.FindForm(await GetOkAsync(chief, url), "plan-now"), []);
        var shown = await GetOkAsync(chief, Forms.Location(planned)!);
        using var published = await PostAsync(chief, Forms.Location(planned)!, Forms.FindForm(shown, "publish"), new() { [$"phone-{plan.Van.Id}"] = "" });
        var cancelled = plan.Bookings.Values.OrderBy(b => b.Id).First();
        Assert.True(await app.Services.GetRequiredService<BookingStore>().CancelAsync(cancelled.Id));

        using var again = await PostAsync(chief, url, Forms.FindForm(await GetOkAsync(chief, url), "plan-now"), []);
        var page = await GetOkAsync(chief, Forms.Location(again)!);

        // The new draft says what it changes from the published version: the cancelled family is gone, the others stay.
        Assert.Contains("Thay đổi so với bản 2 (đã công bố)", page, StringComparison.Ordinal);
        var line = Regex.Match(page, "<li class=\"change change-removed\">([^<]*)</li>");
        Assert.True(line.Success, page);
        Assert.Contains(cancelled.Code, line.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("đã hủy", line.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("0 gia đình mới, ", page, StringComparison.Ordinal);
        Assert.Contains(", 1 không còn trên kế hoạch; ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPublish_Chief_PublishesOnce_SecondPostSendsNothingMore()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var url = $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24";
        var page = await GetOkAsync(chief, url);
        var form = Forms.FindForm(page, "publish");

        using var first = await PostAsync(chief, url, form, new() { [$"phone-{plan.Van.Id}"] = "" });
        var firstHtml = await first.Content.ReadAsStringAsync();
        using var second = await PostAsync(chief, url, form, new() { [$"phone-{plan.Van.Id}"] = "" });
        var secondHtml = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Đã công bố bản 1: 3 tin xác nhận, 3 tin nhắc lịch, 1 tin cho lái xe (mỗi xe một tin cho cả ngày).", firstHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/r/", firstHtml, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Published, (await app.Services.GetRequiredService<PlanStore>().GetAsync(plan.PlanId))!.Plan.Status);
        // The second post (a double tap, a resent form) finds the version published: nothing is queued twice.
        Assert.Contains("Bản này đã được công bố trước đó", secondHtml, StringComparison.Ordinal);
        var rows = await Outbox.AllAsync(app.Services);
        Assert.Equal(7, rows.Count);
        Assert.Equal(7, rows.Select(r => r.DeduplicationKey).Distinct().Count());
    }

    [Fact]
    public async Task PostPublish_BadDriverPhone_ErrorNamesTheVanAndValue_NothingPublished()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var url = $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24";
        var form = Forms.FindForm(await GetOkAsync(chief, url), "publish");

        using var response = await PostAsync(chief, url, form, new() { [$"phone-{plan.Van.Id}"] = "0123" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Số điện thoại lái xe '0123' của Xe đón phường (7 chỗ) không hợp lệ", html, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Draft, (await app.Services.GetRequiredService<PlanStore>().GetAsync(plan.PlanId))!.Plan.Status);
        Assert.Empty(await Outbox.AllAsync(app.Services));
    }

    [Fact]
    public async Task PostPublish_Dispatcher_CannotPublish()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        var url = $"/staff/pickups?station={plan.Station.Id}&date=2026-11-24";
        var form = Forms.FindForm(await GetOkAsync(chief, url), "publish");
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        // The dispatcher's own antiforgery token, the chief's form fields.
        var dispatcherPage = await GetOkAsync(dispatcher, url);
        var token = Forms.HiddenInputs(Forms.FindForm(dispatcherPage, null));

        var fields = Forms.HiddenInputs(form);
        fields["__RequestVerificationToken"] = token["__RequestVerificationToken"];
        using var content = new FormUrlEncodedContent(fields);
        using var response = await dispatcher.PostAsync(url, content);

        Assert.Equal(PlanStatus.Draft, (await app.Services.GetRequiredService<PlanStore>().GetAsync(plan.PlanId))!.Plan.Status);
        Assert.Empty(await Outbox.AllAsync(app.Services));
    }

    private static string Paragraph(string html, string id)
    {
        int start = html.IndexOf($"<p id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"paragraph {id} missing");
        var inner = html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Replace(
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(inner, "<[^>]+>", " ")), @"\s+", " ").Trim();
    }

    private static string Row(string html, string id)
    {
        int start = html.IndexOf($"<tr id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"row {id} missing");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static IEnumerable<string> Cells(string row) =>
        System.Text.RegularExpressions.Regex.Matches(row, "<td[^>]*>(.*?)</td>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Trim());
}
