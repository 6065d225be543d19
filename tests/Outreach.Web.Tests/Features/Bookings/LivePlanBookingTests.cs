using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Planning.Pickups;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// Issue 13 over HTTP: a family's booking goes into the day's live plan in the booking's own transaction, a move takes
/// it to the new day's plan, and a cancellation takes it out of the plan at once. One test body, SQLite and PostgreSQL.
/// </summary>
public abstract class LivePlanBookingTestsBase
{
    protected abstract OutreachAppFactory App { get; }

    [SkippableFact]
    public async Task Book_ThenSecondFamily_ThenCancel_TheStoredLivePlanServesExactlyTheBookedFamilies()
    {
        var app = App;
        var bookings = app.Services.GetRequiredService<BookingStore>();
        var scenario = await BookingScenario.CreateAsync(app);
        using var first = app.CreateBrowserLikeClient();
        using var second = app.CreateBrowserLikeClient();

        var a = await BookAsync(bookings, scenario, first, "0912 000 001", scenario.SchoolId);
        var planAfterA = await PlanAsync(bookings, scenario);
        var b = await BookAsync(bookings, scenario, second, "0912 000 002", scenario.CulturalHouseId);
        var planAfterB = await PlanAsync(bookings, scenario);
        using var cancel = await Forms.SubmitAsync(first, $"/booking/manage/{a.Code}", new Dictionary<string, string> { ["confirmCancel"] = "1" }, "cancel-booking");
        var planAfterCancel = await PlanAsync(bookings, scenario);

        Assert.Equal([a.Id], planAfterA.Bookings.Select(x => x.BookingId));
        Assert.Equal([a.Id, b.Id], planAfterB.Bookings.Select(x => x.BookingId).Order());
        Assert.Empty(planAfterB.Unserved);
        // Both legs of both families are on the vans' trips, each boarding where the family booked.
        Assert.Equal(2, planAfterB.Trips.SelectMany(t => t.Stops).Count(s => s.BookingId == b.Id && s.Kind == PickupStopKind.Pickup)
            + planAfterB.Trips.SelectMany(t => t.Stops).Count(s => s.BookingId == b.Id && s.Kind == PickupStopKind.HomeDropOff));
        Assert.Contains(planAfterB.Trips.SelectMany(t => t.Stops), s => s.BookingId == b.Id && s.Kind == PickupStopKind.Pickup && s.SiteId == scenario.CulturalHouseId);
        Assert.Equal($"/booking/manage/{a.Code}?cancelled=1", Forms.Location(cancel));
        Assert.Equal([b.Id], planAfterCancel.Bookings.Select(x => x.BookingId));
        Assert.DoesNotContain(planAfterCancel.Trips.SelectMany(t => t.Stops), s => s.BookingId == a.Id);
    }

    [SkippableFact]
    public async Task BookSeveralFamiliesAndCancelOne_TheImproverStoresABetterPlan_ItServesExactlyTheBookedFamiliesBothWays()
    {
        // The factory improves at once (delay 0) for 0.2 s. Each booking and the cancellation make a version of the plan;
        // the cancellation leaves the trips as they were without the family's stops, which a re-plan drives shorter, so
        // at least one version more is stored by the improver (others may be, after bookings, or lose the race to the next).
        var app = App;
        var bookings = app.Services.GetRequiredService<BookingStore>();
        var scenario = await BookingScenario.CreateAsync(app);
        var families = new List<(long Id, string Code)>();
        var requests = new[] { ("09:00", scenario.CulturalHouseId), ("09:00", scenario.SchoolId), ("10:00", scenario.SchoolId), ("08:00", scenario.CulturalHouseId) };
        using var first = app.CreateBrowserLikeClient();
        for (int i = 0; i < requests.Length; i++)
        {
            using var other = app.CreateBrowserLikeClient();
            families.Add(await BookAsync(bookings, scenario, i == 0 ? first : other, $"0912 000 1{i:D2}", requests[i].Item2, requests[i].Item1));
        }

        using var cancel = await Forms.SubmitAsync(first, $"/booking/manage/{families[0].Code}", new Dictionary<string, string> { ["confirmCancel"] = "1" }, "cancel-booking");
        Assert.Equal($"/booking/manage/{families[0].Code}?cancelled=1", Forms.Location(cancel));
        var booked = families.Skip(1).Select(f => f.Id).Order().ToList();

        var changes = requests.Length + 1;
        var stored = await WaitForVersionAboveAsync(bookings, scenario, changes);
        var plan = LivePlanJson.Read(stored.Content) ?? throw new InvalidOperationException("the stored live plan cannot be read");

        Assert.True(stored.Version > changes);
        Assert.Equal(booked, plan.Bookings.Select(b => b.BookingId).Order());
        Assert.Empty(plan.Unserved);
        var stops = plan.Trips.SelectMany(t => t.Stops).Where(s => s.BookingId is not null).ToList();
        Assert.Equal(booked, stops.Select(s => s.BookingId!.Value).Distinct().Order());
        Assert.All(booked, id => Assert.Equal(
            [PickupStopKind.Pickup, PickupStopKind.CollectionPointDropOff, PickupStopKind.CollectionPointPickup, PickupStopKind.HomeDropOff],
            stops.Where(s => s.BookingId == id).Select(s => s.Kind).Order()));
    }

    /// <summary>Polls the stored live plan until its version passes <paramref name="version"/> (the improver stored one).</summary>
    private static async Task<(string Content, int Version)> WaitForVersionAboveAsync(BookingStore bookings, BookingScenario scenario, int version)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var stored = await bookings.GetLivePlanAsync(scenario.StationId, BookingScenario.Tuesday);
            if (stored is { } plan && plan.Version > version)
            {
                return plan;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"no improved live plan within 60 s: the stored version is still {stored?.Version}");
            await Task.Delay(50);
        }
    }

    private static async Task<(long Id, string Code)> BookAsync(BookingStore bookings, BookingScenario scenario, HttpClient client, string phone, long siteId, string slot = "09:00")
    {
        using var response = await Forms.SubmitAsync(client, scenario.WizardUrl, scenario.Booking(slot: slot, phone: phone, siteId: siteId), "booking");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = Forms.Location(response)!.Split('/')[^1].Split('?')[0];
        return ((await bookings.GetByCodeAsync(code))!.Id, code);
    }

    private static async Task<PickupPlan> PlanAsync(BookingStore bookings, BookingScenario scenario)
    {
        var stored = await bookings.GetLivePlanAsync(scenario.StationId, BookingScenario.Tuesday);
        Assert.NotNull(stored);
        return LivePlanJson.Read(stored.Value.Content) ?? throw new InvalidOperationException("the stored live plan cannot be read");
    }
}

public sealed class SqliteLivePlanBookingTests(OutreachAppFactory app) : LivePlanBookingTestsBase, IClassFixture<OutreachAppFactory>
{
    protected override OutreachAppFactory App => app;
}

[Collection(PostgresWebGroup.Name)]
public sealed class PostgresLivePlanBookingTests(PostgresWebFixture fixture) : LivePlanBookingTestsBase
{
    protected override OutreachAppFactory App => fixture.App;
}
