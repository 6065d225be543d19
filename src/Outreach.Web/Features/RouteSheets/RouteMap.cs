using System.Globalization;
using Outreach.Domain;
using Outreach.Geo;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// The geometry of a trip's map, in WGS84 degrees, clipped to <see cref="Box"/>: background roads (or the unit
/// outline where an area has no roads), the route legs, and numbered stop markers. The SVG page map and the PDF's
/// native drawing both project this same record with <see cref="MapProjection"/>, so paper and phone show one map.
/// Immutable.
/// </summary>
/// <param name="Box">The area shown; its width/height in metres is <see cref="AspectRatio"/>.</param>
/// <param name="Roads">Road ways clipped to the box, light background.</param>
/// <param name="Outline">Unit boundary lines clipped to the box (drawn under the roads, or alone where there are none).</param>
/// <param name="Legs">The route between consecutive stops.</param>
/// <param name="Markers">Stop markers; stops at one place share a marker ("1·6").</param>
/// <param name="Sources">Whose data the map draws, for the attribution line.</param>
public sealed record RouteMap(
    MapBox Box,
    IReadOnlyList<MapLine> Roads,
    IReadOnlyList<IReadOnlyList<GeoPoint>> Outline,
    IReadOnlyList<MapLeg> Legs,
    IReadOnlyList<MapMarker> Markers,
    MapSources Sources)
{
    /// <summary>Width over height of every route map, in metres on the ground and in units on the page.</summary>
    public const double AspectRatio = 1.6;

    /// <summary>No map (a sheet before its map was added).</summary>
    public static RouteMap Empty { get; } = new(new MapBox(0, 0, 0, 0), [], [], [], [], MapSources.None);

    /// <summary>At least one leg is a straight line: its route and times are estimates.</summary>
    public bool IsEstimated => Legs.Any(l => l.IsEstimated);

    /// <summary>Nothing to draw.</summary>
    public bool IsEmpty => Markers.Count == 0;

    /// <summary>The attribution line for the data drawn (the licences require it on every map, on paper too).</summary>
    public string Attribution
    {
        get
        {
            var parts = new List<string>(2);
            if (Sources.HasFlag(MapSources.OpenStreetMap))
            {
                parts.Add("© OpenStreetMap contributors, ODbL");
            }

            if (Sources.HasFlag(MapSources.Dvhcvn))
            {
                parts.Add("dvhcvn (gis.chinhphu.vn), GPL-3.0");
            }

            return string.Join(" · ", parts);
        }
    }
}

/// <summary>A lon/lat box: west, south, east, north in degrees.</summary>
public readonly record struct MapBox(double West, double South, double East, double North)
{
    public double CentreLatitude => (South + North) / 2;

    /// <summary>East-west extent in metres at the centre latitude.</summary>
    public double WidthMetres => (East - West) * Math.Cos(CentreLatitude * Math.PI / 180) * Geodesy.MetresPerDegree;

    /// <summary>North-south extent in metres.</summary>
    public double HeightMetres => (North - South) * Geodesy.MetresPerDegree;

    public bool Contains(GeoPoint p) => p.Longitude >= West && p.Longitude <= East && p.Latitude >= South && p.Latitude <= North;

    /// <summary>
    /// The smallest box around <paramref name="points"/> padded by <paramref name="padShare"/> of its size on each side,
    /// at least <paramref name="minHeightMetres"/> high, widened or heightened to <paramref name="aspectRatio"/> (in metres).
    /// </summary>
    public static MapBox Around(IReadOnlyCollection<GeoPoint> points, double aspectRatio, double padShare = 0.08, double minHeightMetres = 600)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("A map box needs at least one point.", nameof(points));
        }

        double west = points.Min(p => p.Longitude), east = points.Max(p => p.Longitude);
        double south = points.Min(p => p.Latitude), north = points.Max(p => p.Latitude);
        double lat = (south + north) / 2, lon = (west + east) / 2;
        double kx = Math.Cos(lat * Math.PI / 180) * Geodesy.MetresPerDegree, ky = Geodesy.MetresPerDegree;
        double w = (east - west) * kx, h = (north - south) * ky;
        w *= 1 + 2 * padShare;
        h *= 1 + 2 * padShare;
        h = Math.Max(h, minHeightMetres);
        if (w / h > aspectRatio)
        {
            h = w / aspectRatio;
        }
        else
        {
            w = h * aspectRatio;
        }

        return new MapBox(lon - w / 2 / kx, lat - h / 2 / ky, lon + w / 2 / kx, lat + h / 2 / ky);
    }
}

/// <summary>Road classes drawn with different weights.</summary>
public enum MapRoadClass
{
    /// <summary>Motorway to tertiary roads and their links.</summary>
    Major,

    /// <summary>Residential, unclassified, service roads, tracks.</summary>
    Minor,

    /// <summary>Footways, paths, steps.</summary>
    Path,
}

/// <summary>A background road piece.</summary>
public sealed record MapLine(IReadOnlyList<GeoPoint> Points, MapRoadClass Class);

/// <summary>The route from stop <paramref name="FromNumber"/> to stop <paramref name="ToNumber"/>.</summary>
/// <param name="FromNumber">Stop number it leaves.</param>
/// <param name="ToNumber">Stop number it reaches.</param>
/// <param name="Points">The polyline: along the roads, or a straight line when <paramref name="IsEstimated"/>.</param>
/// <param name="IsEstimated">No road path (area without roads, or none found): drawn dashed and labelled "ước tính / estimated".</param>
/// <param name="DurationSeconds">Road travel time, when routed.</param>
/// <param name="DistanceMetres">Road distance when routed; straight-line distance otherwise.</param>
public sealed record MapLeg(int FromNumber, int ToNumber, IReadOnlyList<GeoPoint> Points, bool IsEstimated, int? DurationSeconds, int DistanceMetres);

/// <summary>How far a trip travels.</summary>
/// <param name="Metres">Road metres of its legs (straight-line metres of legs without a road path).</param>
/// <param name="Estimated">Some leg is a straight line, so <paramref name="Metres"/> is an estimate.</param>
public sealed record TripTravel(int Metres, bool Estimated);

/// <summary>A stop marker; several stops at one place share it.</summary>
/// <param name="Numbers">The stop numbers at this place, ascending.</param>
/// <param name="Location">Where.</param>
/// <param name="IsIllustrative">The position is illustrative, drawn hollow.</param>
public sealed record MapMarker(IReadOnlyList<int> Numbers, GeoPoint Location, bool IsIllustrative)
{
    /// <summary>"3", or "1·6" when the trip starts and ends here.</summary>
    public string Label => string.Join("·", Numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>Whose data a map shows.</summary>
[Flags]
public enum MapSources
{
    None = 0,

    /// <summary>Roads (and some outlines) from OpenStreetMap: © OpenStreetMap contributors, ODbL.</summary>
    OpenStreetMap = 1,

    /// <summary>Vietnamese unit outlines from dvhcvn (gis.chinhphu.vn), GPL-3.0.</summary>
    Dvhcvn = 2,
}

/// <summary>
/// Projects a <see cref="MapBox"/> onto a drawing rectangle (SVG pixels, PDF points): a local equirectangular
/// projection at the box's centre latitude, uniform in both axes (true to scale within a few km), y downwards.
/// </summary>
public sealed class MapProjection
{
    private readonly MapBox _box;
    private readonly double _left;
    private readonly double _top;
    private readonly double _kx;
    private readonly double _ky;

    public MapProjection(MapBox box, double left, double top, double width, double height)
    {
        _box = box;
        double widthMetres = Math.Max(1, box.WidthMetres), heightMetres = Math.Max(1, box.HeightMetres);
        UnitsPerMetre = Math.Min(width / widthMetres, height / heightMetres);
        // Centre the box when the rectangle's shape differs from the box's.
        _left = left + (width - widthMetres * UnitsPerMetre) / 2;
        _top = top + (height - heightMetres * UnitsPerMetre) / 2;
        _kx = Math.Cos(box.CentreLatitude * Math.PI / 180) * Geodesy.MetresPerDegree * UnitsPerMetre;
        _ky = Geodesy.MetresPerDegree * UnitsPerMetre;
    }

    /// <summary>Drawing units per metre on the ground.</summary>
    public double UnitsPerMetre { get; }

    public (double X, double Y) Project(GeoPoint p) => (_left + (p.Longitude - _box.West) * _kx, _top + (_box.North - p.Latitude) * _ky);

    /// <summary>A scale bar about a quarter of <paramref name="mapWidthUnits"/> long: 1, 2 or 5 times a power of ten metres.</summary>
    public (int Metres, double Units, string Label) ScaleBar(double mapWidthUnits)
    {
        double target = mapWidthUnits / 4 / UnitsPerMetre;
        double power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, target))));
        int metres = (int)(target >= 5 * power ? 5 * power : target >= 2 * power ? 2 * power : power);
        string label = metres >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{metres / 1000.0:0.#} km")
            : string.Create(CultureInfo.InvariantCulture, $"{metres} m");
        return (metres, metres * UnitsPerMetre, label);
    }
}
