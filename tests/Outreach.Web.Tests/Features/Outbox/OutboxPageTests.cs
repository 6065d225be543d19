using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Outbox;

public sealed class OutboxPageTests
{
    private static readonly Uri Base = new("https://outreach.example.vn/");
    private static readonly Dictionary<long, string?> NoPhones = [];

    [Fact]
    public async Task Get_PublishedDayWithoutGateway_ListsOneBlockPerRecipientWithItsMessagesInTheirWords()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        var pending = await app.Services.GetRequiredService<NotificationOutboxStore>().ListAsync(plan.Station.Id, NotificationStatus.Pending, 10);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        var html = await GetOkAsync(dispatcher, $"/staff/outbox?station={plan.Station.Id}");

        Assert.Contains("Chưa cấu hình cổng gửi tin (Outreach:Messaging:WebhookUrl)", html, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 7 · Không gửi / rút lại: 0 · Đã gửi: 0", html, StringComparison.Ordinal);
        // Three families (a confirmation now and a reminder the evening before each) and the van's driver (the day's link).
        Assert.Equal(4, pending.Select(m => m.Recipient).Distinct().Count());
        Assert.Contains("Người nhận: 4 · số tin: 7", html, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(html, "name=\"MarkGroup\""));
        Assert.Equal(4, CountOf(html, "name=\"MarkGroups\""));
        var lan = plan.Bookings["Lan"];
        var lanMessages = pending.Where(m => m.Recipient == "0912345678").ToList();
        var block = Block(html, lanMessages[0].Id);
        Assert.Contains("href=\"tel:0912345678\"", block, StringComparison.Ordinal);
        Assert.Contains("Đã gửi tay (2 tin)", block, StringComparison.Ordinal);
        Assert.Contains($"Mã đặt chỗ {lan.Code}.", block, StringComparison.Ordinal);
        Assert.Contains($"Mang theo các cháu và mã {lan.Code}.", block, StringComparison.Ordinal);
        Assert.Contains("lúc 07:40, tại Trường Tiểu học Trần Quốc Thảo", block, StringComparison.Ordinal);
        // In time order: the confirmation (due now) before the reminder (18:00 the evening before the day).
        Assert.Equal(["pickup.confirmation", "pickup.reminder"], lanMessages.Select(m => m.TemplateKey));
        Assert.True(block.IndexOf("Xác nhận xe đón", StringComparison.Ordinal) < block.IndexOf("Nhắc lịch xe đón", StringComparison.Ordinal));
        // The driver's day: one message with the day's departures and its short link, a block of its own.
        var driver = Block(html, pending.Single(m => m.TemplateKey == PickupPlanPublisher.DriverLinkTemplate).Id);
        Assert.Contains("Lộ trình cho lái xe", driver, StringComparison.Ordinal);
        Assert.Contains("2 chuyến, xuất phát 07:30, 10:35, 3 lượt đón. https://outreach.example.vn/d/", driver, StringComparison.Ordinal);
        Assert.Contains("Đã gửi tay (1 tin)", driver, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_English_TheButtonCountsTheMessagesInEnglish()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        // Pages follow the language switch (a cookie), not the browser's Accept-Language.
        using (await dispatcher.GetAsync("/language?culture=en"))
        {
        }

        var html = await GetOkAsync(dispatcher, $"/staff/outbox?station={plan.Station.Id}");

        Assert.Equal(3, CountOf(html, "Sent by hand (2 messages)"));
        Assert.Equal(1, CountOf(html, "Sent by hand (1 message)"));
        Assert.Contains("Mark the selected as sent", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMarkRecipient_Dispatcher_MarksAllTheRecipientsWaitingMessagesOnceAndAResentFormMarksNothing()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();
        var lan = (await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 10)).Where(m => m.Recipient == "0912345678").ToList();
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        var url = $"/staff/outbox?station={plan.Station.Id}";
        var fields = await FormFieldsAsync(dispatcher, url, "mark-recipient", ("MarkGroup", Id(lan[0].Id)));
        var markedAt = app.Clock.Now;

        var html = await PostOkAsync(dispatcher, url, fields);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var again = await PostOkAsync(dispatcher, url, fields);

        Assert.Contains("Đã ghi nhận 2 tin của 1 người nhận là đã gửi tay.", html, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 5 · Không gửi / rút lại: 0 · Đã gửi: 2", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"group-{lan[0].Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("không ghi nhận lần nữa", again, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 5 · Không gửi / rút lại: 0 · Đã gửi: 2", again, StringComparison.Ordinal);
        foreach (var message in lan)
        {
            var stored = await outbox.GetAsync(message.Id);
            Assert.Equal((NotificationStatus.Sent, (DateTimeOffset?)markedAt, 1), (stored!.Status, stored.SentAt, stored.AttemptCount));
        }

        // One audit entry, naming the booking by its code only; the resent form wrote none.
        var entries = (await app.Services.GetRequiredService<AuditLogStore>().ListAsync(new AuditQuery(plan.Station.Id)))
            .Where(e => e.Action == AuditAction.MarkSent).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal([plan.Bookings["Lan"].Code], entry.BookingCodes);
        Assert.DoesNotContain("0912345678", entry.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMarkSelected_TwoRecipientsTicked_MarksBothInOneGoAndLeavesTheOthersWaiting()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();
        var pending = await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 10);
        var lan = pending.First(m => m.Recipient == "0912345678");
        var driver = pending.Single(m => m.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        var url = $"/staff/outbox?station={plan.Station.Id}";
        var fields = await FormFieldsAsync(dispatcher, url, "mark-selected", ("MarkGroups", Id(lan.Id)), ("MarkGroups", Id(driver.Id)));

        var html = await PostOkAsync(dispatcher, url, fields);

        Assert.Contains("Đã ghi nhận 3 tin của 2 người nhận là đã gửi tay.", html, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 4 · Không gửi / rút lại: 0 · Đã gửi: 3", html, StringComparison.Ordinal);
        var after = await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 10);
        Assert.Equal(
            pending.Where(m => m.Recipient != lan.Recipient && m.Id != driver.Id).Select(m => m.Id).Order(),
            after.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task PostMarkSelected_ThirtyRecipientsTickedAsThePageAllows_MarksThemAll()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();
        var template = (await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 1))[0];
        await outbox.EnqueueAsync([.. Enumerable.Range(0, 30).Select(i => template with
        {
            Id = 0, Recipient = $"09{i:D8}", DeduplicationKey = $"{template.DeduplicationKey}:many:{i}",
        })]);
        var many = (await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 100)).Where(m => m.DeduplicationKey.Contains(":many:", StringComparison.Ordinal)).ToList();
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        var url = $"/staff/outbox?station={plan.Station.Id}";

        // The page says "at most 30 at a time": StationScopeGate looks up each ticked message and takes that many.
        var html = await PostOkAsync(dispatcher, url, await FormFieldsAsync(dispatcher, url, "mark-selected", [.. many.Select(m => ("MarkGroups", Id(m.Id)))]));

        Assert.Contains("tối đa 30 người mỗi lần", html, StringComparison.Ordinal);
        Assert.Contains("Đã ghi nhận 30 tin của 30 người nhận là đã gửi tay.", html, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 7 · Không gửi / rút lại: 0 · Đã gửi: 30", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMarkRecipient_MessageQueuedAfterThePageWasShown_StaysWaiting()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();
        var lan = (await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 10)).First(m => m.Recipient == "0912345678");
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        var url = $"/staff/outbox?station={plan.Station.Id}";
        var fields = await FormFieldsAsync(dispatcher, url, "mark-recipient", ("MarkGroup", Id(lan.Id)));
        // While staff are on the phone, a new message to the same family is queued: nobody read it out yet.
        await outbox.EnqueueAsync([lan with { Id = 0, DeduplicationKey = lan.DeduplicationKey + ":later" }]);
        var later = (await outbox.GetByDeduplicationKeyAsync(lan.DeduplicationKey + ":later"))!;

        var html = await PostOkAsync(dispatcher, url, fields);

        Assert.Contains("Đã ghi nhận 2 tin của 1 người nhận là đã gửi tay.", html, StringComparison.Ordinal);
        Assert.Equal(NotificationStatus.Pending, (await outbox.GetAsync(later.Id))!.Status);
        Assert.Contains("Đã gửi tay (1 tin)", Block(html, later.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMarkSelected_NothingTicked_SaysSoAndMarksNothing()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);
        var url = $"/staff/outbox?station={plan.Station.Id}";

        var html = await PostOkAsync(dispatcher, url, await FormFieldsAsync(dispatcher, url, "mark-selected"));

        Assert.Contains("Chưa chọn người nhận nào", html, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 7 · Không gửi / rút lại: 0 · Đã gửi: 0", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DispatcherOfAnotherStation_SeesNoneOfThisStationsMessagesAndMarksNone()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var other = await HandBuiltPlans.XuanHoaAsync(app.Services, stationName: "Công an phường khác (thử nghiệm)");
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(other.PlanId, Base, NoPhones);
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();
        var message = (await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 1))[0];
        var own = (await outbox.ListAsync(other.Station.Id, NotificationStatus.Pending, 1))[0];
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, other.Station.Id);

        var ownPage = await GetOkAsync(dispatcher, "/staff/outbox");
        using var asked = await dispatcher.GetAsync($"/staff/outbox?station={plan.Station.Id}");
        // The other unit's message alone, and hidden among the caller's own ticked recipient: both refused whole.
        using var one = await PostAsync(dispatcher, "/staff/outbox", await FormFieldsAsync(dispatcher, "/staff/outbox", "mark-recipient", ("MarkGroup", Id(message.Id))));
        using var ticked = await PostAsync(dispatcher, "/staff/outbox",
            await FormFieldsAsync(dispatcher, "/staff/outbox", "mark-selected", ("MarkGroups", Id(own.Id)), ("MarkGroups", Id(message.Id))));

        Assert.Contains("Chờ gửi: 7 · Không gửi / rút lại: 0 · Đã gửi: 0", ownPage, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, ownPage, StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(asked), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(one), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(ticked), StringComparison.Ordinal);
        Assert.Equal(0, (await outbox.CountByStatusAsync(null))[NotificationStatus.Sent]);
    }

    [Fact]
    public async Task Get_DriverAccount_Forbidden()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        using var driver = await app.SignedInAsync(StaffRole.Driver, plan.Station.Id);

        using var response = await driver.GetAsync("/staff/outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", Forms.Location(response), StringComparison.Ordinal);
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The recipient block holding message <paramref name="messageId"/>, as the page renders it.</summary>
    private static string Block(string html, long messageId)
    {
        var at = html.IndexOf($"id=\"message-{messageId}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"message {messageId} is not listed");
        var start = html.LastIndexOf("<li class=\"call-group\"", at, StringComparison.Ordinal);
        var end = html.IndexOf("</button>", at, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>
    /// A form of the page as a browser sends it: its hidden fields (token, form name, the newest message shown) and the
    /// named boxes or button, which sit outside the form and name it.
    /// </summary>
    private static async Task<List<KeyValuePair<string, string>>> FormFieldsAsync(
        HttpClient client, string url, string formName, params (string Name, string Value)[] chosen)
    {
        var html = await GetOkAsync(client, url);
        var fields = Forms.HiddenInputs(Forms.FindForm(html, formName)).ToList();
        fields.AddRange(chosen.Select(c => KeyValuePair.Create(c.Name, c.Value)));
        return fields;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(url, content);
    }

    private static async Task<string> PostOkAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        using var response = await PostAsync(client, url, fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {Forms.Location(response)} {html[..Math.Min(html.Length, 2000)]}");
        return System.Net.WebUtility.HtmlDecode(html);
    }

    private static int CountOf(string html, string text)
    {
        int count = 0;
        for (int at = html.IndexOf(text, StringComparison.Ordinal); at >= 0; at = html.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }
}

public sealed class OutboxDispatchWiringTests
{
    [Fact]
    public async Task App_WithAGatewayConfigured_TheBackgroundJobSendsWhatPublishingQueued()
    {
        var gateway = new CollectingGateway();
        using var app = new OutreachAppFactory { TestServices = services => services.AddSingleton<Outreach.Jobs.Notifications.IMessageGateway>(gateway) };
        app.Settings["Outreach:Messaging:WebhookUrl"] = "https://sms.example.vn/send";
        app.Settings["Outreach:Messaging:PollSeconds"] = "1";
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, new Uri("https://outreach.example.vn/"), new Dictionary<long, string?>());
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();

        // Confirmations and the driver's day are due now (the reminders at 18:00 the day before): 4 of the 7.
        IReadOnlyDictionary<NotificationStatus, int> counts = new Dictionary<NotificationStatus, int>();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(200))
        {
            counts = await outbox.CountByStatusAsync(plan.Station.Id);
            if (counts[NotificationStatus.Sent] == 4)
            {
                break;
            }

            // The sender reads due times off the app's clock: let it pass as it would (Hangfire's schedule keeps real time).
            app.Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(200);
        }

        Assert.Equal((4, 3), (counts[NotificationStatus.Sent], counts[NotificationStatus.Pending]));
        Assert.Equal(4, gateway.Sent.Count);
        Assert.Contains(gateway.Sent, m => m.Text.Contains(plan.Bookings["Lan"].Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task App_WithoutAGateway_TheJobRunsAndTheMessagesStayForTheCallList()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:Messaging:PollSeconds"] = "1";
        app.Settings["Outreach:Jobs:PollSeconds"] = "0.2";
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, new Uri("https://outreach.example.vn/"), new Dictionary<long, string?>());
        var jobs = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();

        // The sender's recurring job runs every second whether or not a gateway is configured; without one it sends nothing.
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30) && Runs() < 2; waited += TimeSpan.FromMilliseconds(200))
        {
            await Task.Delay(200);
        }

        Assert.True(Runs() >= 2, $"the sender ran {Runs()} times");
        var counts = await app.Services.GetRequiredService<NotificationOutboxStore>().CountByStatusAsync(plan.Station.Id);
        Assert.Equal((0, 7), (counts[NotificationStatus.Sent], counts[NotificationStatus.Pending]));

        long Runs() => jobs.SucceededJobs(0, 100).Count(j => j.Value.Job?.Type == typeof(Outreach.Jobs.Notifications.OutboxDispatchJob));
    }

    private sealed class CollectingGateway : Outreach.Jobs.Notifications.IMessageGateway
    {
        public System.Collections.Concurrent.ConcurrentBag<Outreach.Jobs.Notifications.OutgoingMessage> Sent { get; } = [];

        public Task SendAsync(Outreach.Jobs.Notifications.OutgoingMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
