namespace Outreach.Geo.Roads;

/// <summary>
/// What keeping only the largest strongly connected component of a profile's graph removed: pieces a vehicle
/// could enter but not leave (or not reach), usually stray service roads or tracks OSM does not join. Immutable.
/// </summary>
/// <param name="ComponentCount">Strongly connected components before filtering.</param>
/// <param name="KeptNodes">Junction/end nodes in the kept component.</param>
/// <param name="DroppedNodes">Junction/end nodes removed.</param>
/// <param name="DroppedSegments">Segments (junction to junction) removed.</param>
/// <param name="DroppedMetres">Their total length in metres.</param>
/// <param name="DroppedWayIds">OSM ids of the ways that lost at least one segment, ascending.</param>
public sealed record ComponentReport(int ComponentCount, int KeptNodes, int DroppedNodes, int DroppedSegments, double DroppedMetres, IReadOnlyList<long> DroppedWayIds)
{
    /// <summary>One line for logs and the CLI.</summary>
    public string Summary() =>
        FormattableString.Invariant($"{ComponentCount} strongly connected components; kept {KeptNodes} nodes; dropped {DroppedNodes} nodes, {DroppedSegments} segments, {DroppedMetres / 1000:0.0} km on {DroppedWayIds.Count} ways");
}
