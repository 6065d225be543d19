using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo.Fallback;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Planning.Visits;
using static Outreach.Planning.Tests.Visits.VisitScenario;

namespace Outreach.Planning.Tests.Visits;

public sealed class VisitTravelTests
{
    private static readonly GeoPoint Far = North(StationPoint, 12.5);
    private static readonly Coordinate[] Points = [new(StationPoint.Longitude, StationPoint.Latitude), new(Far.Longitude, Far.Latitude)];

    [Fact]
    public void Compute_HeavyRainOverAHillyHamletWithoutRoads_EstimateSlowsByTheUnpavedFactor()
    {
        // Heavy rain (20 mm/h) over the hamlet: unpaved tracks keep 40 % of their speed (Geo's rain factor), so the
        // estimated drive takes 2.5 times as long; distances stay.
        var rain = new WeatherState(1, 1, Monday, [new RainArea(20, Square(Far, 0.02))], [], [], default, null);
        var terrain = new[] { TerrainClass.Urban, TerrainClass.Hilly };

        var dry = VisitTravel.Compute(new MatrixCache(), null, TravelProfile.Motorbike, Geo.Weather.WeatherState.None, Points, terrain, null);
        var wet = VisitTravel.Compute(new MatrixCache(), null, TravelProfile.Motorbike, VisitWeather.ToGeo(rain), Points, terrain, null);

        Assert.True(dry.IsEstimated);
        Assert.Equal(Math.Round(dry.SecondsBetween(0, 1) / 0.4), wet.SecondsBetween(0, 1), 0);
        Assert.Equal(dry.MetresBetween(0, 1), wet.MetresBetween(0, 1));
        Assert.Contains("weather", wet.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ToGeo_StoredWeather_PolygonsLinesAndPointsWithNamesKept()
    {
        var state = new WeatherState(1, 1, Monday,
            [new RainArea(5, Square(Far, 0.01))],
            [new FloodArea("Ngập cầu Bến Tượng", Square(StationPoint, 0.005))],
            [
                new Closure(ClosureKind.Road, "Đường 262", [StationPoint, Far], "sạt lở"),
                new Closure(ClosureKind.Bridge, "Cầu Ba Đa", [Far], null),
            ],
            default, null);

        var geo = VisitWeather.ToGeo(state);

        Assert.Equal(5, Assert.Single(geo.Rain).MillimetresPerHour);
        Assert.Equal("Ngập cầu Bến Tượng", Assert.Single(geo.Floods).Name);
        Assert.Equal(["LineString", "Point"], geo.Closures.Select(c => c.Where.GeometryType));
        Assert.Equal(Geo.Weather.ClosureKind.Landslide, geo.Closures[0].Kind);
        Assert.Same(Geo.Weather.WeatherState.None, VisitWeather.ToGeo(null));
    }

    private static GeoPolygon Square(GeoPoint centre, double half) => new([[
        new(centre.Longitude - half, centre.Latitude - half), new(centre.Longitude + half, centre.Latitude - half),
        new(centre.Longitude + half, centre.Latitude + half), new(centre.Longitude - half, centre.Latitude + half)]]);
}
