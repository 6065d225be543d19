using System.Globalization;
using System.Text;
using Outreach.Domain;

namespace Outreach.Data.Stores;

/// <summary>
/// Reads the yearly holiday file (columns date,name_vi,name_en,kind,status,source; RFC 4180 quoting), the
/// format of shared/data/holidays-vn.csv. Errors name the line and the column.
/// </summary>
public static class HolidayCsv
{
    private static readonly string[] RequiredColumns = ["date", "name_vi", "name_en", "kind", "status"];

    public static IReadOnlyList<Holiday> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new FormatException("The holiday file is empty.");
        var columns = SplitLine(header.TrimStart('\uFEFF')).Select(c => c.Trim().ToLowerInvariant()).ToList();
        foreach (var required in RequiredColumns)
        {
            if (!columns.Contains(required))
            {
                throw new FormatException($"The holiday file has no '{required}' column.");
            }
        }

        int Index(string name) => columns.IndexOf(name);
        var holidays = new List<Holiday>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = SplitLine(line);
            string Field(string name)
            {
                var i = Index(name);
                return i >= 0 && i < fields.Count ? fields[i].Trim() : string.Empty;
            }

            if (!DateOnly.TryParseExact(Field("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"Line {lineNumber}, column date: '{Field("date")}' is not a yyyy-MM-dd date.");
            }

            holidays.Add(new Holiday(
                0,
                date,
                NonEmpty(Field("name_vi"), lineNumber, "name_vi"),
                NonEmpty(Field("name_en"), lineNumber, "name_en"),
                ParseEnum<HolidayKind>(Field("kind"), lineNumber, "kind"),
                ParseEnum<HolidayStatus>(Field("status"), lineNumber, "status"),
                Field("source") is { Length: > 0 } source ? source : null));
        }

        return holidays;
    }

    private static string NonEmpty(string value, int line, string column) =>
        value.Length > 0 ? value : throw new FormatException($"Line {line}, column {column}: empty.");

    private static T ParseEnum<T>(string value, int line, string column)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new FormatException(
                $"Line {line}, column {column}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
