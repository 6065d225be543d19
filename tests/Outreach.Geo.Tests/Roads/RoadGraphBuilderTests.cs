using Outreach.Geo.Roads;
using static Outreach.Geo.Tests.Roads.TinyNetwork;

namespace Outreach.Geo.Tests.Roads;

public class RoadGraphBuilderTests
{
    [Fact]
    public void Build_WaysSharingANode_JoinAtThatNodeOnly()
    {
        // Way 1 runs 0-1-2, way 2 runs 1-11: they share node 1, so the graph has nodes 0, 1, 2, 11 and three
        // segments (0-1, 1-2, 1-11); node 2's neighbour 12 on way 3 is not shared with way 1, so way 3 only meets
        // way 2 at 11.
        var ways = new[]
        {
            Way(1, "highway=residential", 0, 1, 2),
            Way(2, "highway=residential", 1, 11),
            Way(3, "highway=residential", 11, 12),
        };

        var g = RoadGraphBuilder.Build(ways, TravelProfile.Van);

        Assert.Equal(5, g.NodeCount);
        Assert.Equal(4, g.SegmentCount);
        Assert.Equal(8, g.ArcCount);
        Assert.Equal(0, g.Components.DroppedNodes);
        // 0 to 1 is 0.001 degrees of longitude at 10.78 N: 111.2 km * cos(10.78) / 1000 = 109.2 m.
        var first = Enumerable.Range(0, g.SegmentCount).Select(g.Segment).First(s => s.Way.OsmId == 1);
        Assert.Equal(109.2, first.Metres, 0.2);
    }

    [Fact]
    public void Build_OnewayRoundaboutAndReverse_AllowOnlyTheirDirection()
    {
        // A square block 0-1-11-10 where every side is one-way in a different way, plus a two-way spur 1-2.
        var ways = new[]
        {
            Way(1, "highway=primary,oneway=yes", 0, 1),
            Way(2, "highway=primary,junction=roundabout", 1, 11),
            Way(3, "highway=primary,oneway=-1", 10, 11),      // travelled 11 -> 10
            Way(4, "highway=primary,oneway=true", 10, 0),
            Way(5, "highway=primary,junction=roundabout,oneway=no", 1, 2),
        };

        var van = RoadGraphBuilder.Build(ways, TravelProfile.Van);
        var walk = RoadGraphBuilder.Build(ways, TravelProfile.Walking);

        RoadSegment Seg(RoadGraph g, long way) => g.Segment(g.SegmentsOfWay(way).Single());
        Assert.True(Seg(van, 1).Forward && !Seg(van, 1).Backward);
        Assert.True(Seg(van, 2).Forward && !Seg(van, 2).Backward);
        Assert.True(!Seg(van, 3).Forward && Seg(van, 3).Backward);
        Assert.True(Seg(van, 4).Forward && !Seg(van, 4).Backward);
        Assert.True(Seg(van, 5).Forward && Seg(van, 5).Backward);
        Assert.True(Seg(walk, 1).Forward && Seg(walk, 1).Backward);
        // The loop 0 -> 1 -> 11 -> 10 -> 0 is strongly connected, and the spur is two-way: nothing dropped.
        Assert.Equal(0, van.Components.DroppedNodes);
    }

    [Fact]
    public void Build_RoughTrack_MotorbikeOnlyAndPathNotForVans()
    {
        // Residential 0-1-2; grade-4 track 2-3 to a hamlet; path 1-11; grade-1 track 0-10.
        var ways = new[]
        {
            Way(1, "highway=residential", 0, 1, 2),
            Way(2, "highway=track,tracktype=grade4", 2, 3),
            Way(3, "highway=path", 1, 11),
            Way(4, "highway=track,tracktype=grade1", 0, 10),
            Way(5, "highway=residential,motor_vehicle=no", 2, 12),
        };

        var van = RoadGraphBuilder.Build(ways, TravelProfile.Van);
        var moto = RoadGraphBuilder.Build(ways, TravelProfile.Motorbike);

        Assert.Empty(van.SegmentsOfWay(2));
        Assert.Empty(van.SegmentsOfWay(3));
        Assert.Single(van.SegmentsOfWay(4));
        Assert.Empty(van.SegmentsOfWay(5));
        Assert.Single(moto.SegmentsOfWay(2));
        Assert.Single(moto.SegmentsOfWay(3));
        Assert.Empty(moto.SegmentsOfWay(5));
    }

    [Fact]
    public void Build_OneWayDeadEnd_IsDroppedAndReported()
    {
        // 0-1-2 is two-way (1 is inside way 1, not a junction, so the nodes are 0, 2 and 3); 2 -> 3 is one-way
        // into a dead end (no way back), so node 3 is its own strongly connected component and is dropped with
        // way 2's single segment of 109 m.
        var ways = new[]
        {
            Way(1, "highway=residential", 0, 1, 2),
            Way(2, "highway=residential,oneway=yes", 2, 3),
        };

        var g = RoadGraphBuilder.Build(ways, TravelProfile.Van);

        Assert.Equal(2, g.NodeCount);
        Assert.Equal(2, g.Components.ComponentCount);
        Assert.Equal(1, g.Components.DroppedNodes);
        Assert.Equal(1, g.Components.DroppedSegments);
        Assert.Equal([2L], g.Components.DroppedWayIds);
        Assert.Equal(109.2, g.Components.DroppedMetres, 0.2);
    }
}
