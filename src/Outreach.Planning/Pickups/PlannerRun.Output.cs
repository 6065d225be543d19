using System.Globalization;
using Outreach.Domain;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Pickups;

/// <summary>This file: the plan from the sessions' solutions, the reasons and next free slots, the figures.</summary>
internal sealed partial class PlannerRun
{
    private List<Session> _partEnds = [];

    private PickupPlanResult Extract(List<Session> sessions)
    {
        _partEnds = sessions;
        var trips = new List<PickupTrip>();
        var solves = new List<PickupSolve>();
        var checker = new List<string>();
        var tripNumbers = new Dictionary<(Session Session, int Vehicle, int Trip), (long VanId, int Number)>();
        var tripsPerVan = new Dictionary<long, int>();
        var served = new List<(Family Family, Session Session)>();
        foreach (var session in sessions.Where(s => s.Model is not null && s.Solution is not null))
        {
            var model = session.Model!;
            var solution = session.Solution!;
            solves.Add(new PickupSolve(model, solution, session.Rounds) { Log = session.Log });
            checker.AddRange(FeasibilityChecker.Check(model, solution).Select(e => string.Create(CultureInfo.InvariantCulture, $"session {session.Index + 1}: {e}")));
            foreach (var route in solution.Routes.OrderBy(r => r.Vehicle).ThenBy(r => r.Trip))
            {
                long vanId = session.Vans[route.Vehicle].Id;
                int number = tripsPerVan[vanId] = tripsPerVan.GetValueOrDefault(vanId) + 1;
                tripNumbers[(session, route.Vehicle, route.Trip)] = (vanId, number);
                trips.Add(ToTrip(route, vanId, number, session.ModelFamilies));
            }

            var reasons = solution.Unassigned.ToDictionary(u => u.Task, u => u.Reason);
            for (int i = 0; i < session.ModelFamilies.Count; i++)
            {
                var f = session.ModelFamilies[i];
                if (f.Unserved is not null)
                {
                    continue;
                }

                if (reasons.TryGetValue(2 * i, out var reason))
                {
                    f.Unserved = ReasonFor(f, reason, session.ModelFamilies, session.Placed);
                }
                else
                {
                    served.Add((f, session));
                }
            }
        }

        trips = [.. trips.OrderBy(t => t.VehicleId).ThenBy(t => t.TripNumber)];

        // Files done in the desks' plan with the planned arrivals and vans home.
        int Arrival(Family f, Session s) => s.Placed[(2 * f.ModelIndex, VisitKind.Delivery)].Visit.StartSeconds;
        int Boarding(Family f, Session s) => s.Placed[((2 * f.ModelIndex) + 1, VisitKind.Pickup)].Visit.StartSeconds;
        var done = DeskPlan(served.Select(x => (x.Family, Arrival(x.Family, x.Session), (int?)Boarding(x.Family, x.Session))).ToList());
        var schedules = new List<BookingSchedule>();
        for (int k = 0; k < served.Count; k++)
        {
            var (f, session) = served[k];
            var outPickup = session.Placed[(2 * f.ModelIndex, VisitKind.Pickup)];
            var outDrop = session.Placed[(2 * f.ModelIndex, VisitKind.Delivery)];
            var backPickup = session.Placed[((2 * f.ModelIndex) + 1, VisitKind.Pickup)];
            var backDrop = session.Placed[((2 * f.ModelIndex) + 1, VisitKind.Delivery)];
            var outTrip = tripNumbers[(session, outPickup.Route.Vehicle, outPickup.Route.Trip)];
            var backTrip = tripNumbers[(session, backPickup.Route.Vehicle, backPickup.Route.Trip)];
            schedules.Add(new BookingSchedule(
                f.Booking.Id,
                outTrip.VanId,
                outTrip.Number,
                outPickup.Visit.StartSeconds,
                outDrop.Visit.StartSeconds,
                done[k],
                backTrip.VanId,
                backTrip.Number,
                backPickup.Visit.StartSeconds,
                backDrop.Visit.StartSeconds,
                outDrop.Visit.StartSeconds - outPickup.Visit.DepartureSeconds,
                backDrop.Visit.StartSeconds - backPickup.Visit.DepartureSeconds));
            if (backPickup.Visit.StartSeconds < done[k])
            {
                _warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"booking {f.Booking.Code}: boards for home at {PlanClock.Hhmm(backPickup.Visit.StartSeconds)}, files done about {PlanClock.Hhmm(done[k])}: the van may wait"));
            }
        }

        AssignNextFree(served.ToDictionary(x => x.Family, x => Arrival(x.Family, x.Session)));
        var unserved = _families
            .Where(f => f.Unserved is not null)
            .Select(f => f.Unserved! with { ReasonEn = Capitalize(f.Unserved!.ReasonEn) })
            .ToList();
        var halfHours = _spreading.Count(served.Select(x => (Arrival(x.Family, x.Session), x.Family.Children)));
        var figures = new PickupPlanFigures(
            served.Count,
            unserved.Count,
            served.Sum(x => x.Family.Seats),
            _families.Where(f => f.Unserved is not null).Sum(f => f.Seats),
            trips.Count,
            trips.Select(t => t.VehicleId).Distinct().Count(),
            trips.Sum(t => t.Metres),
            schedules.Count == 0 ? 0 : schedules.Max(s => Math.Max(s.OutboundRideSeconds, s.ReturnRideSeconds)),
            schedules.Count == 0 ? 0 : schedules.Max(s => Math.Max(0, s.ReturnPickupSeconds - s.FilesDoneSeconds)),
            halfHours.Count == 0 ? 0 : halfHours.Max(h => h.Children),
            ArrivalSpreading.HalfHourCap(_childrenPerHour));
        var plan = new PickupPlan(_station.Id, _r.Date, trips, schedules, unserved, figures, _r.Travel.IsEstimated, _r.Travel.Source, _warnings);
        return new PickupPlanResult(plan, solves, checker);
    }

    private PickupTrip ToTrip(RoutePlan route, long vanId, int number, List<Family> modelFamilies)
    {
        var stops = new List<PickupStop>(route.Visits.Count);
        var cp = _station.CollectionPointLocation;
        foreach (var v in route.Visits)
        {
            var load = v.LoadAfter;
            if (v.Kind is VisitKind.Start or VisitKind.End)
            {
                stops.Add(new PickupStop(stops.Count, v.Kind == VisitKind.Start ? PickupStopKind.Start : PickupStopKind.End, cp, _collectionSiteId, null,
                    v.ArrivalSeconds, v.DepartureSeconds, 0, 0, load[0], load[1], load[2]));
                continue;
            }

            if (v.Kind is not (VisitKind.Pickup or VisitKind.Delivery))
            {
                continue;
            }

            var f = modelFamilies[v.Index / 2];
            bool isReturn = v.Index % 2 == 1;
            bool isPickup = v.Kind == VisitKind.Pickup;
            var kind = (isReturn, isPickup) switch
            {
                (false, true) => PickupStopKind.Pickup,
                (false, false) => PickupStopKind.CollectionPointDropOff,
                (true, true) => PickupStopKind.CollectionPointPickup,
                _ => PickupStopKind.HomeDropOff,
            };
            bool atCollectionPoint = kind is PickupStopKind.CollectionPointDropOff or PickupStopKind.CollectionPointPickup;
            stops.Add(new PickupStop(
                stops.Count,
                kind,
                atCollectionPoint ? cp : _r.Points.Locations[f.Location],
                atCollectionPoint ? _collectionSiteId : f.Booking.PickupSiteId,
                f.Booking.Id,
                // At a family's pickup point the time is when boarding starts (what the family is told): a van early for
                // it waits there, and the sheet would otherwise give the family a time before the one it was promised.
                kind == PickupStopKind.Pickup ? Math.Max(v.ArrivalSeconds, v.StartSeconds) : v.ArrivalSeconds,
                v.DepartureSeconds,
                isPickup ? f.Seats : 0,
                isPickup ? 0 : f.Seats,
                load[0], load[1], load[2]));
        }

        return new PickupTrip(vanId, number, stops, _places.RealMetres(route.Visits), route.TravelSeconds);
    }

    /// <summary>
    /// For bookings refused for lack of room: the nearest slot of the day (on the booking-slot grid inside the opening
    /// hours, or a slot someone booked) where the family would still fit, by an estimate: room at the desks in one of
    /// its half-hours, and seats (and wheelchair places, child seats) of one trip per van per slot beyond those already
    /// planned there. Each suggestion is counted as taken, so two families are not sent to the same last seats.
    /// </summary>
    private void AssignNextFree(Dictionary<Family, int> arrivalOfServed)
    {
        var needy = _families
            .Where(f => f.Unserved is { Reason: PickupUnservedReason.TripFull or PickupUnservedReason.VansBusy or PickupUnservedReason.DeskFull or PickupUnservedReason.Closed or PickupUnservedReason.NoReturn }
                && _opening.Count > 0 && _vans.Count > 0)
            .ToList();
        if (needy.Count == 0)
        {
            return;
        }

        int slotSeconds = Math.Max(1, _station.BookingSlotMinutes) * 60;
        var slots = new SortedSet<int>();
        foreach (var (open, close) in _opening)
        {
            for (int s = (open + slotSeconds - 1) / slotSeconds * slotSeconds; s + slotSeconds <= close; s += slotSeconds)
            {
                slots.Add(s);
            }
        }

        foreach (var f in _families.Where(f => _opening.Any(o => f.SlotStart >= o.Open && f.SlotStart < o.Close)))
        {
            slots.Add(f.SlotStart);
        }

        var children = new Dictionary<int, int>();
        var seats = new Dictionary<int, (int Seats, int Wheelchairs, int ChildSeats)>();
        foreach (var (f, arrival) in arrivalOfServed)
        {
            if (_spreading.BucketStartOf(arrival) is int bucket)
            {
                children[bucket] = children.GetValueOrDefault(bucket) + f.Children;
            }

            var used = seats.GetValueOrDefault(f.SlotStart);
            seats[f.SlotStart] = (used.Seats + f.Seats, used.Wheelchairs + f.Wheelchair, used.ChildSeats + f.ChildSeat);
        }

        int fleetSeats = _vans.Sum(v => v.SeatCount);
        int fleetWheelchairs = _vans.Sum(v => v.WheelchairPlaces);
        int fleetChildSeats = _vans.Sum(v => v.ChildSeatCount);
        foreach (var f in needy)
        {
            int? found = null;
            foreach (int s in slots.Where(s => s != f.SlotStart).OrderBy(s => Math.Abs(s - f.SlotStart)).ThenBy(s => s))
            {
                var used = seats.GetValueOrDefault(s);
                if (used.Seats + f.Seats > fleetSeats || used.Wheelchairs + f.Wheelchair > fleetWheelchairs
                    || used.ChildSeats + f.ChildSeat > fleetChildSeats
                    || _spreading.MostRoomInSlot(s, s + slotSeconds, children) < f.Children)
                {
                    continue;
                }

                found = s;
                seats[s] = (used.Seats + f.Seats, used.Wheelchairs + f.Wheelchair, used.ChildSeats + f.ChildSeat);
                int bucket = _spreading.BucketStartOf(s) ?? s;
                children[bucket] = children.GetValueOrDefault(bucket) + f.Children;
                break;
            }

            var c = Context(f, found);
            f.Unserved = f.Unserved!.Reason switch
            {
                PickupUnservedReason.TripFull => UnservedSentences.TripFull(f.Booking.Id, c, f.Booking.Needs),
                PickupUnservedReason.VansBusy => UnservedSentences.VansBusy(f.Booking.Id, c),
                PickupUnservedReason.DeskFull => UnservedSentences.DeskFull(f.Booking.Id, c, ArrivalSpreading.HalfHourCap(_childrenPerHour)),
                PickupUnservedReason.NoReturn => UnservedSentences.NoReturn(f.Booking.Id, c, f.ReturnEarliest, ReturnShiftEnd(f)),
                _ => UnservedSentences.Closed(f.Booking.Id, c, wholeDay: false),
            };
        }
    }

    /// <summary>When the drivers of the family's session stop (for its no-return sentence).</summary>
    private int ReturnShiftEnd(Family f) =>
        _partEnds.Where(p => p.Families.Contains(f)).Select(p => p.ShiftEnd).DefaultIfEmpty(_opening.Count == 0 ? 0 : _opening[^1].Close).First();

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
