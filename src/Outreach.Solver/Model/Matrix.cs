namespace Outreach.Solver.Model;

/// <summary>
/// A square, row-major matrix of non-negative integers (seconds or metres) between dense location indices.
/// Immutable after construction; safe to share between threads.
/// </summary>
public sealed class Matrix
{
    /// <summary>Value marking an unreachable pair in input matrices (any negative value is treated so).</summary>
    public const int Unreachable = -1;

    /// <summary>Internal stand-in for an unreachable pair: larger than any time window, so insertion fails on time.</summary>
    internal const int UnreachableValue = TimeWindow.MaxSeconds;

    private readonly int[] values;

    /// <summary>Creates a matrix over <paramref name="size"/> locations from a row-major copy of <paramref name="rowMajor"/>.</summary>
    public Matrix(int size, ReadOnlySpan<int> rowMajor)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Matrix size must be non-negative.");
        }

        if (rowMajor.Length != size * size)
        {
            throw new ArgumentException($"Matrix of size {size} needs {size * size} values, got {rowMajor.Length}.", nameof(rowMajor));
        }

        Size = size;
        values = rowMajor.ToArray();
    }

    /// <summary>Number of locations (rows and columns).</summary>
    public int Size { get; }

    /// <summary>Value from <paramref name="from"/> to <paramref name="to"/> as given (negative = unreachable).</summary>
    public int this[int from, int to] => values[(from * Size) + to];

    /// <summary>The row of <paramref name="from"/>: values to every location.</summary>
    public ReadOnlySpan<int> Row(int from) => values.AsSpan(from * Size, Size);

    /// <summary>The matrix in the engine's form (see <see cref="Extended"/>); null until asked.</summary>
    private int[]? extended;

    /// <summary>
    /// The matrix as the engine reads it: one more location (the virtual end of open routes, zero to and from
    /// everywhere), row-major over Size + 1, unreachable pairs and larger values at <see cref="UnreachableValue"/>. Made
    /// once and kept, as <see cref="ShortestFrom"/>: the models of one day share the matrix, and each built it again.
    /// Thread-safe; callers must not change the returned array.
    /// </summary>
    internal int[] Extended()
    {
        if (Volatile.Read(ref extended) is { } known)
        {
            return known;
        }

        int size = Size + 1;
        var result = new int[size * size];
        for (int i = 0; i < Size; i++)
        {
            var row = Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                result[(i * size) + j] = row[j] < 0 ? UnreachableValue : Math.Min(row[j], UnreachableValue);
            }
        }

        // Two threads may make it at once; both are the same, and the first stored is kept.
        return Interlocked.CompareExchange(ref extended, result, null) ?? result;
    }

    /// <summary>Shortest-path rows already worked out (<see cref="ShortestFrom"/>), per origin; null until asked.</summary>
    private long[]?[]? shortest;

    /// <summary>
    /// The least sum of values over any sequence of locations from <paramref name="origin"/> to each location
    /// (<see cref="long.MaxValue"/> where none reaches; unreachable pairs and values at or above
    /// <see cref="UnreachableValue"/> are no arc). A road matrix rounded per route may break the triangle inequality,
    /// so this can be less than the direct value. Worked out once per origin (Dijkstra on the dense matrix, O(size²))
    /// and kept: the matrix never changes, and the models of one day share it, so a day planned again request after
    /// request does not pay for it again. Thread-safe; callers must not change the returned row.
    /// </summary>
    internal long[] ShortestFrom(int origin)
    {
        var rows = Volatile.Read(ref shortest);
        if (rows is null)
        {
            Interlocked.CompareExchange(ref shortest, new long[]?[Size], null);
            rows = Volatile.Read(ref shortest)!;
        }

        if (Volatile.Read(ref rows[origin]) is { } known)
        {
            return known;
        }

        var distance = new long[Size];
        Array.Fill(distance, long.MaxValue);
        var done = new bool[Size];
        distance[origin] = 0;
        for (int round = 0; round < Size; round++)
        {
            int u = -1;
            for (int v = 0; v < Size; v++)
            {
                if (!done[v] && distance[v] != long.MaxValue && (u < 0 || distance[v] < distance[u]))
                {
                    u = v;
                }
            }

            if (u < 0)
            {
                break;
            }

            done[u] = true;
            var row = Row(u);
            for (int v = 0; v < Size; v++)
            {
                int arc = row[v];
                if (arc >= 0 && arc < UnreachableValue && distance[u] + arc < distance[v])
                {
                    distance[v] = distance[u] + arc;
                }
            }
        }

        // Two threads may work out the same row; both are the same, and the first stored is kept.
        return Interlocked.CompareExchange(ref rows[origin], distance, null) ?? distance;
    }
}
