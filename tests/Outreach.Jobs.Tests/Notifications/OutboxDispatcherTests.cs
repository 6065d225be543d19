using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Data;
using Outreach.Domain;
using Outreach.Geo.Matrices;
using Outreach.Jobs.Notifications;
using Outreach.Jobs.Tests.Pickups;
using Outreach.Jobs.Visits;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Tests.Notifications;

/// <summary>
/// The dispatcher on a SQLite file seeded with the demo stations; the clock says Sunday 8 March 2026, 09:00 in Vietnam,
/// the demo week is Monday 9 to Saturday 14 March.
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private DataStores stores = null!;

    public async Task InitializeAsync()
    {
        demo = await DemoDatabase.CreateAsync();
        stores = new DataStores(demo.Database, demo.Clock);
    }

    public Task DisposeAsync()
    {
        demo.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DispatchDueAsync_DueAndLaterMessages_SendsTheDueOnceInWordsAndMarksItSent()
    {
        var booking = await DemoBookingAsync();
        var now = demo.Clock.Now;
        await stores.Outbox.EnqueueAsync([
            Family(booking, MessageText.PickupConfirmation, due: now.AddMinutes(-1), key: "confirm"),
            Family(booking, MessageText.PickupReminder, due: now.AddHours(30), key: "remind"),
        ]);
        var gateway = new RecordingGateway();

        var first = await Dispatcher(gateway).DispatchDueAsync();
        var second = await Dispatcher(gateway).DispatchDueAsync();

        Assert.Equal((1, 0), (first.Sent, second.Handled));
        var sent = Assert.Single(gateway.Sent);
        Assert.Equal(booking.Phone, sent.To);
        Assert.Contains(booking.Code, sent.Text, StringComparison.Ordinal);
        Assert.StartsWith("Cấp căn cước: xe đón", sent.Text, StringComparison.Ordinal);
        var stored = await stores.Outbox.GetByDeduplicationKeyAsync("confirm");
        Assert.Equal((NotificationStatus.Sent, 1, now), (stored!.Status, stored.AttemptCount, stored.SentAt));
        Assert.Equal(NotificationStatus.Pending, (await stores.Outbox.GetByDeduplicationKeyAsync("remind"))!.Status);
    }

    [Fact]
    public async Task OutboxDispatchJob_NoGatewayConfigured_RunsAndLeavesTheMessagesForTheCallList()
    {
        var booking = await DemoBookingAsync();
        await stores.Outbox.EnqueueAsync([Family(booking, MessageText.PickupConfirmation, due: demo.Clock.Now.AddMinutes(-1), key: "confirm")]);

        var report = await new OutboxDispatchJob(null).RunAsync(CancellationToken.None);

        Assert.Null(report);
        var stored = await stores.Outbox.GetByDeduplicationKeyAsync("confirm");
        Assert.Equal((NotificationStatus.Pending, 0, demo.Clock.Now.AddMinutes(-1)), (stored!.Status, stored.AttemptCount, stored.DueAt));
    }

    [Fact]
    public async Task OutboxDispatchJob_GatewayConfigured_SendsTheDueMessages()
    {
        var booking = await DemoBookingAsync();
        await stores.Outbox.EnqueueAsync([Family(booking, MessageText.PickupConfirmation, due: demo.Clock.Now.AddMinutes(-1), key: "confirm")]);
        var gateway = new RecordingGateway();

        var report = await new OutboxDispatchJob(Dispatcher(gateway)).RunAsync(CancellationToken.None);

        Assert.Equal(1, report!.Sent);
        Assert.Single(gateway.Sent);
        Assert.Equal(NotificationStatus.Sent, (await stores.Outbox.GetByDeduplicationKeyAsync("confirm"))!.Status);
    }

    [Fact]
    public async Task DispatchDueAsync_FamilyMessageSent_AuditLogNamesTheJobAndTheCodeNotThePhone()
    {
        var booking = await DemoBookingAsync();
        await stores.Outbox.EnqueueAsync([Family(booking, MessageText.PickupConfirmation, due: demo.Clock.Now.AddMinutes(-1), key: "confirm")]);

        var report = await Dispatcher(new RecordingGateway()).DispatchDueAsync();

        Assert.Equal(1, report.Sent);
        var entry = Assert.Single(await stores.AuditLog.ListAsync(new Outreach.Data.Stores.AuditQuery(null, booking.Code)));
        Assert.Equal((AuditActorKind.System, OutboxDispatcher.JobName, AuditAction.Send, AuditSubject.Message, (long?)booking.StationId),
            (entry.Actor.Kind, entry.Actor.Name, entry.Action, entry.Subject, entry.StationId));
        Assert.DoesNotContain(booking.Phone[1..], entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchDueAsync_GatewayDown_RetriesAfterGrowingWaitsThenGivesUpKeepingTheReason()
    {
        var booking = await DemoBookingAsync();
        await stores.Outbox.EnqueueAsync([Family(booking, MessageText.PickupConfirmation, demo.Clock.Now, "confirm")]);
        var gateway = new RecordingGateway { Fail = _ => new MessageDeliveryException("gateway answered 503", permanent: false) };
        var options = new OutboxDispatchOptions { RetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)] };
        var start = demo.Clock.Now;

        var first = await Dispatcher(gateway, options).DispatchDueAsync();
        var afterFirst = await stores.Outbox.GetByDeduplicationKeyAsync("confirm");
        demo.Clock.Now = start.AddSeconds(59);
        var tooEarly = await Dispatcher(gateway, options).DispatchDueAsync();
        demo.Clock.Now = start.AddMinutes(1);
        var secondTry = await Dispatcher(gateway, options).DispatchDueAsync();
        var afterSecond = await stores.Outbox.GetByDeduplicationKeyAsync("confirm");
        demo.Clock.Now = start.AddMinutes(6);
        var thirdTry = await Dispatcher(gateway, options).DispatchDueAsync();
        var afterThird = await stores.Outbox.GetByDeduplicationKeyAsync("confirm");
        demo.Clock.Now = start.AddDays(1);
        var later = await Dispatcher(gateway, options).DispatchDueAsync();

        Assert.Equal((1, 0, 1, 1, 0), (first.Retrying, tooEarly.Handled, secondTry.Retrying, thirdTry.Failed, later.Handled));
        Assert.Equal((NotificationStatus.Pending, 1, start.AddMinutes(1)), (afterFirst!.Status, afterFirst.AttemptCount, afterFirst.DueAt));
        Assert.Equal((NotificationStatus.Pending, 2, start.AddMinutes(6)), (afterSecond!.Status, afterSecond.AttemptCount, afterSecond.DueAt));
        Assert.Equal((NotificationStatus.Failed, 3, "gateway answered 503"), (afterThird!.Status, afterThird.AttemptCount, afterThird.LastError));
        Assert.Equal(3, gateway.Attempts);
    }

    [Fact]
    public async Task DispatchDueAsync_GatewayRefusesTheNumber_GivenUpAtOnce()
    {
        var booking = await DemoBookingAsync();
        await stores.Outbox.EnqueueAsync([Family(booking, MessageText.PickupConfirmation, demo.Clock.Now, "confirm")]);
        var gateway = new RecordingGateway { Fail = _ => new MessageDeliveryException("gateway answered 422 invalid number", permanent: true) };

        var report = await Dispatcher(gateway).DispatchDueAsync();

        Assert.Equal((0, 0, 1), (report.Sent, report.Retrying, report.Failed));
        var stored = await stores.Outbox.GetByDeduplicationKeyAsync("confirm");
        Assert.Equal((NotificationStatus.Failed, "gateway answered 422 invalid number"), (stored!.Status, stored.LastError));
    }

    [Fact]
    public async Task DispatchDueAsync_PastDayTodaysReminderCancelledOrMovedBooking_WithdrawnNeverSent()
    {
        var bookings = await stores.Bookings.ListAsync(demo.Seeded.Stations[0].StationId, DemoDatabase.Monday, DemoDatabase.Monday.AddDays(6));
        var (kept, cancelled, moved) = (bookings[0], bookings[1], bookings[2]);
        Assert.True(await stores.Bookings.CancelAsync(cancelled.Id));
        var now = demo.Clock.Now;
        await stores.Outbox.EnqueueAsync([
            Family(kept, MessageText.PickupConfirmation, now, "kept"),
            Family(kept with { Date = new DateOnly(2026, 3, 7) }, MessageText.PickupConfirmation, now, "past-day"),
            Family(kept with { Date = new DateOnly(2026, 3, 8) }, MessageText.PickupReminder, now, "reminder-today"),
            Family(cancelled, MessageText.PickupReminder, now, "cancelled"),
            Family(moved with { Date = moved.Date.AddDays(1) }, MessageText.PickupConfirmation, now, "moved"),
        ]);
        var gateway = new RecordingGateway();

        var report = await Dispatcher(gateway).DispatchDueAsync();

        Assert.Equal((1, 4), (report.Sent, report.Withdrawn));
        Assert.Equal("kept", Assert.Single(gateway.Sent).DeduplicationKey);
        Assert.Equal("expired: 07/03/2026 has passed", (await stores.Outbox.GetByDeduplicationKeyAsync("past-day"))!.LastError);
        Assert.Equal("expired: 08/03/2026 is today or past", (await stores.Outbox.GetByDeduplicationKeyAsync("reminder-today"))!.LastError);
        Assert.Equal($"booking {cancelled.Code} was cancelled", (await stores.Outbox.GetByDeduplicationKeyAsync("cancelled"))!.LastError);
        Assert.Equal($"booking {moved.Code} moved to {moved.Date:dd/MM/yyyy}", (await stores.Outbox.GetByDeduplicationKeyAsync("moved"))!.LastError);
        foreach (var key in new[] { "past-day", "reminder-today", "cancelled", "moved" })
        {
            Assert.Equal(NotificationStatus.Failed, (await stores.Outbox.GetByDeduplicationKeyAsync(key))!.Status);
        }
    }

    [Fact]
    public async Task DispatchDueAsync_TwoSendersAtOnce_EachMessageSentExactlyOnce()
    {
        var bookings = await stores.Bookings.ListAsync(demo.Seeded.Stations[0].StationId, DemoDatabase.Monday, DemoDatabase.Monday.AddDays(6));
        await stores.Outbox.EnqueueAsync([.. bookings.Select((b, i) => Family(b, MessageText.PickupConfirmation, demo.Clock.Now, $"m{i}"))]);
        var gateway = new RecordingGateway { Delay = TimeSpan.FromMilliseconds(5) };

        var reports = await Task.WhenAll(
            Task.Run(() => Dispatcher(gateway, Batch).DispatchDueAsync()),
            Task.Run(() => Dispatcher(gateway, Batch).DispatchDueAsync()));

        Assert.True(bookings.Count >= 20, $"{bookings.Count} demo bookings");
        Assert.Equal(bookings.Count, reports.Sum(r => r.Sent));
        Assert.Equal(bookings.Count, gateway.Sent.Select(m => m.DeduplicationKey).Distinct().Count());
        Assert.Equal(bookings.Count, gateway.Attempts);
    }

    [Fact]
    public async Task DispatchDueAsync_PublishedDemoVisitWeek_EveryContactAndLeadMessageWordedAndSentForItsStation()
    {
        var station = (await stores.Stations.GetByNameAsync("Công an thành phố Sông Công"))!;
        var service = new VisitPlanningService(stores, new MatrixCache(), new VisitPlanningServiceOptions
        {
            MapsRoot = DemoDatabase.MapsFolder,
            TimeLimit = TimeSpan.FromSeconds(30),
            Planner = VisitPlanningOptions.Default with { MaxIterations = 800 },
        }, demo.Clock);
        var week = await service.PlanWeekAsync(station.Id, demo.Seeded.WeekStart, "truong-cong-an");
        var published = await service.PublishAsync(week.Saved.Plan.Id, k => $"https://outreach.example.vn/r/{k.TeamId}-{k.Date:yyyyMMdd}");
        var queued = await stores.Outbox.ListAsync(station.Id, NotificationStatus.Pending, 500);
        var gateway = new RecordingGateway();

        // Reminders are due at 17:00 the day before each visit: move the clock to the Saturday evening of the week.
        demo.Clock.Now = new DateTimeOffset(2026, 3, 14, 10, 30, 0, TimeSpan.Zero);
        var report = await Dispatcher(gateway, Batch).DispatchDueAsync();

        Assert.True(published.MessagesQueued > 10, $"{published.MessagesQueued} messages queued");
        Assert.Equal(published.MessagesQueued, queued.Count);
        Assert.All(queued, m => Assert.Equal(station.Id, m.StationId));
        Assert.Equal(0, report.Failed);
        // Everything is sent except what the week's passing made pointless (days gone, reminders for today).
        Assert.Equal(queued.Count, report.Sent + report.Withdrawn);
        Assert.All(gateway.Sent.Where(m => m.TemplateKey == VisitPlanningService.TeamLeadLinkTemplate),
            m => Assert.Contains("https://outreach.example.vn/r/", m.Text, StringComparison.Ordinal));
        var sites = (await stores.Sites.ListByStationAsync(station.Id)).Select(s => s.Name).ToList();
        Assert.All(gateway.Sent.Where(m => m.TemplateKey == VisitPlanningService.ScheduledTemplate),
            m => Assert.Contains(sites, name => m.Text.Contains(name, StringComparison.Ordinal)));
    }

    private static readonly OutboxDispatchOptions Batch = new() { BatchSize = 500 };

    private OutboxDispatcher Dispatcher(RecordingGateway gateway, OutboxDispatchOptions? options = null) =>
        new(stores.Outbox, stores.Bookings, gateway, demo.Clock, NullLogger<OutboxDispatcher>.Instance, options);

    private async Task<Booking> DemoBookingAsync() =>
        (await stores.Bookings.ListAsync(demo.Seeded.Stations[0].StationId, DemoDatabase.Monday, DemoDatabase.Monday.AddDays(6)))[0];

    /// <summary>A family message shaped as the pickup publisher writes it.</summary>
    private static OutboxMessage Family(Booking booking, string template, DateTimeOffset due, string key)
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(new
        {
            booking.Code, FirstName = booking.ContactFirstName, Date = booking.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            PickupTime = "07:40", PickupPlace = "Nhà văn hóa Xóm Lát Đá", AtHome = false, HomeTime = "10:05", CollectionPoint = "Công an thành phố Sông Công",
            Children = booking.ChildCount, Guardians = booking.GuardianCount,
        });
        return new OutboxMessage(0, NotificationChannel.Zalo, booking.Phone, template, "vi", payload, key, due, NotificationStatus.Pending, 0, due, null, null,
            booking.StationId);
    }

    private sealed class RecordingGateway : IMessageGateway
    {
        private int _attempts;

        public ConcurrentBag<OutgoingMessage> Sent { get; } = [];

        public Func<OutgoingMessage, Exception?>? Fail { get; init; }

        public TimeSpan Delay { get; init; }

        public int Attempts => _attempts;

        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            if (Fail?.Invoke(message) is { } error)
            {
                throw error;
            }

            Sent.Add(message);
        }
    }
}
