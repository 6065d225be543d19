using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Notifications;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// Issue 17, the family after booking: a message at booking time says what was booked (the page may be lost; the code
/// must not be), queued in the booking's own transaction, and withdrawn with it when the family cancels.
/// </summary>
public sealed class BookedMessageTests
{
    [Fact]
    public async Task Book_QueuesOneBookedMessageWithTheDaySlotPointAndCode_CancelWithdrawsIt()
    {
        using var app = new OutreachAppFactory();
        var scenario = await BookingScenario.CreateAsync(app);
        using var family = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(slot: "09:00", phone: "0912 000 777"), "booking");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = Forms.Location(response)!.Split('/')[^1].Split('?')[0];
        var booking = (await app.Services.GetRequiredService<BookingStore>().GetByCodeAsync(code))!;

        var rows = (await PickupPlans.Outbox.AllAsync(app.Services)).Where(r => r.TemplateKey == MessageText.PickupBooked).ToList();
        var row = Assert.Single(rows);
        Assert.Equal("0912000777", row.Recipient);
        Assert.Equal($"pickup:20261124:booking:{booking.Id}:booked", row.DeduplicationKey);
        Assert.Equal("Pending", row.Status);
        var text = MessageText.Render(new OutboxMessage(0, NotificationChannel.Zalo, row.Recipient, row.TemplateKey, row.Language, row.PayloadJson,
            row.DeduplicationKey, row.DueAt, NotificationStatus.Pending, 0, row.DueAt, null, null));
        Assert.Contains("ngày 24/11/2026, 09:00-10:00", text, StringComparison.Ordinal);
        Assert.Contains($"Mã đặt chỗ {code}", text, StringComparison.Ordinal);

        using var cancel = await Forms.SubmitAsync(family, $"/booking/manage/{code}", new Dictionary<string, string> { ["confirmCancel"] = "1" }, "cancel-booking");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal("Failed", (await PickupPlans.Outbox.AllAsync(app.Services)).Single(r => r.TemplateKey == MessageText.PickupBooked).Status);
    }

    [Fact]
    public async Task Refused_QueuesNoMessage()
    {
        // A 2-seat van: a family of 3 never fits, and nothing is said to it by message (the page says why).
        using var app = new OutreachAppFactory();
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 2);
        using var family = app.CreateBrowserLikeClient();

        using var response = await Forms.SubmitAsync(family, scenario.WizardUrl, scenario.Booking(slot: "09:00", phone: "0912 000 778", children: 2, guardians: 1), "booking");

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(await PickupPlans.Outbox.AllAsync(app.Services), r => r.TemplateKey == MessageText.PickupBooked);
    }
}
