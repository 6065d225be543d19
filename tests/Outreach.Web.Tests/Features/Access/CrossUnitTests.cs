using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Features.VisitPlans;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Access;

/// <summary>
/// Issue 14's findings, as the tester did them: staff of one unit acting on another unit's week plan, pickup points
/// and families. Each is refused and changes nothing.
/// </summary>
public sealed class CrossUnitTests : IDisposable
{
    /// <summary>The second demo unit (Ho Chi Minh City), seeded beside Sông Công.</summary>
    private const string XuanHoaName = "Công an phường Xuân Hòa";

    private readonly OutreachAppFactory app;

    public CrossUnitTests()
    {
        app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        app.Settings["Outreach:Planning:VisitSeconds"] = "1";
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task VisitBoard_ChiefOfAnotherStation_CannotOpenIt()
    {
        var (songCong, xuanHoa) = await DemoStationsAsync();
        using var chief = await app.SignedInAsync(StaffRole.Chief, xuanHoa);

        using var board = await chief.GetAsync(BoardUrl(songCong));

        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(board), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanWeek_ChiefOfAnotherStation_RefusedAndNothingPlanned()
    {
        var (songCong, xuanHoa) = await DemoStationsAsync();
        using var chief = await app.SignedInAsync(StaffRole.Chief, xuanHoa);

        using var posted = await Forms.PostDirectAsync(chief, BoardUrl(songCong), "plan-week", new Dictionary<string, string>());

        Assert.StartsWith("/status/403", Forms.Location(posted), StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<PlanStore>().ListVersionsAsync(
            songCong, PlanKind.Visits, PlannedDemoWeek.Monday, PlannedDemoWeek.Monday.AddDays(6)));
    }

    [Fact]
    public async Task Publish_ChiefOfAnotherStation_RefusedAndTheDraftStaysUnpublished()
    {
        var (songCong, xuanHoa) = await DemoStationsAsync();
        var draft = await PlannedDemoWeek.PlanAsync(app);
        using var chief = await app.SignedInAsync(StaffRole.Chief, xuanHoa);

        using var posted = await Forms.PostDirectAsync(chief, BoardUrl(songCong), "publish", new Dictionary<string, string>
        {
            ["PlanId"] = draft.Plan.Id.ToString(CultureInfo.InvariantCulture),
        });

        Assert.StartsWith("/status/403", Forms.Location(posted), StringComparison.Ordinal);
        var stored = await app.Services.GetRequiredService<PlanStore>().GetAsync(draft.Plan.Id);
        Assert.Equal(PlanStatus.Draft, stored?.Plan.Status);
        var outbox = await app.Services.GetRequiredService<NotificationOutboxStore>().CountByStatusAsync(songCong);
        Assert.Equal(0, outbox[NotificationStatus.Pending]);
    }

    [Fact]
    public async Task AddSite_DispatcherOfAnotherStation_403AndNothingStored()
    {
        var mine = await BookingScenario.CreateAsync(app);
        var theirs = await BookingScenario.CreateAsync(app);
        var sites = app.Services.GetRequiredService<SiteStore>();
        var before = (await sites.ListByStationAsync(theirs.StationId)).Count;
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, mine.StationId);
        using var body = new StringContent("""
            { "name": "Điểm đón giả", "kind": "school", "location": { "longitude": 105.85, "latitude": 21.47 } }
            """, Encoding.UTF8, "application/json");

        using var response = await dispatcher.PostAsync($"/api/stations/{theirs.StationId}/sites", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, (await sites.ListByStationAsync(theirs.StationId)).Count);
        using var own = new StringContent("""
            { "name": "Điểm đón mới", "kind": "school", "location": { "longitude": 105.85, "latitude": 21.47 } }
            """, Encoding.UTF8, "application/json");
        using var ownResponse = await dispatcher.PostAsync($"/api/stations/{mine.StationId}/sites", own);
        Assert.Equal(HttpStatusCode.Created, ownResponse.StatusCode);
    }

    [Fact]
    public async Task PhoneBooking_DispatcherOfAnotherStation_DoesNotSeeTheirFamily()
    {
        var mine = await BookingScenario.CreateAsync(app);
        var theirs = await BookingScenario.CreateAsync(app);
        await theirs.PreBookAsync(app, 1, 1, new TimeOnly(9, 0));
        var booking = (await app.Services.GetRequiredService<BookingStore>().ListAsync(theirs.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday)).Single();
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, mine.StationId);

        using var response = await dispatcher.GetAsync($"/staff/phone-booking?station={theirs.StationId}&saved={booking.Code}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
        Assert.DoesNotContain(booking.Phone, html, StringComparison.Ordinal);
        Assert.DoesNotContain(booking.Code, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhoneBooking_SavedCodeOfAnotherStationOnOwnPage_Refused()
    {
        var mine = await BookingScenario.CreateAsync(app);
        var theirs = await BookingScenario.CreateAsync(app);
        await theirs.PreBookAsync(app, 1, 1, new TimeOnly(9, 0));
        var booking = (await app.Services.GetRequiredService<BookingStore>().ListAsync(theirs.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday)).Single();
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, mine.StationId);

        using var response = await dispatcher.GetAsync($"/staff/phone-booking?station={mine.StationId}&saved={booking.Code}");

        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhoneBooking_SaveForAnotherStationFromOwnPage_RefusedAndNothingStored()
    {
        var mine = await BookingScenario.CreateAsync(app);
        var theirs = await BookingScenario.CreateAsync(app);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, mine.StationId);
        var station = theirs.StationId.ToString(CultureInfo.InvariantCulture);

        using var response = await Forms.PostDirectAsync(dispatcher, $"/staff/phone-booking?station={mine.StationId}", "phone-booking", new Dictionary<string, string>
        {
            ["station"] = station,
            ["date"] = BookingScenario.TuesdayKey,
            ["rows"] = "1",
            ["action"] = "save",
            ["slot-0"] = "09:00",
            ["site-0"] = theirs.SchoolId.ToString(CultureInfo.InvariantCulture),
            ["children-0"] = "1",
            ["guardians-0"] = "1",
            ["firstName-0"] = "Hoa",
            ["phone-0"] = "0911111111",
        });

        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<BookingStore>().ListAsync(theirs.StationId, DateOnly.MinValue, DateOnly.MaxValue, includeCancelled: true));
    }

    private async Task<(long SongCong, long XuanHoa)> DemoStationsAsync()
    {
        var stations = app.Services.GetRequiredService<StationStore>();
        var songCong = await stations.GetByNameAsync(PlannedDemoWeek.StationName) ?? throw new InvalidOperationException("demo not seeded");
        var xuanHoa = await stations.GetByNameAsync(XuanHoaName) ?? throw new InvalidOperationException("demo not seeded");
        return (songCong.Id, xuanHoa.Id);
    }

    private static string BoardUrl(long stationId) =>
        string.Create(CultureInfo.InvariantCulture, $"/staff/visits/{stationId}/{PlannedDemoWeek.Monday:yyyy-MM-dd}");
}
