using Outreach.Planning.Pickups;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Tests.Pickups;

public sealed class SolutionEditsTests
{
    /// <summary>
    /// Places on a line (seconds = metres = distance): depot 0, A at 100, B at 200. Pair A (boards by 150) → depot
    /// (drop-off window up to 900); pair B (boards at 2000-2100) → depot. One van of one seat, two trips.
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
    public void WithoutTasks_RemovedPair_ListedUnservedAndFeasibleWithTheCostRecomputed()
    {
        var model = Model();
        var solved = RoutingSolver.Solve(model, new SearchOptions { Seed = 1, MaxIterations = 200 });
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
    /// <paramref name="opens"/> moves H's window start: a plan made with it late stands for one made when H's files
    /// were expected late (the window opens at that estimate), to be re-timed against the real model.
    /// </summary>
    private static RoutingModel ReturnModel(int opens = 1000)
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
        builder.AddTask(new TaskSpec { Id = "h", Pickup = new StopSpec(0, 5, [new TimeWindow(opens, 4600)]), Delivery = StopSpec.At(1, 5), Load = [1], MaxRideSeconds = 600 });
        builder.AddTask(new TaskSpec { Id = "s", Pickup = StopSpec.At(2, 5), Delivery = new StopSpec(0, 5, [new TimeWindow(5000, 5400)]), Load = [1], MaxRideSeconds = 600 });
        return builder.Build();
    }

    [Fact]
    public void EarlyBoardings_TripBeginsWithALateBoardingForHome_LeavesWhenTheWindowOpensAndKeepsTheGatePickup()
    {
        var model = ReturnModel();
        var solved = RoutingSolver.Solve(ReturnModel(opens: 3500), new SearchOptions { Seed = 1, MaxIterations = 200 });
        Assert.Empty(solved.Unassigned);
        Assert.Empty(FeasibilityChecker.Check(model, solved));
        Visit Find(RoutingSolution s, VisitKind kind, int task) => s.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == kind && v.Index == task);
        Assert.True(Find(solved, VisitKind.Pickup, 0).StartSeconds >= 3500, $"the plan boarded H at {Find(solved, VisitKind.Pickup, 0).StartSeconds}");

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
        var solved = RoutingSolver.Solve(ReturnModel(opens: 3500), new SearchOptions { Seed = 1, MaxIterations = 200 });

        var edited = SolutionEdits.EarlyBoardings(model, solved, new Dictionary<int, int> { [0] = 1500 });

        Assert.Empty(FeasibilityChecker.Check(model, edited));
        var boarding = edited.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == VisitKind.Pickup && v.Index == 0);
        var home = edited.Routes.SelectMany(r => r.Visits).Single(v => v.Kind == VisitKind.Delivery && v.Index == 0);
        Assert.Equal((1500, 1805), (boarding.StartSeconds, home.StartSeconds));
    }
}
