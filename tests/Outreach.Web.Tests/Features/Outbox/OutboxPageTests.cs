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
    public async Task Get_PublishedDayWithoutGateway_ListsEachMessageInItsWordsAsACallList()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        var html = await GetOkAsync(dispatcher, $"/staff/outbox?station={plan.Station.Id}");

        Assert.Contains("Chưa cấu hình cổng gửi tin (Outreach:Messaging:WebhookUrl)", html, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 7 · Không gửi / rút lại: 0 · Đã gửi: 0", html, StringComparison.Ordinal);
        var lan = plan.Bookings["Lan"];
        Assert.Contains($"lúc 07:40, tại Trường Tiểu học Trần Quốc Thảo", html, StringComparison.Ordinal);
        Assert.Contains($"Mã đặt chỗ {lan.Code}.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:0912345678\"", html, StringComparison.Ordinal);
        Assert.Contains("Lộ trình cho lái xe", html, StringComparison.Ordinal);
        // The driver's day: one message with the day's departures and its short link.
        Assert.Contains("2 chuyến, xuất phát 07:30, 10:35, 3 lượt đón. https://outreach.example.vn/d/", html, StringComparison.Ordinal);
        Assert.Equal(7, CountOf(html, "name=\"MarkSentId\""));
    }

    [Fact]
    public async Task PostMarkSent_Dispatcher_TheMessageMovesToSentAndIsNotOfferedAgain()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        var outbox = app.Services.GetRequiredService<NotificationOutboxStore>();
        var first = (await outbox.ListAsync(plan.Station.Id, NotificationStatus.Pending, 10))[0];
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, plan.Station.Id);

        using var response = await Forms.SubmitAsync(dispatcher, $"/staff/outbox?station={plan.Station.Id}",
            new Dictionary<string, string> { ["MarkSentId"] = first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"mark-sent-{first.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Đã ghi nhận tin số {first.Id} là đã gửi.", html, StringComparison.Ordinal);
        Assert.Contains("Chờ gửi: 6 · Không gửi / rút lại: 0 · Đã gửi: 1", html, StringComparison.Ordinal);
        var stored = await outbox.GetAsync(first.Id);
        Assert.Equal((NotificationStatus.Sent, app.Clock.Now), (stored!.Status, stored.SentAt));
        Assert.DoesNotContain($"id=\"message-{first.Id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DispatcherOfAnotherStation_SeesNoneOfThisStationsMessages()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var other = await HandBuiltPlans.XuanHoaAsync(app.Services, stationName: "Công an phường khác (thử nghiệm)");
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);
        using var dispatcher = await app.SignedInAsync(StaffRole.Dispatcher, other.Station.Id);

        var own = await GetOkAsync(dispatcher, "/staff/outbox");
        using var asked = await dispatcher.GetAsync($"/staff/outbox?station={plan.Station.Id}");
        var message = (await app.Services.GetRequiredService<NotificationOutboxStore>().ListAsync(plan.Station.Id, NotificationStatus.Pending, 1))[0];
        using var marked = await Forms.PostDirectAsync(dispatcher, "/staff/outbox", $"mark-sent-{message.Id}",
            new Dictionary<string, string> { ["MarkSentId"] = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("Chờ gửi: 0 · Không gửi / rút lại: 0 · Đã gửi: 0", own, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Bookings["Lan"].Code, own, StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(asked), StringComparison.Ordinal);
        Assert.StartsWith("/status/403", Forms.Location(marked), StringComparison.Ordinal);
        Assert.Equal(NotificationStatus.Pending, (await app.Services.GetRequiredService<NotificationOutboxStore>().GetAsync(message.Id))!.Status);
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
