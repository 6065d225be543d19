using Outreach.Domain;
using Outreach.Jobs.Weather;

namespace Outreach.Jobs.Tests.Weather;

public sealed class RainGridTests
{
    [Theory]
    [InlineData(0.0, null)]
    [InlineData(0.09, null)]
    [InlineData(0.1, 0.1)]
    [InlineData(2.4, 0.1)]
    [InlineData(2.5, 2.5)]
    [InlineData(7.6, 7.6)]
    [InlineData(49.9, 7.6)]
    [InlineData(80, 50.0)]
    public void Band_Intensity_LowerBoundOfTheSpeedFactorsBand(double millimetresPerHour, double? expected) =>
        Assert.Equal(expected, RainGrid.Band(millimetresPerHour));

    [Fact]
    public void Cells_PointsInTwoCells_TwoCellsWithCentresNotThePointsThemselves()
    {
        // 105.81 and 105.84 share the cell 105.80-105.85; 105.86 is in the next one east.
        var cells = RainGrid.Cells([new GeoPoint(105.81, 21.47), new GeoPoint(105.84, 21.46), new GeoPoint(105.86, 21.47)]);

        Assert.Equal([new GeoPoint(105.825, 21.475), new GeoPoint(105.875, 21.475)], cells.Select(c => c.Centre));
        Assert.Equal([new GeoPoint(105.8, 21.45), new GeoPoint(105.85, 21.45), new GeoPoint(105.85, 21.5), new GeoPoint(105.8, 21.5), new GeoPoint(105.8, 21.45)],
            cells[0].Area.Rings[0]);
    }

    [Fact]
    public void Cells_AreaWiderThanTheLimit_CoarserCells()
    {
        var points = Enumerable.Range(0, 400).Select(i => new GeoPoint(105 + (i % 20) * 0.05, 21 + (i / 20) * 0.05)).ToList();

        var cells = RainGrid.Cells(points);

        Assert.InRange(cells.Count, 1, RainGrid.MaxCells);
        // 20 x 20 points 0.05 degrees apart: 400 cells of the finest grid, so a coarser one.
        Assert.All(cells, c => Assert.True(c.Size >= RainGrid.CellDegrees * 2, $"cell size {c.Size}"));
    }

    [Fact]
    public void RainAreas_HeaviestWorkingHourCountsNightRainDoesNot()
    {
        var cells = RainGrid.Cells([new GeoPoint(105.81, 21.47), new GeoPoint(105.86, 21.47)]);
        var day = new DateOnly(2026, 3, 10);
        HourlyPrecipitation At(int hour, double mm) => new(day.ToDateTime(new TimeOnly(hour, 0)), mm);
        PointForecast[] forecasts =
        [
            new(cells[0].Centre, [At(3, 60), At(9, 1.2), At(15, 9)]),
            new(cells[1].Centre, [At(23, 30), At(10, 0.05)]),
        ];

        var areas = RainGrid.RainAreas(cells, forecasts, day)!;

        // Cell 1: 09:00 light, 15:00 heavy (03:00 is before the vans leave) -> heavy. Cell 2: dry by day -> left out.
        var area = Assert.Single(areas);
        Assert.Equal(7.6, area.IntensityMmPerHour);
        Assert.Equal(cells[0].Area.Rings[0], area.Area.Rings[0]);
        Assert.Null(RainGrid.RainAreas(cells, forecasts, day.AddDays(1)));
    }
}
