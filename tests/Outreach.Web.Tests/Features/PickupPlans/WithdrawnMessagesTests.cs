using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Tests.Features.Jobs;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.PickupPlans;

/// <summary>
/// Issue 17, the call list: a cancelled or moved family's confirmation and reminder leave the list in the transaction
/// that cancels or moves the booking; the officer calling through the list must not tell a family a time it gave up.
/// </summary>
public sealed class WithdrawnMessagesTests
{
    [Fact]
    public async Task CancelAndMove_AfterPublishing_WithdrawOnlyThatFamilysWaitingMessages()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, new Uri("https://outreach.example.vn/"), new Dictionary<long, string?>());
        var lan = plan.Bookings["Lan"];
        var minh = plan.Bookings["Minh"];
        Assert.All(await FamilyMessagesAsync(app, lan.Phone), r => Assert.Equal("Pending", r.Status));

        await Replans.CancelAsFamilyAsync(app, lan);

        var lanRows = await FamilyMessagesAsync(app, lan.Phone);
        Assert.Equal(2, lanRows.Count); // confirmation and reminder
        Assert.All(lanRows, r => Assert.Equal("Failed", r.Status));
        Assert.All(await FamilyMessagesAsync(app, minh.Phone), r => Assert.Equal("Pending", r.Status));

        // Minh moves to the next day: what was queued for Tuesday goes; Hường's stays.
        var moved = await app.Services.GetRequiredService<BookingStore>().TryMoveAsync(minh.Id, minh.Date.AddDays(1), minh.SlotStart, (_, _) => true);
        Assert.Equal(BookingOutcome.Booked, moved.Outcome);
        Assert.All(await FamilyMessagesAsync(app, minh.Phone), r => Assert.Equal("Failed", r.Status));
        var huong = await FamilyMessagesAsync(app, plan.Bookings["Hường"].Phone);
        Assert.Equal(2, huong.Count);
        Assert.All(huong, r => Assert.Equal("Pending", r.Status));
    }

    private static async Task<List<OutboxRow>> FamilyMessagesAsync(OutreachAppFactory app, string phone) =>
        [.. (await Outbox.AllAsync(app.Services)).Where(r => r.Recipient == phone && r.TemplateKey != PickupPlanPublisher.DriverLinkTemplate)];
}
