using NetTopologySuite.Geometries;
using Outreach.Geo.Matrices;
using Outreach.Geo.Paths;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;
using Outreach.Geo.Weather;

namespace Outreach.Geo.Tests.Paths;

public class RoadPathsTests
{
    [Fact]
    public void Find_HcmcSchoolsAndWardOffice_DurationEqualsTheMatrixEntry()
    {
        // The 29 schools and the ward office of the sample (real OSM positions, not graph nodes, so every site joins
        // its segment part-way and some have off-network legs): for every ordered pair the path's duration must be
        // exactly the matrix entry (same graph, costs and joins), and its distance the matrix distance within the
        // rounding of one metre, unless an equally fast path of another length was picked (checked separately).
        var sites = SchoolsAndOffice();
        var van = TestMaps.Hcmc.Graph(TravelProfile.Van);
        var costs = new TravelCosts(van);
        var snapped = Snapper.SnapAll(van, sites);
        var matrix = RoadMatrix.Compute(costs, snapped);

        int sameLength = 0, pairs = 0;
        for (int i = 0; i < sites.Count; i++)
        {
            for (int j = 0; j < sites.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var path = RoadPaths.Find(costs, snapped[i], snapped[j]);
                Assert.NotNull(path);
                Assert.True(matrix.Duration(i, j) == path.DurationSeconds, $"{i}->{j}: matrix {matrix.Duration(i, j)} s, path {path.DurationSeconds} s");
                pairs++;
                sameLength += Math.Abs(matrix.Distance(i, j) - path.DistanceMetres) <= 1 ? 1 : 0;
            }
        }

        Assert.Equal(30 * 29, pairs);
        // Ties between equally fast paths of different lengths are rare in a street grid with varied speeds.
        Assert.True(sameLength >= pairs * 0.98, $"{sameLength} of {pairs} pairs have the matrix distance");
    }

    [Fact]
    public void Find_WardOfficeToASchool_PolylineRunsFromSiteToSiteAlongTheRoads()
    {
        // The drawn line starts at the ward office and ends at the school, and its length (road part plus the short
        // pieces to the snapped points) is the path distance within 2 %: the vertices really are the roads travelled.
        var office = TestMaps.Poi("hcmc-q3-sample", "Ủy ban nhân dân phường Xuân Hòa");
        var school = TestMaps.Poi("hcmc-q3-sample", "Trường Tiểu học Trần Quốc Thảo");
        var costs = new TravelCosts(TestMaps.Hcmc.Graph(TravelProfile.Van));

        var path = RoadPaths.Find(costs, office, school);

        Assert.NotNull(path);
        Assert.True(path.Points.Count > 4, $"{path.Points.Count} vertices");
        Assert.True(path.Points[0].Equals2D(office, 1e-9));
        Assert.True(path.Points[^1].Equals2D(school, 1e-9));
        var onRoad = Snapper.Snap(costs.Graph, office.X, office.Y);
        var roadLength = Geodesy.LengthMetres(path.Points.Skip(1).SkipLast(1).ToList());
        var expected = path.DistanceMetres - onRoad.OffNetworkMetres - Snapper.Snap(costs.Graph, school.X, school.Y).OffNetworkMetres;
        Assert.InRange(roadLength, expected * 0.98 - 2, expected * 1.02 + 2);
        // Every interior vertex lies on a segment of the graph (within 1 m).
        foreach (var p in path.Points.Skip(1).SkipLast(1))
        {
            Assert.True(costs.Graph.Index.Nearest(p.X, p.Y, 5)!.Value.DistanceMetres < 1, $"{p} is off the roads");
        }
    }

    [Fact]
    public void Find_AgainstAOneWayStreet_GoesRoundTheBlockLikeTheMatrix()
    {
        // Two points at 20 % and 80 % of the longest one-way segment: with the flow the path is the straight 60 %
        // of the segment (3 vertices or more on it), against the flow it comes round the block, longer and slower.
        var van = TestMaps.Hcmc.Graph(TravelProfile.Van);
        int s = Enumerable.Range(0, van.SegmentCount).Where(k => van.Segment(k).Forward && !van.Segment(k).Backward)
            .MaxBy(k => van.Segment(k).Metres);
        var line = van.SegmentGeometry(s);
        var a = PointAlong(line, 0.2);
        var b = PointAlong(line, 0.8);
        var costs = new TravelCosts(van);
        var matrix = RoadMatrix.Compute(costs, Snapper.SnapAll(van, [a, b]));

        var with = RoadPaths.Find(costs, a, b)!;
        var against = RoadPaths.Find(costs, b, a)!;

        Assert.Equal(matrix.Duration(0, 1), with.DurationSeconds);
        Assert.Equal(matrix.Duration(1, 0), against.DurationSeconds);
        Assert.Equal(van.Segment(s).Metres * 0.6, Geodesy.LengthMetres(with.Points), 5.0);
        Assert.True(Geodesy.LengthMetres(against.Points) > Geodesy.LengthMetres(with.Points) + 50);
    }

    [Fact]
    public void Find_RoadClosedAroundTheTarget_ReturnsNull()
    {
        // A flood polygon around the ward office closes every road near it: the matrix says unreachable, and so
        // does the path search (null), rather than drawing a route through the water.
        var office = TestMaps.Poi("hcmc-q3-sample", "Ủy ban nhân dân phường Xuân Hòa");
        var school = TestMaps.Poi("hcmc-q3-sample", "Trường Tiểu học Trần Quốc Thảo");
        var ring = Geodesy.Factory.CreatePolygon(Square(office, 0.004));
        var weather = new WeatherState([], [new FloodArea("Ngập thử nghiệm", ring)], []);
        var costs = new TravelCosts(TestMaps.Hcmc.Graph(TravelProfile.Van), weather: weather);
        var sites = Snapper.SnapAll(costs.Graph, [school, office]);

        Assert.Equal(TravelMatrix.Unreachable, RoadMatrix.Compute(costs, sites).Duration(0, 1));
        Assert.Null(RoadPaths.Find(costs, sites[0], sites[1]));
    }

    [Fact]
    public void Find_SiteWithoutARoadInReach_ReturnsNull()
    {
        // 20 km east of the sample there is no road within the 1.5 km snapping limit.
        var costs = new TravelCosts(TestMaps.Hcmc.Graph(TravelProfile.Van));
        var office = TestMaps.Poi("hcmc-q3-sample", "Ủy ban nhân dân phường Xuân Hòa");

        Assert.Null(RoadPaths.Find(costs, office, new Coordinate(office.X + 0.2, office.Y)));
    }

    private static List<Coordinate> SchoolsAndOffice() =>
        TestMaps.Pois("hcmc-q3-sample")
            .Where(f => f.GetString("category") == "school" || f.GetString("name") == "Ủy ban nhân dân phường Xuân Hòa")
            .Select(f => f.Geometry.Coordinate)
            .ToList();

    private static Coordinate[] Square(Coordinate c, double half) =>
    [
        new(c.X - half, c.Y - half), new(c.X + half, c.Y - half), new(c.X + half, c.Y + half), new(c.X - half, c.Y + half),
        new(c.X - half, c.Y - half),
    ];

    private static Coordinate PointAlong(LineString line, double fraction)
    {
        var cs = line.Coordinates;
        double total = Geodesy.LengthMetres(cs), want = total * fraction, run = 0;
        for (int i = 1; i < cs.Length; i++)
        {
            double piece = Geodesy.HaversineMetres(cs[i - 1], cs[i]);
            if (run + piece >= want)
            {
                double t = (want - run) / piece;
                return new Coordinate(cs[i - 1].X + t * (cs[i].X - cs[i - 1].X), cs[i - 1].Y + t * (cs[i].Y - cs[i - 1].Y));
            }

            run += piece;
        }

        return cs[^1];
    }
}
