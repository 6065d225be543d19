namespace Outreach.Solver.Model;

/// <summary>
/// A closed interval of seconds [<see cref="StartSeconds"/>, <see cref="EndSeconds"/>] on the model's time axis
/// (seconds since the model's origin, chosen by the caller, e.g. midnight of the planning day). Service must start inside it.
/// </summary>
public readonly record struct TimeWindow(int StartSeconds, int EndSeconds)
{
    /// <summary>A window that never constrains (0 .. <see cref="MaxSeconds"/>).</summary>
    public static TimeWindow Always => new(0, MaxSeconds);

    /// <summary>Largest time value the model accepts; keeps sums of two times inside <see cref="int"/>.</summary>
    public const int MaxSeconds = 1_000_000_000;
}
