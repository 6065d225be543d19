using NetTopologySuite.Geometries;
using Outreach.Geo.Fallback;
using Outreach.Geo.GeoJson;
using Outreach.Geo.Roads;

namespace Outreach.Geo.Tests.Fallback;

public class EstimatedTravelTests
{
    [Fact]
    public void Compute_SongCong_HasNoRoadsSoEveryFigureIsEstimated()
    {
        // Sông Công has only an outline: RoadNetwork.Load finds no roads file, so the fallback is used. Two points
        // inside the outline, 0.01 degrees of latitude apart (1,111.9 m): rural van = 1,111.9 x 1.4 = 1,557 m at
        // 35 km/h = 160 s; hilly = 1,111.9 x 1.7 = 1,890 m at 22 km/h = 309 s.
        var outline = GeoJsonReader.ReadFile(Path.Combine(TestMaps.Map("song-cong"), "boundaries.geojson")).Features[0].Geometry;
        var a = outline.InteriorPoint.Coordinate;
        var b = new Coordinate(a.X, a.Y + 0.01);

        var rural = EstimatedTravel.Compute([a, b], TerrainClass.Rural, TravelProfile.Van);
        var mixed = EstimatedTravel.Compute([a, b], [TerrainClass.Urban, TerrainClass.Hilly], TravelProfile.Van);

        Assert.Null(RoadNetwork.Load(TestMaps.Map("song-cong")));
        Assert.True(rural.IsEstimated);
        Assert.Contains("estimated", rural.Source, StringComparison.Ordinal);
        Assert.Contains("ước tính", rural.Source, StringComparison.Ordinal);
        Assert.Equal(1557, rural.Distance(0, 1), 1.0);
        Assert.Equal(160, rural.Duration(0, 1), 1.0);
        Assert.Equal(rural.Duration(0, 1), rural.Duration(1, 0));
        Assert.Equal(0, rural.Duration(0, 0));
        Assert.Equal(1890, mixed.Distance(0, 1), 1.0);
        Assert.Equal(309, mixed.Duration(0, 1), 1.0);
        Assert.True(mixed.IsEstimated);
    }

    [Fact]
    public void MatrixOrEstimate_MapWithoutRoads_EstimatesAndMapWithRoadsRoutes()
    {
        var cache = new Geo.Matrices.MatrixCache();
        var hcmcSites = new[] { TestMaps.Poi("hcmc-q3-sample", "Ủy ban nhân dân phường Xuân Hòa"), TestMaps.Poi("hcmc-q3-sample", "Trường Tiểu học Trần Quốc Thảo") };
        var songCong = new[] { new Coordinate(105.85, 21.50), new Coordinate(105.87, 21.48) };

        var estimated = cache.MatrixOrEstimate(RoadNetwork.Load(TestMaps.Map("song-cong")), TravelProfile.Van, Geo.Weather.WeatherState.None, songCong, TerrainClass.Rural);
        var routed = cache.MatrixOrEstimate(TestMaps.Hcmc, TravelProfile.Van, Geo.Weather.WeatherState.None, hcmcSites, TerrainClass.Urban);

        Assert.True(estimated.IsEstimated);
        Assert.False(routed.IsEstimated);
        Assert.Equal(1, cache.ComputedCount);
    }
}
