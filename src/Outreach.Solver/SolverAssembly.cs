namespace Outreach.Solver;

/// <summary>Marker for the solver assembly (used by layout tests and reflection-free lookups).</summary>
public static class SolverAssembly
{
    /// <summary>Version of the JSON model format this engine reads and writes.</summary>
    public const int ModelFormatVersion = 1;
}
