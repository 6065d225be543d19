using Outreach.Solver.Json;
using Outreach.Solver.Model;
using Outreach.Solver.Routing;
using Outreach.Solver.Solutions;

namespace Outreach.Solver.Tests.Json;

public class ModelJsonTests
{
    // Every feature of the model at least once: pairs, windows, loads in two dimensions, skills, penalty,
    // ride time, pins with positions, breaks, several trips, duration, costs, two profiles and a link.
    private const string Example = """
        {
          "formatVersion": 1,
          "dimensions": 2,
          "profiles": [
            { "name": "van", "seconds": [[0, 600, 900], [600, 0, 400], [900, 400, 0]], "metres": [[0, 5000, 8000], [5000, 0, 3000], [8000, 3000, 0]] },
            { "name": "moto", "seconds": [[0, 300, 450], [300, 0, 200], [450, 200, 0]] }
          ],
          "vehicles": [
            {
              "id": "van-1", "start": 0, "end": 0, "shift": [25200, 61200], "capacity": [7, 1], "skills": ["wheelchair"],
              "fixedCost": 100000, "costPerSecond": 1, "costPerMetre": 2, "maxDurationSeconds": 30000,
              "breaks": [{ "window": [41400, 46800], "durationSeconds": 1800 }], "maxTrips": 2, "reloadSeconds": 600, "profile": 0
            },
            { "id": "moto-1", "start": 0, "capacity": [1, 0], "profile": 1 }
          ],
          "tasks": [
            { "id": "child-out", "pickup": { "location": 1, "serviceSeconds": 120, "windows": [[27000, 30600]] },
              "delivery": { "location": 2, "serviceSeconds": 60 }, "load": [2, 0], "maxRideSeconds": 1800,
              "pin": { "vehicle": "van-1", "trip": 0, "position": 0, "deliveryPosition": 1 } },
            { "id": "child-back", "pickup": { "location": 2 }, "delivery": { "location": 1, "serviceSeconds": 60 }, "load": [2, 0] },
            { "id": "bedridden", "visit": { "location": 1, "serviceSeconds": 900, "windows": [[32400, 36000], [50400, 54000]] },
              "skills": ["wheelchair"], "dropPenalty": 5000000 }
          ],
          "links": [{ "from": "child-out", "to": "child-back", "minGapSeconds": 3600, "maxGapSeconds": 5400 }]
        }
        """;

    [Fact]
    public void ReadModel_Example_MapsEveryFeature()
    {
        var model = ModelJson.ReadModel(Example);

        Assert.Equal((2, 2, 3), (model.DimensionCount, model.Profiles.Count, model.LocationCount));
        Assert.Equal(450, model.Profiles[1].Metres[0, 2]); // metres default to seconds when omitted
        var van = model.Vehicles[0];
        Assert.Equal((2, 600, 30000, 100000L, 2), (van.MaxTrips, van.ReloadSeconds, van.MaxDurationSeconds!.Value, van.FixedCost, van.CostPerMetre));
        Assert.Equal(new BreakSpec(new TimeWindow(41400, 46800), 1800), van.Breaks.Single());
        Assert.Null(model.Vehicles[1].EndLocation);
        var outbound = model.Tasks[0];
        Assert.Equal(new TaskPin(0, 0, 0, 1), outbound.Pin);
        Assert.Equal(1800, outbound.MaxRideSeconds);
        Assert.Equal(2, model.Tasks[2].Pickup.Windows.Count);
        Assert.Null(model.Tasks[2].Delivery);
        Assert.Equal(new TaskLink(0, 1, 3600, 5400), model.Links.Single());
    }

    [Fact]
    public void WriteModel_ThenRead_SameModel()
    {
        var model = ModelJson.ReadModel(Example);

        var again = ModelJson.ReadModel(ModelJson.WriteModel(model));

        Assert.Equal(ModelJson.WriteModel(model), ModelJson.WriteModel(again));
        Assert.Equal(model.Tasks.Select(t => t.Id), again.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void ReadModel_UnknownPinVehicle_NamesField()
    {
        string json = Example.Replace("\"vehicle\": \"van-1\"", "\"vehicle\": \"van-9\"", StringComparison.Ordinal);

        var error = Assert.Throws<ModelValidationException>(() => ModelJson.ReadModel(json));

        Assert.Equal("tasks[0].pin.vehicle", error.Field);
        Assert.Equal("van-9", error.Value);
    }

    [Fact]
    public void Solve_Example_SolutionJsonRoundTripsAsInitialTrips()
    {
        var model = ModelJson.ReadModel(Example);
        var solution = RoutingSolver.Solve(model, new SearchOptions { Seed = 2, MaxIterations = 200 });
        Assert.Empty(FeasibilityChecker.Check(model, solution));

        string json = ModelJson.WriteSolution(model, solution);
        var trips = ModelJson.ReadInitialTrips(model, json);

        Assert.Contains("\"child-out\"", json, StringComparison.Ordinal);
        Assert.Equal(solution.Routes.Count, trips.Count);
        Assert.Equal(solution.Routes.Sum(r => r.Visits.Count(v => v.Kind is VisitKind.Visit or VisitKind.Pickup or VisitKind.Delivery)), trips.Sum(t => t.Tasks.Count));
    }
}
