using System.Globalization;
using System.Net;
using System.Text;
using Outreach.Domain;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>The words a map carries, in the reader's language.</summary>
/// <param name="Title">Accessible title ("Bản đồ chuyến 1").</param>
/// <param name="North">The north arrow's letter ("B" for Bắc, "N").</param>
/// <param name="Estimated">The label of straight estimated legs ("Đường thẳng: ước tính / estimated").</param>
public sealed record MapLabels(string Title, string North, string Estimated);

/// <summary>
/// Renders a <see cref="RouteMap"/> as inline SVG: no tiles, no script, so it works offline, on a cheap phone and on
/// paper. 800 x 500 user units, scaled by CSS to the page width. Stateless.
/// </summary>
public static class RouteMapSvg
{
    public const double Width = 800;
    public const double Height = Width / RouteMap.AspectRatio;

    private const string RouteColour = "#1565c0";
    private const string MarkerColour = "#c62828";

    public static string Render(RouteMap map, MapLabels labels)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(labels);
        var svg = new StringBuilder(16_384);
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width:0} {Height:0}" class="route-map" role="img" aria-label="{Escape(labels.Title)}" font-family="DejaVu Sans, Arial, sans-serif">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{Escape(labels.Title)}</title><rect width="{Width:0}" height="{Height:0}" fill="#fff"/>""");
        if (map.IsEmpty)
        {
            svg.Append("</svg>");
            return svg.ToString();
        }

        var projection = new MapProjection(map.Box, 0, 0, Width, Height);

        if (map.Outline.Count > 0)
        {
            svg.Append("""<g class="map-outline" fill="none" stroke="#8d8d8d" stroke-width="1.6" stroke-dasharray="7 4">""");
            foreach (var line in map.Outline)
            {
                AppendPath(svg, projection, line, null);
            }

            svg.Append("</g>");
        }

        if (map.Roads.Count > 0)
        {
            svg.Append("""<g class="map-roads" fill="none" stroke-linecap="round" stroke-linejoin="round">""");
            foreach (var (cls, attributes) in new[]
                     {
                         (MapRoadClass.Path, """stroke="#e0e0e0" stroke-width="1" """),
                         (MapRoadClass.Minor, """stroke="#cfcfcf" stroke-width="2" """),
                         (MapRoadClass.Major, """stroke="#b4b4b4" stroke-width="4" """),
                     })
            {
                svg.Append("<g ").Append(attributes).Append('>');
                foreach (var road in map.Roads.Where(r => r.Class == cls))
                {
                    AppendPath(svg, projection, road.Points, null);
                }

                svg.Append("</g>");
            }

            svg.Append("</g>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<g class="map-route" fill="none" stroke="{RouteColour}" stroke-linecap="round" stroke-linejoin="round">""");
        foreach (var leg in map.Legs)
        {
            AppendPath(svg, projection, leg.Points, leg.IsEstimated
                ? """stroke-width="3.5" stroke-dasharray="12 8" class="leg-estimated" """
                : """stroke-width="5" stroke-opacity=".85" class="leg-road" """);
        }

        svg.Append("</g>");

        svg.Append("""<g class="map-markers" font-weight="bold" font-size="20" text-anchor="middle">""");
        foreach (var marker in map.Markers)
        {
            var (x, y) = projection.Project(marker.Location);
            var label = marker.Label;
            // Large enough to read on a 360 px phone, where the 800-unit map is drawn about 340 px wide.
            double w = Math.Max(34, 14 + 12 * label.Length);
            string fill = marker.IsIllustrative ? "#fff" : MarkerColour, text = marker.IsIllustrative ? MarkerColour : "#fff";
            svg.Append(CultureInfo.InvariantCulture,
                $"""<g class="map-marker" data-stops="{Escape(label)}"><rect x="{x - w / 2:0.0}" y="{y - 17:0.0}" width="{w:0.0}" height="34" rx="17" fill="{fill}" stroke="{(marker.IsIllustrative ? MarkerColour : "#fff")}" stroke-width="3"/><text x="{x:0.0}" y="{y + 7:0.0}" fill="{text}">{Escape(label)}</text></g>""");
        }

        svg.Append("</g>");

        // North arrow, top right.
        svg.Append(CultureInfo.InvariantCulture,
            $"""<g class="map-north" transform="translate({Width - 34:0},18)"><rect x="-16" y="-6" width="32" height="52" fill="#fff" fill-opacity=".85"/><path d="M0 0 L9 24 L0 18 L-9 24 Z" fill="#212121"/><text x="0" y="42" font-size="14" font-weight="bold" text-anchor="middle" fill="#212121">{Escape(labels.North)}</text></g>""");

        // Scale bar, bottom left.
        var (_, units, scaleLabel) = projection.ScaleBar(Width);
        double sx = 16, sy = Height - 22;
        svg.Append(CultureInfo.InvariantCulture,
            $"""<g class="map-scale"><rect x="{sx - 6:0}" y="{sy - 22:0}" width="{units + 12:0.0}" height="34" fill="#fff" fill-opacity=".85"/><path d="M{sx:0} {sy - 6:0} V{sy:0} H{sx + units:0.0} V{sy - 6:0}" fill="none" stroke="#212121" stroke-width="2"/><text x="{sx + units / 2:0.0}" y="{sy - 9:0}" font-size="13" text-anchor="middle" fill="#212121">{scaleLabel}</text></g>""");

        if (map.IsEstimated)
        {
            double w = 14 + 7.2 * labels.Estimated.Length;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<g class="map-estimated"><rect x="8" y="8" width="{w:0}" height="26" fill="#fff" fill-opacity=".9" stroke="{RouteColour}"/><path d="M16 21 H40" stroke="{RouteColour}" stroke-width="3.5" stroke-dasharray="8 5"/><text x="48" y="26" font-size="13" fill="#212121">{Escape(labels.Estimated)}</text></g>""");
        }

        var attribution = map.Attribution;
        if (attribution.Length > 0)
        {
            double w = 10 + 5.6 * attribution.Length;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<g class="map-attribution"><rect x="{Width - w:0}" y="{Height - 18:0}" width="{w:0}" height="18" fill="#fff" fill-opacity=".85"/><text x="{Width - 5:0}" y="{Height - 5:0}" font-size="10.5" text-anchor="end" fill="#424242">{Escape(attribution)}</text></g>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void AppendPath(StringBuilder svg, MapProjection projection, IReadOnlyList<GeoPoint> points, string? attributes)
    {
        if (points.Count < 2)
        {
            return;
        }

        svg.Append("<path ");
        if (attributes is not null)
        {
            svg.Append(attributes);
        }

        svg.Append("d=\"");
        string? last = null;
        for (int i = 0; i < points.Count; i++)
        {
            var (x, y) = projection.Project(points[i]);
            var xy = string.Create(CultureInfo.InvariantCulture, $"{x:0.#} {y:0.#}");
            if (xy == last)
            {
                continue;
            }

            svg.Append(last is null ? "M" : "L").Append(xy);
            last = xy;
        }

        svg.Append("\"/>");
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
