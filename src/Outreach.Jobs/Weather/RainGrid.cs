using Outreach.Domain;

namespace Outreach.Jobs.Weather;

/// <summary>One cell of the fixed lon/lat grid the weather poll asks forecasts for; <see cref="Size"/> in degrees.</summary>
public sealed record RainCell(long Column, long Row, double Size)
{
    /// <summary>Where the forecast is asked: the cell's centre (never a site's own position).</summary>
    public GeoPoint Centre => new(Round((Column + 0.5) * Size), Round((Row + 0.5) * Size));

    /// <summary>The cell as a closed ring, the rain area its forecast applies to.</summary>
    public GeoPolygon Area
    {
        get
        {
            double west = Round(Column * Size), east = Round((Column + 1) * Size), south = Round(Row * Size), north = Round((Row + 1) * Size);
            return new GeoPolygon([[new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)]]);
        }
    }

    // Stored coordinates are the same from one poll to the next, so an unchanged forecast is an unchanged value.
    private static double Round(double degrees) => Math.Round(degrees, 6);
}

/// <summary>
/// Turns hourly precipitation forecasts into the rain areas the planners read (<see cref="RainArea"/>; the road costs
/// slow each road by <c>Geo.Weather.WeatherState.RainSpeedFactor</c>'s band of the heaviest rain over it). The station's
/// area is the cells of a fixed grid (<see cref="CellDegrees"/>, about 5.5 km) holding its collection point or one of its
/// sites; each cell's rain is the heaviest hour of the working day (<see cref="FirstHour"/> to <see cref="EndHour"/>) at
/// its centre, stored as the lower bound of its band (light 0.1, moderate 2.5, heavy 7.6, violent 50 mm/h), so a
/// forecast that moves within a band changes nothing and asks for no re-plan. Dry cells are left out. Pure.
/// </summary>
public static class RainGrid
{
    /// <summary>Grid step in degrees (about 5.5 km north-south), near the forecast models' own resolution.</summary>
    public const double CellDegrees = 0.05;

    /// <summary>Most cells asked for one station: a wider area is covered by coarser cells (the step doubled until it fits).</summary>
    public const int MaxCells = 100;

    /// <summary>First local hour that counts (vans and teams leave from 05:00).</summary>
    public const int FirstHour = 5;

    /// <summary>Local hour from which rain no longer counts (opening hours end by 22:00).</summary>
    public const int EndHour = 22;

    /// <summary>The lower bounds of the rain bands of <c>Geo.Weather.WeatherState.RainSpeedFactor</c>, in mm/h.</summary>
    private static readonly double[] BandFloors = [0.1, 2.5, 7.6, 50];

    /// <summary>The cells holding <paramref name="points"/>, west to east then south to north.</summary>
    public static IReadOnlyList<RainCell> Cells(IEnumerable<GeoPoint> points)
    {
        var list = points.Where(p => double.IsFinite(p.Longitude) && double.IsFinite(p.Latitude)).ToList();
        for (var size = CellDegrees; ; size *= 2)
        {
            var cells = list.Select(p => new RainCell((long)Math.Floor(p.Longitude / size), (long)Math.Floor(p.Latitude / size), size))
                .Distinct().OrderBy(c => c.Column).ThenBy(c => c.Row).ToList();
            if (cells.Count <= MaxCells)
            {
                return cells;
            }
        }
    }

    /// <summary>The band floor of <paramref name="millimetresPerHour"/>, or null when it is dry (under 0.1 mm/h).</summary>
    public static double? Band(double millimetresPerHour) =>
        BandFloors.LastOrDefault(floor => millimetresPerHour >= floor) is var floor && floor > 0 ? floor : null;

    /// <summary>
    /// The rain areas of <paramref name="date"/>: per cell (forecasts in the same order) its band, dry cells left out.
    /// Null when no forecast has an hour of that day's working hours (nothing is known: nothing should change).
    /// </summary>
    public static IReadOnlyList<RainArea>? RainAreas(IReadOnlyList<RainCell> cells, IReadOnlyList<PointForecast> forecasts, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(forecasts);
        if (cells.Count != forecasts.Count)
        {
            throw new ArgumentException($"{forecasts.Count} forecasts for {cells.Count} cells", nameof(forecasts));
        }

        var known = false;
        var areas = new List<RainArea>();
        for (var i = 0; i < cells.Count; i++)
        {
            var hours = forecasts[i].Hours
                .Where(h => DateOnly.FromDateTime(h.LocalStart) == date && h.LocalStart.Hour >= FirstHour && h.LocalStart.Hour < EndHour)
                .ToList();
            if (hours.Count == 0)
            {
                continue;
            }

            known = true;
            if (Band(hours.Max(h => h.MillimetresPerHour)) is { } band)
            {
                areas.Add(new RainArea(band, cells[i].Area));
            }
        }

        return known ? areas : null;
    }
}
