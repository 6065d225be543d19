using System.Globalization;

namespace Outreach.Bench.Routing;

/// <summary>One node of a Solomon or Li &amp; Lim file: node 0 is the depot.</summary>
public sealed record LiteratureNode(int Id, double X, double Y, int Demand, int Ready, int Due, int Service, int PickupSibling, int DeliverySibling);

/// <summary>A Solomon VRPTW or Li &amp; Lim PDPTW instance as read from its text file.</summary>
public sealed record LiteratureInstance(string Name, int VehicleCount, int Capacity, IReadOnlyList<LiteratureNode> Nodes, bool IsPickupDelivery)
{
    /// <summary>Euclidean distance in double precision, as the literature scores it.</summary>
    public double Distance(int a, int b)
    {
        double dx = Nodes[a].X - Nodes[b].X;
        double dy = Nodes[a].Y - Nodes[b].Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}

/// <summary>Readers for the two literature text formats (see shared/bench/*/SOURCES.md).</summary>
public static class LiteratureReader
{
    /// <summary>Reads a Solomon file: VEHICLE / NUMBER CAPACITY header, then CUST NO. X Y DEMAND READY DUE SERVICE rows.</summary>
    public static LiteratureInstance ReadSolomon(string path)
    {
        var lines = File.ReadAllLines(path);
        string name = Path.GetFileNameWithoutExtension(path);
        int vehicles = 0, capacity = 0;
        var nodes = new List<LiteratureNode>();
        bool inCustomers = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("NUMBER", StringComparison.OrdinalIgnoreCase))
            {
                var numbers = NextNumbers(lines, ref i);
                vehicles = (int)numbers[0];
                capacity = (int)numbers[1];
                continue;
            }

            if (line.StartsWith("CUST", StringComparison.OrdinalIgnoreCase))
            {
                inCustomers = true;
                continue;
            }

            if (!inCustomers || line.Length == 0)
            {
                continue;
            }

            var f = Numbers(line);
            if (f.Length >= 7)
            {
                nodes.Add(new LiteratureNode((int)f[0], f[1], f[2], (int)f[3], (int)f[4], (int)f[5], (int)f[6], 0, 0));
            }
        }

        return new LiteratureInstance(name, vehicles, capacity, nodes, false);
    }

    /// <summary>Reads a Li &amp; Lim file: "K Q speed", then "id x y demand earliest latest service pickup delivery" rows.</summary>
    public static LiteratureInstance ReadLiLim(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        var header = Numbers(lines[0]);
        var nodes = new List<LiteratureNode>();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = Numbers(lines[i]);
            nodes.Add(new LiteratureNode((int)f[0], f[1], f[2], (int)f[3], (int)f[4], (int)f[5], (int)f[6], (int)f[7], (int)f[8]));
        }

        return new LiteratureInstance(Path.GetFileNameWithoutExtension(path), (int)header[0], (int)header[1], nodes, true);
    }

    private static double[] NextNumbers(string[] lines, ref int i)
    {
        while (++i < lines.Length)
        {
            var numbers = Numbers(lines[i]);
            if (numbers.Length > 0)
            {
                return numbers;
            }
        }

        throw new InvalidDataException("Missing number line");
    }

    private static double[] Numbers(string line) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN)
            .Where(v => !double.IsNaN(v))
            .ToArray();
}
