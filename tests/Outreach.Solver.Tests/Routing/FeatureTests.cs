using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Routing;

/// <summary>
/// Tiny named instances for each rich feature. Locations lie on a line (see <see cref="Tiny"/>): travel seconds and
/// metres both equal the distance, so each expected number is worked out in the comments.
/// </summary>
public class FeatureTests
{
    [Fact]
    public void MaxRideTime_InterleavingTooLong_ServesPairsOneAfterTheOther()
    {
        // Depot x=0; pair A 10 -> 40, pair B 20 -> 30; 5 s service at every stop.
        // Unlimited: 0-10-20-30-40-0 = 80 m, but A then rides 10 + 5 + 10 + 5 + 10 = 40 s.
        // Limit 34 s: every interleaving breaks a limit (e.g. B+ A+ B- A-: B rides 10 + 5 + 20 = 35 s),
        // so the best is A+ A- B+ B-: 0-10-40-20-30-0 = 10 + 30 + 20 + 10 + 30 = 100 m (rides 30 s and 10 s).
        RoutingModel Build(int? maxRide)
        {
            var builder = new RoutingModelBuilder(1);
            builder.AddProfile(Tiny.Line(0, 10, 20, 30, 40));
            builder.AddVehicle(Tiny.Van("van"));
            builder.AddTask(Tiny.Pair("A", 1, 4, service: 5) with { MaxRideSeconds = maxRide });
            builder.AddTask(Tiny.Pair("B", 2, 3, service: 5) with { MaxRideSeconds = maxRide });
            return builder.Build();
        }

        var free = Tiny.Solve(Build(null));
        var limited = Build(34);
        var solution = Tiny.Solve(limited);

        Assert.Equal(80, free.Metres);
        Assert.Equal(100, solution.Metres);
        Assert.Equal(["A", "A", "B", "B"], Tiny.Sequence(limited, solution.Routes.Single()));
    }

    [Fact]
    public void LinkedReturnLeg_WaitsForTheGapAfterTheOutboundDelivery()
    {
        // Home x=10, collection point x=50. Outbound pair home -> point, return pair point -> home,
        // return may start no earlier than 100 s after the outbound delivery ends.
        // Out pickup at 10, delivery at 50 (ends 50, no service), return pickup at 50 + 100 = 150,
        // home at 150 + 40 = 190, depot at 200. Without the link the van would be back at 100.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 50));
        builder.AddVehicle(Tiny.Van("van", capacity: 2));
        int outbound = builder.AddTask(Tiny.Pair("out", 1, 2));
        int back = builder.AddTask(Tiny.Pair("back", 2, 1));
        builder.AddLink(new TaskLink(outbound, back, 100));
        var model = builder.Build();

        var route = Tiny.Solve(model).Routes.Single();

        var outDelivery = route.Visits.Single(v => v.Kind == VisitKind.Delivery && v.Index == outbound);
        var backPickup = route.Visits.Single(v => v.Kind == VisitKind.Pickup && v.Index == back);
        Assert.Equal(50, outDelivery.StartSeconds);
        Assert.Equal(150, backPickup.StartSeconds);
        Assert.Equal(200, route.Visits[^1].ArrivalSeconds);
    }

    [Fact]
    public void SeveralTrips_CapacityTwo_ServesFourSeatsInTwoTrips()
    {
        // Seats: a1, a2 at x=10, b1, b2 at x=20, one seat each; the van has 2 seats, 2 trips, 10 s reload.
        // Best: one trip per location, 0-10-0 (20 m) and 0-20-0 (40 m) = 60 m; mixing costs 80 m.
        var solution = Tiny.Solve(TripModel(maxTrips: 2));

        Assert.Empty(solution.Unassigned);
        Assert.Equal(2, solution.Routes.Count);
        Assert.Equal(60, solution.Metres);
        var ordered = solution.Routes.OrderBy(r => r.Trip).ToList();
        Assert.True(ordered[1].Visits[0].DepartureSeconds >= ordered[0].Visits[^1].ArrivalSeconds + 10);
    }

    [Fact]
    public void SeveralTrips_OnlyOneTrip_LeavesTwoSeatsForCapacity()
    {
        // Same seats with a single trip: 2 seats fit; the cheaper pair (x=10, 20 m) is served and
        // both x=20 seats are unassigned because every position would exceed the 2 seats.
        var model = TripModel(maxTrips: 1);
        var solution = Tiny.Solve(model);

        Assert.Equal(20, solution.Metres);
        Assert.Equal(["b1", "b2"], solution.Unassigned.Select(u => model.Tasks[u.Task].Id).Order().ToArray());
        Assert.All(solution.Unassigned, u => Assert.Equal(UnassignedReason.Capacity, u.Reason));
    }

    private static RoutingModel TripModel(int maxTrips)
    {
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20));
        builder.AddVehicle(Tiny.Van("van", capacity: 2) with { MaxTrips = maxTrips, ReloadSeconds = 10 });
        builder.AddTask(Tiny.Visit("a1", 1, load: 1));
        builder.AddTask(Tiny.Visit("a2", 1, load: 1));
        builder.AddTask(Tiny.Visit("b1", 2, load: 1));
        builder.AddTask(Tiny.Visit("b2", 2, load: 1));
        return builder.Build();
    }

    [Fact]
    public void Skills_WheelchairTask_GoesToTheVanThatHasTheSkill()
    {
        // van0 at x=0 is 5 m from the task but has no wheelchair lift; van1 at x=100 has one: 95 + 95 = 190 m.
        // "boat" needs a skill no vehicle has: unassigned with reason Skill.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 5, 100));
        builder.AddVehicle(Tiny.Van("van0", depot: 0));
        builder.AddVehicle(Tiny.Van("van1", depot: 2) with { Skills = ["wheelchair"] });
        int wheel = builder.AddTask(Tiny.Visit("wheel", 1) with { Skills = ["wheelchair"] });
        int boat = builder.AddTask(Tiny.Visit("boat", 1) with { Skills = ["boat"] });
        var model = builder.Build();

        var solution = Tiny.Solve(model);

        var route = solution.Routes.Single();
        Assert.Equal(1, route.Vehicle);
        Assert.Equal(190, route.Metres);
        Assert.Contains(route.Visits, v => v.Kind == VisitKind.Visit && v.Index == wheel);
        Assert.Equal(new UnassignedTask(boat, UnassignedReason.Skill), solution.Unassigned.Single());
    }

    [Fact]
    public void Breaks_WindowBetweenStops_TakenAtFirstStop()
    {
        // Open route from x=0: A at x=20, B at x=40; break of 10 s starting in [30, 35].
        // After A (t=20) the next chance would be after B (t=40 > 35), so the break is taken at A: 30..40,
        // B at 40 + 20 = 60 (40 without the break). Departure shifts to 10 so nobody waits: A starts at 30.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 20, 40));
        builder.AddVehicle(Tiny.Van("van") with
        {
            EndLocation = null,
            Breaks = [new BreakSpec(new TimeWindow(30, 35), 10)],
        });
        builder.AddTask(Tiny.Visit("A", 1));
        builder.AddTask(Tiny.Visit("B", 2));
        var model = builder.Build();

        var route = Tiny.Solve(model).Routes.Single();

        Assert.Equal(["A", "B"], Tiny.Sequence(model, route));
        var pause = route.Visits.Single(v => v.Kind == VisitKind.Break);
        Assert.Equal((30, 40, 1), (pause.StartSeconds, pause.DepartureSeconds, pause.Location));
        Assert.Equal(60, route.Visits.Single(v => v.Kind == VisitKind.Visit && model.Tasks[v.Index].Id == "B").StartSeconds);
        Assert.Equal(10, route.Visits[0].DepartureSeconds);
    }

    [Fact]
    public void Breaks_WindowAfterWorkEnds_NotScheduled()
    {
        // The van is back at 40 (0-20-0); a break opening at 100 falls after the shift's work: no break visit.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 20));
        builder.AddVehicle(Tiny.Van("van") with { Breaks = [new BreakSpec(new TimeWindow(100, 200), 30)] });
        builder.AddTask(Tiny.Visit("A", 1));

        var route = Tiny.Solve(builder.Build()).Routes.Single();

        Assert.DoesNotContain(route.Visits, v => v.Kind == VisitKind.Break);
        Assert.Equal(40, route.Visits[^1].ArrivalSeconds);
    }

    [Fact]
    public void Pins_TaskPinnedToFarVehicle_StaysThere()
    {
        // van0 at x=0 would serve x=10 for 20 m; the task is pinned to van1 at x=100: 90 + 90 = 180 m.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 100));
        builder.AddVehicle(Tiny.Van("van0", depot: 0));
        builder.AddVehicle(Tiny.Van("van1", depot: 2));
        builder.AddTask(Tiny.Visit("t", 1) with { Pin = new TaskPin(1) });

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal(1, solution.Routes.Single().Vehicle);
        Assert.Equal(180, solution.Metres);
    }

    [Fact]
    public void Pins_PinnedPositions_KeepOrderAndNewTaskGoesAfter()
    {
        // Open route from x=0. "far" (x=30) pinned first, "near" (x=10) second: 30 + 20 = 50 m instead of 30 m.
        // "mid" (x=20) is free but may only go after the pinned prefix: 50 + 10 = 60 m.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20, 30));
        builder.AddVehicle(Tiny.Van("van") with { EndLocation = null });
        builder.AddTask(Tiny.Visit("far", 3) with { Pin = new TaskPin(0, 0, 0) });
        builder.AddTask(Tiny.Visit("near", 1) with { Pin = new TaskPin(0, 0, 1) });
        builder.AddTask(Tiny.Visit("mid", 2));
        var model = builder.Build();

        var solution = Tiny.Solve(model);

        Assert.Equal(["far", "near", "mid"], Tiny.Sequence(model, solution.Routes.Single()));
        Assert.Equal(60, solution.Metres);
    }

    [Fact]
    public void Unassigned_EachBlockedTask_ReportsItsConstraint()
    {
        // One van at x=0, shift [0, 100], 5 seats. Locations: 1 x=10, 2 x=60, 3 unreachable, 4 x=30.
        //   ok     x=30                 -> served (0-30-0 = 60 s)
        //   late   x=10, window [0, 5]  -> arrives at 10 at the earliest: TimeWindow
        //   far    x=60                 -> back at 120 at the earliest > 100: ShiftEnd
        //   heavy  9 seats > 5          -> Capacity
        //   boat   needs "boat"         -> Skill
        //   island location 3           -> Unreachable
        //   ride   pair 10 -> 30, max ride 10 s < 20 s of driving -> RideTime
        var line = Tiny.Line(0, 10, 60, 0, 30);
        var seconds = new int[25];
        for (int a = 0; a < 5; a++)
        {
            for (int b = 0; b < 5; b++)
            {
                seconds[(a * 5) + b] = (a == 3) != (b == 3) ? Matrix.Unreachable : line.Seconds[a, b];
            }
        }

        var matrix = new Matrix(5, seconds);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("road", matrix, matrix));
        builder.AddVehicle(Tiny.Van("van", capacity: 5) with { Shift = new TimeWindow(0, 100) });
        builder.AddTask(Tiny.Visit("ok", 4));
        builder.AddTask(Tiny.Visit("late", 1, window: new TimeWindow(0, 5)));
        builder.AddTask(Tiny.Visit("far", 2));
        builder.AddTask(Tiny.Visit("heavy", 1, load: 9));
        builder.AddTask(Tiny.Visit("boat", 1) with { Skills = ["boat"] });
        builder.AddTask(Tiny.Visit("island", 3));
        builder.AddTask(Tiny.Pair("ride", 1, 4) with { MaxRideSeconds = 10 });
        var model = builder.Build();

        var solution = Tiny.Solve(model);

        var reasons = solution.Unassigned.ToDictionary(u => model.Tasks[u.Task].Id, u => u.Reason);
        Assert.Equal(UnassignedReason.TimeWindow, reasons["late"]);
        Assert.Equal(UnassignedReason.ShiftEnd, reasons["far"]);
        Assert.Equal(UnassignedReason.Capacity, reasons["heavy"]);
        Assert.Equal(UnassignedReason.Skill, reasons["boat"]);
        Assert.Equal(UnassignedReason.Unreachable, reasons["island"]);
        Assert.Equal(UnassignedReason.RideTime, reasons["ride"]);
        Assert.Equal(6, reasons.Count);
        Assert.Equal(60, solution.Metres);
    }

    [Fact]
    public void Resolve_OneWindowMovesLater_OnlyThatTaskMoves()
    {
        // Right side r10, r20, r30 (windows [0, 40]) and left side l10, l20 (windows [0, 25]) cannot share a van,
        // so the first plan is one van per side (60 m + 40 m). Then r20's window moves to [400, 500]; everything
        // published is pinned in order and the search starts from the old plan. r20 must move: it goes to the end
        // of its own van (0-10-30-20-0 = 60 m, no extra distance); every other task keeps its van and order.
        var x = new[] { 0, 10, 20, 30, -10, -20 };
        RoutingModel Build(Func<int, TaskSpec, TaskSpec> adjust)
        {
            var builder = new RoutingModelBuilder(1);
            builder.AddProfile(Tiny.Line(x));
            builder.AddVehicle(Tiny.Van("v0"));
            builder.AddVehicle(Tiny.Van("v1"));
            var right = new TimeWindow(0, 40);
            var left = new TimeWindow(0, 25);
            TaskSpec[] tasks =
            [
                Tiny.Visit("r10", 1, window: right), Tiny.Visit("r20", 2, window: right), Tiny.Visit("r30", 3, window: right),
                Tiny.Visit("l10", 4, window: left), Tiny.Visit("l20", 5, window: left),
            ];
            for (int t = 0; t < tasks.Length; t++)
            {
                builder.AddTask(adjust(t, tasks[t]));
            }

            return builder.Build();
        }

        var first = Build((_, t) => t);
        var before = Tiny.Solve(first);
        Assert.Equal(100, before.Metres);

        const int moved = 1;
        var pins = new Dictionary<int, TaskPin>();
        foreach (var route in before.Routes)
        {
            var kept = route.Visits.Where(v => v.Kind == VisitKind.Visit && v.Index != moved).ToList();
            for (int i = 0; i < kept.Count; i++)
            {
                pins[kept[i].Index] = new TaskPin(route.Vehicle, 0, i);
            }
        }

        var second = Build((i, t) => i == moved
            ? t with { Pickup = t.Pickup with { Windows = [new TimeWindow(400, 500)] } }
            : t with { Pin = pins[i] });
        var initial = before.Routes.Select(r => new InitialTrip(r.Vehicle, r.Trip, r.Visits.Where(v => v.Kind == VisitKind.Visit).Select(v => v.Index).ToList())).ToList();
        var after = Tiny.Solve(second, initial: initial);

        int movedVehicle = before.Routes.Single(r => r.Visits.Any(v => v.Index == moved && v.Kind == VisitKind.Visit)).Vehicle;
        foreach (var route in before.Routes)
        {
            var expected = Tiny.Sequence(first, route).Where(id => id != "r20").ToList();
            if (route.Vehicle == movedVehicle)
            {
                expected.Add("r20");
            }

            Assert.Equal(expected, Tiny.Sequence(second, after.Routes.Single(r => r.Vehicle == route.Vehicle)));
        }

        Assert.Equal(100, after.Metres);
    }
}
