using Outreach.Domain;
using Outreach.Planning.Pickups;

namespace Outreach.Planning.Tests.Pickups;

public sealed class PickupPlanContentTests
{
    [Fact]
    public void From_PlannedDay_StoresStopsInUtcWithTripNumbersAndReasons()
    {
        // A gate 10 min away and one family at 08:00; a second family 52 min away is unserved.
        var day = new PickupScenario();
        day.Van(3, seats: 15);
        long gate = day.Site(10, "Trường Tiểu học Lương Sơn", minutes: 10);
        day.Book(1, gate, children: 1, guardians: 1, slotHour: 8);
        day.BookHome(2, minutes: 52, children: 1, guardians: 1, slotHour: 8);
        var plan = day.Plan().Plan;
        var createdAt = new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);

        var content = PickupPlanContent.From(plan, "chief", createdAt);

        Assert.Equal(new Plan(0, 1, PlanKind.Pickups, PickupScenario.Tuesday, PickupScenario.Tuesday, 0, PlanStatus.Draft, createdAt, null, "chief"), content.Plan);
        Assert.Equal(plan.Trips.Sum(t => t.Stops.Count), content.Stops.Count);
        Assert.All(content.Stops, s => Assert.Equal((PlanResourceKind.Vehicle, 3L, PickupScenario.Tuesday), (s.ResourceKind, s.ResourceId, s.Date)));
        Assert.All(content.Stops, s => Assert.True(s.TripNumber >= 1));
        Assert.All(content.Stops, s => Assert.Equal(TimeSpan.Zero, s.Arrival.Offset));
        var drop = content.Stops.Single(s => s.Kind == StopKind.CollectionPoint && s.AlightingCount > 0);
        var schedule = Assert.Single(plan.Bookings);
        // Local 08:xx in Vietnam (UTC+7) is 01:xx UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero).AddSeconds(schedule.ArrivalAtCollectionPointSeconds - (8 * 3600)), drop.Arrival);
        Assert.Equal(100, drop.SiteId);
        Assert.Equal(2, drop.AlightingCount);
        var item = Assert.Single(content.Unserved);
        Assert.Equal((UnservedItemKind.Booking, 2L, "RideTooLong"), (item.ItemKind, item.ItemId, item.ReasonCode));
    }

    [Fact]
    public void ToUtc_LocalMidnightPlusSeconds_IsSevenHoursEarlier()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 30, 0, TimeSpan.Zero), PlanClock.ToUtc(new DateOnly(2026, 3, 10), (7 * 3600) + 1800));
        Assert.Equal((7 * 3600) + 1800, PlanClock.ToSeconds(new DateOnly(2026, 3, 10), new DateTimeOffset(2026, 3, 10, 0, 30, 0, TimeSpan.Zero)));
    }
}
