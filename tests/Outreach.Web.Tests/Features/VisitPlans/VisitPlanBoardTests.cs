using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.VisitPlans;

/// <summary>
/// The week board over HTTP on the seeded demo (the app's clock is Monday 23 November 2026, so the demo week is
/// Monday 30 November): plan the week as a chief, read the grid and coverage, open an itinerary, publish.
/// </summary>
public sealed class VisitPlanBoardTests : IDisposable
{
    private const string Week = "2026-11-30";
    private readonly OutreachAppFactory app;

    public VisitPlanBoardTests()
    {
        app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        app.Settings["Outreach:Planning:VisitSeconds"] = "2";
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task PlanWeek_Chief_SavesAVersionAndShowsTeamsByDayAndCoverage()
    {
        var client = await app.SignedInAsync(StaffRole.Chief, await StationIdAsync());
        var board = await BoardUrlAsync();

        var before = await client.GetStringAsync(board);
        using var posted = await Forms.SubmitAsync(client, board, new Dictionary<string, string>(), "plan-week");

        Assert.Contains("id=\"no-plan\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"{board}?planned=1", Forms.Location(posted));
        var html = await client.GetStringAsync(Forms.Location(posted));
        Assert.Contains("Đã lập phiên bản 1.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"team-grid\"", html, StringComparison.Ordinal);
        Assert.Contains("Tổ lưu động 1", html, StringComparison.Ordinal);
        Assert.Contains("Trung tâm Bảo trợ xã hội (minh họa)", html, StringComparison.Ordinal);
        Assert.Contains("Lịch trình", html, StringComparison.Ordinal);
        Assert.Contains("id=\"coverage\"", html, StringComparison.Ordinal);
        Assert.Contains("Nhà văn hóa Xóm Lát Đá", html, StringComparison.Ordinal);
        Assert.Contains("Thời gian đi đường là ước tính", html, StringComparison.Ordinal);

        // Each team-day links to its sheet: the staff page, the A4 print page and the PDF.
        var itinerary = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/staff/visits/[^\"]+/teams/[^\"]+)\"").Groups[1].Value;
        var print = System.Text.RegularExpressions.Regex.Match(html, "class=\"visit-grid__print\" href=\"([^\"]+)\"").Groups[1].Value;
        var pdf = System.Text.RegularExpressions.Regex.Match(html, "class=\"visit-grid__pdf\" href=\"([^\"]+)\"").Groups[1].Value;
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(itinerary));
        Assert.Contains("class=\"stops\"", page, StringComparison.Ordinal);
        Assert.Contains("Lịch trình tổ: Tổ lưu động", page, StringComparison.Ordinal);
        Assert.Contains("Rời trụ sở", page, StringComparison.Ordinal);
        Assert.Contains("Về trụ sở", page, StringComparison.Ordinal);
        Assert.Contains("(tổ trưởng)", page, StringComparison.Ordinal);
        Assert.Contains("class=\"site-nav\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Matches(@"^/staff/route-sheets/\d+\?kind=team&resource=\d+&date=2026-1[12]-\d\d$", WebUtility.HtmlDecode(print));
        var printed = WebUtility.HtmlDecode(await client.GetStringAsync(WebUtility.HtmlDecode(print)));
        Assert.Contains("<article class=\"sheet\"", printed, StringComparison.Ordinal);
        Assert.Contains("Về kế hoạch tuần", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"site-nav\"", printed, StringComparison.Ordinal);
        using var download = await client.GetAsync(WebUtility.HtmlDecode(pdf));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Board_TeamDayWithStationReturns_ShowsEachReturnInItsCell()
    {
        // The planned demo week (fixed iterations, same plan on every run) has team-days that go back to the station
        // across a long gap; the chief must see those on the week board, not only on the sheet.
        var content = await PlannedDemoWeek.PlanAsync(app);
        var withReturns = Outreach.Planning.Visits.VisitPlanContent.TeamDays(content).Where(d => d.StationReturns.Count > 0).ToList();
        var client = await app.SignedInAsync(StaffRole.Chief, await StationIdAsync());

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(await BoardUrlAsync()));

        Assert.NotEmpty(withReturns);
        Assert.Equal(withReturns.Sum(d => d.StationReturns.Count), System.Text.RegularExpressions.Regex.Count(html, "class=\"visit-grid__return\""));
        foreach (var back in withReturns.SelectMany(d => d.StationReturns))
        {
            Assert.Contains($"↩ về trụ sở {Outreach.Web.Infrastructure.Time.LocalTime.FormatTime(back.Arrival)}–{Outreach.Web.Infrastructure.Time.LocalTime.FormatTime(back.Departure)}", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Itinerary_PlanOfAnotherStationOrUnknownTeamDay_NotShown()
    {
        var client = await app.SignedInAsync(StaffRole.Chief, await StationIdAsync());
        var board = await BoardUrlAsync();
        using (await Forms.SubmitAsync(client, board, new Dictionary<string, string>(), "plan-week"))
        {
        }

        var html = await client.GetStringAsync(board);
        var itinerary = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/staff/visits/(\\d+)(/[^\"]+/teams/[^\"]+))\"");
        var station = long.Parse(itinerary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);

        using var admin = await app.SignedInAsync(StaffRole.Admin);
        using var wrongStation = await admin.GetAsync($"/staff/visits/{station + 1}{itinerary.Groups[3].Value}");
        using var chiefWrongStation = await client.GetAsync($"/staff/visits/{station + 1}{itinerary.Groups[3].Value}");
        using var wrongDay = await client.GetAsync(itinerary.Groups[1].Value[..^10] + "2027-01-04");

        // An admin may look at any unit, and that unit has no such plan; the chief may not look at another unit at all.
        Assert.Equal(HttpStatusCode.NotFound, wrongStation.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(chiefWrongStation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrongDay.StatusCode);
        Assert.DoesNotContain("class=\"stops\"", await wrongStation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The site's status page says what is missing.
        Assert.Contains("Không tìm thấy trang", WebUtility.HtmlDecode(await wrongDay.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_Chief_FreezesTheVersionAndQueuesTheVisitTimes()
    {
        var client = await app.SignedInAsync(StaffRole.Chief, await StationIdAsync());
        var board = await BoardUrlAsync();
        using (await Forms.SubmitAsync(client, board, new Dictionary<string, string>(), "plan-week"))
        {
        }

        using var published = await Forms.SubmitAsync(client, board, new Dictionary<string, string>(), "publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.StartsWith($"{board}?version=1&published=", Forms.Location(published), StringComparison.Ordinal);
        var html = await client.GetStringAsync(Forms.Location(published));
        Assert.Contains("Đã công bố", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"publish\"", html, StringComparison.Ordinal);
        var database = app.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        var queued = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notification_outbox WHERE template_key = 'visit.scheduled'");
        var links = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notification_outbox WHERE template_key = 'visit.team-lead-link'");
        var teamDays = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM (SELECT DISTINCT resource_id, date FROM plan_stops WHERE resource_kind = 'Team')");
        Assert.True(queued > 0, "no visit-time messages were queued");
        // Each visit day of a request: the time now, and a reminder the evening before; each team-day its lead's link.
        Assert.Equal(teamDays, links);
        Assert.EndsWith($"published={2 * queued + links}&links={links}&nolead=0", Forms.Location(published), StringComparison.Ordinal);
        Assert.Contains($"trong đó {links} đường dẫn lịch trình cho tổ trưởng", html, StringComparison.Ordinal);
        // The link in the message opens the team-day sheet without signing in.
        var payload = await connection.ExecuteScalarAsync<string>("SELECT payload_json FROM notification_outbox WHERE template_key = 'visit.team-lead-link' LIMIT 1");
        var url = new Uri(System.Text.Json.JsonDocument.Parse(payload!).RootElement.GetProperty("url").GetString()!);
        using var anonymous = app.CreateBrowserLikeClient();
        var sheet = WebUtility.HtmlDecode(await anonymous.GetStringAsync(url.PathAndQuery));
        Assert.Contains("Lịch trình tổ: Tổ lưu động", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_Dispatcher_SeesTheBoardWithoutPlanningOrPublishing()
    {
        var client = await app.SignedInAsync(StaffRole.Dispatcher, await StationIdAsync());

        var html = await client.GetStringAsync(await BoardUrlAsync());

        Assert.Contains("Kế hoạch tổ lưu động", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"plan-week\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_Driver_IsDenied()
    {
        var client = await app.SignedInAsync(StaffRole.Driver, await StationIdAsync());

        using var response = await client.GetAsync(await BoardUrlAsync());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_WeekNotAMonday_400NamingTheValue()
    {
        var client = await app.SignedInAsync(StaffRole.Chief, await StationIdAsync());
        var station = await StationIdAsync();

        using var response = await client.GetAsync($"/staff/visits/{station}/2026-12-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Giá trị '2026-12-01' của tuần không hợp lệ", body, StringComparison.Ordinal);
    }

    private async Task<string> BoardUrlAsync() => $"/staff/visits/{await StationIdAsync()}/{Week}";

    private async Task<long> StationIdAsync() =>
        (await app.Services.GetRequiredService<StationStore>().GetByNameAsync("Công an thành phố Sông Công"))!.Id;
}
