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
}
