using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Outreach.Domain;
using Outreach.Jobs.Notifications;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Infrastructure.Time;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.PickupPlans;

/// <summary>
/// Issue 17: the times in the messages are the times on the sheets, from one source. A driver once read "xuất phát
/// 15:41" in the SMS and 15:53 on the sheet: the message took the start row's departure while the sheet merges the
/// start with the boardings at the station into its first stop, left after the last boarding.
/// </summary>
public sealed partial class MessageSheetTimesTests
{
    private static readonly Uri Base = new("https://outreach.example.vn/");

    [Fact]
    public async Task PublishAsync_TheDriversDayMessage_GivesTheDepartureOfEachTripsSheet()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, new Dictionary<long, string?>());
        var sheets = await app.Services.GetRequiredService<RouteSheetService>().ListAsync(plan.PlanId);
        var text = new SheetText(app.Services.GetRequiredService<IStringLocalizer<RouteSheetResource>>());

        var message = Assert.Single(await Outbox.AllAsync(app.Services), r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);

        // Every time the SMS gives is a trip's departure, in trip order, as each sheet's heading shows it.
        var sent = Times(Render(message));
        Assert.Equal(sheets.OrderBy(s => s.Key.TripNumber).Select(s => LocalTime.FormatTime(s.Departure)), sent);
        Assert.All(sheets, s => Assert.Contains($"{LocalTime.FormatTime(s.Departure)}–", text.Subtitle(s), StringComparison.Ordinal));
        // Trip 2 starts at the station at 10:30 and boards three families there until 10:35: the sheet's first stop
        // is left at 10:35, and so the SMS says (it said 10:30).
        Assert.Equal(["07:30", "10:35"], sent);
    }

    [Fact]
    public async Task PublishAsync_EveryFamilyMessage_GivesTheArrivalOfTheSheetStopsWhereItBoardsAndGetsOffAtHome()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, new Dictionary<long, string?>());
        var stops = (await app.Services.GetRequiredService<RouteSheetService>().ListAsync(plan.PlanId)).SelectMany(s => s.Stops).ToList();

        var families = (await Outbox.AllAsync(app.Services))
            .Where(r => r.TemplateKey is PickupPlanPublisher.ConfirmationTemplate or PickupPlanPublisher.ReminderTemplate).ToList();

        Assert.Equal(6, families.Count);
        foreach (var message in families)
        {
            using var payload = JsonDocument.Parse(message.PayloadJson);
            var code = payload.RootElement.GetProperty("Code").GetString();
            var pickup = PickupStop(stops, code);
            var home = HomeStop(stops, code)!;
            Assert.Equal(pickup.ArrivalText, payload.RootElement.GetProperty("PickupTime").GetString());
            Assert.Equal(home.ArrivalText, payload.RootElement.GetProperty("HomeTime").GetString());
            Assert.All(Times(Render(message)), t => Assert.Contains(t, new[] { pickup.ArrivalText, home.ArrivalText }));
        }

        // Minh boards at the school gate after Lan: the van reaches that stop at 07:40, and so his message says (it said 07:42).
        var minh = families.First(r => r.PayloadJson.Contains(plan.Bookings["Minh"].Code, StringComparison.Ordinal));
        using var minhPayload = JsonDocument.Parse(minh.PayloadJson);
        Assert.Equal(("07:40", "10:52"), (minhPayload.RootElement.GetProperty("PickupTime").GetString(), minhPayload.RootElement.GetProperty("HomeTime").GetString()));
    }

    [Fact]
    public async Task DemoWeek_EveryPublishedPickupDay_DriverAndFamilyMessageTimesAreTheSheetsTimes()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:SeedDemo"] = "true";
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.2";
        var services = app.Services;
        var runner = services.GetRequiredService<IPickupPlanRunner>();
        var publisher = services.GetRequiredService<PickupPlanPublisher>();
        var sheetService = services.GetRequiredService<RouteSheetService>();
        var days = new List<(long PlanId, DateOnly Date)>();
        foreach (var station in await services.GetRequiredService<Outreach.Data.Stores.StationStore>().ListAsync())
        {
            var dates = (await services.GetRequiredService<Outreach.Data.Stores.BookingStore>().ListAsync(station.Id, DateOnly.MinValue, DateOnly.MaxValue))
                .Select(b => b.Date).Distinct().Order().ToList();
            foreach (var date in dates.Where(d => d < dates[0].AddDays(7)))
            {
                var planId = (await runner.PlanAsync(station.Id, date, "test", CancellationToken.None)).PlanId;
                Assert.Equal(PublishOutcome.Published, (await publisher.PublishAsync(planId, Base, new Dictionary<long, string?>())).Outcome);
                days.Add((planId, date));
            }
        }

        var stopsByPlan = new Dictionary<long, IReadOnlyList<RouteSheet>>();
        foreach (var (planId, _) in days)
        {
            stopsByPlan[planId] = await sheetService.ListAsync(planId);
        }

        var outbox = await Outbox.AllAsync(services);
        var dayLinks = services.GetRequiredService<Outreach.Data.Stores.DriverDayLinkStore>();
        var drivers = outbox.Where(r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate).ToList();
        Assert.NotEmpty(drivers);
        foreach (var message in drivers)
        {
            using var payload = JsonDocument.Parse(message.PayloadJson);
            var day = (await dayLinks.GetAsync(new Uri(payload.RootElement.GetProperty("Url").GetString()!).AbsolutePath["/d/".Length..]))!;
            var trips = stopsByPlan[day.PlanId].Where(s => s.Key.ResourceId == day.ResourceId && s.Key.Date == day.Date).OrderBy(s => s.Key.TripNumber);
            Assert.Equal(trips.Select(s => LocalTime.FormatTime(s.Departure)), Times(Render(message)));
        }

        var families = outbox.Where(r => r.TemplateKey is PickupPlanPublisher.ConfirmationTemplate or PickupPlanPublisher.ReminderTemplate).ToList();
        Assert.NotEmpty(families);
        foreach (var message in families)
        {
            using var payload = JsonDocument.Parse(message.PayloadJson);
            var code = payload.RootElement.GetProperty("Code").GetString();
            var date = DateOnly.Parse(payload.RootElement.GetProperty("Date").GetString()!, CultureInfo.InvariantCulture);
            var stops = days.Where(d => d.Date == date).SelectMany(d => stopsByPlan[d.PlanId]).Where(s => s.Key.Date == date).SelectMany(s => s.Stops).ToList();
            // The family is told when the van reaches the stop of its pickup and of its drop-off, as the sheets give them
            // (not when it boards: a collection-point stop can span an hour, drop the morning's families, wait, board the return).
            Assert.Equal(PickupStop(stops, code).ArrivalText, payload.RootElement.GetProperty("PickupTime").GetString());
            Assert.Equal(HomeStop(stops, code)?.ArrivalText, payload.RootElement.GetProperty("HomeTime").GetString());
        }
    }

    /// <summary>The sheet stop holding the family's pickup row (its earliest, if it rides twice).</summary>
    private static SheetStop PickupStop(IReadOnlyList<SheetStop> stops, string? code) => StopOf(stops, code, StopKind.Pickup)!;

    /// <summary>The sheet stop holding the family's drop-off row (the van brings it back), if one is planned.</summary>
    private static SheetStop? HomeStop(IReadOnlyList<SheetStop> stops, string? code) => StopOf(stops, code, StopKind.DropOff);

    private static SheetStop? StopOf(IReadOnlyList<SheetStop> stops, string? code, StopKind kind)
    {
        var bookingId = stops.SelectMany(s => s.Boarding.Concat(s.Alighting)).First(p => p.Code == code).BookingId;
        return stops.Where(s => s.Rows.Any(r => r.BookingId == bookingId && r.Kind == kind))
            .MinBy(s => s.Rows.Where(r => r.BookingId == bookingId && r.Kind == kind).Min(r => r.Arrival));
    }

    private static string Render(OutboxRow row) => MessageText.Render(new OutboxMessage(
        0, Enum.Parse<NotificationChannel>(row.Channel), row.Recipient, row.TemplateKey, row.Language, row.PayloadJson, row.DeduplicationKey,
        row.DueAt, NotificationStatus.Pending, 0, row.DueAt, null, null));

    private static List<string> Times(string text) => [.. HourMinute().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\b\d{2}:\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HourMinute();
}
