using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Dashboard;

/// <summary>
/// The unit's figures on /staff. The test clock's today is Monday 23 November 2026 (Vietnam time), so the week is
/// 23-29 November; the hand-built Xuân Hòa plan is a draft for Tuesday 24 with four bookings: Lan, Minh and Hường on
/// the van (3 served), Tuấn unserved because the 07:30 trip is full.
/// </summary>
public sealed partial class DashboardTests
{
    private static readonly Uri Base = new("https://outreach.example.vn/");

    [Fact]
    public async Task Get_ChiefWithDraftPlan_WeekCountsUnservedReasonAndDraftNotPublished()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var card = Card(await GetOkAsync(chief, "/staff"), plan.Station.Id);

        // Columns: today (Monday, nothing booked), the week (Tuesday's plan).
        Assert.Equal(["0", "4"], Figure(card, "bookings"));
        // Lan 1+1, Minh 1+1, Hường 1+1, Tuấn 3+2.
        Assert.Equal(["0 / 0", "6 / 5"], Figure(card, "people"));
        Assert.Equal(["0", "3"], Figure(card, "served"));
        Assert.Equal(["0", "1"], Figure(card, "unserved"));
        Assert.Contains("Chuyến 07:30 thứ Ba đã đủ chỗ; chuyến còn chỗ gần nhất: 14:00: 1", Text(card), StringComparison.Ordinal);
        // Trip 1 out, trip 2 home.
        Assert.Equal(["0", "2"], Figure(card, "trips"));
        Assert.Equal("0 tin nhắn chờ gửi", Item(card, "messages"));
        Assert.Equal("1 bản kế hoạch chưa công bố: Xe đón 24/11 (bản 1)", Item(card, "unpublished"));
        Assert.Contains($"href=\"/staff/pickups?station={plan.Station.Id}&amp;date=2026-11-24&amp;plan={plan.PlanId}\"", card, StringComparison.Ordinal);
        // The week strip: Tuesday's bookings and trips next to the teams out (none here), linking to the day page.
        Assert.Equal(["4", "2", "0", "0"], WeekDay(card, "2026-11-24"));
        Assert.Equal(["0", "0", "0", "0"], WeekDay(card, "2026-11-23"));
        Assert.Contains($"href=\"/staff/pickups?station={plan.Station.Id}&amp;date=2026-11-24\"", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterPublishing_MessagesWaitingAndNothingLeftToPublish()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var result = await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, new Dictionary<long, string?>());
        Assert.Equal(PublishOutcome.Published, result.Outcome);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var card = Card(await GetOkAsync(chief, "/staff"), plan.Station.Id);

        // Three confirmations, three reminders and the driver's day link wait in the outbox.
        var waiting = result.Confirmations + result.Reminders + result.DriverLinks;
        Assert.Equal(7, waiting);
        Assert.Equal($"{waiting} tin nhắn chờ gửi", Item(card, "messages"));
        Assert.Contains($"href=\"/staff/outbox?station={plan.Station.Id}\"", card, StringComparison.Ordinal);
        Assert.Equal("Không có bản kế hoạch nào chờ công bố.", Item(card, "unpublished"));
        Assert.Equal(["0", "3"], Figure(card, "served"));
    }

    [Fact]
    public async Task Get_BookingMadeAfterThePlan_CountsAsNewSinceThePlan()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var late = new Booking(0, "", plan.Station.Id, plan.Sites["Trường Tiểu học Trần Quốc Thảo"].Id, null, null, 2, 1, BookingNeeds.None,
            plan.Date, new TimeOnly(7, 30), "Hoa", "0911222333", "vi", BookingStatus.Confirmed, default, default);
        Assert.Equal(BookingOutcome.Booked, (await app.Services.GetRequiredService<BookingStore>().TryBookAsync(late, new BookingCapacity(SeatsPerSlot: 100))).Outcome);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var card = Card(await GetOkAsync(chief, "/staff"), plan.Station.Id);

        Assert.Equal(["0", "5 1 mới sau bản kế hoạch"], Figure(card, "bookings"));
        Assert.Equal(["0 / 0", "8 / 6"], Figure(card, "people"));
        // The plan is as it was: the new family is neither served nor unserved yet.
        Assert.Equal(["0", "3"], Figure(card, "served"));
        Assert.Equal(["0", "1"], Figure(card, "unserved"));
        Assert.Equal(["5", "2", "0", "0"], WeekDay(card, "2026-11-24"));
    }

    [Fact]
    public async Task Get_BookingOnADayWithoutAPlan_CountsAsNotPlannedYet()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var wednesday = new Booking(0, "", plan.Station.Id, plan.Sites["Trường Tiểu học Trần Quốc Thảo"].Id, null, null, 1, 1, BookingNeeds.None,
            plan.Date.AddDays(1), new TimeOnly(7, 30), "Hoa", "0911222333", "vi", BookingStatus.Confirmed, default, default);
        Assert.Equal(BookingOutcome.Booked, (await app.Services.GetRequiredService<BookingStore>().TryBookAsync(wednesday, new BookingCapacity(SeatsPerSlot: 100))).Outcome);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var card = Card(await GetOkAsync(chief, "/staff"), plan.Station.Id);

        // Made at the same moment as Tuesday's plan, but Wednesday has no plan at all: not "new since the plan".
        Assert.Equal(["0", "5 1 chưa có kế hoạch"], Figure(card, "bookings"));
        Assert.Equal(["1", "0", "0", "0"], WeekDay(card, "2026-11-25"));
    }

    [Fact]
    public async Task Get_ChiefOfAnotherUnit_SeesOnlyTheirOwnUnit()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var other = await HandBuiltPlans.SongCongAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, other.Station.Id);

        var html = await GetOkAsync(chief, "/staff");

        Assert.DoesNotContain($"id=\"figures-{plan.Station.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Station.Name, html, StringComparison.Ordinal);
        // Sông Công's own plan: Hường 4+2 and Đức 2+1, both on the one trip.
        var card = Card(html, other.Station.Id);
        Assert.Equal(["0", "2"], Figure(card, "bookings"));
        Assert.Equal(["0", "2"], Figure(card, "served"));
        Assert.Equal(["0", "0"], Figure(card, "unserved"));
    }

    [Fact]
    public async Task Get_TeamWeek_TeamDaysAndPeopleByCategory()
    {
        using var app = new OutreachAppFactory();
        var team = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, team.Station.Id);

        var card = Card(await GetOkAsync(chief, "/staff"), team.Station.Id);

        // One team-day (Tuesday); 30 people captured for the first time (10 children, 20 aged 14+), repeats not counted.
        Assert.Equal(["0", "1"], Figure(card, "team-days"));
        Assert.Equal(["0", "30"], Figure(card, "people-visited"));
        Assert.Contains("10 trẻ 6–14 tuổi (có người giám hộ)", Text(card), StringComparison.Ordinal);
        Assert.Equal(["0", "0", "1", "30"], WeekDay(card, "2026-11-24"));
        Assert.Contains($"href=\"/staff/visits/{team.Station.Id}/2026-11-23\"", card, StringComparison.Ordinal);
        Assert.Equal($"1 bản kế hoạch chưa công bố: Tổ lưu động 23/11–29/11 (bản 1)", Item(card, "unpublished"));
    }

    [Fact]
    public async Task Get_HandBuiltPlan_VanDistanceIsTheRouteSheetsDistanceAlongTheRoads()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var card = Card(await GetOkAsync(chief, "/staff"), plan.Station.Id);

        // The two trips' legs as the drivers' sheets draw them on the Quận 3 road sample: every leg on the roads.
        var trips = await app.Services.GetRequiredService<RouteSheetService>().ListAsync(plan.PlanId);
        Assert.Equal(2, trips.Count);
        Assert.All(trips, t => Assert.False(t.Map.IsEstimated));
        var metres = trips.Sum(t => t.Map.Legs.Sum(l => l.DistanceMetres));
        Assert.InRange(metres, 2_000, 20_000);
        Assert.Equal(["0 m", RouteMapBuilder.Distance(metres, CultureInfo.GetCultureInfo("vi"))], Figure(card, "van-km"));
        Assert.Equal(["0 m", "0 m"], Figure(card, "team-km"));
        Assert.DoesNotContain("km-estimated", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TeamWeekWithoutRoads_TeamDistanceMarkedEstimated()
    {
        using var app = new OutreachAppFactory();
        var team = await HandBuiltPlans.SongCongTeamAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, team.Station.Id);

        var card = Card(await GetOkAsync(chief, "/staff"), team.Station.Id);

        // Sông Công has an outline and no roads: the team-day's legs are straight lines, as on its sheet.
        var sheet = (await app.Services.GetRequiredService<RouteSheetService>().GetAsync(team.Key))!;
        Assert.True(sheet.Map.IsEstimated);
        var metres = sheet.Map.Legs.Sum(l => l.DistanceMetres);
        Assert.True(metres > 0);
        Assert.Equal("≈ " + RouteMapBuilder.Distance(metres, CultureInfo.GetCultureInfo("vi")), Figure(card, "team-km")[1]);
        Assert.Contains("data-figure=\"km-estimated\"", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NextWeek_ItsFiguresBesideToday()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services, new DateOnly(2026, 12, 1));
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var thisWeek = await GetOkAsync(chief, "/staff");
        var nextWeek = await GetOkAsync(chief, "/staff?week=2026-12-03");

        Assert.Equal(["0", "0"], Figure(Card(thisWeek, plan.Station.Id), "bookings"));
        Assert.Contains("href=\"/staff?week=2026-11-30\"", thisWeek, StringComparison.Ordinal);
        var card = Card(nextWeek, plan.Station.Id);
        // Today (Monday 23) stays in the first column; the second is the week of Monday 30 November.
        Assert.Contains("Tuần 30/11–06/12", card, StringComparison.Ordinal);
        Assert.Equal(["0", "4"], Figure(card, "bookings"));
        Assert.Equal(["4", "2", "0", "0"], WeekDay(card, "2026-12-01"));
        Assert.Equal("1 bản kế hoạch chưa công bố: Xe đón 01/12 (bản 1)", Item(card, "unpublished"));
        Assert.Contains("id=\"this-week\"", nextWeek, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("03/12/2026")]
    public async Task Get_BadWeek_SaysSoAndShowsThisWeek(string week)
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);

        var html = await GetOkAsync(chief, "/staff?week=" + Uri.EscapeDataString(week));

        Assert.Contains($"Tuần '{week}' không hợp lệ", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(["0", "4"], Figure(Card(html, plan.Station.Id), "bookings"));
    }

    [Fact]
    public async Task Get_InEnglish_CountedWordsInEnglish()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var chief = await app.SignedInAsync(StaffRole.Chief, plan.Station.Id);
        (await chief.GetAsync("/language?culture=en&returnUrl=/")).Dispose();

        var card = Card(await GetOkAsync(chief, "/staff"), plan.Station.Id);

        Assert.Equal("0 messages waiting", Item(card, "messages"));
        Assert.Equal("1 plan version not published: Pickups 24/11 (version 1)", Item(card, "unpublished"));
        Assert.Contains("Tuesday 07:30 trip full; next free: 14:00: 1", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Driver_SeesCountsWithoutLinksToPagesTheyCannotOpen()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var driver = await app.SignedInAsync(StaffRole.Driver, plan.Station.Id);

        var card = Card(await GetOkAsync(driver, "/staff"), plan.Station.Id);

        Assert.Equal(["0", "4"], Figure(card, "bookings"));
        Assert.DoesNotContain("href=", card, StringComparison.Ordinal);
    }

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    /// <summary>The station's card on the dashboard.</summary>
    private static string Card(string html, long stationId)
    {
        int start = html.IndexOf($"id=\"figures-{stationId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"card of station {stationId} missing");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    /// <summary>The data cells (today, week) of a figure's row, as text.</summary>
    private static string[] Figure(string card, string name) => Cells(Between(card, $"<tr data-figure=\"{name}\"", "</tr>"));

    /// <summary>The data cells of a day of the week strip: bookings, trips, teams out, people captured.</summary>
    private static string[] WeekDay(string card, string date) => Cells(Between(card, $"data-date=\"{date}\"", "</tr>"));

    private static string Item(string card, string name) => Text(Between(card, $"<li data-figure=\"{name}\">", "</li>"));

    private static string Between(string html, string from, string to)
    {
        int start = html.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{from} missing");
        return html[start..html.IndexOf(to, start, StringComparison.Ordinal)];
    }

    private static string[] Cells(string row) =>
        [.. CellPattern().Matches(row).Select(m => Text(m.Groups[1].Value))];

    private static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
