using NetTopologySuite.Geometries;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;

namespace Outreach.Geo.Tests.Matrices;

public class RoadMatrixTests
{
    [Theory]
    [InlineData("andorra", TravelProfile.Van, 7)]
    [InlineData("andorra", TravelProfile.Motorbike, 11)]
    [InlineData("hcmc-q3-sample", TravelProfile.Van, 13)]
    public void Compute_NodesOfTheGraph_EqualPlainReferenceDijkstra(string area, TravelProfile profile, int seed)
    {
        // Sites placed exactly on 60 random graph nodes: the matrix must give the same shortest times as a
        // textbook Dijkstra (PriorityQueue over the segment list) between those nodes, within 1 s of rounding.
        var net = area == "andorra" ? TestMaps.Andorra : TestMaps.Hcmc;
        var g = net.Graph(profile);
        var costs = new TravelCosts(g);
        var rnd = new Random(seed);
        var nodes = Enumerable.Range(0, 60).Select(_ => rnd.Next(g.NodeCount)).ToArray();
        var sites = Snapper.SnapAll(g, nodes.Select(g.NodePosition).ToList());

        var matrix = RoadMatrix.Compute(costs, sites);

        var adjacency = ReferenceAdjacency(costs);
        for (int i = 0; i < nodes.Length; i++)
        {
            var (seconds, metres) = ReferenceDijkstra(adjacency, nodes[i]);
            for (int j = 0; j < nodes.Length; j++)
            {
                Assert.InRange(matrix.Duration(i, j), seconds[nodes[j]] - 1, seconds[nodes[j]] + 1);
                Assert.InRange(matrix.Distance(i, j), metres[nodes[j]] * 0.99 - 2, metres[nodes[j]] * 1.01 + 2);
            }
        }

        Assert.Equal(0, matrix.UnreachableCount);
    }

    [Fact]
    public void Compute_TwoPointsOnAOneWayStreet_AsymmetricForVanSymmetricOnFoot()
    {
        // Pick the longest one-way segment of the HCMC sample and put sites at 20 % and 80 % of its length. With
        // the flow it is a straight run; against it the van must leave at the far end and come round the block,
        // so the return takes longer. On foot one-way does not apply and both directions cost the same.
        var van = TestMaps.Hcmc.Graph(TravelProfile.Van);
        int s = Enumerable.Range(0, van.SegmentCount).Where(k => van.Segment(k).Forward && !van.Segment(k).Backward)
            .MaxBy(k => van.Segment(k).Metres);
        var line = van.SegmentGeometry(s);
        var a = PointAlong(line, 0.2);
        var b = PointAlong(line, 0.8);

        var vanMatrix = RoadMatrix.Compute(new TravelCosts(van), Snapper.SnapAll(van, [a, b]));
        var walk = TestMaps.Hcmc.Graph(TravelProfile.Walking);
        var walkMatrix = RoadMatrix.Compute(new TravelCosts(walk), Snapper.SnapAll(walk, [a, b]));

        Assert.True(van.Segment(s).Metres > 100);
        Assert.True(vanMatrix.Duration(1, 0) > vanMatrix.Duration(0, 1) + 30, $"{vanMatrix.Duration(0, 1)} s vs {vanMatrix.Duration(1, 0)} s");
        Assert.True(vanMatrix.Distance(1, 0) > vanMatrix.Distance(0, 1));
        // With the flow the distance is 60 % of the segment (from 20 % to 80 %).
        Assert.Equal(van.Segment(s).Metres * 0.6, vanMatrix.Distance(0, 1), 5.0);
        Assert.Equal(walkMatrix.Duration(0, 1), walkMatrix.Duration(1, 0), 1.0);
    }

    [Fact]
    public void Compute_AndorraVillages_AllConnectedByVanWithinTwoHours()
    {
        // Every one of the 34 villages reaches every other by van; Andorra is 30 km across, so no trip takes 2 h.
        var villages = TestMaps.Pois("andorra").Where(f => f.GetString("place") == "village").Select(f => f.Geometry.Coordinate).ToList();
        var cache = new MatrixCache();

        var m = cache.Matrix(TestMaps.Andorra, TravelProfile.Van, Geo.Weather.WeatherState.None, villages);

        Assert.Equal(34, m.Size);
        Assert.Equal(0, m.UnreachableCount);
        Assert.False(m.IsEstimated);
        for (int i = 0; i < m.Size; i++)
        {
            for (int j = 0; j < m.Size; j++)
            {
                Assert.InRange(m.Duration(i, j), i == j ? 0 : 1, 7200);
            }
        }
    }

    [Fact]
    public void Compute_Entremesaigues_MotorbikeReachesItVanDoesNot()
    {
        // Entremesaigües sits on a grade-5 track (way 33184252). From Andorra la Vella the motorbike gets there on
        // the road network; with a 500 m snapping limit the van has no road to it at all.
        var town = TestMaps.Poi("andorra", "Andorra la Vella");
        var hamlet = TestMaps.Poi("andorra", "Entremesaigües");
        var strict = new SnapOptions(MaxRadiusMetres: 500);
        var moto = TestMaps.Andorra.Graph(TravelProfile.Motorbike);
        var van = TestMaps.Andorra.Graph(TravelProfile.Van);

        var byMotorbike = RoadMatrix.Compute(new TravelCosts(moto), Snapper.SnapAll(moto, [town, hamlet], strict));
        var byVan = RoadMatrix.Compute(new TravelCosts(van), Snapper.SnapAll(van, [town, hamlet], strict));

        Assert.InRange(byMotorbike.Duration(0, 1), 60, 3600);
        Assert.InRange(byMotorbike.Duration(1, 0), 60, 3600);
        Assert.Equal(TravelMatrix.Unreachable, byVan.Duration(0, 1));
        Assert.Equal(UnreachableKind.NotSnapped, byVan.ReasonFor(0, 1)!.Kind);
        Assert.Null(byVan.ReasonFor(0, 0));
    }

    [Fact]
    public void Matrix_SameInputsTwice_ComputedOnceNewWeatherRecomputes()
    {
        var points = new[] { TestMaps.Poi("andorra", "Andorra la Vella"), TestMaps.Poi("andorra", "Ordino") };
        var cache = new MatrixCache();
        var rain = new Geo.Weather.WeatherState(rain: [new Geo.Weather.RainArea(Geodesy.Factory.ToGeometry(new Envelope(1.3, 1.9, 42.3, 42.8)), 20)]);

        var first = cache.Matrix(TestMaps.Andorra, TravelProfile.Van, Geo.Weather.WeatherState.None, points);
        var again = cache.Matrix(TestMaps.Andorra, TravelProfile.Van, Geo.Weather.WeatherState.None, points);
        var wet = cache.Matrix(TestMaps.Andorra, TravelProfile.Van, rain, points);

        Assert.Same(first, again);
        Assert.Equal(2, cache.ComputedCount);
        Assert.True(wet.Duration(0, 1) > first.Duration(0, 1));
    }

    internal static Coordinate PointAlong(LineString line, double fraction)
    {
        var indexed = new NetTopologySuite.LinearReferencing.LengthIndexedLine(line);
        return indexed.ExtractPoint(line.Length * fraction);
    }

    private static List<(int To, double Seconds, double Metres)>[] ReferenceAdjacency(TravelCosts costs)
    {
        var g = costs.Graph;
        var adjacency = Enumerable.Range(0, g.NodeCount).Select(_ => new List<(int, double, double)>()).ToArray();
        for (int s = 0; s < g.SegmentCount; s++)
        {
            var seg = g.Segment(s);
            if (costs.SegmentSeconds(s, along: true) is { } f)
            {
                adjacency[seg.From].Add((seg.To, f, seg.Metres));
            }

            if (costs.SegmentSeconds(s, along: false) is { } b)
            {
                adjacency[seg.To].Add((seg.From, b, seg.Metres));
            }
        }

        return adjacency;
    }

    private static (double[] Seconds, double[] Metres) ReferenceDijkstra(List<(int To, double Seconds, double Metres)>[] adjacency, int source)
    {
        var seconds = Enumerable.Repeat(double.PositiveInfinity, adjacency.Length).ToArray();
        var metres = new double[adjacency.Length];
        var queue = new PriorityQueue<int, double>();
        seconds[source] = 0;
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out int v, out double d))
        {
            if (d > seconds[v])
            {
                continue;
            }

            foreach (var (w, s, m) in adjacency[v])
            {
                if (d + s < seconds[w])
                {
                    seconds[w] = d + s;
                    metres[w] = metres[v] + m;
                    queue.Enqueue(w, seconds[w]);
                }
            }
        }

        return (seconds, metres);
    }
}
