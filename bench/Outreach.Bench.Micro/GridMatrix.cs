using Outreach.Solver.Model;

namespace Outreach.Bench.Micro;

/// <summary>The benchmarks' travel matrix: random points in a 100 x 100 square, distances x 100 rounded up (x drawn first, then y).</summary>
internal static class GridMatrix
{
    public static Matrix Random(Random random, int locations)
    {
        var xs = Enumerable.Range(0, locations).Select(_ => random.NextDouble() * 100).ToArray();
        var ys = Enumerable.Range(0, locations).Select(_ => random.NextDouble() * 100).ToArray();
        var values = new int[locations * locations];
        for (int a = 0; a < locations; a++)
        {
            for (int b = 0; b < locations; b++)
            {
                values[(a * locations) + b] = (int)Math.Ceiling(Math.Sqrt(Math.Pow(xs[a] - xs[b], 2) + Math.Pow(ys[a] - ys[b], 2)) * 100);
            }
        }

        return new Matrix(locations, values);
    }
}
