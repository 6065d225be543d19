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
        app.Settings["Outreach:VisitPlanning:Seconds"] = "2";
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task PlanWeek_Chief_SavesAVersionAndShowsTeamsByDayAndCoverage()
    {
        var client = await app.SignedInAsync(StaffRole.Chief);
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

        var itinerary = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/staff/visits/[^\"]+/teams/[^\"]+)\"").Groups[1].Value;
        var page = await client.GetStringAsync(itinerary);
        Assert.Contains("id=\"itinerary\"", page, StringComparison.Ordinal);
        Assert.Contains("Rời trụ sở", page, StringComparison.Ordinal);
        Assert.Contains("Thu nhận", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_Chief_FreezesTheVersionAndQueuesTheVisitTimes()
    {
        var client = await app.SignedInAsync(StaffRole.Chief);
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
        Assert.True(queued > 0, "no visit-time messages were queued");
        // Each visit day of a request: the time now, and a reminder the evening before.
        Assert.EndsWith($"published={2 * queued}", Forms.Location(published), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_Dispatcher_SeesTheBoardWithoutPlanningOrPublishing()
    {
        var client = await app.SignedInAsync(StaffRole.Dispatcher);

        var html = await client.GetStringAsync(await BoardUrlAsync());

        Assert.Contains("Kế hoạch tổ lưu động", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"plan-week\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_Driver_IsDenied()
    {
        var client = await app.SignedInAsync(StaffRole.Driver);

        using var response = await client.GetAsync(await BoardUrlAsync());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_WeekNotAMonday_400NamingTheValue()
    {
        var client = await app.SignedInAsync(StaffRole.Chief);
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
