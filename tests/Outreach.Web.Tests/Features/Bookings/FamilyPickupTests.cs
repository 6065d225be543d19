using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Tests.Features.Jobs;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// Issue 17, the family after booking: its page says what was planned once the day is published, with the same time
/// the confirmation message gives, and the booking comes as a calendar file for the phone.
/// </summary>
public sealed partial class FamilyPickupTests
{
    [Fact]
    public async Task ManagePage_DayPublished_ShowsTheVansTimePlaceAndReturnAsTheConfirmationMessageDoes()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var lan = plan.Bookings["Lan"];
        using var family = await Replans.FamilyAsync(app, lan);

        // Not published yet: the page says the police will tell the time; no planned time shown.
        var before = await family.GetStringAsync($"/booking/manage/{lan.Code}");
        Assert.DoesNotContain("id=\"planned\"", before, StringComparison.Ordinal);
        Assert.Contains("Công an xếp xe", before, StringComparison.Ordinal);

        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, new Uri("https://outreach.example.vn/"), new Dictionary<long, string?>());
        var confirmation = (await PickupPlans.Outbox.AllAsync(app.Services))
            .Single(r => r.TemplateKey == PickupPlanPublisher.ConfirmationTemplate && r.Recipient == lan.Phone);
        using var payload = JsonDocument.Parse(confirmation.PayloadJson);

        var after = await family.GetStringAsync($"/booking/manage/{lan.Code}");
        Assert.Equal(payload.RootElement.GetProperty("PickupTime").GetString(), Field(after, "planned-time"));
        Assert.Equal("07:40", Field(after, "planned-time"));
        Assert.Equal(payload.RootElement.GetProperty("PickupPlace").GetString(), Field(after, "planned-place"));
        Assert.Equal(payload.RootElement.GetProperty("HomeTime").GetString(), Field(after, "planned-home"));
        Assert.Equal("Xe đón phường (7 chỗ) (51A-030.31)", Field(after, "planned-van"));
        Assert.DoesNotContain("Công an xếp xe", after, StringComparison.Ordinal);
        // The family may still move or cancel once told the time.
        Assert.Contains("move-booking", after, StringComparison.Ordinal);
        Assert.Contains("cancel-booking", after, StringComparison.Ordinal);

        // Minh boards second at the same school gate: the sheet has one stop there, reached at the first family's time,
        // and the message, the page and the sheet all give that time.
        var minh = plan.Bookings["Minh"];
        using var minhs = await Replans.FamilyAsync(app, minh);
        var minhPage = await minhs.GetStringAsync($"/booking/manage/{minh.Code}");
        var minhMessage = (await PickupPlans.Outbox.AllAsync(app.Services))
            .Single(r => r.TemplateKey == PickupPlanPublisher.ConfirmationTemplate && r.Recipient == minh.Phone);
        using (var minhPayload = JsonDocument.Parse(minhMessage.PayloadJson))
        {
            Assert.Equal(minhPayload.RootElement.GetProperty("PickupTime").GetString(), Field(minhPage, "planned-time"));
        }

        Assert.Equal("07:40", Field(minhPage, "planned-time"));

        // Hường is picked up at home: the page says so instead of a point's name.
        var huong = plan.Bookings["Hường"];
        using var other = await Replans.FamilyAsync(app, huong);
        var home = await other.GetStringAsync($"/booking/manage/{huong.Code}");
        Assert.Equal("07:52", Field(home, "planned-time"));
        Assert.Equal("Tại nhà bạn", Field(home, "planned-place"));
    }

    [Fact]
    public async Task CalendarFile_BeforeAndAfterPublishing_SlotThenTheVansTimesInVietnamTime_OnlyForTheFamilysBrowser()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var lan = plan.Bookings["Lan"];
        using var family = await Replans.FamilyAsync(app, lan);
        var url = $"/booking/manage/{lan.Code}/calendar.ics";

        using (var response = await family.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            var ics = Unfold(await response.Content.ReadAsStringAsync());
            // The booked slot until the day is planned.
            Assert.Contains($"DTSTART;TZID=Asia/Ho_Chi_Minh:{lan.Date:yyyyMMdd}T{lan.SlotStart:HHmm}00", ics, StringComparison.Ordinal);
            Assert.Contains($"Mã đặt chỗ: {lan.Code}", ics, StringComparison.Ordinal);
            Assert.Contains("LOCATION:Trường Tiểu học Trần Quốc Thảo", ics, StringComparison.Ordinal);
        }

        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, new Uri("https://outreach.example.vn/"), new Dictionary<long, string?>());
        var published = Unfold(await family.GetStringAsync(url));
        Assert.Contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20261124T074000", published, StringComparison.Ordinal);
        Assert.Contains("DTEND;TZID=Asia/Ho_Chi_Minh:20261124T105200", published, StringComparison.Ordinal);
        Assert.Contains("Xe: Xe đón phường (7 chỗ) (51A-030.31)", published, StringComparison.Ordinal);

        // A code alone opens nothing: another browser is sent to prove the phone first.
        using var stranger = app.CreateBrowserLikeClient();
        using var refused = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/booking/find", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The text of the element with id <paramref name="id"/>, tags stripped, spaces collapsed.</summary>
    private static string Field(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{id}\"[^>]*>(.*?)</dd>", RegexOptions.Singleline);
        Assert.True(match.Success, $"#{id} not on the page");
        var text = Tags().Replace(match.Groups[1].Value, "");
        return WebUtility.HtmlDecode(Spaces().Replace(text, " ").Trim()).Split(' ')[0] is { Length: 5 } time && time[2] == ':'
            ? time
            : WebUtility.HtmlDecode(Spaces().Replace(text, " ").Trim());
    }

    /// <summary>iCalendar folds long lines at 75 octets (CRLF + space); unfolded for matching.</summary>
    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\,", ",", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
