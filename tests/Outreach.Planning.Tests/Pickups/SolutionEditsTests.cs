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

    [Fact]
    public void PinsAsPlaced_StopTakenOutBeforePinnedOnes_PinsFollowTheKeptOrderAndTheCheckerAgrees()
    {
        // One trip with a free family first and a pinned one after it (positions 2 and 3): A, A's drop, then B pinned.
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
        builder.AddVehicle(new VehicleSpec { Id = "van", StartLocation = 0, EndLocation = 0, Capacity = [2], MaxTrips = 1 });
        builder.AddTask(new TaskSpec { Id = "b", Pickup = StopSpec.At(2, 5), Delivery = StopSpec.At(0, 5), Load = [1], Pin = new TaskPin(0, 0, 0, 1) });
        builder.AddTask(new TaskSpec { Id = "a", Pickup = StopSpec.At(1, 5), Delivery = StopSpec.At(0, 5), Load = [1] });
        var model = builder.Build();
        var solved = RoutingSolver.Solve(model, new SearchOptions { Seed = 1, MaxIterations = 50 });
        Assert.Empty(FeasibilityChecker.Check(model, solved));
        // Move the pins behind A's stops as a start plan would have them, then take A out.
        var route = solved.Routes.Single();
        var order = new[] { route.Visits[0] }.Concat(route.Visits.Where(v => v.Index == 1 && v.Kind is VisitKind.Pickup or VisitKind.Delivery))
            .Concat(route.Visits.Where(v => v.Index == 0 && v.Kind is VisitKind.Pickup or VisitKind.Delivery)).Concat([route.Visits[^1]]).ToList();
        var pinnedLater = model.WithPins([new TaskPin(0, 0, 2, 3), null]);
        var edited = SolutionEdits.WithoutTasks(pinnedLater, solved with { Routes = [route with { Visits = order }] }, new HashSet<int> { 1 });

        var renumbered = SolutionEdits.PinsAsPlaced(pinnedLater, edited);

        Assert.NotEmpty(FeasibilityChecker.Check(pinnedLater, edited));
        Assert.Equal((0, 1), (renumbered.Tasks[0].Pin!.Position, renumbered.Tasks[0].Pin!.DeliveryPosition));
        Assert.Empty(FeasibilityChecker.Check(renumbered, edited));
    }
}
