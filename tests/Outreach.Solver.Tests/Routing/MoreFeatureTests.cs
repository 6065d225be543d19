using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Routing;

/// <summary>More tiny named instances (see <see cref="FeatureTests"/> for the conventions).</summary>
public class MoreFeatureTests
{
    [Fact]
    public void LinkedReturnLeg_OnAnotherVehicle_StartsAfterTheGap()
    {
        // Home x=10, collection point x=50. The outbound needs a child seat only van0 has; van0 is an open route
        // whose shift ends at 60, so it cannot wait for the return (gap 100 s after the outbound ends at 50).
        // van1 takes the return: pickup at 50 + 100 = 150, home at 190, depot at 200; it leaves at 100 so it
        // does not wait at the point. Metres: van0 0-10-50 = 50, van1 0-50-10-0 = 100.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 50));
        builder.AddVehicle(Tiny.Van("van0") with { EndLocation = null, Shift = new TimeWindow(0, 60), Skills = ["child-seat"] });
        builder.AddVehicle(Tiny.Van("van1"));
        int outbound = builder.AddTask(Tiny.Pair("out", 1, 2) with { Skills = ["child-seat"] });
        int back = builder.AddTask(Tiny.Pair("back", 2, 1));
        builder.AddLink(new TaskLink(outbound, back, 100));

        var solution = Tiny.Solve(builder.Build());

        var van1 = solution.Routes.Single(r => r.Vehicle == 1);
        var pickup = van1.Visits.Single(v => v.Kind == VisitKind.Pickup);
        Assert.Equal(back, pickup.Index);
        Assert.Equal(150, pickup.StartSeconds);
        Assert.Equal(100, van1.Visits[0].DepartureSeconds);
        Assert.Equal(50, solution.Routes.Single(r => r.Vehicle == 0).Visits.Single(v => v.Kind == VisitKind.Delivery).StartSeconds);
        Assert.Equal(150, solution.Metres);
    }

    [Theory]
    [InlineData(40, true)]
    [InlineData(30, false)]
    public void MaxDuration_CountsFromTheShiftedDeparture(int maxDuration, bool served)
    {
        // Task at x=20 with window [40, 50]: leaving at 20 (not 0) avoids waiting, back at 60: 40 s on the road.
        // A 40 s limit fits exactly; 30 s cannot, and the reason is MaxDuration.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 20));
        builder.AddVehicle(Tiny.Van("van") with { MaxDurationSeconds = maxDuration });
        builder.AddTask(Tiny.Visit("A", 1, window: new TimeWindow(40, 50)));

        var solution = Tiny.Solve(builder.Build());

        if (served)
        {
            Assert.Equal((20, 60), (solution.Routes.Single().Visits[0].DepartureSeconds, solution.Routes.Single().Visits[^1].ArrivalSeconds));
        }
        else
        {
            Assert.Equal(UnassignedReason.MaxDuration, solution.Unassigned.Single().Reason);
        }
    }

    [Fact]
    public void MultipleWindows_MissedFirst_StartsInSecond()
    {
        // x=50, windows [10, 20] and [100, 200]: the first window cannot be reached (50 s away), so service starts
        // at 100; the van leaves at 50 instead of waiting on site, arriving exactly at 100.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 50));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(Tiny.Visit("A", 1) with { Pickup = new StopSpec(1, 0, [new TimeWindow(10, 20), new TimeWindow(100, 200)]) });

        var route = Tiny.Solve(builder.Build()).Routes.Single();

        Assert.Equal((50, 100, 100), (route.Visits[0].DepartureSeconds, route.Visits[1].ArrivalSeconds, route.Visits[1].StartSeconds));
    }

    [Fact]
    public void TwoDimensions_WheelchairPlace_OnlyTheVanWithOne()
    {
        // Loads are [seats, wheelchair places]. van0 (x=0, next door) has [4, 0], van1 (x=100) has [4, 1]:
        // the wheelchair user [1, 1] rides with van1 (100 - 10 = 90 m each way... 90 + 90 = 180 m).
        var builder = new RoutingModelBuilder(2);
        builder.AddProfile(Tiny.Line(0, 10, 100));
        builder.AddVehicle(new VehicleSpec { Id = "van0", StartLocation = 0, EndLocation = 0, Capacity = [4, 0] });
        builder.AddVehicle(new VehicleSpec { Id = "van1", StartLocation = 2, EndLocation = 2, Capacity = [4, 1] });
        builder.AddTask(new TaskSpec { Id = "wheelchair", Pickup = StopSpec.At(1), Load = [1, 1] });

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal((1, 180L), (solution.Routes.Single().Vehicle, solution.Metres));
    }

    [Fact]
    public void DropPenalty_CheaperToDrop_TaskLeftOutWithNoBlockingReason()
    {
        // Serving x=100 costs 200 m (and the vehicle's 0 fixed cost); its drop penalty is 150: dropping is cheaper.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 100));
        builder.AddVehicle(Tiny.Van("van"));
        builder.AddTask(Tiny.Visit("far", 1) with { DropPenalty = 150 });

        var solution = Tiny.Solve(builder.Build());

        Assert.Empty(solution.Routes);
        Assert.Equal(150, solution.Cost);
        Assert.Equal(UnassignedReason.None, solution.Unassigned.Single().Reason);
    }

    [Fact]
    public void Pins_PinnedSequenceNoLongerFits_TasksReportedWithPin()
    {
        // Published order far (x=30) then near (x=10) needs 0-30-10-0 = 60 s, but the shift now ends at 50:
        // the pinned sequence is not served in another order; both tasks come back with reason Pin.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 30));
        builder.AddVehicle(Tiny.Van("van") with { Shift = new TimeWindow(0, 50) });
        builder.AddTask(Tiny.Visit("far", 2) with { Pin = new TaskPin(0, 0, 0) });
        builder.AddTask(Tiny.Visit("near", 1) with { Pin = new TaskPin(0, 0, 1) });

        var solution = Tiny.Solve(builder.Build());

        Assert.Equal([UnassignedReason.Pin, UnassignedReason.Pin], solution.Unassigned.Select(u => u.Reason));
    }

    [Fact]
    public void Pins_PinnedSequenceNoLongerFitsAndAStartPlanListsIt_StillOutNotPlacedElsewhere()
    {
        // As above, but a start plan (the previous version) lists both tasks on the trip in the other order, which
        // fits: a pinned task goes only to its pinned place, so both still come back with reason Pin.
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 30));
        builder.AddVehicle(Tiny.Van("van") with { Shift = new TimeWindow(0, 50) });
        builder.AddTask(Tiny.Visit("far", 2) with { Pin = new TaskPin(0, 0, 0) });
        builder.AddTask(Tiny.Visit("near", 1) with { Pin = new TaskPin(0, 0, 1) });
        var model = builder.Build();

        var solution = Tiny.Solve(model, initial: [new InitialTrip(0, 0, [1, 0])]);

        Assert.Equal([UnassignedReason.Pin, UnassignedReason.Pin], solution.Unassigned.Select(u => u.Reason));
        Assert.Empty(FeasibilityChecker.Check(model, solution));
    }
}
