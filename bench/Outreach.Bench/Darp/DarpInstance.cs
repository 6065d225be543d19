using System.Globalization;

namespace Outreach.Bench.Darp;

/// <summary>One node of a Cordeau-Laporte file (minutes and plane units): service, load (+ pickup, - drop-off), window.</summary>
public sealed record DarpNode(int Id, double X, double Y, double Service, int Load, double Ready, double Due);

/// <summary>
/// A Cordeau &amp; Laporte (2003) dial-a-ride instance: node 0 is the depot, 1..n the pickups, n+i the drop-off of
/// request i, and <see cref="EndDepot"/> either 2n+1 (files that add an end depot) or 0. Times in minutes; travel time
/// and cost are the unrounded Euclidean distance.
/// </summary>
public sealed class DarpInstance
{
    public DarpInstance(string name, int vehicles, double maxRouteDuration, int capacity, double maxRide, IReadOnlyList<DarpNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        Name = name;
        Vehicles = vehicles;
        MaxRouteDuration = maxRouteDuration;
        Capacity = capacity;
        MaxRide = maxRide;
        Nodes = nodes;
        // The header's node count is n in some files and 2n in others: count the pickups as check_darp.py does.
        Requests = nodes.Count(node => node.Id > 0 && node.Load > 0);
        EndDepot = nodes.Count > (2 * Requests) + 1 ? (2 * Requests) + 1 : 0;
    }

    /// <summary>File name without extension (R1a, ...).</summary>
    public string Name { get; }

    /// <summary>K: vehicles available.</summary>
    public int Vehicles { get; }

    /// <summary>T: most minutes from leaving the depot to returning.</summary>
    public double MaxRouteDuration { get; }

    /// <summary>Q: seats per vehicle.</summary>
    public int Capacity { get; }

    /// <summary>L: most minutes from the end of a pickup's service to the start of its drop-off.</summary>
    public double MaxRide { get; }

    /// <summary>Nodes by id (<c>Nodes[i].Id == i</c>).</summary>
    public IReadOnlyList<DarpNode> Nodes { get; }

    /// <summary>n: requests (pickups 1..n, drop-offs n+1..2n).</summary>
    public int Requests { get; }

    /// <summary>Node routes end at: 2n+1 when the file has it, else the depot 0.</summary>
    public int EndDepot { get; }

    /// <summary>Node id of request <paramref name="request"/>'s drop-off (request numbers start at 1).</summary>
    public int DropOff(int request) => Requests + request;

    /// <summary>Euclidean distance = travel minutes = cost, in double precision as the literature scores it.</summary>
    public double Distance(int a, int b)
    {
        double dx = Nodes[a].X - Nodes[b].X;
        double dy = Nodes[a].Y - Nodes[b].Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}

/// <summary>Reads the Cordeau-Laporte text format (see shared/bench/darp/SOURCES.md).</summary>
public static class DarpReader
{
    /// <summary>
    /// Reads "K N T Q L", then "id x y service load tw_start tw_end" rows. Throws <see cref="InvalidDataException"/>
    /// naming the file and line when the ids are not 0, 1, 2, ... or the pickups and drop-offs do not pair up.
    /// </summary>
    public static DarpInstance Read(string path)
    {
        var lines = File.ReadAllLines(path);
        string name = Path.GetFileNameWithoutExtension(path);
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            throw new InvalidDataException($"{path}: empty file");
        }

        var header = Numbers(path, lines, first, 5);
        var nodes = new List<DarpNode>();
        for (int i = first + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var f = Numbers(path, lines, i, 7);
            if ((int)f[0] != nodes.Count)
            {
                throw new InvalidDataException($"{path} line {i + 1}: node id {f[0]}, expected {nodes.Count}");
            }

            nodes.Add(new DarpNode((int)f[0], f[1], f[2], f[3], (int)f[4], f[5], f[6]));
        }

        var instance = new DarpInstance(name, (int)header[0], header[2], (int)header[3], header[4], nodes);
        int n = instance.Requests;
        if (nodes.Count != (2 * n) + 1 && nodes.Count != (2 * n) + 2)
        {
            throw new InvalidDataException($"{path}: {nodes.Count} nodes for {n} requests; expected {(2 * n) + 1} or {(2 * n) + 2}");
        }

        for (int request = 1; request <= n; request++)
        {
            if (nodes[request].Load <= 0 || nodes[n + request].Load != -nodes[request].Load)
            {
                throw new InvalidDataException($"{path}: request {request} loads {nodes[request].Load} at pickup {request} and {nodes[n + request].Load} at drop-off {n + request}");
            }
        }

        return instance;
    }

    private static double[] Numbers(string path, string[] lines, int index, int count)
    {
        var fields = lines[index].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (i >= fields.Length || !double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new InvalidDataException($"{path} line {index + 1}: expected {count} numbers, got '{lines[index].Trim()}'");
            }
        }

        return values;
    }
}
