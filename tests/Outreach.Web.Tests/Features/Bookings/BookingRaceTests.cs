using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// No overbooking, ever, over HTTP: 200 booking forms posted at once for the last 10 seats of a slot. One test body,
/// run on SQLite and on PostgreSQL (the app configured as docker-compose.yml configures it).
/// </summary>
public abstract class BookingRaceTestsBase
{
    protected abstract OutreachAppFactory App { get; }

    [SkippableFact]
    public async Task BookPost_200ParallelFamiliesForTheLast10Seats_AtMost10TakenRestToldFullWithAlternatives()
    {
        var app = App;
        // One 16-seat van; 6 seats taken at 09:00, 10 left. Each racer is 1 child + 1 guardian: 5 can win.
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 16);
        await scenario.PreBookAsync(app, children: 5, guardians: 1, new TimeOnly(9, 0));
        using var client = app.CreateBrowserLikeClient();
        using var page = await client.GetAsync(scenario.WizardUrl);
        var hidden = Forms.HiddenInputs(Forms.FindForm(await page.Content.ReadAsStringAsync(), "booking"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var fields = new Dictionary<string, string>(hidden);
            foreach (var (key, value) in scenario.Booking(slot: "09:00", phone: $"09{i:D8}"))
            {
                fields[key] = value;
            }

            using var content = new FormUrlEncodedContent(fields);
            using var response = await client.PostAsync(scenario.WizardUrl, content);
            return (response.StatusCode, Location: Forms.Location(response), Html: await response.Content.ReadAsStringAsync());
        })));

        var booked = responses.Count(r => r.StatusCode == HttpStatusCode.Redirect && r.Location!.StartsWith("/booking/manage/", StringComparison.Ordinal));
        var full = responses.Where(r => r.StatusCode == HttpStatusCode.OK && r.Html.Contains("id=\"booking-full\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, booked);
        Assert.Equal(195, full.Count);
        Assert.All(full, r => Assert.NotEmpty(BookingPagesTests.Alternatives(r.Html)));
        var usage = Assert.Single(await app.Services.GetRequiredService<BookingStore>().ListSlotUsageAsync(scenario.StationId, BookingScenario.Tuesday));
        Assert.Equal((16, 6), (usage.SeatsTakenInSlot, usage.BookingsInSlot));
        // Whether judged one at a time or together on the day's line, every winner is a seat in the stored live plan.
        var store = app.Services.GetRequiredService<BookingStore>();
        var winners = (await store.ListAsync(scenario.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday)).Where(b => b.Phone.StartsWith("09", StringComparison.Ordinal) && b.ChildCount == 1).ToList();
        var live = Outreach.Planning.Pickups.LivePlanJson.Read((await store.GetLivePlanAsync(scenario.StationId, BookingScenario.Tuesday))!.Value.Content)!;
        Assert.Equal(5, winners.Count);
        Assert.Subset(Outreach.Planning.Pickups.LiveBooking.Served(live).ToHashSet(), winners.Select(b => b.Id).ToHashSet());
    }
}

public sealed class SqliteBookingRaceTests(OutreachAppFactory app) : BookingRaceTestsBase, IClassFixture<OutreachAppFactory>
{
    protected override OutreachAppFactory App => app;
}

[Collection(PostgresWebGroup.Name)]
public sealed class PostgresBookingRaceTests(PostgresWebFixture fixture) : BookingRaceTestsBase
{
    protected override OutreachAppFactory App => fixture.App;
}
