using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Routing;

/// <summary>
/// The exact vehicle schedule against an independent solver: for a fixed order of stops, every choice of window per
/// stop and every placement of the breaks becomes a system of difference constraints decided by Bellman-Ford; the
/// schedule must say yes exactly when one of them is feasible, and its times must pass the independent checker.
/// </summary>
public class VehicleSchedulerTests
{
    /// <summary>One random trip set: the model (one vehicle) and, per trip, its stops as (task, is delivery).</summary>
    private sealed record Case(RoutingModel Model, List<List<(int Task, bool Delivery)>> Trips, int Links);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Evaluate_RandomTrips_AgreesWithBruteForce(int seed)
    {
        const int cases = 1500;
        int feasible = 0, withBreaks = 0, withRides = 0, withLinks = 0, multiWindow = 0;
        for (int i = 0; i < cases; i++)
        {
            var c = RandomCase((seed * 100_000) + i);
            bool expected = BruteForce(c.Model, c.Trips);
            var m = c.Model.Compiled;
            var state = new SolutionState(m);
            for (int k = 0; k < c.Trips.Count; k++)
            {
                foreach (var (task, delivery) in c.Trips[k])
                {
                    state.AppendRaw(state.VehicleFirstRoute[0] + k, m.TaskFirstStop[task] + (delivery ? 1 : 0));
                }
            }

            bool actual = state.Scheduler.Evaluate(state, 0, -1, -1, -1, -1, -1);
            Assert.True(expected == actual, $"case {(seed * 100_000) + i}: brute force says {expected}, the scheduler {actual} ({state.Scheduler.Reason})");
            if (!actual)
            {
                Assert.NotEqual(UnassignedReason.None, state.Scheduler.Reason);
                continue;
            }

            feasible++;
            var plans = state.Scheduler.ToPlans(0);
            var unpriced = new RoutingSolution(plans, [], 0);
            var solution = unpriced with { Cost = CostEvaluator.Evaluate(c.Model, unpriced) };
            var errors = FeasibilityChecker.Check(c.Model, solution);
            Assert.True(errors.Count == 0, $"case {(seed * 100_000) + i}: {string.Join("; ", errors)}");
            var vehicle = c.Model.Vehicles[0];
            withBreaks += vehicle.Breaks.Count > 0 && plans.Any(p => p.Visits.Any(v => v.Kind == VisitKind.Break)) ? 1 : 0;
            withRides += c.Model.Tasks.Any(t => t.MaxRideSeconds is not null) ? 1 : 0;
            withLinks += c.Links > 0 ? 1 : 0;
            multiWindow += c.Model.Tasks.Any(t => t.Pickup.Windows.Count > 1 || t.Delivery?.Windows.Count > 1) ? 1 : 0;
        }

        // Not vacuous: both answers occur often, and the feasible plans exercise every kind of constraint.
        Assert.InRange(feasible, cases / 5, cases * 4 / 5);
        Assert.True(withBreaks > 20 && withRides > 100 && withLinks > 20 && multiWindow > 20, $"{withBreaks} {withRides} {withLinks} {multiWindow}");
    }

    [Fact]
    public void Solve_IssueTwelveCase_ServesBothWithoutWaitingOnBoard()
    {
        // Line 0-1-2-3-4, 1000 s between neighbours; ride limit 3000 s. B: pickup at 1 in [10000, 11500], drop at 2;
        // C: pickup at 3 in [20000, 21500], drop at 4. Leave at 9000, B 10000 -> 11300, wait empty until 20000,
        // C 20000 -> 21300, back at 25600. Starting every stop as late as its successors allow kept B on board until
        // C's window and refused C (ride time).
        var model = IssueTwelveModel(maxDuration: 48000);

        var solution = Tiny.Solve(model);

        Assert.Empty(solution.Unassigned);
        var visits = solution.Routes.Single().Visits;
        Assert.Equal(
            [(VisitKind.Start, 9000), (VisitKind.Pickup, 10000), (VisitKind.Delivery, 11300), (VisitKind.Pickup, 20000), (VisitKind.Delivery, 21300), (VisitKind.End, 25600)],
            visits.Select(v => (v.Kind, v.StartSeconds)));
    }

    [Fact]
    public void Solve_IssueTwelveCaseWithShortDay_ReportsDurationNotRideTime()
    {
        // Same case with 15000 s of duty: both need at least 10500 .. 25600 (15100 s), so one is left out, and the
        // reason is the duration, not the ride time (each ride alone is 1000 s).
        var model = IssueTwelveModel(maxDuration: 15000);

        var solution = Tiny.Solve(model);

        Assert.Equal(UnassignedReason.MaxDuration, solution.Unassigned.Single().Reason);
    }

    [Fact]
    public void Solve_DropOffWindowForcesWaitOnBoard_ReportsRideTime()
    {
        // Pickup at x=0+10 in [0, 100], drop at x=30 not before 150: picked up at 100 at the latest, the ride lasts at
        // least 150 - 100 = 50 s (20 s of driving, then waiting on board); a 40 s limit cannot hold.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 30));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(new TaskSpec
        {
            Id = "child",
            Pickup = new StopSpec(1, 0, [new TimeWindow(0, 100)]),
            Delivery = new StopSpec(2, 0, [new TimeWindow(150, 400)]),
            Load = [1],
            MaxRideSeconds = 40,
        });

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal(UnassignedReason.RideTime, solution.Unassigned.Single().Reason);
    }

    [Fact]
    public void Solve_DropOffWindowWithinRide_PicksUpLateSoNobodyWaitsOnBoard()
    {
        // As above with a 60 s limit: picked up at 100 (not 10, the earliest) and dropped at 150: a 50 s ride, of
        // which 30 s waiting is the least possible.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 30));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(new TaskSpec
        {
            Id = "child",
            Pickup = new StopSpec(1, 0, [new TimeWindow(0, 100)]),
            Delivery = new StopSpec(2, 0, [new TimeWindow(150, 400)]),
            Load = [1],
            MaxRideSeconds = 60,
        });

        var visits = Tiny.Solve(builder.Build()).Routes.Single().Visits;

        Assert.Equal((100, 150), (visits[1].StartSeconds, visits[2].StartSeconds));
        Assert.Equal(90, visits[0].DepartureSeconds);
    }

    [Fact]
    public void Solve_SecondTripWaitsForItsWindow_FirstFamilyGetsOffOnArrival()
    {
        // Depot 0, A at 100, B at 200 (seconds = metres). A boards by 150 (5 s) and may get off at the depot until
        // 900; B boards at 2000-2100. One seat, two trips. A boards at 100 on arrival, is back at the depot at 205 and
        // gets off then, not at 900 in a parked van while the second trip waits for B (as a schedule starting every
        // event as late as possible had it).
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 100, 200));
        builder.AddVehicle(Tiny.Van("van", capacity: 1) with { MaxTrips = 2, ReloadSeconds = 10 });
        builder.AddTask(new TaskSpec { Id = "a", Pickup = new StopSpec(1, 5, [new TimeWindow(0, 150)]), Delivery = new StopSpec(0, 5, [new TimeWindow(0, 900)]), Load = [1] });
        builder.AddTask(new TaskSpec { Id = "b", Pickup = new StopSpec(2, 5, [new TimeWindow(2000, 2100)]), Delivery = StopSpec.At(0, 5), Load = [1] });

        var solution = Tiny.Solve(builder.Build());

        var visits = solution.Routes.SelectMany(r => r.Visits).ToList();
        var dropA = visits.Single(v => v.Kind == VisitKind.Delivery && v.Index == 0);
        Assert.Equal((205, 205), (dropA.ArrivalSeconds, dropA.StartSeconds));
        // Nobody waits on board: each ride is the drive (100 s for A, 200 s for B).
        foreach (var drop in visits.Where(v => v.Kind == VisitKind.Delivery))
        {
            var board = visits.Single(v => v.Kind == VisitKind.Pickup && v.Index == drop.Index);
            Assert.Equal(drop.Index == 0 ? 100 : 200, drop.StartSeconds - board.DepartureSeconds);
        }
    }

    [Fact]
    public void Solve_LinkPushesPastWindow_ReportsLink()
    {
        // "late" may start only 100 s after "first" ends; first at x=10 (not before 10), late at x=20 in [0, 50]:
        // on one van late would start at 110 at the earliest, outside its window; the link is what blocks it.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(Tiny.Visit("first", 1));
        builder.AddTask(Tiny.Visit("late", 2, window: new TimeWindow(0, 50)));
        builder.AddLink(new TaskLink(0, 1, 100));

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal(UnassignedReason.Link, solution.Unassigned.Single().Reason);
    }

    [Fact]
    public void Solve_MaxGapOnOneVan_HoldsTheFirstTaskBack()
    {
        // "back" opens at 300 and may start at most 50 s after "out" ends: out (x=10) cannot be served at 10 and left
        // waiting; it is served from 250 on, so back (x=20, 10 s away) starts at 300 at most 50 s after it.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(Tiny.Visit("out", 1));
        builder.AddTask(Tiny.Visit("back", 2, window: new TimeWindow(300, 400)));
        builder.AddLink(new TaskLink(0, 1, 0, 50));
        var model = builder.Build();

        var solution = Tiny.Solve(model);

        Assert.Empty(solution.Unassigned);
        var visits = solution.Routes.SelectMany(r => r.Visits).Where(v => v.Kind == VisitKind.Visit).ToDictionary(v => model.Tasks[v.Index].Id);
        Assert.InRange(visits["back"].StartSeconds - visits["out"].DepartureSeconds, 0, 50);
        Assert.True(visits["out"].StartSeconds >= 250);
    }

    [Fact]
    public void Solve_MaxGapAcrossVans_KeepsBothEndsWithinIt()
    {
        // Skills put "out" on van a and "back" on van b (both at x=0, tasks at x=10 and 20). back opens at 500, so out,
        // free at 10, must wait until 500 - 60 at least; the link holds across the two vans.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20));
        builder.AddVehicle(Tiny.Van("a") with { Skills = ["a"] });
        builder.AddVehicle(Tiny.Van("b") with { Skills = ["b"] });
        builder.AddTask(Tiny.Visit("out", 1, service: 5) with { Skills = ["a"] });
        builder.AddTask(Tiny.Visit("back", 2, window: new TimeWindow(500, 900)) with { Skills = ["b"] });
        builder.AddLink(new TaskLink(0, 1, 30, 60));
        var model = builder.Build();

        var solution = Tiny.Solve(model);

        Assert.Empty(solution.Unassigned);
        var visits = solution.Routes.SelectMany(r => r.Visits).Where(v => v.Kind == VisitKind.Visit).ToDictionary(v => model.Tasks[v.Index].Id);
        Assert.InRange(visits["back"].StartSeconds - visits["out"].DepartureSeconds, 30, 60);
    }

    [Fact]
    public void Solve_MaxGapCannotBeMet_ReportsLink()
    {
        // out must end by 20 (window [0, 15], 5 s service); back cannot start before 500: no schedule keeps the gap
        // within 60 s, and the link is the reason.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(Tiny.Visit("out", 1, service: 5, window: new TimeWindow(0, 15)));
        builder.AddTask(Tiny.Visit("back", 2, window: new TimeWindow(500, 900)) with { DropPenalty = 10 });
        builder.AddLink(new TaskLink(0, 1, 0, 60));

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal(UnassignedReason.Link, solution.Unassigned.Single().Reason);
    }

    [Fact]
    public void Solve_BreakCannotFit_ReportsBreak()
    {
        // A at x=10 must start in [45, 50] and takes 20 s; a 20 s break must start in [50, 60] once the work goes on
        // past 50. Before A the break ends at 70 at the earliest (A then at 80); after A it starts at 65 at the
        // earliest. Without the break A alone is easy: the break is the reason.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10));
        builder.AddVehicle(Tiny.Van("van") with { Breaks = [new BreakSpec(new TimeWindow(50, 60), 20)] });
        builder.AddTask(Tiny.Visit("A", 1, service: 20, window: new TimeWindow(45, 50)));

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal(UnassignedReason.Break, solution.Unassigned.Single().Reason);
    }

    private static RoutingModel IssueTwelveModel(int maxDuration)
    {
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 1000, 2000, 3000, 4000));
        builder.AddVehicle(Tiny.Van("van", capacity: 3) with { Shift = new TimeWindow(0, 144000), MaxDurationSeconds = maxDuration });
        builder.AddTask(new TaskSpec
        {
            Id = "B",
            Pickup = new StopSpec(1, 300, [new TimeWindow(10000, 11500)]),
            Delivery = StopSpec.At(2, 300),
            Load = [1],
            MaxRideSeconds = 3000,
        });
        builder.AddTask(new TaskSpec
        {
            Id = "C",
            Pickup = new StopSpec(3, 300, [new TimeWindow(20000, 21500)]),
            Delivery = StopSpec.At(4, 300),
            Load = [1],
            MaxRideSeconds = 3000,
        });
        return builder.Build();
    }

    private static Case RandomCase(int seed)
    {
        var random = new Random(seed);
        const int locations = 6;
        var x = new int[locations];
        var y = new int[locations];
        for (int l = 0; l < locations; l++)
        {
            x[l] = random.Next(0, 100);
            y[l] = random.Next(0, 100);
        }

        var seconds = new int[locations * locations];
        for (int a = 0; a < locations; a++)
        {
            for (int b = 0; b < locations; b++)
            {
                seconds[(a * locations) + b] = Math.Abs(x[a] - x[b]) + Math.Abs(y[a] - y[b]);
            }
        }

        var matrix = new Matrix(locations, seconds);
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("grid", matrix, matrix));
        int maxTrips = random.Next(1, 3);
        var breaks = new List<BreakSpec>();
        int breakCount = random.Next(0, 5) switch { 0 or 1 => 0, 2 or 3 => 1, _ => 2 };
        for (int b = 0; b < breakCount; b++)
        {
            int start = random.Next(0, 700);
            breaks.Add(new BreakSpec(new TimeWindow(start, start + random.Next(0, 200)), random.Next(5, 60)));
        }

        builder.AddVehicle(new VehicleSpec
        {
            Id = "van",
            StartLocation = 0,
            EndLocation = maxTrips > 1 || random.Next(4) > 0 ? 0 : null,
            Shift = new TimeWindow(random.Next(0, 50), random.Next(400, 1500)),
            Capacity = [random.Next(3, 9)],
            MaxTrips = maxTrips,
            ReloadSeconds = random.Next(0, 30),
            MaxDurationSeconds = random.Next(2) == 0 ? random.Next(150, 900) : null,
            Breaks = [.. breaks.OrderBy(b => b.Window.StartSeconds)],
        });

        IReadOnlyList<TimeWindow> Windows()
        {
            int kind = random.Next(10);
            if (kind < 4)
            {
                return [];
            }

            int start = random.Next(0, 800);
            var first = new TimeWindow(start, start + random.Next(0, 150));
            if (kind < 8)
            {
                return [first];
            }

            int second = first.EndSeconds + random.Next(1, 200);
            return [first, new TimeWindow(second, second + random.Next(0, 150))];
        }

        int tasks = random.Next(1, 5);
        var order = new List<List<(int, bool)>>();
        for (int k = 0; k < maxTrips; k++)
        {
            order.Add([]);
        }

        for (int t = 0; t < tasks; t++)
        {
            bool pair = random.Next(10) < 6;
            int from = random.Next(1, locations);
            int to = random.Next(1, locations);
            var pickup = new StopSpec(from, random.Next(0, 30), Windows());
            builder.AddTask(new TaskSpec
            {
                Id = $"t{t}",
                Pickup = pickup,
                Delivery = pair ? new StopSpec(to, random.Next(0, 30), Windows()) : null,
                Load = [random.Next(0, 3)],
                MaxRideSeconds = pair && random.Next(10) < 7 ? seconds[(from * locations) + to] + random.Next(-20, 200) is var r && r >= 0 ? r : 0 : null,
            });

            // Into a random trip at random places, the delivery after the pickup.
            var trip = order[random.Next(maxTrips)];
            int at = random.Next(trip.Count + 1);
            trip.Insert(at, (t, false));
            if (pair)
            {
                trip.Insert(random.Next(at + 1, trip.Count + 1), (t, true));
            }
        }

        int links = 0;
        if (tasks >= 2 && random.Next(10) < 5)
        {
            int a = random.Next(tasks);
            int b = (a + 1 + random.Next(tasks - 1)) % tasks;
            int minGap = random.Next(0, 100);
            builder.AddLink(new TaskLink(a, b, minGap, random.Next(2) == 0 ? null : minGap + random.Next(0, 300)));
            links = 1;
        }

        return new Case(builder.Build(), order, links);
    }

    /// <summary>
    /// Independent decision: the events of the non-empty trips in order; for every window choice and break placement a
    /// difference-constraint system (x_v - x_u &lt;= w as an edge u -> v, node 0 the time origin) tested by Bellman-Ford.
    /// </summary>
    private static bool BruteForce(RoutingModel model, List<List<(int Task, bool Delivery)>> trips)
    {
        var vehicle = model.Vehicles[0];
        var seconds = model.Profiles[vehicle.Profile].Seconds;
        var used = trips.Where(t => t.Count > 0).ToList();
        if (used.Count == 0)
        {
            return true;
        }

        // Loads per trip: visits' loads ride from the depot, pairs' from pickup to drop-off.
        foreach (var trip in used)
        {
            int load = trip.Where(s => model.Tasks[s.Task].Delivery is null).Sum(s => model.Tasks[s.Task].Load[0]);
            if (load > vehicle.Capacity[0])
            {
                return false;
            }

            foreach (var (task, delivery) in trip)
            {
                int amount = model.Tasks[task].Load[0];
                load += model.Tasks[task].Delivery is null || delivery ? -amount : amount;
                if (load > vehicle.Capacity[0])
                {
                    return false;
                }
            }
        }

        // Base events: (kind, task, delivery, location, duration after).
        var events = new List<(VisitKind Kind, int Task, bool Delivery, int Location, int Duration)>();
        bool open = vehicle.EndLocation is null && vehicle.MaxTrips == 1;
        for (int k = 0; k < used.Count; k++)
        {
            events.Add((VisitKind.Start, -1, false, vehicle.StartLocation, 0));
            foreach (var (task, delivery) in used[k])
            {
                var stop = delivery ? model.Tasks[task].Delivery! : model.Tasks[task].Pickup;
                events.Add((VisitKind.Visit, task, delivery, stop.Location, stop.ServiceSeconds));
            }

            events.Add((VisitKind.End, -1, false, open ? -1 : vehicle.EndLocation ?? vehicle.StartLocation, k < used.Count - 1 ? vehicle.ReloadSeconds : 0));
        }

        var stops = Enumerable.Range(0, events.Count).Where(e => events[e].Kind == VisitKind.Visit).ToList();
        var windowChoices = stops.Select(e =>
        {
            var (_, task, delivery, _, _) = events[e];
            var windows = (delivery ? model.Tasks[task].Delivery! : model.Tasks[task].Pickup).Windows;
            return windows.Count == 0 ? new List<TimeWindow> { TimeWindow.Always } : windows.ToList();
        }).ToList();

        foreach (var chosen in Odometer(windowChoices.Select(w => w.Count).ToList()))
        {
            for (int needed = 0; needed <= vehicle.Breaks.Count; needed++)
            {
                foreach (var gaps in NondecreasingGaps(needed, events.Count - 1))
                {
                    // Breaks are taken within a trip: between two trips a break follows the next trip's start.
                    if (gaps.Any(g => events[g].Kind == VisitKind.End))
                    {
                        continue;
                    }

                    if (Feasible(model, vehicle, seconds, events, stops, windowChoices, chosen, needed, gaps))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Feasible(
        RoutingModel model, VehicleSpec vehicle, Matrix seconds, List<(VisitKind Kind, int Task, bool Delivery, int Location, int Duration)> baseEvents,
        List<int> stops, List<List<TimeWindow>> windowChoices, int[] chosen, int needed, int[] gaps)
    {
        // Timeline with breaks: (base event or -1, break index), location, duration.
        var line = new List<(int Base, int Break, int Location, int Duration)>();
        int p = 0;
        for (int b = 0; b < baseEvents.Count; b++)
        {
            line.Add((b, -1, baseEvents[b].Location, baseEvents[b].Duration));
            while (p < needed && gaps[p] == b)
            {
                line.Add((-1, p, baseEvents[b].Location, vehicle.Breaks[p].DurationSeconds));
                p++;
            }
        }

        int n = line.Count;
        var edges = new List<(int From, int To, long Weight)>();
        void AtLeast(int j, int i, long w) => edges.Add((j + 1, i + 1, -w)); // t_j >= t_i + w
        void Lower(int e, long a) => edges.Add((e + 1, 0, -a));
        void Upper(int e, long b) => edges.Add((0, e + 1, b));
        int EventOfBase(int b) => line.FindIndex(l => l.Base == b);

        for (int e = 0; e + 1 < n; e++)
        {
            bool nextIsStart = line[e + 1].Base >= 0 && baseEvents[line[e + 1].Base].Kind == VisitKind.Start;
            bool moves = line[e + 1].Break < 0 && !nextIsStart && line[e].Location >= 0 && line[e + 1].Location >= 0;
            AtLeast(e + 1, e, line[e].Duration + (moves ? seconds[line[e].Location, line[e + 1].Location] : 0));
        }

        Lower(0, vehicle.Shift.StartSeconds);
        Upper(n - 1, vehicle.Shift.EndSeconds);
        if (vehicle.MaxDurationSeconds is int duration)
        {
            AtLeast(0, n - 1, -duration);
        }

        for (int i = 0; i < stops.Count; i++)
        {
            var window = windowChoices[i][chosen[i]];
            int e = EventOfBase(stops[i]);
            Lower(e, window.StartSeconds);
            Upper(e, window.EndSeconds);
        }

        for (int e = 0; e < n; e++)
        {
            if (line[e].Break >= 0)
            {
                Lower(e, vehicle.Breaks[line[e].Break].Window.StartSeconds);
                Upper(e, vehicle.Breaks[line[e].Break].Window.EndSeconds);
            }
        }

        if (needed < vehicle.Breaks.Count)
        {
            Upper(n - 1, vehicle.Breaks[needed].Window.StartSeconds);
        }

        int StopEvent(int task, bool delivery) => EventOfBase(baseEvents.FindIndex(b => b.Kind == VisitKind.Visit && b.Task == task && b.Delivery == delivery));
        foreach (int s in stops)
        {
            var (_, task, delivery, _, _) = baseEvents[s];
            if (delivery && model.Tasks[task].MaxRideSeconds is int ride)
            {
                int pickup = StopEvent(task, false);
                AtLeast(pickup, EventOfBase(s), -(long)model.Tasks[task].Pickup.ServiceSeconds - ride);
            }
        }

        foreach (var link in model.Links)
        {
            bool fromPair = model.Tasks[link.FromTask].Delivery is not null;
            int from = StopEvent(link.FromTask, fromPair);
            int to = StopEvent(link.ToTask, false);
            var fromStop = fromPair ? model.Tasks[link.FromTask].Delivery! : model.Tasks[link.FromTask].Pickup;
            AtLeast(to, from, fromStop.ServiceSeconds + link.MinGapSeconds);
            if (link.MaxGapSeconds is int maxGap)
            {
                AtLeast(from, to, -((long)fromStop.ServiceSeconds + maxGap));
            }
        }

        // Bellman-Ford from all nodes at 0 (a virtual source): a relaxation in round n + 1 is a negative cycle.
        var dist = new long[n + 1];
        for (int round = 0; round <= n + 1; round++)
        {
            bool changed = false;
            foreach (var (from, to, weight) in edges)
            {
                if (dist[from] + weight < dist[to])
                {
                    dist[to] = dist[from] + weight;
                    changed = true;
                }
            }

            if (!changed)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<int[]> Odometer(List<int> sizes)
    {
        var digits = new int[sizes.Count];
        while (true)
        {
            yield return digits;
            int i = 0;
            while (i < digits.Length && ++digits[i] == sizes[i])
            {
                digits[i] = 0;
                i++;
            }

            if (i == digits.Length)
            {
                yield break;
            }
        }
    }

    /// <summary>Every nondecreasing sequence of <paramref name="count"/> gaps in 0 .. <paramref name="gapCount"/> - 1.</summary>
    private static IEnumerable<int[]> NondecreasingGaps(int count, int gapCount)
    {
        var gaps = new int[count];
        if (count == 0)
        {
            yield return gaps;
            yield break;
        }

        while (true)
        {
            yield return gaps;
            int i = count - 1;
            while (i >= 0 && gaps[i] == gapCount - 1)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            gaps[i]++;
            for (int j = i + 1; j < count; j++)
            {
                gaps[j] = gaps[i];
            }
        }
    }
}
