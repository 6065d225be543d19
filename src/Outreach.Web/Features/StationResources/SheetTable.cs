using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Outreach.Web.Features.StationResources;

/// <summary>One row of a spreadsheet as text: its number as the spreadsheet shows it (the header is row 1) and its cells.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    public string this[int column] => column >= 0 && column < Cells.Count ? Cells[column] : "";

    public bool IsEmpty => Cells.All(c => c.Length == 0);
}

/// <summary>
/// A spreadsheet's first sheet as text (header row, then data rows), read from .xlsx (MiniExcel) or .csv (CsvHelper; a
/// comma, semicolon or tab as separator, UTF-8 with or without its byte order mark), and written back the same two ways.
/// Dates are read as yyyy-MM-dd and times as HH:mm whatever the spreadsheet stored (a date cell, a time fraction, text).
/// </summary>
public sealed record SheetTable(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows)
{
    /// <summary>Larger files are refused before reading: a commune's list of a few thousand people is far smaller.</summary>
    public const int MaxBytes = 512 * 1024;

    public const int MaxRows = 5000;

    public static SheetTable ReadXlsx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var rows = new List<SheetRow>();
        var number = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            number++;
            if (number > MaxRows + 1)
            {
                break;
            }

            // Keys are column letters (A, B, ..., AA) in order; a blank row comes back with every cell null.
            rows.Add(new SheetRow(number, [.. row.Values.Select(Text)]));
        }

        return From(rows);
    }

    public static SheetTable ReadCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // The separator is detected (comma, semicolon, tab); empty lines are kept so row numbers match the file's lines.
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = false, SkipEmptyLines = false, TrimWhitespace = true });
        var rows = new List<SheetRow>();
        var number = 0;
        while (csv.Read() && number <= MaxRows)
        {
            number++;
            rows.Add(new SheetRow(number, [.. csv.Current.ToArray().Select(c => (c ?? "").Trim())]));
        }

        return From(rows);
    }

    private static SheetTable From(List<SheetRow> rows)
    {
        if (rows.Count == 0)
        {
            return new SheetTable([], []);
        }

        var data = rows.Skip(1).ToList();
        // Trailing blank rows are how spreadsheets end; blank rows inside are kept (and skipped) so numbers stay right.
        while (data.Count > 0 && data[^1].IsEmpty)
        {
            data.RemoveAt(data.Count - 1);
        }

        return new SheetTable([.. rows[0].Cells], data);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        DateTime d when d.Year < 1901 => d.ToString("HH:mm", CultureInfo.InvariantCulture),
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("hh\\:mm", CultureInfo.InvariantCulture),
        double d when d is > 0 and < 1 => TimeOnly.FromTimeSpan(TimeSpan.FromDays(d)).ToString("HH:mm", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() ?? "",
    };

    /// <summary>An .xlsx file of one sheet: the headers, then the rows (each as long as the headers), all as text.</summary>
    public static byte[] WriteXlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string sheetName = "Sheet1")
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var values = rows.Select(r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = i < r.Count ? r[i] : "";
            }

            return row;
        }).ToList();
        using var stream = new MemoryStream();
        if (values.Count == 0)
        {
            // With no rows MiniExcel cannot tell the columns: one row of the headers, written without a header row.
            var headerRow = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var h in headers)
            {
                headerRow[h] = h;
            }

            stream.SaveAs(new[] { headerRow }, printHeader: false, sheetName: sheetName);
        }
        else
        {
            stream.SaveAs(values, sheetName: sheetName);
        }

        return stream.ToArray();
    }

    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        // Semicolons and a byte order mark: spreadsheets set up for Vietnam open that as columns with the accents right.
        // A text a spreadsheet would run as a formula (=, +, -, @ first: a name or note typed by someone else) gets an
        // apostrophe in front (OWASP "CSV injection").
        var options = CsvWriterOptions.Default with { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteRecord([.. headers]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. Enumerable.Range(0, headers.Count).Select(i => i < row.Count ? row[i] : "")]);
            }
        }

        return stream.ToArray();
    }
}
