using Outreach.Planning.Pickups;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Tests.Pickups;

public sealed class SolutionEditsTests
{
    /// <summary>
    /// Places on a line (seconds = metres = distance): depot 0, A at 100, B at 200. Pair A (boards by 150) → depot
    /// (drop-off window up to 900); pair B (boards at 2000-2100) → depot. One van of one seat, two trips. The engine
    /// schedules as late as successors allow: the second trip starts late for B, so it pushes A's drop-off to 900
    /// although A boards by 150 and is at the depot by 255: A would sit 645 s in a parked van.
    /// </summary>
    private static RoutingModel Model()
    {
        int[] x = [0, 100, 200];
        var values = new int[9];
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                values[(a * 3) + b] = Math.Abs(x[a] - x[b]);
            }
        }

        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("line", new Matrix(3, values), new Matrix(3, values)));
        builder.AddVehicle(new VehicleSpec { Id = "van", StartLocation = 0, EndLocation = 0, Capacity = [1], MaxTrips = 2, ReloadSeconds = 10 });
        builder.AddTask(new TaskSpec { Id = "a", Pickup = new StopSpec(1, 5, [new TimeWindow(0, 150)]), Delivery = new StopSpec(0, 5, [new TimeWindow(0, 900)]), Load = [1] });
        builder.AddTask(new TaskSpec { Id = "b", Pickup = new StopSpec(2, 5, [new TimeWindow(2000, 2100)]), Delivery = StopSpec.At(0, 5), Load = [1] });
        return builder.Build();
    }

    [Fact]
    public void EarlyDeliveries_LateDropOff_MovesToTheArrivalAndStaysFeasible()
    {
        var model = Model();
        var solved = RoutingSolver.Solve(model, new SearchOptions { Seed = 1, MaxIterations = 200 });

        var edited = SolutionEdits.EarlyDeliveries(model, solved);

        Assert.Empty(FeasibilityChecker.Check(model, edited));
        var engineDropA = solved.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == VisitKind.Delivery && v.Index == 0);
        var dropA = edited.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == VisitKind.Delivery && v.Index == 0);
        Assert.True(engineDropA.StartSeconds > 255, $"the engine had A off at {engineDropA.StartSeconds}");
        Assert.True(dropA.StartSeconds <= 255, $"A off at {dropA.StartSeconds}");
        foreach (var route in edited.Routes)
        {
            for (int i = 1; i < route.Visits.Count; i++)
            {
                var v = route.Visits[i];
                if (v.Kind == VisitKind.Delivery)
                {
                    // Nobody waits on board at the drop-off: service starts on arrival (no window opens later here).
                    Assert.Equal(v.ArrivalSeconds, v.StartSeconds);
                    var pickup = route.Visits.Single(p => p.Kind == VisitKind.Pickup && p.Index == v.Index);
                    var before = solved.Routes.SelectMany(r => r.Visits).Single(p => p.Kind == VisitKind.Delivery && p.Index == v.Index);
                    Assert.True(v.StartSeconds <= before.StartSeconds);
                    // Ride = travel from the pickup (100 or 200 s), nothing more.
                    Assert.Equal(v.StartSeconds - pickup.DepartureSeconds, model.Profiles[0].Seconds[pickup.Location, v.Location]);
                }
            }
        }
    }

    [Fact]
    public void WithoutTasks_RemovedPair_ListedUnservedAndFeasibleWithTheCostRecomputed()
    {
        var model = Model();
        var solved = SolutionEdits.EarlyDeliveries(model, RoutingSolver.Solve(model, new SearchOptions { Seed = 1, MaxIterations = 200 }));
        Assert.Empty(solved.Unassigned);

        var edited = SolutionEdits.WithoutTasks(model, solved, new HashSet<int> { 0 });

        Assert.Empty(FeasibilityChecker.Check(model, edited));
        Assert.Equal(0, Assert.Single(edited.Unassigned).Task);
        Assert.DoesNotContain(edited.Routes.SelectMany(r => r.Visits), v => v.Kind is VisitKind.Pickup or VisitKind.Delivery && v.Index == 0);
        // The trip that only served A is gone; B's trip drives 0-200-0 = 400 m; A's drop penalty is now in the cost.
        Assert.Equal(400, edited.Metres);
        Assert.Equal(400 + model.Tasks[0].DropPenalty, edited.Cost);
    }

    /// <summary>
    /// Places on a line (seconds = metres = distance): the collection point 0, a home at 300, a school gate at 200.
    /// Family H boards for home at the point once its files are done (window 1000-4600) and rides 300 s home; family S
    /// boards at the gate (no window: the engine's time is kept) and is due at the point at 5000-5400. One van, one seat.
    /// With nothing earlier to fit, the engine boards H as late as S's arrival allows, long after 1000.
    /// </summary>
    private static RoutingModel ReturnModel()
    {
        int[] x = [0, 300, 200];
        var values = new int[9];
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                values[(a * 3) + b] = Math.Abs(x[a] - x[b]);
            }
        }

        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(new TravelProfile("line", new Matrix(3, values), new Matrix(3, values)));
        builder.AddVehicle(new VehicleSpec { Id = "van", StartLocation = 0, EndLocation = 0, Capacity = [1], MaxTrips = 2, ReloadSeconds = 10, Shift = new TimeWindow(0, 10_000) });
        builder.AddTask(new TaskSpec { Id = "h", Pickup = new StopSpec(0, 5, [new TimeWindow(1000, 4600)]), Delivery = StopSpec.At(1, 5), Load = [1], MaxRideSeconds = 600 });
        builder.AddTask(new TaskSpec { Id = "s", Pickup = StopSpec.At(2, 5), Delivery = new StopSpec(0, 5, [new TimeWindow(5000, 5400)]), Load = [1], MaxRideSeconds = 600 });
        return builder.Build();
    }

    [Fact]
    public void EarlyBoardings_TripBeginsWithALateBoardingForHome_LeavesWhenTheWindowOpensAndKeepsTheGatePickup()
    {
        var model = ReturnModel();
        var solved = SolutionEdits.EarlyDeliveries(model, RoutingSolver.Solve(model, new SearchOptions { Seed = 1, MaxIterations = 200 }));
        Assert.Empty(solved.Unassigned);
        Visit Find(RoutingSolution s, VisitKind kind, int task) => s.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == kind && v.Index == task);
        Assert.True(Find(solved, VisitKind.Pickup, 0).StartSeconds > 1000, $"the engine boarded H at {Find(solved, VisitKind.Pickup, 0).StartSeconds}");

        var edited = SolutionEdits.EarlyBoardings(model, solved);

        Assert.Empty(FeasibilityChecker.Check(model, edited));
        // H boards when its window opens (the van is free from the shift start), is home 5 + 300 s later.
        Assert.Equal(1000, Find(edited, VisitKind.Pickup, 0).StartSeconds);
        Assert.Equal(1305, Find(edited, VisitKind.Delivery, 0).StartSeconds);
        // S boards at the gate when the engine had it (nobody boards early to sit in a van) and still arrives in its window.
        Assert.Equal(Find(solved, VisitKind.Pickup, 1).StartSeconds, Find(edited, VisitKind.Pickup, 1).StartSeconds);
        Assert.InRange(Find(edited, VisitKind.Delivery, 1).StartSeconds, 5000, 5400);
        Assert.Equal(solved.Metres, edited.Metres);
    }

    [Fact]
    public void EarlyBoardings_FamilyNotReadyWhenTheWindowOpens_BoardsWhenReady()
    {
        // H's window opens at 1000 but the desk queue says its files are done at 1500: it boards then, home at 1805.
        var model = ReturnModel();
        var solved = SolutionEdits.EarlyDeliveries(model, RoutingSolver.Solve(model, new SearchOptions { Seed = 1, MaxIterations = 200 }));

        var edited = SolutionEdits.EarlyBoardings(model, solved, new Dictionary<int, int> { [0] = 1500 });

        Assert.Empty(FeasibilityChecker.Check(model, edited));
        var boarding = edited.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == VisitKind.Pickup && v.Index == 0);
        var home = edited.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == VisitKind.Delivery && v.Index == 0);
        Assert.Equal((1500, 1805), (boarding.StartSeconds, home.StartSeconds));
    }
}
