using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Web.Features.PickupPlans;
using Outreach.Web.Features.RouteSheets;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.PickupPlans;

public sealed class PickupPlanPublisherTests
{
    private static readonly Uri Base = new("https://outreach.example.vn/");
    private static readonly Dictionary<long, string?> NoPhones = [];

    [Fact]
    public async Task PublishAsync_HandBuiltPlan_FreezesAndQueuesConfirmationsRemindersAndDriverLinks()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var publisher = app.Services.GetRequiredService<PickupPlanPublisher>();

        var result = await publisher.PublishAsync(plan.PlanId, Base, NoPhones);

        // Three families on the plan (Tuấn is unserved: nothing for him), reminders at 18:00 Monday (still ahead of
        // the Monday 08:00 clock), one message for the van's day (two trips) to the only officer with the driver skill.
        Assert.Equal((PublishOutcome.Published, 3, 3, 1, 0), (result.Outcome, result.Confirmations, result.Reminders, result.DriverLinks, result.Superseded));
        Assert.Empty(result.TripsWithoutDriver!);
        Assert.Equal(PlanStatus.Published, (await app.Services.GetRequiredService<PlanStore>().GetAsync(plan.PlanId))!.Plan.Status);
        var rows = await Outbox.AllAsync(app.Services);
        Assert.Equal(7, rows.Count);

        var confirmations = rows.Where(r => r.TemplateKey == PickupPlanPublisher.ConfirmationTemplate).ToList();
        Assert.Equal(["0912345678", "0903111222", "0977000111"], confirmations.Select(r => r.Recipient));
        Assert.All(confirmations, r => Assert.Equal(app.Clock.Now, r.DueAt));
        Assert.Equal("en", confirmations[2].Language);
        using (var lan = JsonDocument.Parse(confirmations[0].PayloadJson))
        {
            Assert.Equal(plan.Bookings["Lan"].Code, lan.RootElement.GetProperty("Code").GetString());
            Assert.Equal("07:40", lan.RootElement.GetProperty("PickupTime").GetString());
            Assert.Equal("Trường Tiểu học Trần Quốc Thảo", lan.RootElement.GetProperty("PickupPlace").GetString());
            Assert.Equal("10:52", lan.RootElement.GetProperty("HomeTime").GetString());
            // Only what the family needs: no other family's data, no driver's phone.
            Assert.DoesNotContain("0903111222", confirmations[0].PayloadJson, StringComparison.Ordinal);
            Assert.DoesNotContain("0987654321", confirmations[0].PayloadJson, StringComparison.Ordinal);
        }

        var reminders = rows.Where(r => r.TemplateKey == PickupPlanPublisher.ReminderTemplate).ToList();
        Assert.Equal(3, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), r.DueAt));

        var driver = Assert.Single(rows, r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);
        Assert.Equal(("0987654321", "Sms"), (driver.Recipient, driver.Channel));
        using (var payload = JsonDocument.Parse(driver.PayloadJson))
        {
            // Both trips' departures, the three families once each, and a short link to the van's day.
            Assert.Equal((2, "07:30, 10:35", 3), (payload.RootElement.GetProperty("Trips").GetInt32(), payload.RootElement.GetProperty("Departures").GetString(),
                payload.RootElement.GetProperty("Bookings").GetInt32()));
            var url = new Uri(payload.RootElement.GetProperty("Url").GetString()!);
            Assert.Equal("outreach.example.vn", url.Host);
            Assert.Matches("^/d/[2-9A-Z]{12}$", url.AbsolutePath);
            Assert.True(url.ToString().Length <= 50, $"the driver's link is {url.ToString().Length} characters long");
            var day = await app.Services.GetRequiredService<DriverDayLinkStore>().GetAsync(url.AbsolutePath["/d/".Length..]);
            Assert.Equal((plan.PlanId, PlanResourceKind.Vehicle, plan.Van.Id, plan.Date, RouteSheetLinks.DefaultExpiry(plan.Date)),
                (day!.PlanId, day.ResourceKind, day.ResourceId, day.Date, day.ExpiresAt));
            Assert.DoesNotContain("0912345678", driver.PayloadJson, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PublishAsync_Twice_SecondTimeQueuesNothing()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var publisher = app.Services.GetRequiredService<PickupPlanPublisher>();
        await publisher.PublishAsync(plan.PlanId, Base, NoPhones);

        var again = await publisher.PublishAsync(plan.PlanId, Base, NoPhones);

        Assert.Equal(PublishOutcome.AlreadyPublished, again.Outcome);
        Assert.Equal(7, (await Outbox.AllAsync(app.Services)).Count);
    }

    [Fact]
    public async Task PublishAsync_NewVersionWithOneTimeChanged_OnlyThatFamilyIsToldAgainAndItsUnsentOldMessagesWithdrawn()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var publisher = app.Services.GetRequiredService<PickupPlanPublisher>();
        await publisher.PublishAsync(plan.PlanId, Base, NoPhones);
        // Version 2: Hường's home pickup moves from 07:52 to 07:58; everything else stays.
        var moved = plan.Content with
        {
            Stops = plan.Content.Stops.Select(s => s.BookingId == plan.Bookings["Hường"].Id && s.Kind == StopKind.Pickup
                ? s with { Arrival = HandBuiltPlans.Local(plan.Date, "07:58"), Departure = HandBuiltPlans.Local(plan.Date, "08:00") }
                : s).ToList(),
        };
        var second = await app.Services.GetRequiredService<PlanStore>().SaveNewVersionAsync(moved);

        var result = await publisher.PublishAsync(second.Plan.Id, Base, NoPhones);

        // New: Hường's confirmation and reminder for 07:58. Withdrawn (still unsent, now wrong): Hường's 07:52 ones. The
        // driver's message says the same (departures, families): nothing new, and its short link opens version 2.
        Assert.Equal((1, 1, 0, 2), (result.Confirmations, result.Reminders, result.DriverLinks, result.Superseded));
        var rows = await Outbox.AllAsync(app.Services);
        Assert.Equal(7 + 2, rows.Count);
        var huong = rows.Where(r => r.Recipient == "0977000111").ToList();
        Assert.Equal(["Failed", "Failed", "Pending", "Pending"], huong.Select(r => r.Status).Order(StringComparer.Ordinal));
        Assert.Contains(huong, r => r.TemplateKey == PickupPlanPublisher.ReminderTemplate && r.Status == "Failed" && r.DeduplicationKey.EndsWith(":0752", StringComparison.Ordinal));
        var driver = Assert.Single(rows, r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate);
        Assert.Equal("Pending", driver.Status);
        var code = new Uri(JsonDocument.Parse(driver.PayloadJson).RootElement.GetProperty("Url").GetString()!).AbsolutePath["/d/".Length..];
        var link = (await app.Services.GetRequiredService<DriverDayLinkStore>().GetAsync(code))!;
        Assert.Equal(plan.PlanId, link.PlanId);
        using var client = app.CreateBrowserLikeClient();
        using var opened = await client.GetAsync(DriverDayPage.PathFor(code));
        // The van's trips, as version 2 has them.
        var html = System.Net.WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync());
        var links = app.Services.GetRequiredService<RouteSheetLinks>();
        var trips = System.Text.RegularExpressions.Regex.Matches(html, "href=\"/r/(?<token>[^\"]+)\"").Select(m => links.Read(m.Groups["token"].Value).Key).ToList();
        Assert.NotEmpty(trips);
        Assert.All(trips, t => Assert.Equal((second.Plan.Id, plan.Van.Id), (t.PlanId, t.ResourceId)));
    }

    [Fact]
    public async Task PublishAsync_PlanForToday_NoReminderBecause18HoursYesterdayIsPast()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services, new DateOnly(2026, 11, 23));

        var result = await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);

        Assert.Equal((3, 0), (result.Confirmations, result.Reminders));
        Assert.DoesNotContain(await Outbox.AllAsync(app.Services), r => r.TemplateKey == PickupPlanPublisher.ReminderTemplate);
    }

    [Fact]
    public async Task PublishAsync_PhoneTypedForTheVan_WinsOverTheRule_BadPhonePublishesNothing()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var publisher = app.Services.GetRequiredService<PickupPlanPublisher>();

        var bad = await publisher.PublishAsync(plan.PlanId, Base, new Dictionary<long, string?> { [plan.Van.Id] = "12345" });
        Assert.Equal(new PublishResult(PublishOutcome.InvalidPhone, InvalidVehicleId: plan.Van.Id, InvalidValue: "12345"), bad);
        Assert.Equal(PlanStatus.Draft, (await app.Services.GetRequiredService<PlanStore>().GetAsync(plan.PlanId))!.Plan.Status);
        Assert.Empty(await Outbox.AllAsync(app.Services));

        var good = await publisher.PublishAsync(plan.PlanId, Base, new Dictionary<long, string?> { [plan.Van.Id] = "+84 905 111 222" });

        Assert.Equal(PublishOutcome.Published, good.Outcome);
        Assert.Equal(["0905111222"],
            (await Outbox.AllAsync(app.Services)).Where(r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate).Select(r => r.Recipient));
    }

    [Fact]
    public async Task PublishAsync_DriverOnLeaveThatDay_TripsReportedWithoutDriver()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        await app.Services.GetRequiredService<OfficerStore>().AddLeaveAsync(plan.Driver.Id, new LeavePeriod(plan.Date, plan.Date, "Nghỉ phép"));

        var result = await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal(0, result.DriverLinks);
        Assert.Equal([1, 2], result.TripsWithoutDriver!.Select(t => t.TripNumber));
    }

    [Fact]
    public async Task PublishAsync_PublishedRosterNamesTheVansDriver_TheLinksGoToThatOfficer()
    {
        using var app = new OutreachAppFactory();
        var plan = await HandBuiltPlans.XuanHoaAsync(app.Services);
        var rosteredId = await app.Services.GetRequiredService<OfficerStore>().InsertAsync(
            new Officer(0, plan.Station.Id, "Lê Văn Lái", OfficerSkills.Driver, 40, "0911 222 333", []));
        var monday = plan.Date.AddDays(-(((int)plan.Date.DayOfWeek + 6) % 7));
        var roster = await app.Services.GetRequiredService<RosterStore>().SaveNewVersionAsync(new RosterContent(
            new Plan(0, plan.Station.Id, PlanKind.Shifts, monday, monday.AddDays(6), 0, PlanStatus.Draft, default, null, "chief"),
            [new RosterShift(0, 0, rosteredId, plan.Date, "field", 420, 630, "Field", false, VehicleId: plan.Van.Id, DutyVi: "lái xe", DutyEn: "drives")],
            new RosterFigures(50, "optimal", 0, 0, 0, 0, 0, 0, 0, 1), []));
        Assert.True(await app.Services.GetRequiredService<PlanStore>().PublishAsync(roster.Plan.Id));

        var result = await app.Services.GetRequiredService<PickupPlanPublisher>().PublishAsync(plan.PlanId, Base, NoPhones);

        // The roster's driver, not the first officer with the driver skill (0987654321), gets the van's day.
        Assert.Equal(1, result.DriverLinks);
        Assert.Equal(["0911222333"],
            (await Outbox.AllAsync(app.Services)).Where(r => r.TemplateKey == PickupPlanPublisher.DriverLinkTemplate).Select(r => r.Recipient));
    }

    [Fact]
    public void ReminderAt_Tuesday_Monday18HoursVietnamTime()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), PickupPlanPublisher.ReminderAt(HandBuiltPlans.Tuesday));
    }
}
