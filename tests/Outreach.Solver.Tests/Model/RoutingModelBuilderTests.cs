using Outreach.Solver.Model;

namespace Outreach.Solver.Tests.Model;

public class RoutingModelBuilderTests
{
    private static RoutingModelBuilder Builder()
    {
        var builder = new RoutingModelBuilder(1);
        builder.AddProfile(Tiny.Line(0, 10, 20));
        builder.AddVehicle(Tiny.Van("van"));
        return builder;
    }

    [Fact]
    public void Build_LocationOutOfRange_NamesFieldAndValue()
    {
        var builder = Builder();
        builder.AddTask(Tiny.Visit("a", 1));
        builder.AddTask(Tiny.Visit("b", 7));

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("tasks[1].pickup.location", error.Field);
        Assert.Equal("7", error.Value);
        Assert.Contains("tasks[1].pickup.location = 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WindowEndBeforeStart_NamesWindow()
    {
        var builder = Builder();
        builder.AddTask(Tiny.Visit("a", 1, window: new TimeWindow(50, 40)));

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("tasks[0].pickup.windows[0].end", error.Field);
        Assert.Equal("40", error.Value);
    }

    [Fact]
    public void Build_DeliveryWindowAndNegativeLoad_NamedOnlyWhenWrong()
    {
        // The paths are formatted only for the field that fails: each of these names its own, nothing else.
        var delivery = Builder();
        delivery.AddTask(Tiny.Pair("a", 1, 2) with { Delivery = new StopSpec(2, 0, [new TimeWindow(0, 100), new TimeWindow(90, 200)]) });
        var windows = Assert.Throws<ModelValidationException>(() => delivery.Build());
        Assert.Equal("tasks[0].delivery.windows[1].start", windows.Field);
        Assert.Equal("90", windows.Value);

        var load = Builder();
        load.AddTask(Tiny.Visit("a", 1));
        load.AddTask(Tiny.Visit("b", 2) with { Load = [-3] });
        var negative = Assert.Throws<ModelValidationException>(() => load.Build());
        Assert.Equal("tasks[1].load[0]", negative.Field);
        Assert.Equal("-3", negative.Value);

        var shift = new RoutingModelBuilder(1);
        shift.AddProfile(Tiny.Line(0, 10));
        shift.AddVehicle(Tiny.Van("van") with { Shift = new TimeWindow(500, 400) });
        var vehicle = Assert.Throws<ModelValidationException>(() => shift.Build());
        Assert.Equal("vehicles[0].shift.end", vehicle.Field);
        Assert.Contains("must be in 500..1e9", vehicle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CapacityDimensionsMismatch_NamesVehicleCapacity()
    {
        var builder = new RoutingModelBuilder(2);
        builder.AddProfile(Tiny.Line(0, 10));
        builder.AddVehicle(Tiny.Van("van"));

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("vehicles[0].capacity.length", error.Field);
        Assert.Equal("1", error.Value);
    }

    [Fact]
    public void Build_RideTimeOnSingleVisit_Rejected()
    {
        var builder = Builder();
        builder.AddTask(Tiny.Visit("a", 1) with { MaxRideSeconds = 30 });

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("tasks[0].maxRideSeconds", error.Field);
    }

    [Fact]
    public void Build_PinnedPositionsWithGap_Rejected()
    {
        var builder = Builder();
        builder.AddTask(Tiny.Visit("a", 1) with { Pin = new TaskPin(0, 0, 0) });
        builder.AddTask(Tiny.Visit("b", 2) with { Pin = new TaskPin(0, 0, 2) });

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("vehicles[0].trip[0].pinnedPositions", error.Field);
        Assert.Equal("0,2", error.Value);
    }

    [Fact]
    public void Build_SeveralTripsWithDifferentEnd_Rejected()
    {
        var builder = Builder();
        builder.AddVehicle(Tiny.Van("van2") with { MaxTrips = 2, EndLocation = 2 });

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("vehicles[1].endLocation", error.Field);
        Assert.Equal("2", error.Value);
    }

    [Fact]
    public void Build_DuplicateTaskId_Rejected()
    {
        var builder = Builder();
        builder.AddTask(Tiny.Visit("a", 1));
        builder.AddTask(Tiny.Visit("a", 2));

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("tasks[1].id", error.Field);
        Assert.Equal("a", error.Value);
    }

    [Fact]
    public void Build_LinkToUnknownTask_Rejected()
    {
        var builder = Builder();
        builder.AddTask(Tiny.Visit("a", 1));
        builder.AddLink(new TaskLink(0, 5, 10));

        var error = Assert.Throws<ModelValidationException>(() => builder.Build());

        Assert.Equal("links[0].toTask", error.Field);
        Assert.Equal("5", error.Value);
    }

    [Fact]
    public void Build_ValidModel_KeepsDenseIndices()
    {
        var builder = Builder();
        int a = builder.AddTask(Tiny.Visit("a", 1));
        int b = builder.AddTask(Tiny.Pair("b", 1, 2));

        var model = builder.Build();

        Assert.Equal(0, a);
        Assert.Equal(1, b);
        Assert.Equal(3, model.LocationCount);
        Assert.Equal("b", model.Tasks[b].Id);
    }
}
