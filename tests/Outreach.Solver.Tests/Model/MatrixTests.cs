using Outreach.Solver.Model;

namespace Outreach.Solver.Tests.Model;

public sealed class MatrixTests
{
    [Fact]
    public void ShortestFrom_ThroughAThirdPlaceIsShorter_TakesIt_UnreachableAndNegativeAreNoArc()
    {
        // 0 -> 2 directly 100 s, through 1 only 30 + 40 s (a matrix rounded per route breaks the triangle inequality);
        // 3 is cut off: -1 (unreachable as given) and the solver's own unreachable value are no arc.
        int u = Matrix.UnreachableValue;
        var matrix = new Matrix(4, [
            0, 30, 100, -1,
            30, 0, 40, u,
            100, 40, 0, -1,
            -1, -1, -1, 0,
        ]);

        var fromZero = matrix.ShortestFrom(0);

        Assert.Equal([0, 30, 70, long.MaxValue], fromZero);
        Assert.Equal([long.MaxValue, long.MaxValue, long.MaxValue, 0], matrix.ShortestFrom(3));
    }

    [Fact]
    public void ShortestFrom_AskedAgain_TheRowWorkedOutOnce()
    {
        var matrix = new Matrix(3, [0, 5, 20, 5, 0, 5, 20, 5, 0]);

        var first = matrix.ShortestFrom(2);
        var again = matrix.ShortestFrom(2);

        Assert.Same(first, again);
        Assert.Equal([10, 5, 0], again);
    }

    [Fact]
    public async Task ShortestFrom_ManyThreadsAtOnce_EveryOneGetsTheSameRow()
    {
        var size = 60;
        var values = new int[size * size];
        for (int a = 0; a < size; a++)
        {
            for (int b = 0; b < size; b++)
            {
                values[(a * size) + b] = Math.Abs(a - b) * 7;
            }
        }

        var matrix = new Matrix(size, values);

        var rows = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => matrix.ShortestFrom(i % 4))));

        for (int origin = 0; origin < 4; origin++)
        {
            var expected = Enumerable.Range(0, size).Select(b => (long)Math.Abs(origin - b) * 7).ToArray();
            Assert.All(rows.Where((_, i) => i % 4 == origin), row => Assert.Same(matrix.ShortestFrom(origin), row));
            Assert.Equal(expected, matrix.ShortestFrom(origin));
        }
    }
}
