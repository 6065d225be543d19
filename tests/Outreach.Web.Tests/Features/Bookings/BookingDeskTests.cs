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
}
