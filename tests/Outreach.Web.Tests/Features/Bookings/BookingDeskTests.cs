using Microsoft.Extensions.DependencyInjection;
using Outreach.Planning.Pickups.Slots;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Bookings;

/// <summary>The booking desk offers what the station itself says its vans can do.</summary>
public sealed class BookingDeskTests(OutreachAppFactory app) : IClassFixture<OutreachAppFactory>
{
    private static readonly TimeOnly Nine = new(9, 0);

    [Theory]
    [InlineData(2, SlotRefusal.StopsFull)] // one van, two families a trip: both stops of the 09:00 trip are taken
    [InlineData(6, null)] // the default six: a third family still fits (4 of 16 seats taken)
    public async Task OfferAsync_TwoFamiliesBookedInASlot_ThirdFamilyFollowsTheStationsFamiliesPerTrip(int maxBookingsPerTrip, SlotRefusal? expected)
    {
        var scenario = await BookingScenario.CreateAsync(app, maxBookingsPerTrip: maxBookingsPerTrip);
        await scenario.PreBookAsync(app, children: 1, guardians: 1, Nine);
        await scenario.PreBookAsync(app, children: 1, guardians: 1, Nine);
        var desk = await app.Services.GetRequiredService<BookingDesk>().OpenAsync(scenario.StationId, CancellationToken.None);

        var offer = await desk!.OfferAsync(BookingScenario.Tuesday, new SlotCandidate(1, 1, Domain.BookingNeeds.None, new RideTime(15 * 60, IsEstimated: false)), null, CancellationToken.None);

        Assert.Equal(maxBookingsPerTrip, desk.Rule.Settings.MaxBookingsPerTrip);
        var nine = Assert.Single(offer.Slots, s => s.Slot.Start == Nine);
        Assert.Equal(expected, nine.Refusal);
        // Another slot of the same day is not affected.
        Assert.True(Assert.Single(offer.Slots, s => s.Slot.Start == new TimeOnly(10, 0)).IsOffered);
    }

    [Fact]
    public async Task OpenAsync_NothingChanged_TheSameSlotRule_AVanAddedOrRemoved_SeenAtOnce()
    {
        var scenario = await BookingScenario.CreateAsync(app, vanSeats: 12);
        var desks = app.Services.GetRequiredService<BookingDesk>();
        var fleet = app.Services.GetRequiredService<Data.Stores.FleetStore>();

        var first = (await desks.OpenAsync(scenario.StationId, CancellationToken.None))!;
        var again = (await desks.OpenAsync(scenario.StationId, CancellationToken.None))!;

        // Kept between requests: the rule (and the days it worked out) is the same object, the desk a new one per request.
        Assert.NotSame(first, again);
        Assert.Same(first.Rule, again.Rule);
        Assert.Equal([12], again.Rule.Vans.Select(v => v.SeatCount));

        // A van added by the chief counts for the next family at once.
        var added = await fleet.InsertVehicleAsync(new Domain.Vehicle(0, scenario.StationId, "Xe đón thêm", null, 7, 0, 0, Domain.VehicleProfile.Van));
        var withVan = (await desks.OpenAsync(scenario.StationId, CancellationToken.None))!;
        Assert.NotSame(first.Rule, withVan.Rule);
        Assert.Equal([7, 12], withVan.Rule.Vans.Select(v => v.SeatCount).Order());

        // And one removed no longer does.
        var removal = await fleet.RemoveVehicleAsync(scenario.StationId, added, ManualClock.MondayMorning, (_, _) => 0);
        Assert.Equal(Domain.RemovalOutcome.Removed, removal.Outcome);
        var without = (await desks.OpenAsync(scenario.StationId, CancellationToken.None))!;
        Assert.Equal([12], without.Rule.Vans.Select(v => v.SeatCount));
    }

    [Fact]
    public void SearchFailedBefore_SameGateAndSlotNoEasierFamily_SkippedUntilRoomIsFreed()
    {
        // A separate station id and day, so other tests' searches in this app do not meet these.
        var desk = app.Services.GetRequiredService<BookingDesk>();
        var day = new DateOnly(2031, 5, 6);
        Domain.Booking Family(long? site, int children, Domain.BookingNeeds needs = Domain.BookingNeeds.None, string slot = "09:00") =>
            new(0, "", 987_654, site, site is null ? new Domain.GeoPoint(105.8, 21.5) : null, null, children, 1, needs, day, TimeOnly.Parse(slot, System.Globalization.CultureInfo.InvariantCulture),
                "An", "0912345678", "vi", Domain.BookingStatus.Confirmed, default, default);

        Assert.False(desk.SearchFailedBefore(Family(11, 2)));
        desk.SearchFailed(Family(11, 2, Domain.BookingNeeds.ChildSeat));

        // As many seats or more, and the same needs or more, at that gate and slot: it would not fit either.
        Assert.True(desk.SearchFailedBefore(Family(11, 2, Domain.BookingNeeds.ChildSeat)));
        Assert.True(desk.SearchFailedBefore(Family(11, 3, Domain.BookingNeeds.ChildSeat | Domain.BookingNeeds.Wheelchair)));
        // Fewer seats, fewer needs, another gate, another slot or a home: searched for.
        Assert.False(desk.SearchFailedBefore(Family(11, 1, Domain.BookingNeeds.ChildSeat)));
        Assert.False(desk.SearchFailedBefore(Family(11, 2)));
        Assert.False(desk.SearchFailedBefore(Family(12, 2, Domain.BookingNeeds.ChildSeat)));
        Assert.False(desk.SearchFailedBefore(Family(11, 2, Domain.BookingNeeds.ChildSeat, "10:00")));
        Assert.False(desk.SearchFailedBefore(Family(null, 2, Domain.BookingNeeds.ChildSeat)));

        // A cancellation, a move away or an improved live plan frees room: the next family is searched for again.
        desk.RoomFreed(987_654, day);
        Assert.False(desk.SearchFailedBefore(Family(11, 2, Domain.BookingNeeds.ChildSeat)));
    }
}
