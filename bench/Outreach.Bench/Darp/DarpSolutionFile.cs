using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Outreach.Bench.Darp;

/// <summary>
/// Dial-a-ride solution files as check_darp.py reads them: one line per route, <c>Route k: node@start node@start ...</c>
/// (depot omitted, start = minute service begins, invariant culture).
/// </summary>
public static partial class DarpSolutionFile
{
    /// <summary>Writes the routes numbered from 1, starts with 4 decimals (the model's unit is 1/10 000 minute, so exact).</summary>
    public static void Write(string path, IReadOnlyList<IReadOnlyList<DarpStop>> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var text = new StringBuilder();
        int number = 0;
        foreach (var route in routes.Where(r => r.Count > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"Route {++number}:");
            foreach (var stop in route)
            {
                text.Append(CultureInfo.InvariantCulture, $" {stop.Node}@{stop.Start:F4}");
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads the routes back; lines that are not routes are ignored, as check_darp.py ignores them.</summary>
    public static IReadOnlyList<IReadOnlyList<DarpStop>> Read(string path)
    {
        var routes = new List<IReadOnlyList<DarpStop>>();
        foreach (var line in File.ReadLines(path))
        {
            var match = RouteLine().Match(line);
            if (!match.Success || match.Groups[1].Value.Trim().Length == 0)
            {
                continue;
            }

            var stops = new List<DarpStop>();
            foreach (var token in match.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = token.Split('@');
                if (parts.Length != 2
                    || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int node)
                    || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double start))
                {
                    throw new InvalidDataException($"{path}: '{token}' is not node@start");
                }

                stops.Add(new DarpStop(node, start));
            }

            routes.Add(stops);
        }

        return routes;
    }

    [GeneratedRegex(@"^\s*Route\s*#?\s*\d+\s*:\s*(.*)$")]
    private static partial Regex RouteLine();
}
