using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Geo.GeoJson;

namespace Outreach.Geo;

/// <summary>A named site position (lon/lat degrees). Immutable.</summary>
public sealed record SitePoint(string? Name, Coordinate Position);

/// <summary>
/// Reads site lists for matrices: GeoJSON (Points; other geometries by an interior point) or CSV with a header naming
/// longitude and latitude columns (lon/lng/longitude/x and lat/latitude/y, optional name). Stateless and thread-safe.
/// </summary>
public static class SitePoints
{
    /// <summary>Reads a .geojson/.json or .csv file; throws <see cref="GeoDataException"/> naming the line or feature on bad input.</summary>
    public static IReadOnlyList<SitePoint> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new GeoDataException($"points file not found: {path}");
        }

        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return ReadCsv(File.ReadAllLines(path), path);
        }

        var read = GeoJsonReader.ReadFile(path);
        if (read.Errors.Count > 0)
        {
            throw new GeoDataException($"{path}: {read.Errors[0]}");
        }

        return read.Features.Select(f => new SitePoint(f.GetString("name"), f.Geometry is Point p ? p.Coordinate : f.Geometry.InteriorPoint.Coordinate)).ToList();
    }

    /// <summary>Parses CSV lines (the first is the header).</summary>
    public static IReadOnlyList<SitePoint> ReadCsv(IReadOnlyList<string> lines, string source = "CSV")
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new GeoDataException($"{source}: empty file");
        }

        var header = Split(lines[0]).Select(h => h.ToLowerInvariant()).ToList();
        int lon = header.FindIndex(h => h is "lon" or "lng" or "long" or "longitude" or "x");
        int lat = header.FindIndex(h => h is "lat" or "latitude" or "y");
        int name = header.FindIndex(h => h is "name" or "ten" or "tên");
        if (lon < 0 || lat < 0)
        {
            throw new GeoDataException($"{source} line 1: header must name a longitude (lon) and a latitude (lat) column");
        }

        var points = new List<SitePoint>();
        for (int i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = Split(lines[i]);
            if (cells.Count <= Math.Max(lon, lat) ||
                !double.TryParse(cells[lon], NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ||
                !double.TryParse(cells[lat], NumberStyles.Float, CultureInfo.InvariantCulture, out double y) ||
                x is < -180 or > 180 || y is < -90 or > 90)
            {
                throw new GeoDataException($"{source} line {i + 1}: longitude/latitude missing or out of range");
            }

            points.Add(new SitePoint(name >= 0 && name < cells.Count ? cells[name] : null, new Coordinate(x, y)));
        }

        return points;
    }

    private static List<string> Split(string line) => line.Split(',').Select(c => c.Trim().Trim('"')).ToList();
}
