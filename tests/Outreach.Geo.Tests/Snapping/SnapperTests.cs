using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using Outreach.Geo.Tests.Roads;

namespace Outreach.Geo.Tests.Snapping;

public class SnapperTests
{
    [Fact]
    public void Snap_HcmcSchoolsAndWardOffice_AllOnTheVanNetwork()
    {
        // The ward office and every school of the sample lie in a dense street grid: each must snap within
        // 150 m (a city block) for the van, and on the road (100 m) on foot, where alleys and footways count.
        var van = TestMaps.Hcmc.Graph(TravelProfile.Van);
        var walk = TestMaps.Hcmc.Graph(TravelProfile.Walking);
        var sites = TestMaps.Pois("hcmc-q3-sample")
            .Where(f => f.GetString("category") == "school" || f.GetString("name") == "Ủy ban nhân dân phường Xuân Hòa")
            .ToList();

        Assert.Equal(30, sites.Count);
        Assert.All(sites, f =>
        {
            var c = f.Geometry.Coordinate;
            var bySite = Snapper.Snap(van, c.X, c.Y);
            Assert.True(bySite.IsSnapped, f.Describe());
            Assert.True(bySite.Hit!.Value.DistanceMetres < 150, $"{f.Describe()} {bySite.Hit.Value.DistanceMetres:0} m");
            Assert.False(Snapper.Snap(walk, c.X, c.Y).IsOffNetwork, f.Describe());
        });
    }

    [Fact]
    public void Snap_Entremesaigues_MotorbikeOnItsTrackVanFarOffTheRoad()
    {
        // Entremesaigües (hamlet, 1,470 m, node 6533776954) is reached only by way 33184252, a grade-5 track
        // that vans may not use: the motorbike snaps onto that track, the van's nearest road is about 900 m
        // away, so the van gets an off-network leg, and with a 500 m limit no road at all.
        var site = TestMaps.Poi("andorra", "Entremesaigües");
        var moto = Snapper.Snap(TestMaps.Andorra.Graph(TravelProfile.Motorbike), site.X, site.Y);
        var van = Snapper.Snap(TestMaps.Andorra.Graph(TravelProfile.Van), site.X, site.Y);
        var vanStrict = Snapper.Snap(TestMaps.Andorra.Graph(TravelProfile.Van), site.X, site.Y, new SnapOptions(MaxRadiusMetres: 500));

        Assert.False(moto.IsOffNetwork);
        var track = TestMaps.Andorra.Graph(TravelProfile.Motorbike).Segment(moto.Hit!.Value.Segment).Way;
        Assert.Equal(33184252, track.OsmId);
        Assert.Equal("grade5", track.Tag("tracktype"));
        Assert.Empty(TestMaps.Andorra.Graph(TravelProfile.Van).SegmentsOfWay(33184252));
        Assert.True(van.IsOffNetwork);
        Assert.InRange(van.OffNetworkMetres, 800, 1000);
        // The van crew walks that leg at 4 km/h: 0.9 s per metre.
        Assert.Equal(van.OffNetworkMetres * 0.9, van.OffNetworkSeconds, 3);
        Assert.Contains(" m from the nearest road", van.Note(), StringComparison.Ordinal);
        Assert.False(vanStrict.IsSnapped);
    }

    [Fact]
    public void Snap_PointBesideASegment_ProjectsOntoItsMiddle()
    {
        // Way 0-1 runs east 109 m; a point 0.0002 degrees (22 m) north of its midpoint snaps at fraction 0.5.
        var g = RoadGraphBuilder.Build([TinyNetwork.Way(1, "highway=residential", 0, 1)], TravelProfile.Van);

        var snap = Snapper.Snap(g, 106.7005, 10.7802);

        Assert.Equal(0.5, snap.Hit!.Value.Fraction, 3);
        Assert.Equal(22.2, snap.Hit.Value.DistanceMetres, 0.3);
        Assert.False(snap.IsOffNetwork);
    }
}
