using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;

namespace Outreach.Geo.Tests.Roads;

public class RealNetworkTests
{
    [Fact]
    public void Graph_HcmcOneWayStreets_OnlyForwardForVehiclesBothWaysOnFoot()
    {
        var net = TestMaps.Hcmc;
        var van = net.Graph(TravelProfile.Van);
        var walk = net.Graph(TravelProfile.Walking);
        // SOURCES.md: 84 ways tagged oneway=yes, 4 of them roundabouts.
        var oneways = net.Ways.Where(w => w.Tag("oneway") == "yes").Select(w => w.OsmId).ToHashSet();
        Assert.Equal(84, oneways.Count);

        var vanOneWaySegments = Enumerable.Range(0, van.SegmentCount).Select(van.Segment).Where(s => oneways.Contains(s.Way.OsmId)).ToList();
        Assert.NotEmpty(vanOneWaySegments);
        Assert.All(vanOneWaySegments, s => Assert.True(s.Forward && !s.Backward, $"way {s.Way.OsmId}"));
        var walkOneWaySegments = Enumerable.Range(0, walk.SegmentCount).Select(walk.Segment).Where(s => oneways.Contains(s.Way.OsmId));
        Assert.All(walkOneWaySegments, s => Assert.True(s.Forward && s.Backward));
    }

    [Theory]
    [InlineData("hcmc-q3-sample", TravelProfile.Van)]
    [InlineData("hcmc-q3-sample", TravelProfile.Motorbike)]
    [InlineData("andorra", TravelProfile.Van)]
    [InlineData("andorra", TravelProfile.Walking)]
    public void Graph_RealMap_IsStronglyConnectedAndReportsWhatWasDropped(string area, TravelProfile profile)
    {
        var net = area == "andorra" ? TestMaps.Andorra : TestMaps.Hcmc;
        var g = net.Graph(profile);

        Assert.Empty(net.Errors);
        Assert.Equal(g.NodeCount, Reached(g, 0, forward: true));
        Assert.Equal(g.NodeCount, Reached(g, 0, forward: false));
        // Both maps hold stray pieces OSM does not join (SOURCES.md), so something must be dropped and named.
        Assert.True(g.Components.DroppedNodes > 0);
        Assert.NotEmpty(g.Components.DroppedWayIds);
        Assert.Equal(g.NodeCount, g.Components.KeptNodes);
    }

    [Fact]
    public void Graph_Andorra_EveryVillageIsOnTheVanNetwork()
    {
        // The 34 villages (place=village) all lie on the one connected van network, within the on-road radius (100 m).
        var van = TestMaps.Andorra.Graph(TravelProfile.Van);
        var villages = TestMaps.Pois("andorra").Where(f => f.GetString("place") == "village").ToList();

        Assert.Equal(34, villages.Count);
        Assert.All(villages, v =>
        {
            var snap = Snapper.Snap(van, v.Geometry.Coordinate.X, v.Geometry.Coordinate.Y);
            Assert.True(snap.IsSnapped && !snap.IsOffNetwork, v.GetString("name"));
        });
    }

    // Counts nodes reached from `start` along arcs (forward) or against them (backward).
    private static int Reached(RoadGraph g, int start, bool forward)
    {
        var adjacency = new List<int>[g.NodeCount];
        for (int v = 0; v < g.NodeCount; v++)
        {
            adjacency[v] = [];
        }

        for (int s = 0; s < g.SegmentCount; s++)
        {
            var seg = g.Segment(s);
            if (seg.Forward)
            {
                adjacency[forward ? seg.From : seg.To].Add(forward ? seg.To : seg.From);
            }

            if (seg.Backward)
            {
                adjacency[forward ? seg.To : seg.From].Add(forward ? seg.From : seg.To);
            }
        }

        var seen = new bool[g.NodeCount];
        var queue = new Queue<int>([start]);
        seen[start] = true;
        int count = 1;
        while (queue.Count > 0)
        {
            foreach (int w in adjacency[queue.Dequeue()])
            {
                if (!seen[w])
                {
                    seen[w] = true;
                    count++;
                    queue.Enqueue(w);
                }
            }
        }

        return count;
    }
}
