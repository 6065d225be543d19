using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Solutions;

public class FeasibilityCheckerTests
{
    // Depot x=0, A at x=10 with window [0, 20] and 5 s service; the van goes 0 -> 10 -> 0.
    private static (RoutingModel Model, RoutingSolution Plan) Valid()
    {
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10));
        builder.AddVehicle(Tiny.Van("van", capacity: 3));
        builder.AddTask(Tiny.Visit("A", 1, service: 5, window: new TimeWindow(0, 20), load: 2));
        var model = builder.Build();
        var route = new RoutePlan(0, 0,
        [
            new Visit(VisitKind.Start, -1, 0, 0, 0, 0, [2]),
            new Visit(VisitKind.Visit, 0, 1, 10, 10, 15, [0]),
            new Visit(VisitKind.End, -1, 0, 25, 25, 25, [0]),
        ], 20, 20, 20);
        return (model, new RoutingSolution([route], [], 20));
    }

    [Fact]
    public void Check_ConsistentPlan_NoErrors()
    {
        var (model, plan) = Valid();

        Assert.Empty(FeasibilityChecker.Check(model, plan));
    }

    [Fact]
    public void Check_StartAfterWindow_Reported()
    {
        // Starting A at 25 (window ends at 20) must be flagged even though travel and service add up.
        var (model, plan) = Valid();
        var route = plan.Routes[0];
        var late = route with
        {
            Visits = [route.Visits[0], route.Visits[1] with { StartSeconds = 25, DepartureSeconds = 30 }, route.Visits[2] with { ArrivalSeconds = 40, StartSeconds = 40, DepartureSeconds = 40 }],
        };

        var errors = FeasibilityChecker.Check(model, plan with { Routes = [late] });

        Assert.Contains(errors, e => e.Contains("outside its windows", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ArrivalFasterThanTravel_Reported()
    {
        var (model, plan) = Valid();
        var route = plan.Routes[0];
        var fast = route with { Visits = [route.Visits[0], route.Visits[1] with { ArrivalSeconds = 5, StartSeconds = 5, DepartureSeconds = 10 }, route.Visits[2] with { ArrivalSeconds = 20, StartSeconds = 20, DepartureSeconds = 20 }] };

        var errors = FeasibilityChecker.Check(model, plan with { Routes = [fast] });

        Assert.Contains(errors, e => e.Contains("travel gives 10", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_MissingTask_Reported()
    {
        var (model, plan) = Valid();

        var errors = FeasibilityChecker.Check(model, plan with { Routes = [], Cost = 0 });

        Assert.Contains(errors, e => e.Contains("task A: served 0 time(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_WrongCost_Reported()
    {
        var (model, plan) = Valid();

        var errors = FeasibilityChecker.Check(model, plan with { Cost = 19 });

        Assert.Contains(errors, e => e.Contains("recomputed 20", StringComparison.Ordinal));
    }
}
