using Outreach.Domain;
using Outreach.Planning.Pickups;
using Outreach.Solver.Routing;

namespace Outreach.Planning.Tests.Pickups;

/// <summary>
/// Tiny named pickup days (see <see cref="PickupScenario"/>: places on a line, x minutes from the collection point).
/// Defaults unless a test says otherwise: 3 desks x 5 files an hour (12 min a child, 7 children per half hour),
/// boarding 3 min, getting off 1 min, then 5 min to the desks, 10 min between trips, 3 trips per van.
/// Every plan passes the independent feasibility checker (asserted in <see cref="PickupScenario.Plan"/>).
/// </summary>
public sealed class PickupPlannerTests
{
    [Fact]
    public void Plan_TwoFamiliesAtOneSchoolGate_RideTogether()
    {
        // The gate is 10 min away; 3 + 2 seats fit one 15-seat van. One trip fetching both drives 20 min (12 km);
        // fetching them apart would drive 40. Both families are done at the same time (3 children on 3 desks), so they
        // go home together too.
        var day = new PickupScenario();
        day.Van(1, seats: 15);
        long gate = day.Site(10, "Trường Tiểu học Lương Sơn", minutes: 10);
        day.Book(1, gate, children: 2, guardians: 1, slotHour: 8);
        day.Book(2, gate, children: 1, guardians: 1, slotHour: 8);

        var plan = day.Plan().Plan;

        Assert.Empty(plan.Unserved);
        var trip = Assert.Single(plan.Trips, t => t.Stops.Any(s => s.Kind == PickupStopKind.Pickup));
        var pickups = trip.Stops.Where(s => s.Kind == PickupStopKind.Pickup).ToList();
        Assert.Equal(2, pickups.Count);
        Assert.All(pickups, p => Assert.Equal(gate, p.SiteId));
        Assert.Equal(pickups[0].Sequence + 1, pickups[1].Sequence);
        Assert.Equal(5, pickups[1].SeatsAfter);
        Assert.Equal([1L, 2L], pickups.Select(p => p.BookingId!.Value).Order());

        // Stored, the gate is two consecutive stops, each naming its family.
        var stops = PickupPlanContent.From(plan, "test", DateTimeOffset.UnixEpoch).Stops
            .Where(s => s.Kind == StopKind.Pickup).OrderBy(s => s.Sequence).ToList();
        Assert.Equal(stops[0].Sequence + 1, stops[1].Sequence);
        Assert.Equal([1L, 2L], stops.Select(s => s.BookingId!.Value).Order());
        Assert.All(stops, s => Assert.Equal(gate, s.SiteId));
    }

    [Fact]
    public void Plan_HomeBeyondTheRideLimit_UnservedWithTheRideTimeReason()
    {
        // The home is 52 min from the collection point; rides are limited to 45 min, so no order of stops helps.
        var day = new PickupScenario();
        day.Van(1, seats: 15);
        day.BookHome(1, minutes: 52, children: 1, guardians: 1, slotHour: 8);

        var unserved = Assert.Single(day.Plan().Plan.Unserved);

        Assert.Equal(PickupUnservedReason.RideTooLong, unserved.Reason);
        Assert.Equal("RideTooLong", unserved.Code);
        Assert.StartsWith("Điểm đón cách điểm thu nhận 52 phút, quá giới hạn 45 phút đi xe", unserved.ReasonVi, StringComparison.Ordinal);
        Assert.StartsWith("Pickup point is 52 min from the collection point, over the 45 min ride limit", unserved.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Full0800Slot_LeavesTheOverflowUnservedWithTheNextFreeSlot()
    {
        // One 8-seat van, a gate 35 min away. The van cannot fetch anyone else in time: it reaches the collection point
        // at 08:00 at the earliest, the families are off by 08:02, and even driving straight back out it is back with
        // the next family at 08:02 + 35 + 3 + 35 = 09:15 (a proper second trip also reloads for 10 min). So 08:00
        // holds 8 seats: the first two bookings (3 + 4) fit, the last (2) does not. Nobody booked 09:00, so that is
        // the nearest slot with seats and desk room.
        var day = new PickupScenario();
        day.Van(1, seats: 8);
        long gate = day.Site(10, "Trường Tiểu học Châu Sơn", minutes: 35);
        day.Book(1, gate, children: 2, guardians: 1, slotHour: 8);
        day.Book(2, gate, children: 3, guardians: 1, slotHour: 8);
        day.Book(3, gate, children: 1, guardians: 1, slotHour: 8);

        var plan = day.Plan().Plan;

        Assert.Equal([1L, 2L], plan.Bookings.Select(b => b.BookingId).Order());
        var unserved = Assert.Single(plan.Unserved);
        Assert.Equal(3, unserved.BookingId);
        Assert.Equal(PickupUnservedReason.TripFull, unserved.Reason);
        Assert.Equal("Chuyến 08:00 thứ Ba đã đủ chỗ; giờ trống gần nhất: 09:00", unserved.ReasonVi);
        Assert.Equal("Tuesday 08:00 trip full; next free: 09:00", unserved.ReasonEn);
        Assert.Equal(new TimeOnly(9, 0), unserved.NextFreeSlot);
    }

    [Fact]
    public void Plan_ReturnLeg_LeavesOnlyAfterTheFilesAndTheQueue()
    {
        // One desk at 6 files an hour: 10 min a child. A family reaches the desk 6 min after the van arrives (1 min off
        // the van, 5 to the desk); the first in line is done 6 + its children x 10 min after arriving, the next waits
        // for the desk. Two families of 2 and 1 children on one van get off one after the other (the second a minute
        // later): whichever order, the second is done 6 + 30 = 36 min after the van arrived, and no return may board
        // before its family is done.
        var day = new PickupScenario(desks: 1, filesPerDeskPerHour: 6);
        day.Van(1, seats: 15);
        long gate = day.Site(10, "Nhà văn hóa Xóm 1", minutes: 10);
        day.Book(1, gate, children: 2, guardians: 1, slotHour: 8);
        day.Book(2, gate, children: 1, guardians: 1, slotHour: 8);

        var plan = day.Plan().Plan;

        Assert.Empty(plan.Unserved);
        var children = day.Bookings.ToDictionary(b => b.Id, b => b.ChildCount);
        var byArrival = plan.Bookings.OrderBy(b => b.ArrivalAtCollectionPointSeconds).ThenBy(b => b.BookingId).ToList();
        int deskFree = 0;
        foreach (var b in byArrival)
        {
            int start = Math.Max(b.ArrivalAtCollectionPointSeconds + (6 * 60), deskFree);
            deskFree = start + (children[b.BookingId] * 10 * 60);
            Assert.Equal(deskFree, b.FilesDoneSeconds);
            Assert.True(b.ReturnPickupSeconds >= deskFree,
                $"booking {b.BookingId} boards for home at {PlanClock.Hhmm(b.ReturnPickupSeconds)} before its files are done at {PlanClock.Hhmm(deskFree)}");
        }

        var last = byArrival[^1];
        Assert.True(last.ReturnPickupSeconds - byArrival[0].ArrivalAtCollectionPointSeconds >= 36 * 60);
        // ... and nobody waits more than the hour allowed for the ride home.
        Assert.All(plan.Bookings, b => Assert.InRange(b.ReturnPickupSeconds - b.FilesDoneSeconds, 0, 60 * 60));
    }

    [Fact]
    public void Plan_DemandAboveTheVanSeats_MakesSeveralTripsWithOneVan()
    {
        // A 4-seat van and two families of 3 at a gate 10 min away, booked 08:00 and 09:00: they cannot ride together.
        // Trip 1 brings the first (at the point by 08:xx); its files take 12 min on two desks, so trip 2 can take it
        // home and bring the second from the same gate inside 09:00-10:00; trip 3 takes the second home. No trip
        // carries more than 4, and no trip passes through the collection point.
        var day = new PickupScenario();
        day.Van(1, seats: 4);
        long gate = day.Site(10, "Trường Tiểu học Mỏ Chè", minutes: 10);
        day.Book(1, gate, children: 2, guardians: 1, slotHour: 8);
        day.Book(2, gate, children: 2, guardians: 1, slotHour: 9);

        var plan = day.Plan().Plan;

        Assert.Empty(plan.Unserved);
        Assert.True(plan.Trips.Count >= 2, PickupScenario.Describe(plan));
        Assert.All(plan.Trips, t => Assert.Equal(1, t.VehicleId));
        Assert.All(plan.Trips, t => Assert.True(t.PeakSeats <= 4, $"trip {t.TripNumber} carries {t.PeakSeats}"));
        Assert.All(plan.Trips, t => Assert.False(t.PassesThroughCollectionPoint, PickupScenario.Describe(plan)));
        var outbound = plan.Bookings.Select(b => b.OutboundTripNumber).ToList();
        Assert.True(outbound[0] != outbound[1], PickupScenario.Describe(plan));
    }

    [Fact]
    public void Plan_TripsRunOut_PassesThroughTheCollectionPointRatherThanLeaveAFamily()
    {
        // The same van, both families at 08:00, one at the gate 10 min away, the other at a gate 20 min away the other
        // side: four legs of 3 seats each need four runs from the collection point, but the van has 3 trips (taking one
        // family home on the way to fetch the other does not fit the slot). Rather than leave a family out, one trip
        // passes through the collection point (drops a family and drives straight out again, without the 10 min
        // reload); the trip says so.
        var day = new PickupScenario();
        day.Van(1, seats: 4);
        long gate = day.Site(10, "Trường Tiểu học Mỏ Chè", minutes: 10);
        long other = day.Site(11, "Trường Tiểu học Lương Sơn", minutes: -20);
        day.Book(1, gate, children: 2, guardians: 1, slotHour: 8);
        day.Book(2, other, children: 2, guardians: 1, slotHour: 8);

        var plan = day.Plan().Plan;

        Assert.Empty(plan.Unserved);
        Assert.InRange(plan.Trips.Count, 1, 3);
        Assert.True(plan.Trips.Any(t => t.PassesThroughCollectionPoint), PickupScenario.Describe(plan));
        Assert.All(plan.Trips, t => Assert.True(t.PeakSeats <= 4));
    }

    [Fact]
    public void Plan_DeskThroughput_CapsChildrenArrivingPerHalfHour()
    {
        // One desk at 6 files an hour takes 3 children per half hour, so the 08:00-09:00 slot takes 6. Eight families
        // of one child booked 08:00: the first six are spread over 08:00-08:30 and 08:30-09:00, the last two are
        // refused with the desk reason and sent to 09:00, which is free.
        var day = new PickupScenario(desks: 1, filesPerDeskPerHour: 6);
        day.Van(1, seats: 16);
        day.Van(2, seats: 16);
        long gate = day.Site(10, "Trường Tiểu học Cải Đan", minutes: 10);
        for (int i = 1; i <= 8; i++)
        {
            day.Book(i, gate, children: 1, guardians: 1, slotHour: 8);
        }

        var plan = day.Plan().Plan;

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], plan.Bookings.Select(b => b.BookingId).Order());
        Assert.Equal([7L, 8L], plan.Unserved.Select(u => u.BookingId).Order());
        Assert.All(plan.Unserved, u =>
        {
            Assert.Equal(PickupUnservedReason.DeskFull, u.Reason);
            Assert.Contains("tối đa 3 trẻ mỗi nửa giờ", u.ReasonVi, StringComparison.Ordinal);
            Assert.Contains("next free: 09:00", u.ReasonEn, StringComparison.Ordinal);
        });
        var perHalfHour = plan.Bookings.GroupBy(b => b.ArrivalAtCollectionPointSeconds / 1800).Select(g => g.Count()).ToList();
        Assert.All(perHalfHour, count => Assert.True(count <= 3, $"{count} children in one half hour"));
        Assert.Equal(3, plan.Figures.ChildrenPerHalfHourCap);
        Assert.True(plan.Figures.MaxChildrenPerHalfHour <= 3);
    }

    [Fact]
    public void Plan_WheelchairBooking_GoesToTheVanWithAWheelchairPlace()
    {
        // Van 1 has no wheelchair place, van 2 has one: the wheelchair family rides van 2 both ways.
        var day = new PickupScenario();
        day.Van(1, seats: 15);
        day.Van(2, seats: 15, wheelchairPlaces: 1);
        long gate = day.Site(10, "Trụ sở UBND xã Tân Quang", minutes: 12);
        day.Book(1, gate, children: 1, guardians: 1, slotHour: 9, BookingNeeds.Wheelchair);
        day.Book(2, gate, children: 1, guardians: 1, slotHour: 14);

        var plan = day.Plan().Plan;

        Assert.Empty(plan.Unserved);
        var wheelchair = Assert.Single(plan.Bookings, b => b.BookingId == 1);
        Assert.Equal(2, wheelchair.OutboundVehicleId);
        Assert.Equal(2, wheelchair.ReturnVehicleId);
        var boarding = plan.Trips.SelectMany(t => t.Stops).Single(s => s.Kind == PickupStopKind.Pickup && s.BookingId == 1);
        Assert.Equal(1, boarding.WheelchairPlacesAfter);
        // Boarding a wheelchair takes the 3 min plus 5 extra.
        Assert.Equal(8 * 60, boarding.DepartureSeconds - wheelchair.PickupSeconds);
    }

    [Fact]
    public void Plan_ReplanAfterOneNewBooking_KeepsThePublishedStops()
    {
        // Three bookings are planned and published; a fourth arrives. The re-plan keeps every published stop on its van
        // and trip in its published order (a pinned prefix), and fits the new family in around them.
        var day = new PickupScenario();
        day.Van(1, seats: 15);
        day.Van(2, seats: 15);
        long x = day.Site(10, "Trường Tiểu học Phố Cò", minutes: 10);
        long y = day.Site(11, "Nhà văn hóa Tổ dân phố 2", minutes: 15);
        day.Book(1, x, children: 2, guardians: 1, slotHour: 8);
        day.Book(2, y, children: 1, guardians: 1, slotHour: 8);
        day.Book(3, x, children: 1, guardians: 2, slotHour: 9);
        var first = day.Plan().Plan;
        var content = PickupPlanContent.From(first, "chief", DateTimeOffset.UnixEpoch);
        var published = content with { Plan = content.Plan with { Id = 7, Version = 1, Status = PlanStatus.Published } };

        day.Book(4, y, children: 2, guardians: 1, slotHour: 9);
        var second = day.Plan(published).Plan;

        Assert.Empty(second.Unserved);
        Assert.Equal(4, second.Bookings.Count);
        foreach (var trip in first.Trips)
        {
            var before = Visits(trip);
            var after = second.Trips.Single(t => t.VehicleId == trip.VehicleId && t.TripNumber == trip.TripNumber);
            Assert.True(before.SequenceEqual(Visits(after).Take(before.Count)), PickupScenario.Describe(first) + "\n---\n" + PickupScenario.Describe(second));
        }

        static List<(long? Booking, PickupStopKind Kind)> Visits(PickupTrip trip) =>
            trip.Stops.Where(s => s.BookingId is not null).Select(s => (s.BookingId, s.Kind)).ToList();
    }

    [Fact]
    public void Plan_ReplanAfterACancellation_KeepsTheOthersInOrder()
    {
        // Cancelling a published family drops its stops; the remaining published stops keep their vans, trips and order.
        var day = new PickupScenario();
        day.Van(1, seats: 15);
        long x = day.Site(10, "Trường Tiểu học Bách Quang", minutes: 10);
        long y = day.Site(11, "Nhà văn hóa Xóm 3", minutes: 14);
        day.Book(1, x, children: 2, guardians: 1, slotHour: 8);
        day.Book(2, y, children: 1, guardians: 1, slotHour: 8);
        day.Book(3, x, children: 1, guardians: 1, slotHour: 8);
        var first = day.Plan().Plan;
        var content = PickupPlanContent.From(first, "chief", DateTimeOffset.UnixEpoch);
        var published = content with { Plan = content.Plan with { Id = 9, Version = 1, Status = PlanStatus.Published } };

        day.Cancel(2);
        var second = day.Plan(published).Plan;

        Assert.Equal([1L, 3L], second.Bookings.Select(b => b.BookingId).Order());
        foreach (var trip in first.Trips)
        {
            var kept = trip.Stops.Where(s => s.BookingId is 1 or 3).Select(s => (s.BookingId, s.Kind)).ToList();
            var after = second.Trips.Single(t => t.VehicleId == trip.VehicleId && t.TripNumber == trip.TripNumber);
            Assert.Equal(kept, after.Stops.Where(s => s.BookingId is not null).Select(s => (s.BookingId, s.Kind)));
        }
    }

    [Fact]
    public void Plan_EveryUnservedBooking_HasAVietnameseAndAnEnglishReason()
    {
        // One booking per reason: too far (52 min), a site the station does not know, a wheelchair with no wheelchair
        // place, more seats than the 8-seat van, 12:00 while the point is closed for lunch, and an 08:00 overflow.
        var day = new PickupScenario();
        day.Van(1, seats: 8);
        long gate = day.Site(10, "Trường Tiểu học Tân Quang", minutes: 35);
        day.Book(1, gate, children: 3, guardians: 1, slotHour: 8);
        day.Book(2, gate, children: 3, guardians: 1, slotHour: 8);
        day.BookHome(3, minutes: 52, children: 1, guardians: 1, slotHour: 9);
        day.Book(4, siteId: 999, children: 1, guardians: 1, slotHour: 9);
        day.Book(5, gate, children: 1, guardians: 1, slotHour: 9, BookingNeeds.Wheelchair);
        day.Book(6, gate, children: 8, guardians: 2, slotHour: 9);
        day.Book(7, gate, children: 1, guardians: 1, slotHour: 12);
        day.Book(8, gate, children: 1, guardians: 1, slotHour: 8);

        var plan = day.Plan().Plan;

        var expected = new Dictionary<long, PickupUnservedReason>
        {
            [3] = PickupUnservedReason.RideTooLong,
            [4] = PickupUnservedReason.NoPickupLocation,
            [5] = PickupUnservedReason.NoWheelchairPlace,
            [6] = PickupUnservedReason.TooManySeats,
            [7] = PickupUnservedReason.Closed,
            [8] = PickupUnservedReason.TripFull,
        };
        Assert.Equal(expected, plan.Unserved.ToDictionary(u => u.BookingId, u => u.Reason));
        Assert.Equal([1L, 2L], plan.Bookings.Select(b => b.BookingId).Order());
        Assert.All(plan.Unserved, u =>
        {
            Assert.False(string.IsNullOrWhiteSpace(u.ReasonVi));
            Assert.False(string.IsNullOrWhiteSpace(u.ReasonEn));
            Assert.NotEqual(u.ReasonVi, u.ReasonEn);
            Assert.True(char.IsUpper(u.ReasonVi[0]) && char.IsUpper(u.ReasonEn[0]), u.ReasonEn);
        });
        Assert.Contains("Cần 10 chỗ nhưng xe lớn nhất chỉ có 8 chỗ", plan.Unserved.Single(u => u.BookingId == 6).ReasonVi, StringComparison.Ordinal);
        Assert.Contains("closed at 12:00 on Tuesday", plan.Unserved.Single(u => u.BookingId == 7).ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MorningAndAfternoon_PlannedApartAndTheMorningIsHomeBeforeTheAfternoonDriversStart()
    {
        // Open 07:30-11:30 and 13:30-17:00: a two-hour lunch break splits the day. The afternoon drivers start at 12:30
        // (an hour before opening), so every morning trip is back by 12:30 and every afternoon trip leaves after it.
        var day = new PickupScenario();
        day.Van(1, seats: 15);
        long gate = day.Site(10, "Trường Tiểu học Lương Sơn", minutes: 15);
        day.Book(1, gate, children: 2, guardians: 1, slotHour: 10);
        day.Book(2, gate, children: 1, guardians: 1, slotHour: 14);

        var result = day.Plan();

        Assert.Equal(2, result.Solves.Count);
        Assert.Empty(result.Plan.Unserved);
        var morning = result.Plan.Bookings.Single(b => b.BookingId == 1);
        var afternoon = result.Plan.Bookings.Single(b => b.BookingId == 2);
        var trips = result.Plan.Trips.ToDictionary(t => t.TripNumber);
        Assert.True(trips[morning.ReturnTripNumber].Stops[^1].ArrivalSeconds <= (12 * 3600) + 1800, PickupScenario.Describe(result.Plan));
        Assert.True(trips[afternoon.OutboundTripNumber].Stops[0].DepartureSeconds >= (12 * 3600) + 1800, PickupScenario.Describe(result.Plan));
        // Trip numbers run through the van's day.
        Assert.Equal(Enumerable.Range(1, result.Plan.Trips.Count), result.Plan.Trips.Select(t => t.TripNumber));
    }

    [Fact]
    public void Plan_BusyMorning_PlannedWholeWithEachVansTripsInTurn()
    {
        // 44 one-child families at 08:00, 09:00 (15 each) and 11:00 (14): the morning is one problem (a busy session is
        // not cut into parts: parts served fewer families on every bench day), and a van's trips never overlap and stay
        // in order through it.
        var day = new PickupScenario(desks: 6, filesPerDeskPerHour: 6);
        day.Van(1, seats: 15);
        day.Van(2, seats: 15);
        day.Van(3, seats: 15);
        day.Settings = PickupSettings.Default with { MaxTripsPerVan = 6 };
        long near = day.Site(10, "Nhà văn hóa Tổ 1", minutes: 5);
        long far = day.Site(11, "Nhà văn hóa Tổ 2", minutes: 9);
        for (int i = 1; i <= 44; i++)
        {
            day.Book(i, i % 2 == 0 ? near : far, children: 1, guardians: 1, slotHour: i <= 15 ? 8 : i <= 30 ? 9 : 11);
        }

        var result = day.Plan(iterations: 300);

        Assert.Equal([44], result.Solves.Select(s => s.Log[0].Families));
        Assert.Equal(44, result.Plan.Bookings.Count + result.Plan.Unserved.Count);
        Assert.True(result.Plan.Bookings.Count(b => b.BookingId > 30) >= 10, PickupScenario.Describe(result.Plan));
        foreach (var van in result.Plan.Trips.GroupBy(t => t.VehicleId))
        {
            var ordered = van.OrderBy(t => t.TripNumber).ToList();
            for (int k = 1; k < ordered.Count; k++)
            {
                Assert.True(ordered[k].Stops[0].DepartureSeconds >= ordered[k - 1].Stops[^1].ArrivalSeconds,
                    $"van {van.Key} trip {ordered[k].TripNumber} leaves before trip {ordered[k - 1].TripNumber} is back");
            }
        }
    }

    [Fact]
    public void Plan_LastRepairSolveServesFewerFamilies_KeepsTheSolveBefore()
    {
        // The busy morning again (44 one-child families at 08:00, 09:00 and 11:00, gates 5, 9 and 14 minutes out),
        // planned against a clock that ticks a millisecond each time it is read, so the time-limited rounds are the same
        // on every machine. With 600 ms, the morning's last repair solve may get too short a slice and leave one more leg
        // out than the solve before it (its log says so): the first seed where it does is taken. The plan keeps the solve
        // before, so the morning serves at least what that solve served both ways (families less unserved legs) rather
        // than one fewer.
        var day = new PickupScenario(desks: 6, filesPerDeskPerHour: 6);
        day.Van(1, seats: 15);
        day.Van(2, seats: 15);
        day.Van(3, seats: 15);
        day.Settings = PickupSettings.Default with { MaxTripsPerVan = 6 };
        long[] gates = [day.Site(10, "Nhà văn hóa Tổ 1", minutes: 5), day.Site(11, "Nhà văn hóa Tổ 2", minutes: 9), day.Site(12, "Nhà văn hóa Tổ 3", minutes: 14)];
        for (int i = 1; i <= 44; i++)
        {
            day.Book(i, gates[i % 3], children: 1, guardians: 1, slotHour: i <= 15 ? 8 : i <= 30 ? 9 : 11);
        }

        PickupPlanResult? result = null;
        IReadOnlyList<PickupRound> eleven = [];
        for (int seed = 1; seed <= 150 && result is null; seed++)
        {
            var request = day.Request() with { Search = new SearchOptions { Seed = seed, TimeLimit = TimeSpan.FromMilliseconds(600), Clock = new TickingClock() } };
            var candidate = PickupPlanner.Plan(request);
            eleven = candidate.Solves[^1].Log;
            result = eleven.Count > 1 && eleven[^1].UnassignedTasks > eleven[^2].UnassignedTasks ? candidate : null;
        }

        Assert.True(result is not null, "no seed in 1-150 ends the morning with a worse solve");
        Assert.InRange(result.Plan.Bookings.Count, eleven[^2].Families - eleven[^2].UnassignedTasks, 44);
        Assert.Empty(result.CheckerErrors);
        Assert.Equal(44, result.Plan.Bookings.Count + result.Plan.Unserved.Count);
    }

    [Fact]
    public void Plan_CollectionPointClosedThatDay_EveryBookingUnservedWithTheClosedReason()
    {
        var day = new PickupScenario();
        day.Station = day.Station with { OpeningHours = [new OpeningHours(DayOfWeek.Monday, new TimeOnly(7, 30), new TimeOnly(11, 30))] };
        day.Van(1, seats: 15);
        long gate = day.Site(10, "Trường Tiểu học Bá Xuyên", minutes: 10);
        day.Book(1, gate, children: 1, guardians: 1, slotHour: 8);

        var result = day.Plan();

        var unserved = Assert.Single(result.Plan.Unserved);
        Assert.Equal(PickupUnservedReason.Closed, unserved.Reason);
        Assert.Equal("Điểm thu nhận không mở cửa thứ Ba 10/03; đề nghị hẹn ngày khác", unserved.ReasonVi);
        Assert.Empty(result.Solves);
    }

    [Fact]
    public void Plan_NoVans_EveryBookingUnservedWithTheFleetReason()
    {
        var day = new PickupScenario();
        long gate = day.Site(10, "Trường Tiểu học Bình Sơn", minutes: 10);
        day.Book(1, gate, children: 1, guardians: 1, slotHour: 8);

        var unserved = Assert.Single(day.Plan().Plan.Unserved);

        Assert.Equal(PickupUnservedReason.NoVans, unserved.Reason);
    }

    [Fact]
    public void Plan_BookingOfAnotherDate_IsRejectedNamingTheField()
    {
        var day = new PickupScenario();
        day.Van(1, seats: 15);
        long gate = day.Site(10, "Trường Tiểu học Thắng Lợi", minutes: 10);
        day.Book(1, gate, children: 1, guardians: 1, slotHour: 8);
        var request = day.Request();
        request = request with { Bookings = [request.Bookings[0] with { Date = PickupScenario.Tuesday.AddDays(1) }] };

        var error = Assert.Throws<ArgumentException>(() => PickupPlanner.Plan(request));

        Assert.Contains("bookings[0].date = 2026-03-11", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(20, 2)]
    [InlineData(30, 3)]
    public void Plan_BusyDay_EveryFamilyBoardsForHomeWithinTheWaitLimitAfterItsFiles(int waitMinutes, int seed)
    {
        // Families from three gates and homes across the morning, two desks: the desks' plan decides when each family's
        // files are done, and the van home comes at or after that and at most the station's wait later.
        var day = new PickupScenario(desks: 2, filesPerDeskPerHour: 6) { Settings = PickupSettings.Default with { MaxReturnWaitMinutes = waitMinutes } };
        day.Van(1, seats: 7);
        day.Van(2, seats: 7);
        long a = day.Site(10, "Trường Tiểu học A", minutes: 8);
        long b = day.Site(11, "Trường Tiểu học B", minutes: -15);
        long c = day.Site(12, "Trường THCS C", minutes: 25);
        var random = new Random(seed);
        for (int i = 1; i <= 14; i++)
        {
            long site = (i % 3) switch { 0 => a, 1 => b, _ => c };
            day.Book(i, site, children: random.Next(1, 3), guardians: 1, slotHour: 8 + random.Next(0, 3));
        }

        var plan = day.Plan().Plan;

        Assert.NotEmpty(plan.Bookings);
        Assert.All(plan.Bookings, s => Assert.InRange(s.ReturnPickupSeconds - s.FilesDoneSeconds, 0, waitMinutes * 60));
        Assert.All(plan.Bookings, s => Assert.True(s.FilesDoneSeconds >= s.ArrivalAtCollectionPointSeconds + 600, $"booking {s.BookingId}: files done before the first file could be"));
        Assert.Equal(plan.Bookings.Max(s => s.ReturnPickupSeconds - s.FilesDoneSeconds), plan.Figures.MaxReturnWaitSeconds);
    }

    [Fact]
    public void Plan_StopsAndSchedules_AgreeOnTimesLoadsAndCounts()
    {
        // A small mixed day: every family boards once and gets off once each way, seats in use never exceed the van,
        // and each leg rides at most 45 min.
        var day = new PickupScenario();
        day.Van(1, seats: 7);
        day.Van(2, seats: 7, childSeats: 1);
        long a = day.Site(10, "Trường Tiểu học A", minutes: 8);
        long b = day.Site(11, "Trường Tiểu học B", minutes: 20);
        day.Book(1, a, 2, 1, 8);
        day.Book(2, b, 1, 1, 8, BookingNeeds.ChildSeat);
        day.Book(3, a, 3, 1, 9);
        day.BookHome(4, 15, 1, 2, 14, BookingNeeds.MustBeCarried);
        day.Book(5, b, 2, 1, 15);

        var plan = day.Plan().Plan;

        Assert.Empty(plan.Unserved);
        var stops = plan.Trips.SelectMany(t => t.Stops).Where(s => s.BookingId is not null).ToList();
        foreach (var booking in day.Bookings)
        {
            var own = stops.Where(s => s.BookingId == booking.Id).ToList();
            // In the order the family leaves each stop (a van home may reach the point before the family does and wait).
            Assert.True(
                new[] { PickupStopKind.Pickup, PickupStopKind.CollectionPointDropOff, PickupStopKind.CollectionPointPickup, PickupStopKind.HomeDropOff }
                    .SequenceEqual(own.OrderBy(s => s.DepartureSeconds).Select(s => s.Kind)),
                PickupScenario.Describe(plan));
            Assert.Equal(2 * booking.SeatCount, own.Sum(s => s.Boarding));
            Assert.Equal(2 * booking.SeatCount, own.Sum(s => s.Alighting));
        }

        Assert.All(plan.Trips, t => Assert.True(t.PeakSeats <= 7));
        Assert.All(plan.Trips, t => Assert.Equal(PickupStopKind.Start, t.Stops[0].Kind));
        Assert.All(plan.Trips, t => Assert.Equal(PickupStopKind.End, t.Stops[^1].Kind));
        Assert.All(plan.Bookings, s => Assert.True(s.OutboundRideSeconds <= 45 * 60 && s.ReturnRideSeconds <= 45 * 60));
        var childSeat = plan.Bookings.Single(s => s.BookingId == 2);
        Assert.Equal(2, childSeat.OutboundVehicleId);
        Assert.Equal(plan.Trips.Count, plan.Figures.Trips);
        Assert.Equal(plan.Trips.Sum(t => t.Metres), plan.Figures.Metres);
    }

    /// <summary>A clock that moves one millisecond each time it is read: time-limited searches become repeatable.</summary>
    private sealed class TickingClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => ++_now;
    }
}
