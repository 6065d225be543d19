using Outreach.Geo.Elevation;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;

namespace Outreach.Geo.Tests.Elevation;

public class ElevationTests
{
    private static SrtmElevation AndorraTile()
    {
        string folder = TestMaps.SharedMap("andorra");
        Skip.IfNot(File.Exists(Path.Combine(folder, "N42E001.hgt.zip")), $"SRTM tile not found in {folder} (shared/ must sit beside the repository)");
        return SrtmElevation.LoadFolder(folder);
    }

    [SkippableFact]
    public void HeightMetres_AndorraTowns_MatchTheHeightsInSources()
    {
        // SOURCES.md (nearest grid cell): Andorra la Vella 1,031 m, Soldeu 1,832 m, Pas de la Casa 2,106 m.
        // Interpolating between cells 90 m apart on valley sides may move that by a few tens of metres.
        var tile = AndorraTile();

        Assert.Equal(1, tile.TileCount);
        Assert.InRange(Height(tile, "Andorra la Vella"), 1031 - 30, 1031 + 30);
        Assert.InRange(Height(tile, "Soldeu"), 1832 - 30, 1832 + 30);
        Assert.InRange(Height(tile, "Pas de la Casa"), 2106 - 30, 2106 + 30);
        Assert.Null(tile.HeightMetres(106.7, 10.78));
    }

    [Fact]
    public void Factor_KnownGrades_FollowToblerAndTheVehicleRules()
    {
        // Walking: 10 % up over 100 m gives exp(-3.5 x 0.15) / exp(-3.5 x 0.05) = exp(-0.35) = 0.705.
        Assert.Equal(0.705, SlopeFactors.Factor(TravelProfile.Walking, SurfaceClass.Paved, 100, 10, 0), 3);
        // Walking a 5 % descent is Tobler's fastest: exp(0) / exp(-0.175) = 1.19, capped at 1.
        Assert.Equal(1.0, SlopeFactors.Factor(TravelProfile.Walking, SurfaceClass.Paved, 100, 0, 5), 3);
        // Van, 12 % climb: paved loses (0.12 - 0.06) x 2.5 = 15 %; an unpaved track (0.12 - 0.04) x 5 = 40 %.
        Assert.Equal(0.85, SlopeFactors.Factor(TravelProfile.Van, SurfaceClass.Paved, 100, 12, 0), 3);
        Assert.Equal(0.60, SlopeFactors.Factor(TravelProfile.Van, SurfaceClass.Unpaved, 100, 12, 0), 3);
        Assert.Equal(1.0, SlopeFactors.Factor(TravelProfile.Van, SurfaceClass.Paved, 100, 3, 0), 3);
    }

    [SkippableFact]
    public void Compute_WalkingUpToSoldeu_TakesLongerThanWalkingDown()
    {
        // Soldeu is ~800 m above Andorra la Vella, about 20 km away on foot: a 4 % average grade. Without heights
        // walking is symmetric; with them Tobler gives the climb exp(-3.5 x 0.09) / exp(-3.5 x 0.05) = 0.87 of the
        // flat speed while the descent is capped at the flat speed, so going up takes roughly 1.15 times as long.
        var tile = AndorraTile();
        var walk = TestMaps.Andorra.Graph(TravelProfile.Walking);
        var sites = Snapper.SnapAll(walk, [TestMaps.Poi("andorra", "Andorra la Vella"), TestMaps.Poi("andorra", "Soldeu")]);

        var flat = RoadMatrix.Compute(new TravelCosts(walk), sites);
        var hilly = RoadMatrix.Compute(new TravelCosts(walk, elevation: tile), sites);

        Assert.Equal(flat.Duration(0, 1), flat.Duration(1, 0), 1.0);
        Assert.True(hilly.Duration(0, 1) > hilly.Duration(1, 0) * 1.08, $"up {hilly.Duration(0, 1)} s, down {hilly.Duration(1, 0)} s");
        Assert.True(hilly.Duration(0, 1) > flat.Duration(0, 1));
    }

    private static double Height(SrtmElevation tile, string place)
    {
        var c = TestMaps.Poi("andorra", place);
        return tile.HeightMetres(c.X, c.Y)!.Value;
    }
}
