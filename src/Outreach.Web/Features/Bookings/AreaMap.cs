using System.Globalization;
using System.Security;
using System.Text;
using NetTopologySuite.Geometries;
using Outreach.Domain;
using Outreach.Geo;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Which part of a station's map is shown: its centre (lon/lat degrees) and a zoom factor (1 = the whole area; each
/// step halves the width). Centres are snapped to a quarter of the view's width, so a view centred on a family's home
/// (the map zooms in where they tapped) does not give the home away in the image address.
/// </summary>
public readonly record struct MapView(double Longitude, double Latitude, int Zoom);

/// <summary>
/// The map that works without JavaScript: a server-drawn SVG of the area (outline, roads where the map has them, the
/// collection point and the numbered pickup points) shown at a fixed 320 x 320 CSS pixels as an
/// <c>&lt;input type="image"&gt;</c>. A tap submits the form with the tapped pixel (name.x, name.y), which
/// <see cref="ToPoint"/> turns back into lon/lat. A fixed size keeps pixels and degrees in step on every phone
/// (320 px fits a 360 px screen with the page's margins). Equirectangular projection with the longitude scaled by the
/// cosine of the area's mid latitude: at these sizes (a few km to tens of km) the distortion is invisible. Immutable.
/// </summary>
public sealed class AreaMap
{
    /// <summary>Width and height of the image in CSS pixels.</summary>
    public const int Size = 320;

    public const int MaxZoom = 16;

    /// <summary>A tap this close to a pickup point's marker (CSS pixels) chooses that point.</summary>
    public const double TapRadius = 20;

    private const double MetresPerDegreeLatitude = 111_195;

    private static readonly HashSet<string> MajorRoads = new(StringComparer.Ordinal)
    {
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
    };

    private static readonly HashSet<string> MinorRoads = new(StringComparer.Ordinal) { "unclassified", "residential", "living_street", "road" };

    private readonly double _centreLongitude;
    private readonly double _centreLatitude;
    private readonly double _cosLatitude;
    private readonly double _spanMetres;
    private readonly Envelope _bounds;
    private readonly Geometry? _outline;

    private AreaMap(Envelope bounds, Geometry? outline)
    {
        _bounds = bounds;
        _outline = outline;
        _centreLongitude = bounds.Centre.X;
        _centreLatitude = bounds.Centre.Y;
        _cosLatitude = Math.Cos(_centreLatitude * Math.PI / 180);
        var widthMetres = bounds.Width * _cosLatitude * MetresPerDegreeLatitude;
        var heightMetres = bounds.Height * MetresPerDegreeLatitude;
        _spanMetres = Math.Max(1500, Math.Max(widthMetres, heightMetres)) * 1.06;
    }

    /// <summary>The whole area: the outline, else the roads, else the pickup points and the collection point.</summary>
    public MapView Whole => new(_centreLongitude, _centreLatitude, 1);

    public static AreaMap For(Station station, AreaData area, IReadOnlyList<PickupPoint> points)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(points);
        Envelope bounds;
        if (area.Outline is { } outline)
        {
            bounds = new Envelope(outline.EnvelopeInternal);
        }
        else if (area.Roads is { Ways.Count: > 0 } roads)
        {
            bounds = new Envelope();
            foreach (var c in roads.Ways.SelectMany(w => w.Coordinates))
            {
                bounds.ExpandToInclude(c);
            }
        }
        else
        {
            bounds = new Envelope(station.CollectionPointLocation.Longitude, station.CollectionPointLocation.Longitude,
                station.CollectionPointLocation.Latitude, station.CollectionPointLocation.Latitude);
            foreach (var p in points)
            {
                bounds.ExpandToInclude(p.Site.Location.Longitude, p.Site.Location.Latitude);
            }
        }

        return new AreaMap(bounds, area.Outline);
    }

    /// <summary>A valid view near <paramref name="requested"/>: zoom a power of two in 1..<see cref="MaxZoom"/>, centre snapped and inside the area.</summary>
    public MapView Normalize(MapView requested)
    {
        var zoom = 1;
        while (zoom * 2 <= Math.Clamp(requested.Zoom, 1, MaxZoom))
        {
            zoom *= 2;
        }

        if (zoom == 1 || !double.IsFinite(requested.Longitude) || !double.IsFinite(requested.Latitude))
        {
            return zoom == 1 ? Whole : Whole with { Zoom = zoom };
        }

        var (spanLon, spanLat) = Span(zoom);
        var lon = Math.Clamp(Snap(requested.Longitude, spanLon / 4), _bounds.MinX, _bounds.MaxX);
        var lat = Math.Clamp(Snap(requested.Latitude, spanLat / 4), _bounds.MinY, _bounds.MaxY);
        return new MapView(lon, lat, zoom);
    }

    /// <summary>Twice as close, centred near <paramref name="point"/> (where the family tapped).</summary>
    public MapView ZoomIn(MapView view, GeoPoint point) =>
        Normalize(new MapView(point.Longitude, point.Latitude, Math.Min(MaxZoom, Normalize(view).Zoom * 2)));

    public MapView ZoomOut(MapView view)
    {
        var current = Normalize(view);
        return Normalize(current with { Zoom = Math.Max(1, current.Zoom / 2) });
    }

    /// <summary>Where <paramref name="point"/> is drawn in the image of <paramref name="view"/> (CSS pixels, may be outside 0..Size).</summary>
    public (double X, double Y) ToPixel(MapView view, GeoPoint point)
    {
        var (spanLon, spanLat) = Span(view.Zoom);
        return ((point.Longitude - (view.Longitude - (spanLon / 2))) / spanLon * Size,
            ((view.Latitude + (spanLat / 2)) - point.Latitude) / spanLat * Size);
    }

    /// <summary>The position of the tapped pixel (its centre), rounded to 6 decimals (about 0.1 m).</summary>
    public GeoPoint ToPoint(MapView view, int x, int y)
    {
        var (spanLon, spanLat) = Span(view.Zoom);
        var lon = view.Longitude - (spanLon / 2) + ((x + 0.5) / Size * spanLon);
        var lat = view.Latitude + (spanLat / 2) - ((y + 0.5) / Size * spanLat);
        return new GeoPoint(Math.Round(lon, 6), Math.Round(lat, 6));
    }

    /// <summary>Inside the area's outline (or its bounds when the map has no outline).</summary>
    public bool Contains(GeoPoint point) =>
        _outline is { } outline
            ? outline.Covers(Geodesy.Factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude)))
            : _bounds.Covers(point.Longitude, point.Latitude);

    /// <summary>The pickup point whose marker is within <see cref="TapRadius"/> of the tap, nearest first.</summary>
    public PickupPoint? PointAt(MapView view, int x, int y, IReadOnlyList<PickupPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points
            .Select(p => (Point: p, Pixel: ToPixel(view, p.Site.Location)))
            .Select(p => (p.Point, Distance: Math.Sqrt(Math.Pow(p.Pixel.X - x, 2) + Math.Pow(p.Pixel.Y - y, 2))))
            .Where(p => p.Distance <= TapRadius)
            .OrderBy(p => p.Distance)
            .Select(p => p.Point)
            .FirstOrDefault();
    }

    /// <summary>The SVG document of <paramref name="view"/>: outline, roads for the zoom, collection point, numbered points.</summary>
    public string Svg(MapView view, Station station, AreaData area, IReadOnlyList<PickupPoint> points, string title)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(points);
        view = Normalize(view);
        var svg = new StringBuilder(16_384);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Size}\" height=\"{Size}\" viewBox=\"0 0 {Size} {Size}\" role=\"img\">");
        svg.Append("<title>").Append(SecurityElement.Escape(title)).Append("</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Size}\" height=\"{Size}\" fill=\"#e6ede3\"/>");
        if (area.Outline is { } outline)
        {
            svg.Append("<path fill=\"#ffffff\" fill-rule=\"evenodd\" stroke=\"#5f6f80\" stroke-width=\"1.5\" d=\"");
            foreach (var polygon in Polygons(outline))
            {
                AppendRing(svg, view, polygon.ExteriorRing.Coordinates, close: true);
                foreach (var hole in polygon.InteriorRings)
                {
                    AppendRing(svg, view, hole.Coordinates, close: true);
                }
            }

            svg.Append("\"/>");
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Size}\" height=\"{Size}\" fill=\"#ffffff\"/>");
        }

        if (area.Roads is { } roads)
        {
            AppendRoads(svg, view, roads.Ways);
        }

        var radius = view.Zoom == 1 ? 9 : 10;
        foreach (var point in points)
        {
            var (x, y) = ToPixel(view, point.Site.Location);
            if (x < -12 || y < -12 || x > Size + 12 || y > Size + 12)
            {
                continue;
            }

            var fontSize = point.Number >= 100 ? 8 : radius + 1;
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{radius}\" fill=\"#ffffff\" stroke=\"#b71c1c\" stroke-width=\"2\"/>"
                + $"<text x=\"{x:0.#}\" y=\"{y + (fontSize * 0.36):0.#}\" font-family=\"sans-serif\" font-size=\"{fontSize}\" font-weight=\"700\" "
                + $"text-anchor=\"middle\" fill=\"#212121\">{point.Number}</text>");
        }

        // The collection point last, so no pickup point hides it.
        var (cx, cy) = ToPixel(view, station.CollectionPointLocation);
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{cx - 8:0.#}\" y=\"{cy - 8:0.#}\" width=\"16\" height=\"16\" rx=\"2\" fill=\"#1a237e\" stroke=\"#ffffff\" stroke-width=\"2\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static IEnumerable<Polygon> Polygons(Geometry geometry) => geometry switch
    {
        Polygon p => [p],
        MultiPolygon m => m.Geometries.OfType<Polygon>(),
        _ => [],
    };

    private static double Snap(double value, double step) => Math.Round(Math.Round(value / step) * step, 6);

    private (double Lon, double Lat) Span(int zoom)
    {
        var spanLat = _spanMetres / Math.Max(1, zoom) / MetresPerDegreeLatitude;
        return (spanLat / _cosLatitude, spanLat);
    }

    private void AppendRoads(StringBuilder svg, MapView view, IReadOnlyList<Geo.Roads.RoadWay> ways)
    {
        var (spanLon, spanLat) = Span(view.Zoom);
        var visible = new Envelope(view.Longitude - spanLon * 0.6, view.Longitude + spanLon * 0.6, view.Latitude - spanLat * 0.6, view.Latitude + spanLat * 0.6);
        var spanKm = _spanMetres / view.Zoom / 1000;
        var minor = new StringBuilder();
        var major = new StringBuilder();
        foreach (var way in ways)
        {
            var isMajor = MajorRoads.Contains(way.Highway);
            var isMinor = MinorRoads.Contains(way.Highway);
            // The whole area shows main roads; streets appear below 4 km across, lanes and paths below 1.5 km.
            if (!isMajor && !(isMinor && spanKm < 4) && !(spanKm < 1.5 && way.Highway is "service" or "track" or "pedestrian"))
            {
                continue;
            }

            var box = new Envelope();
            foreach (var c in way.Coordinates)
            {
                box.ExpandToInclude(c);
            }

            if (box.Intersects(visible))
            {
                AppendRing(isMajor ? major : minor, view, way.Coordinates, close: false);
            }
        }

        if (minor.Length > 0)
        {
            svg.Append("<path fill=\"none\" stroke=\"#c8c2b0\" stroke-width=\"1.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"")
                .Append(minor).Append("\"/>");
        }

        if (major.Length > 0)
        {
            svg.Append("<path fill=\"none\" stroke=\"#e0a84f\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"")
                .Append(major).Append("\"/>");
        }
    }

    private void AppendRing(StringBuilder path, MapView view, IReadOnlyList<Coordinate> coordinates, bool close)
    {
        (double X, double Y)? last = null;
        for (var i = 0; i < coordinates.Count; i++)
        {
            var (x, y) = ToPixel(view, new GeoPoint(coordinates[i].X, coordinates[i].Y));
            x = Math.Round(x, 1);
            y = Math.Round(y, 1);
            if (last is { } l && l.X == x && l.Y == y && i != coordinates.Count - 1)
            {
                continue;
            }

            path.Append(last is null ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(' ')
                .Append(y.ToString("0.#", CultureInfo.InvariantCulture));
            last = (x, y);
        }

        if (close && last is not null)
        {
            path.Append('Z');
        }
    }
}
