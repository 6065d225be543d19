namespace Outreach.Solver.Rosters;

/// <summary>
/// One roster: for each officer and day the shift type index worked, or <see cref="RosterModel.Off"/>. At most one
/// shift per officer per day by construction. Not thread-safe for writing.
/// </summary>
public sealed class Roster
{
    private readonly int[] cells; // [o * DayCount + d]

    public Roster(int officerCount, int dayCount)
    {
        OfficerCount = officerCount;
        DayCount = dayCount;
        cells = new int[officerCount * dayCount];
        Array.Fill(cells, RosterModel.Off);
    }

    private Roster(int officerCount, int dayCount, int[] cells)
    {
        OfficerCount = officerCount;
        DayCount = dayCount;
        this.cells = cells;
    }

    public int OfficerCount { get; }
    public int DayCount { get; }

    public int this[int officer, int day]
    {
        get => cells[(officer * DayCount) + day];
        set => cells[(officer * DayCount) + day] = value;
    }

    /// <summary>The officer's row: one type index (or Off) per day.</summary>
    public Span<int> Row(int officer) => cells.AsSpan(officer * DayCount, DayCount);

    public Roster Clone() => new(OfficerCount, DayCount, (int[])cells.Clone());

    public void CopyFrom(Roster other) => other.cells.CopyTo(cells, 0);

    public bool SameAs(Roster other) => cells.AsSpan().SequenceEqual(other.cells);
}
