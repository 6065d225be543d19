using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Planning.Pickups.Slots;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>
/// Issue 13, offers from the live plan: the slots a family sees are those the day's live plan can take it in, not
/// only those the capacity rule has room in. One test body, SQLite and PostgreSQL.
/// </summary>
public abstract class LiveOffersTestsBase
{
    protected abstract OutreachAppFactory App { get; }

    [SkippableFact]
    public async Task OneVanBusyFetchingAFarFamily_AnotherFarFamilySeesThatSlotAsNoVanFits_OfferedSlotsBook_ThatOneIsRefused()
    {
        var app = App;
        var scenario = await BookingScenario.CreateAsync(app);
        var desk = (await app.Services.GetRequiredService<BookingDesk>().OpenAsync(scenario.StationId, CancellationToken.None))!;
        var centre = desk.Station.CollectionPointLocation;
        // Two homes about half an hour from the collection point, 45 minutes apart (within the ward's bounds).
        var east = new GeoPoint(centre.Longitude + 0.13, centre.Latitude + 0.01);
        var north = new GeoPoint(centre.Longitude, centre.Latitude + 0.13);
        using var first = app.CreateBrowserLikeClient();
        using var booked = await Forms.SubmitAsync(first, scenario.WizardUrl, Home(scenario, east, "09:00", "0912 000 301"), "booking");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);

        var ride = desk.RideFor(null, north);
        var offer = await desk.OfferAsync(BookingScenario.Tuesday, new SlotCandidate(1, 1, BookingNeeds.None, ride), null, CancellationToken.None, null, north);
        var rule = await desk.OfferAsync(BookingScenario.Tuesday, new SlotCandidate(1, 1, BookingNeeds.None, ride), null, CancellationToken.None);

        // One van: while it fetches the family about half an hour east for 09:00 and takes it home within half an hour of its
        // files, it cannot also bring a family half an hour north in the morning; the capacity rule (seats per slot) sees room.
        Assert.All(rule.Slots, x => Assert.True(x.IsOffered, $"{x.Slot.Start}: {x.Refusal}"));
        var ten = Assert.Single(offer.Slots, x => x.Slot.Start == new TimeOnly(10, 0));
        Assert.Equal(SlotRefusal.NoVanFits, ten.Refusal);
        Assert.Contains(offer.Slots, x => x.IsOffered);
        Assert.All(offer.Slots.Where(x => x.Slot.Start.Hour >= 13), x => Assert.True(x.IsOffered, $"{x.Slot.Start}: {x.Refusal}"));

        // The family's page says so, in the family's language.
        using var second = app.CreateBrowserLikeClient();
        using var slots = await Forms.SubmitAsync(second, scenario.WizardUrl, Home(scenario, north, "10:00", "0912 000 302", action: "slots"), "booking");
        var html = WebUtility.HtmlDecode(await slots.Content.ReadAsStringAsync());
        Assert.Contains("không xe nào còn chỗ đón giờ này", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{BookingScenario.TuesdayKey}T14:00\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{BookingScenario.TuesdayKey}T10:00\"", html, StringComparison.Ordinal);

        // What was not offered is refused by the booking too (no plan of one van does both), and nothing is stored;
        // what was offered books.
        var store = app.Services.GetRequiredService<BookingStore>();
        using var refused = await Forms.SubmitAsync(second, scenario.WizardUrl, Home(scenario, north, "10:00", "0912 000 302"), "booking");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // The refused page shows the day as the family last saw it, the refused slot among those no van can take, and no
        // morning slot among the nearest that fit.
        var again = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"value=\"{BookingScenario.TuesdayKey}T14:00\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{BookingScenario.TuesdayKey}T10:00\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{BookingScenario.TuesdayKey}T09:00\"", again, StringComparison.Ordinal);
        Assert.Single(await store.ListAsync(scenario.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday));
        using var taken = await Forms.SubmitAsync(second, scenario.WizardUrl, Home(scenario, north, "14:00", "0912 000 302"), "booking");
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(2, (await store.ListAsync(scenario.StationId, BookingScenario.Tuesday, BookingScenario.Tuesday)).Count);
    }

    /// <summary>The wizard's fields for a family booked at home (a pin), 1 child and 1 guardian on Tuesday.</summary>
    private static Dictionary<string, string> Home(BookingScenario scenario, GeoPoint pin, string slot, string phone, string action = "book")
    {
        var fields = scenario.Booking(slot: slot, phone: phone);
        fields["pickup"] = "home";
        fields["pinLon"] = pin.Longitude.ToString("0.000000", CultureInfo.InvariantCulture);
        fields["pinLat"] = pin.Latitude.ToString("0.000000", CultureInfo.InvariantCulture);
        fields["action"] = action;
        return fields;
    }
}

public sealed class SqliteLiveOffersTests(OutreachAppFactory app) : LiveOffersTestsBase, IClassFixture<OutreachAppFactory>
{
    protected override OutreachAppFactory App => app;
}

[Collection(PostgresWebGroup.Name)]
public sealed class PostgresLiveOffersTests(PostgresWebFixture fixture) : LiveOffersTestsBase
{
    protected override OutreachAppFactory App => fixture.App;
}
