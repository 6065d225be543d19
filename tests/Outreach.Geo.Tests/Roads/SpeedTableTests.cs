using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using static Outreach.Geo.Tests.Roads.TinyNetwork;

namespace Outreach.Geo.Tests.Roads;

public class SpeedTableTests
{
    [Fact]
    public void SpeedKmh_TagsAndDefaults_FollowTheTable()
    {
        var van = SpeedTable.Default(TravelProfile.Van);

        // Residential: 22 km/h; maxspeed=60 counts at 85 %: 51 km/h; a gravel track: 15 x 0.65 = 9.75 km/h.
        Assert.Equal(22, van.SpeedKmh(Way(1, "highway=residential", 0, 1)));
        Assert.Equal(51, van.SpeedKmh(Way(2, "highway=primary,maxspeed=60", 0, 1)), 6);
        Assert.Equal(9.75, van.SpeedKmh(Way(3, "highway=track,surface=gravel", 0, 1)), 6);
        Assert.Equal(SurfaceClass.Unpaved, SpeedTable.SurfaceOf(Way(4, "highway=track", 0, 1)));
        Assert.Equal(SurfaceClass.Paved, SpeedTable.SurfaceOf(Way(5, "highway=residential", 0, 1)));
        Assert.Equal(SurfaceClass.Unpaved, SpeedTable.SurfaceOf(Way(6, "highway=residential,surface=dirt", 0, 1)));
    }

    [Fact]
    public void WithClassSpeed_StationOverride_HalvesSpeedDoublesTimeAndLeavesDefaultsAlone()
    {
        // 0-1-2-3 is 3 x 109.2 = 327.6 m of residential street: 53.6 s at 22 km/h, 107.2 s at 11 km/h.
        var g = RoadGraphBuilder.Build([Way(1, "highway=residential", 0, 1, 2, 3)], TravelProfile.Van);
        var sites = Snapper.SnapAll(g, [At(0), At(3)]);
        var slow = SpeedTable.Default(TravelProfile.Van).WithClassSpeed("residential", 11);

        var normal = RoadMatrix.Compute(new TravelCosts(g), sites);
        var station = RoadMatrix.Compute(new TravelCosts(g, slow), sites);

        Assert.Equal(54, normal.Duration(0, 1));
        Assert.Equal(107, station.Duration(0, 1));
        Assert.Equal(328, station.Distance(0, 1));
        Assert.Equal(22, SpeedTable.Default(TravelProfile.Van).ClassKmh("residential"));
        Assert.NotEqual(slow.Fingerprint, SpeedTable.Default(TravelProfile.Van).Fingerprint);
    }
}
