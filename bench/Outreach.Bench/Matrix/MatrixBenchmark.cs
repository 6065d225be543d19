using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using Outreach.Geo.Matrices;
using Outreach.Geo.Roads;
using Outreach.Geo.Snapping;

namespace Outreach.Bench.Matrices;

/// <summary>Figures of one matrix benchmark run. Times in milliseconds, memory in bytes.</summary>
/// <param name="Map">The map folder.</param>
/// <param name="Profile">The profile routed.</param>
/// <param name="Size">Sites n (the matrix is n x n).</param>
/// <param name="Nodes">Graph nodes kept.</param>
/// <param name="Arcs">Graph arcs kept.</param>
/// <param name="LoadMs">Reading roads.geojson, building the graph, its costs and spatial index.</param>
/// <param name="SnapMs">Snapping the n sites.</param>
/// <param name="FirstMatrixMs">The first (cold) matrix computation.</param>
/// <param name="BestMatrixMs">The fastest of the repeated computations.</param>
/// <param name="MedianMatrixMs">The median of the repeated computations.</param>
/// <param name="MedianCpuMs">Median processor time (all threads) of the repeated computations: compare it with the wall time to see whether the cores were shared.</param>
/// <param name="PeakWorkingSetBytes">Peak resident memory of the process.</param>
/// <param name="Unreachable">Unreachable ordered pairs (should be 0 on a connected map).</param>
/// <param name="Checksum">Sum of all durations in seconds, to compare runs.</param>
public sealed record MatrixBenchmarkResult(
    string Map, TravelProfile Profile, int Size, int Nodes, int Arcs, double LoadMs, double SnapMs, double FirstMatrixMs,
    double BestMatrixMs, double MedianMatrixMs, double MedianCpuMs, long PeakWorkingSetBytes, int Unreachable, long Checksum)
{
    /// <summary>The one-line summary printed last.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"matrix bench: {Path.GetFileName(Map.TrimEnd('/', '\\'))} {Profile} {Size}x{Size} load {LoadMs:0} ms, matrix {MedianMatrixMs:0} ms median ({BestMatrixMs:0} best, {FirstMatrixMs:0} first, {MedianCpuMs:0} ms cpu), peak {PeakWorkingSetBytes / 1048576.0:0} MiB, {Environment.ProcessorCount} cores, unreachable {Unreachable}");
}

/// <summary>
/// The `outreach bench matrix` harness: loads a map, places n seeded-random sites near its roads (a few metres off
/// random segments, as real addresses are), and times n x n matrices. Not thread-safe to run concurrently with
/// itself (it measures process memory).
/// </summary>
public static class MatrixBenchmark
{
    /// <summary>Runs the benchmark and writes progress lines to <paramref name="log"/>.</summary>
    public static MatrixBenchmarkResult Run(string mapFolder, int size, TravelProfile profile, int repeats, int seed, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        var network = RoadNetwork.Load(mapFolder) ?? throw new FileNotFoundException($"no roads.geojson in {mapFolder}");
        var graph = network.Graph(profile);
        var costs = new TravelCosts(graph);
        _ = graph.Index;
        double loadMs = watch.Elapsed.TotalMilliseconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {loadMs:0} ms ({network.Ways.Count} ways, {graph.NodeCount} nodes, {graph.ArcCount} arcs, {graph.TotalMetres / 1000:0} km for {profile}; {graph.Components.Summary()})"));

        var rnd = new Random(seed);
        var points = new Coordinate[size];
        for (int i = 0; i < size; i++)
        {
            var line = graph.SegmentGeometry(rnd.Next(graph.SegmentCount));
            var c = line.Coordinates[rnd.Next(line.NumPoints)];
            points[i] = new Coordinate(c.X + (rnd.NextDouble() - 0.5) * 4e-4, c.Y + (rnd.NextDouble() - 0.5) * 4e-4);
        }

        watch.Restart();
        var sites = Snapper.SnapAll(graph, points);
        double snapMs = watch.Elapsed.TotalMilliseconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"snap: {snapMs:0} ms ({sites.Count(s => s.IsOffNetwork)} of {size} off the network)"));

        var times = new List<double>();
        var cpu = new List<double>();
        TravelMatrix? matrix = null;
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < Math.Max(1, repeats); r++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            watch.Restart();
            matrix = RoadMatrix.Compute(costs, sites);
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matrix {r + 1}: {times[^1]:0} ms (cpu {cpu[^1]:0} ms)"));
        }

        long checksum = matrix!.DurationsSeconds.Where(d => d > 0).Sum(d => (long)d);
        var sorted = times.Order().ToList();
        var cpuSorted = cpu.Order().ToList();
        process.Refresh();
        return new MatrixBenchmarkResult(mapFolder, profile, size, graph.NodeCount, graph.ArcCount, loadMs, snapMs, times[0],
            sorted[0], sorted[sorted.Count / 2], cpuSorted[cpuSorted.Count / 2], process.PeakWorkingSet64, matrix.UnreachableCount, checksum);
    }
}
