using NetTopologySuite.Geometries;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using Outreach.Geo.Tests.Roads;
using Outreach.Geo.Weather;

namespace Outreach.Geo.Tests.Weather;

public class WeatherTests
{
    private static Polygon Box(Coordinate centre, double halfMetres)
    {
        var e = Geodesy.EnvelopeAround(centre.X, centre.Y, halfMetres);
        return (Polygon)Geodesy.Factory.ToGeometry(e);
    }

    [Fact]
    public void Compute_FloodOverTheRoadToLlorts_LlortsUnreachableWithThatFloodAsReason()
    {
        // Sites: Andorra la Vella, Llorts (a village in the Valira del Nord valley) and Ordino. A 60 m box of
        // flood water over the road where Llorts joins it closes every segment there; a second flood far away at
        // Pas de la Casa cuts nothing these sites need, and a closure in Encamp neither. So every pair with Llorts
        // is unreachable because of "Ngập suối Llorts" and the others keep their travel times.
        var sites = new[] { TestMaps.Poi("andorra", "Andorra la Vella"), TestMaps.Poi("andorra", "Llorts"), TestMaps.Poi("andorra", "Ordino") };
        var van = TestMaps.Andorra.Graph(TravelProfile.Van);
        var snapped = Snapper.SnapAll(van, sites);
        var onRoad = snapped[1].Hit!.Value.OnRoad;
        var weather = new WeatherState(
            floods:
            [
                new FloodArea("Ngập Pas de la Casa", Box(TestMaps.Poi("andorra", "Pas de la Casa"), 100)),
                new FloodArea("Ngập suối Llorts", Box(onRoad, 30)),
            ],
            closures: [new RoadClosure("Sạt lở Encamp", ClosureKind.Landslide, Geodesy.Factory.CreatePoint(TestMaps.Poi("andorra", "Encamp")))]);

        var dry = RoadMatrix.Compute(new TravelCosts(van), snapped);
        var costs = new TravelCosts(van, weather: weather);
        var flooded = RoadMatrix.Compute(costs, snapped);

        Assert.Equal(0, dry.UnreachableCount);
        Assert.True(costs.Barriers[1].ClosedSegments > 0);
        foreach (var (from, to) in new[] { (0, 1), (1, 0), (1, 2), (2, 1) })
        {
            Assert.Equal(TravelMatrix.Unreachable, flooded.Duration(from, to));
            var reason = flooded.ReasonFor(from, to)!;
            Assert.Equal(UnreachableKind.Flood, reason.Kind);
            Assert.Equal("Ngập suối Llorts", reason.Name);
            Assert.Contains("Ngập suối Llorts", reason.Describe(), StringComparison.Ordinal);
        }

        Assert.Equal(4, flooded.UnreachableCount);
        Assert.Equal(dry.Duration(0, 2), flooded.Duration(0, 2));
        Assert.Null(flooded.ReasonFor(0, 2));
    }

    [Fact]
    public void Compute_ClosureOnTheOnlyRoad_NamesTheClosure()
    {
        // Tiny network: 0-1-2 residential, the hamlet at node 3 hangs on 2-3 only. A landslide on 2-3 cuts the hamlet.
        var ways = new[] { TinyNetwork.Way(1, "highway=residential", 0, 1, 2), TinyNetwork.Way(2, "highway=residential", 2, 3) };
        var g = RoadGraphBuilder.Build(ways, TravelProfile.Van);
        var cut = Geodesy.Factory.CreateLineString([TinyNetwork.At(2), TinyNetwork.At(3)]);
        var weather = new WeatherState(closures: [new RoadClosure("Sạt lở dốc Đá", ClosureKind.Landslide, cut)]);

        var m = RoadMatrix.Compute(new TravelCosts(g, weather: weather), Snapper.SnapAll(g, [TinyNetwork.At(0), TinyNetwork.At(3)]));

        Assert.Equal(TravelMatrix.Unreachable, m.Duration(0, 1));
        Assert.Equal(new UnreachableReason(UnreachableKind.Closure, "Sạt lở dốc Đá"), m.ReasonFor(0, 1));
    }

    [Fact]
    public void Compute_HeavyRain_SlowsTheTrackFarMoreThanTheAsphalt()
    {
        // Two 327 m legs from node 0: east along asphalt (0-1-2-3) and north along an ungraded track (0-10-20-30).
        // Heavy rain (20 mm/h) over everything keeps 80 % of paved speed but 40 % of unpaved: the asphalt leg
        // takes 1/0.8 = 1.25 times as long, the track 1/0.4 = 2.5 times.
        var ways = new[]
        {
            TinyNetwork.Way(1, "highway=residential,surface=asphalt", 0, 1, 2, 3),
            TinyNetwork.Way(2, "highway=track", 0, 10, 20, 30),
        };
        var g = RoadGraphBuilder.Build(ways, TravelProfile.Motorbike);
        var sites = Snapper.SnapAll(g, [TinyNetwork.At(0), TinyNetwork.At(3), TinyNetwork.At(30)]);
        var everywhere = Geodesy.Factory.ToGeometry(new Envelope(106, 107, 10, 11));
        var rain = new WeatherState(rain: [new RainArea(everywhere, 20)]);

        var dry = RoadMatrix.Compute(new TravelCosts(g), sites);
        var wet = RoadMatrix.Compute(new TravelCosts(g, weather: rain), sites);

        double pavedRatio = wet.Duration(0, 1) / (double)dry.Duration(0, 1);
        double trackRatio = wet.Duration(0, 2) / (double)dry.Duration(0, 2);
        Assert.Equal(1.25, pavedRatio, 0.02);
        Assert.Equal(2.5, trackRatio, 0.05);
        Assert.Equal(dry.Distance(0, 2), wet.Distance(0, 2));
    }

    [Fact]
    public void Compute_RainOverAndorra_TrackHamletLosesMoreThanPavedTown()
    {
        // By motorbike from Andorra la Vella: Encamp is reached on paved main roads, Entremesaigües at the end of a
        // grade-5 track. Heavy rain over the whole country lengthens the trip to the hamlet by a larger share.
        var from = TestMaps.Poi("andorra", "Andorra la Vella");
        var points = new[] { from, TestMaps.Poi("andorra", "Encamp"), TestMaps.Poi("andorra", "Entremesaigües") };
        var rain = new WeatherState(rain: [new RainArea(Geodesy.Factory.ToGeometry(new Envelope(1.3, 1.9, 42.3, 42.8)), 30)]);
        var cache = new MatrixCache();

        var dry = cache.Matrix(TestMaps.Andorra, TravelProfile.Motorbike, WeatherState.None, points);
        var wet = cache.Matrix(TestMaps.Andorra, TravelProfile.Motorbike, rain, points);

        double town = wet.Duration(0, 1) / (double)dry.Duration(0, 1);
        double hamlet = wet.Duration(0, 2) / (double)dry.Duration(0, 2);
        Assert.InRange(town, 1.2, 1.3);
        Assert.True(hamlet > town + 0.05, $"hamlet x{hamlet:0.00}, town x{town:0.00}");
    }

    [Fact]
    public void Fingerprint_EqualContent_Equal()
    {
        var area = Geodesy.Factory.ToGeometry(new Envelope(1, 2, 3, 4));
        Assert.Equal(new WeatherState(floods: [new FloodArea("A", area)]).Fingerprint, new WeatherState(floods: [new FloodArea("A", area)]).Fingerprint);
        Assert.NotEqual(new WeatherState(floods: [new FloodArea("A", area)]).Fingerprint, new WeatherState(floods: [new FloodArea("B", area)]).Fingerprint);
        Assert.Equal("dry", WeatherState.None.Fingerprint);
    }
}
