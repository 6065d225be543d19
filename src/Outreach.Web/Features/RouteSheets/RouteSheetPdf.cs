using System.Text;
using Outreach.Domain;
using Outreach.Web.Infrastructure.Time;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Outreach.Web.Features.RouteSheets;

/// <summary>
/// Route sheets as an A4 PDF (PDFsharp 6, fonts embedded from DejaVu Sans so every Vietnamese letter and tone mark
/// prints and can be copied back out as text): one trip per page run, header, the map drawn natively from the same
/// <see cref="RouteMap"/> geometry as the SVG (vector, no images), the stops as a table that continues on the next
/// page when long, totals, and on every page the attribution and page numbers. Stateless; thread-safe.
/// </summary>
public sealed class RouteSheetPdf(DejaVuFontResolver fonts)
{
    private const double PageWidth = 595.28;  // A4 in points
    private const double PageHeight = 841.89;
    private const double Margin = 36;
    private const double ContentWidth = PageWidth - 2 * Margin;
    private const double FooterTop = PageHeight - Margin - 26;
    private const double MapHeight = ContentWidth / RouteMap.AspectRatio;
    private const double CellPad = 3;

    // Column widths of the stop table (sum = ContentWidth): a van's number, time, place, people on/off, seats; a
    // team's number, time, place, capture (no seats).
    private static readonly double[] VehicleColumns = [28, 50, 185, 205, 55];
    private static readonly double[] TeamColumns = [28, 50, 175, 270];

    private static readonly XColor RouteColour = XColor.FromArgb(0x15, 0x65, 0xc0);
    private static readonly XColor MarkerColour = XColor.FromArgb(0xc6, 0x28, 0x28);
    private static readonly XColor Grey = XColor.FromArgb(0x61, 0x61, 0x61);
    private static readonly XColor Warning = XColor.FromArgb(0x8e, 0x1b, 0x1b);

    /// <summary>The PDF of <paramref name="sheets"/> (each trip starts on a new page), in the current UI culture's words.</summary>
    /// <exception cref="FileNotFoundException">A DejaVu font file is missing (the message names it and the Debian package).</exception>
    public byte[] Render(IReadOnlyList<RouteSheet> sheets, SheetText text, DateTimeOffset printedAt)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(text);
        fonts.EnsureFontsPresent();
        DejaVuFontResolver.EnsureRegistered(fonts.Folder);

        using var document = new PdfDocument();
        document.Info.Title = N(sheets.Count == 1 ? $"{text.Title(sheets[0])} · {text.Subtitle(sheets[0])}" : text["Sheet.PrintTitle"]);
        document.Info.Creator = "Outreach";
        var f = new Fonts();
        var pages = new List<(PdfPage Page, RouteSheet Sheet)>();
        foreach (var sheet in sheets)
        {
            new SheetWriter(document, sheet, text, f, pages).Write();
        }

        if (pages.Count == 0)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString(N(text["Sheet.None"]), f.Body, XBrushes.Black, new XPoint(Margin, Margin + 12));
        }

        for (int i = 0; i < pages.Count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pages[i].Page, XGraphicsPdfPageOptions.Append);
            var footer = $"{text["Sheet.Page", i + 1, pages.Count]} · {text["Sheet.Printed", LocalTime.FormatDateTime(printedAt)]} · {text.ForHolder(pages[i].Sheet)}";
            gfx.DrawLine(new XPen(Grey, 0.5), Margin, FooterTop, PageWidth - Margin, FooterTop);
            var y = DrawWrapped(gfx, footer, f.Small, XBrushes.Black, Margin, FooterTop + 3, ContentWidth);
            var attribution = pages[i].Sheet.Map.Attribution;
            if (attribution.Length > 0)
            {
                DrawWrapped(gfx, attribution, f.Small, new XSolidBrush(Grey), Margin, y, ContentWidth);
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Text as PDFsharp should get it: composed (NFC), so "ễ" is one glyph even if typed as e + marks.</summary>
    internal static string N(string? text) => (text ?? "").Normalize(NormalizationForm.FormC);

    private static double DrawWrapped(XGraphics gfx, string text, XFont font, XBrush brush, double x, double y, double width)
    {
        double line = font.GetHeight();
        foreach (var piece in Wrap(gfx, N(text), font, width))
        {
            gfx.DrawString(piece, font, brush, new XRect(x, y, width, line), XStringFormats.TopLeft);
            y += line;
        }

        return y;
    }

    /// <summary>Greedy word wrap; a word wider than the line is cut between letters.</summary>
    internal static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var current = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= width)
                {
                    current.Clear().Append(candidate);
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                }

                var rest = word;
                while (gfx.MeasureString(rest, font).Width > width && rest.Length > 1)
                {
                    int cut = rest.Length - 1;
                    while (cut > 1 && gfx.MeasureString(rest[..cut], font).Width > width)
                    {
                        cut--;
                    }

                    lines.Add(rest[..cut]);
                    rest = rest[cut..];
                }

                current.Append(rest);
            }

            lines.Add(current.ToString());
        }

        return lines;
    }

    private sealed class Fonts
    {
        // Whole font files: PDFsharp's subsetter follows composite glyphs one level only, and DejaVu builds letters with
        // two marks (ầ ố ỗ ệ ...) from nested composites, which a subset would print without their marks.
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);

        public XFont Title { get; } = new(DejaVuFontResolver.FamilyName, 15, XFontStyleEx.Bold, Unicode);
        public XFont Subtitle { get; } = new(DejaVuFontResolver.FamilyName, 10.5, XFontStyleEx.Regular, Unicode);
        public XFont Body { get; } = new(DejaVuFontResolver.FamilyName, 9, XFontStyleEx.Regular, Unicode);
        public XFont BodyBold { get; } = new(DejaVuFontResolver.FamilyName, 9, XFontStyleEx.Bold, Unicode);
        public XFont Big { get; } = new(DejaVuFontResolver.FamilyName, 11, XFontStyleEx.Bold, Unicode);
        public XFont Small { get; } = new(DejaVuFontResolver.FamilyName, 7.5, XFontStyleEx.Regular, Unicode);
        public XFont Marker { get; } = new(DejaVuFontResolver.FamilyName, 8, XFontStyleEx.Bold, Unicode);
    }

    /// <summary>A text run of a table cell.</summary>
    private readonly record struct Run(string Text, XFont Font, XBrush Brush);

    /// <summary>Writes one trip: its pages are appended to <c>pages</c> for the footers.</summary>
    private sealed class SheetWriter(PdfDocument document, RouteSheet sheet, SheetText text, Fonts f, List<(PdfPage, RouteSheet)> pages)
    {
        private readonly double[] _columns = sheet.IsTeam ? TeamColumns : VehicleColumns;
        private XGraphics? _gfx;
        private double _y;

        public void Write()
        {
            NewPage(continued: false, tableHeader: false);
            Header();
            Map();
            TableHeader();
            foreach (var stop in sheet.Stops)
            {
                Row(stop);
            }

            _y += 6;
            if (!EnsureRoom(f.BodyBold.GetHeight() * 3))
            {
                NewPage(continued: true, tableHeader: false);
            }

            _y = DrawWrapped(Gfx, $"{text["Sheet.Totals"]}: {text.Totals(sheet)}", f.BodyBold, XBrushes.Black, Margin, _y, ContentWidth);
            _gfx?.Dispose();
        }

        private XGraphics Gfx => _gfx!;

        private void NewPage(bool continued, bool tableHeader)
        {
            _gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            pages.Add((page, sheet));
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
            if (continued)
            {
                _y = DrawWrapped(Gfx, text["Sheet.Continued", $"{text.Title(sheet)} · {text.Subtitle(sheet)}"], f.BodyBold, XBrushes.Black, Margin, _y, ContentWidth) + 4;
            }

            if (tableHeader)
            {
                TableHeader();
            }
        }

        private void Header()
        {
            _y = DrawWrapped(Gfx, text.Title(sheet), f.Title, XBrushes.Black, Margin, _y, ContentWidth);
            _y = DrawWrapped(Gfx, text.Subtitle(sheet), f.Subtitle, XBrushes.Black, Margin, _y + 1, ContentWidth);
            _y = DrawWrapped(Gfx, text.Details(sheet), f.Body, new XSolidBrush(Grey), Margin, _y + 2, ContentWidth);
            foreach (var line in new[] { text.Crew(sheet.Crew), text.Kits(sheet.Crew) }.OfType<string>())
            {
                _y = DrawWrapped(Gfx, line, f.Body, XBrushes.Black, Margin, _y + 1, ContentWidth);
            }

            if (text.CrewWarning(sheet.Crew) is { } crewWarning)
            {
                _y = DrawWrapped(Gfx, crewWarning, f.BodyBold, new XSolidBrush(Warning), Margin, _y + 2, ContentWidth);
            }

            var warning = new XSolidBrush(Warning);
            if (sheet.NewerVersion is { } newer)
            {
                _y = DrawWrapped(Gfx, text["Sheet.Superseded", newer], f.BodyBold, warning, Margin, _y + 2, ContentWidth);
            }
            else if (sheet.Plan.Status == PlanStatus.Draft)
            {
                _y = DrawWrapped(Gfx, text.Draft(sheet), f.BodyBold, warning, Margin, _y + 2, ContentWidth);
            }

            _y += 6;
        }

        private void Map()
        {
            var map = sheet.Map;
            var area = new XRect(Margin, _y, ContentWidth, MapHeight);
            Gfx.DrawRectangle(new XPen(Grey, 0.6), XBrushes.White, area);
            if (!map.IsEmpty)
            {
                var state = Gfx.Save();
                Gfx.IntersectClip(area);
                var projection = new MapProjection(map.Box, area.X, area.Y, area.Width, area.Height);
                var outline = new XPen(XColor.FromArgb(0x8d, 0x8d, 0x8d), 1) { DashStyle = XDashStyle.Dash };
                foreach (var line in map.Outline)
                {
                    Lines(projection, line, outline);
                }

                foreach (var (cls, pen) in new[]
                         {
                             (MapRoadClass.Path, new XPen(XColor.FromArgb(0xe0, 0xe0, 0xe0), 0.5)),
                             (MapRoadClass.Minor, new XPen(XColor.FromArgb(0xcf, 0xcf, 0xcf), 1.1)),
                             (MapRoadClass.Major, new XPen(XColor.FromArgb(0xb4, 0xb4, 0xb4), 2.2)),
                         })
                {
                    pen.LineCap = XLineCap.Round;
                    pen.LineJoin = XLineJoin.Round;
                    foreach (var road in map.Roads.Where(r => r.Class == cls))
                    {
                        Lines(projection, road.Points, pen);
                    }
                }

                var routed = new XPen(RouteColour, 2.8) { LineCap = XLineCap.Round, LineJoin = XLineJoin.Round };
                var estimated = new XPen(RouteColour, 2) { DashStyle = XDashStyle.Dash };
                foreach (var leg in map.Legs)
                {
                    Lines(projection, leg.Points, leg.IsEstimated ? estimated : routed);
                }

                foreach (var marker in map.Markers)
                {
                    var (x, y) = projection.Project(marker.Location);
                    var label = marker.Label;
                    double w = Math.Max(15, 7 + Gfx.MeasureString(label, f.Marker).Width);
                    var box = new XRect(x - w / 2, y - 7.5, w, 15);
                    var fill = marker.IsIllustrative ? XBrushes.White : new XSolidBrush(MarkerColour);
                    Gfx.DrawRoundedRectangle(new XPen(marker.IsIllustrative ? MarkerColour : XColors.White, 1.3), fill, box, new XSize(15, 15));
                    Gfx.DrawString(label, f.Marker, marker.IsIllustrative ? new XSolidBrush(MarkerColour) : XBrushes.White, box, XStringFormats.Center);
                }

                Furniture(projection, area, map);
                Gfx.Restore(state);
            }

            _y += MapHeight + 8;
        }

        /// <summary>North arrow, scale bar and the estimated-line legend.</summary>
        private void Furniture(MapProjection projection, XRect area, RouteMap map)
        {
            var dark = new XSolidBrush(XColor.FromArgb(0x21, 0x21, 0x21));
            double nx = area.Right - 18, ny = area.Top + 10;
            Gfx.DrawRectangle(XBrushes.White, nx - 9, ny - 4, 18, 32);
            Gfx.DrawPolygon(dark, [new XPoint(nx, ny), new XPoint(nx + 5.5, ny + 14), new XPoint(nx, ny + 10.5), new XPoint(nx - 5.5, ny + 14)], XFillMode.Winding);
            Gfx.DrawString(N(text["Map.North"]), f.BodyBold, dark, new XRect(nx - 9, ny + 15, 18, 11), XStringFormats.TopCenter);

            var (_, units, label) = projection.ScaleBar(area.Width);
            double sx = area.Left + 10, sy = area.Bottom - 10;
            Gfx.DrawRectangle(XBrushes.White, sx - 4, sy - 16, units + 8, 20);
            var pen = new XPen(XColor.FromArgb(0x21, 0x21, 0x21), 1.2);
            Gfx.DrawLines(pen, [new XPoint(sx, sy - 4), new XPoint(sx, sy), new XPoint(sx + units, sy), new XPoint(sx + units, sy - 4)]);
            Gfx.DrawString(label, f.Small, dark, new XRect(sx, sy - 14, units, 9), XStringFormats.TopCenter);

            if (map.IsEstimated)
            {
                var legend = N(text["Map.Estimated"]);
                double w = 30 + Gfx.MeasureString(legend, f.Small).Width;
                Gfx.DrawRectangle(new XPen(RouteColour, 0.6), XBrushes.White, area.Left + 6, area.Top + 6, w, 14);
                Gfx.DrawLine(new XPen(RouteColour, 2) { DashStyle = XDashStyle.Dash }, area.Left + 10, area.Top + 13, area.Left + 30, area.Top + 13);
                Gfx.DrawString(legend, f.Small, dark, new XPoint(area.Left + 34, area.Top + 16));
            }
        }

        private void Lines(MapProjection projection, IReadOnlyList<GeoPoint> points, XPen pen)
        {
            if (points.Count < 2)
            {
                return;
            }

            var xy = points.Select(p => projection.Project(p)).Select(p => new XPoint(p.X, p.Y)).ToArray();
            Gfx.DrawLines(pen, xy);
        }

        private void TableHeader()
        {
            double h = f.BodyBold.GetHeight() + 2 * CellPad;
            if (!EnsureRoom(h + 30))
            {
                NewPage(continued: true, tableHeader: false);
            }

            Gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xee, 0xee, 0xee)), Margin, _y, ContentWidth, h);
            string[] headings = sheet.IsTeam
                ? [text["Col.Number"], text["Col.Time"], text["Col.Place"], text["Col.Visit"]]
                : [text["Col.Number"], text["Col.Time"], text["Col.Place"], text["Col.People"], text["Col.Seats"]];
            double x = Margin;
            for (int c = 0; c < _columns.Length; c++)
            {
                Gfx.DrawString(N(headings[c]), f.BodyBold, XBrushes.Black, new XRect(x + CellPad, _y + CellPad, _columns[c] - 2 * CellPad, h), XStringFormats.TopLeft);
                x += _columns[c];
            }

            _y += h;
        }

        private void Row(SheetStop stop)
        {
            var grey = new XSolidBrush(Grey);
            var warning = new XSolidBrush(Warning);
            var cells = new List<Run>[_columns.Length];
            cells[0] = [new(stop.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Big, XBrushes.Black)];
            cells[1] = [new(stop.ArrivalText, f.Big, XBrushes.Black)];
            if (stop.DwellMinutes > 0)
            {
                cells[1].Add(new(text["Stop.Leave", stop.DepartureText], f.Body, grey));
            }

            var p = stop.Place;
            cells[2] = [new(text.StopLabel(sheet, stop), f.Small, stop.Visit is { Repeats: > 0 } ? warning : grey), new(p.Name, f.BodyBold, XBrushes.Black)];
            if (p.HomeAddressNote is { Length: > 0 } home)
            {
                cells[2].Add(new(text["Stop.HomeNote", home], f.Body, XBrushes.Black));
            }

            if (p.Address is { Length: > 0 } address)
            {
                cells[2].Add(new(address, f.Body, XBrushes.Black));
            }

            if (p.UnitName is { } unit)
            {
                cells[2].Add(new(text["Stop.Unit", unit], f.Body, XBrushes.Black));
            }

            if (p.IsIllustrativePosition)
            {
                cells[2].Add(new(text["Stop.Illustrative"], f.BodyBold, warning));
            }

            cells[2].Add(new($"{text["Stop.Coordinates"]}: {p.Coordinates}", f.Small, grey));

            cells[3] = [];
            AddParties(cells[3], text["Stop.Boarding"], stop.Boarding, stop.BoardingCount);
            AddParties(cells[3], text["Stop.Alighting"], stop.Alighting, stop.AlightingCount);
            if (stop.Visit is { } visit)
            {
                AddVisit(cells[3], stop, visit);
            }
            else if (stop.IsStationBreak)
            {
                cells[3].Add(new(text.StationBreak(stop), f.BodyBold, XBrushes.Black));
            }

            if (!sheet.IsTeam)
            {
                cells[4] = [new(sheet.Resource.SeatCount is { } seats ? $"{stop.SeatsAfter}/{seats}" : $"{stop.SeatsAfter}", f.Big, XBrushes.Black)];
            }

            var wrapped = cells.Select((runs, c) => runs.SelectMany(r => Wrap(Gfx, N(r.Text), r.Font, _columns[c] - 2 * CellPad).Select(l => r with { Text = l })).ToList()).ToList();
            double height = wrapped.Max(lines => lines.Sum(l => l.Font.GetHeight())) + 2 * CellPad;
            if (!EnsureRoom(height))
            {
                NewPage(continued: true, tableHeader: true);
            }

            double x = Margin;
            for (int c = 0; c < _columns.Length; c++)
            {
                double y = _y + CellPad;
                foreach (var line in wrapped[c])
                {
                    double h = line.Font.GetHeight();
                    Gfx.DrawString(line.Text, line.Font, line.Brush, new XRect(x + CellPad, y, _columns[c] - 2 * CellPad, h), XStringFormats.TopLeft);
                    y += h;
                }

                x += _columns[c];
            }

            _y += height;
            Gfx.DrawLine(new XPen(XColor.FromArgb(0xbd, 0xbd, 0xbd), 0.5), Margin, _y, PageWidth - Margin, _y);
        }

        /// <summary>A team's visit, line for line as on the page: set-up, capture times, people, repeats, presence, contact, note.</summary>
        private void AddVisit(List<Run> runs, SheetStop stop, SheetVisit visit)
        {
            var grey = new XSolidBrush(Grey);
            runs.Add(new(text.VisitSetup(visit), f.Body, XBrushes.Black));
            runs.Add(new(text.VisitCapture(stop), f.Body, XBrushes.Black));
            if (text.VisitPeople(visit) is { } people)
            {
                runs.Add(new(people, f.BodyBold, XBrushes.Black));
            }

            if (text.VisitRepeats(visit) is { } repeats)
            {
                runs.Add(new("↻ " + repeats, f.BodyBold, new XSolidBrush(Warning)));
            }

            if (text.Presence(visit.Presence) is { Length: > 0 } presence)
            {
                runs.Add(new(text["Visit.Presence", presence], f.Body, XBrushes.Black));
            }

            if (text.VisitContact(visit) is { } contact)
            {
                runs.Add(new(visit.ContactPhoneText is { } phone ? $"{contact} · {phone}" : contact, f.BodyBold, XBrushes.Black));
            }

            if (visit.Note is { Length: > 0 } note)
            {
                runs.Add(new(note, f.Body, grey));
            }
        }

        private void AddParties(List<Run> runs, string heading, IReadOnlyList<SheetParty> parties, int count)
        {
            if (parties.Count == 0 && count == 0)
            {
                return;
            }

            runs.Add(new($"{heading} ({count})", f.BodyBold, XBrushes.Black));
            foreach (var party in parties)
            {
                var needs = text.Needs(party.Needs);
                runs.Add(new($"{party.Code} · {party.FirstName}", f.BodyBold, XBrushes.Black));
                runs.Add(new($"{text.Counts(party)} · {party.PhoneText}{(needs.Length > 0 ? " · " + needs : "")}", f.Body, XBrushes.Black));
                if (text.Off(party) is { } off)
                {
                    runs.Add(new(off, f.BodyBold, new XSolidBrush(Warning)));
                }
            }
        }

        /// <summary>True when <paramref name="height"/> more fits above the footer of the current page.</summary>
        private bool EnsureRoom(double height) => _y + height <= FooterTop - 4;
    }
}
