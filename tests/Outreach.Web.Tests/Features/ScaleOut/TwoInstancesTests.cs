using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Notifications;
using Outreach.Web.Tests.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.ScaleOut;

/// <summary>
/// Issue 14, scale-out: two app instances (two in-process hosts, each with its own stores, pools and sender) on one
/// PostgreSQL database and one shared keys folder, as docker compose scales them. Families racing through both for the
/// last seats get exactly the capacity; both instances' outbox senders working one queue send every message once.
/// </summary>
[Collection(PostgresWebGroup.Name)]
public sealed class TwoInstancesTests(PostgresWebFixture fixture) : TwoInstancesOnPostgres(fixture, "outreach_two")
{
    private readonly SharedGateway gateway = new();

    protected override OutreachAppFactory Create(string folder) => new()
    {
        DataFolder = folder,
        TestServices = services => services.AddSingleton<IMessageGateway>(gateway),
    };

    protected override void Configure(OutreachAppFactory app)
    {
        // A gateway makes each instance run its own sender; the test drives both senders at once itself.
        app.Settings["Outreach:Messaging:WebhookUrl"] = "http://127.0.0.1:9/unused";
        app.Settings["Outreach:Messaging:PollSeconds"] = "3600";
    }

    [SkippableFact]
    public async Task Booking_FamiliesRaceThroughBothInstancesForTheLastSeats_ExactlyTheCapacityConfirmed()
    {
        Fixture.Server.SkipIfUnavailable();
        // One 16-seat van; 6 seats taken at 09:00, 10 left; each family is 1 child + 1 guardian: exactly 5 fit.
        var scenario = await BookingScenario.CreateAsync(A, vanSeats: 16);
        await scenario.PreBookAsync(A, children: 5, guardians: 1, new TimeOnly(9, 0));
        var clients = new[] { A.CreateBrowserLikeClient(), B.CreateBrowserLikeClient() };
        var hidden = new List<Dictionary<string, string>>();
        foreach (var client in clients)
        {
            using var page = await client.GetAsync(scenario.WizardUrl);
            hidden.Add(Forms.HiddenInputs(Forms.FindForm(await page.Content.ReadAsStringAsync(), "booking")));
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
        {
            var fields = new Dictionary<string, string>(hidden[i % 2]);
            foreach (var (key, value) in scenario.Booking(slot: "09:00", phone: string.Create(CultureInfo.InvariantCulture, $"09{i:D8}")))
            {
                fields[key] = value;
            }

            using var content = new FormUrlEncodedContent(fields);
            using var response = await clients[i % 2].PostAsync(scenario.WizardUrl, content);
            return (Instance: i % 2, response.StatusCode, Location: Forms.Location(response));
        })));

        var booked = responses.Where(r => r.StatusCode == HttpStatusCode.Redirect && r.Location!.StartsWith("/booking/manage/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, booked.Count);
        Assert.Equal(115, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        // Read through the other instance: both see the same seats taken.
        var usage = Assert.Single(await B.Services.GetRequiredService<BookingStore>().ListSlotUsageAsync(scenario.StationId, BookingScenario.Tuesday));
        Assert.Equal((16, 6), (usage.SeatsTakenInSlot, usage.BookingsInSlot));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [SkippableFact]
    public async Task Outbox_BothInstancesSendersWorkOneQueue_EveryMessageSentExactlyOnce()
    {
        Fixture.Server.SkipIfUnavailable();
        var scenario = await BookingScenario.CreateAsync(A);
        const int count = 150;
        var messages = Enumerable.Range(0, count).Select(i => new OutboxMessage(0, NotificationChannel.Sms, "0912345678", MessageText.PickupDriverLink, "vi",
            $$"""{"Vehicle":"Xe {{i}}","Plate":null,"Date":"2026-11-24","Trip":1,"Departure":"07:30","Bookings":3,"Url":"https://outreach.example.vn/r/x{{i}}"}""",
            string.Create(CultureInfo.InvariantCulture, $"scale:{i}"), A.Clock.Now.AddMinutes(-1), NotificationStatus.Pending, 0, A.Clock.Now, null, null, scenario.StationId)).ToList();
        Assert.Equal(count, await A.Services.GetRequiredService<NotificationOutboxStore>().EnqueueAsync(messages));
        var senders = new[] { A.Services.GetRequiredService<OutboxDispatcher>(), B.Services.GetRequiredService<OutboxDispatcher>() };
        Assert.NotSame(senders[0], senders[1]);

        using var start = new ManualResetEventSlim();
        var runs = senders.Select((sender, instance) => Task.Run(async () =>
        {
            start.Wait();
            var sent = 0;
            for (var round = 0; round < 50; round++)
            {
                var report = await sender.DispatchDueAsync();
                sent += report.Sent;
                if (report.Handled == 0 && report.TakenByAnother == 0)
                {
                    break;
                }
            }

            return sent;
        })).ToList();
        start.Set();
        var sentBy = await Task.WhenAll(runs);

        var ids = gateway.Sent.Select(m => m.Id).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(count, ids.Distinct().Count());
        Assert.All(sentBy, n => Assert.True(n > 0, $"each instance sent some: {string.Join(" + ", sentBy)}"));
        var outbox = B.Services.GetRequiredService<NotificationOutboxStore>();
        Assert.Equal(count, (await outbox.CountByStatusAsync(scenario.StationId))[NotificationStatus.Sent]);
    }

    /// <summary>The message provider both instances hand messages to; slow enough that the senders overlap.</summary>
    private sealed class SharedGateway : IMessageGateway
    {
        private readonly ConcurrentQueue<OutgoingMessage> sent = new();

        public IReadOnlyList<OutgoingMessage> Sent => [.. sent];

        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(2, cancellationToken);
            sent.Enqueue(message);
        }
    }
}
