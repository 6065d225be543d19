namespace Outreach.Solver.Routing;

/// <summary>
/// Or-opt: move a chain of two or three consecutive stops starting at u next to a neighbour v (Or 1976): right after v
/// as it is (new arc v -> u), or right before v reversed (new arc u -> v); the other two placements would not link u
/// to v, so the granular neighbourhood leaves them out. A chain holding a whole pair may change route; see
/// <see cref="EvaluateSegmentMove"/>.
/// </summary>
internal sealed partial class LocalSearch
{
    private const int MaxChain = 3;

    private bool TryOrOpt(int u, int v)
    {
        int ru = state.StopRoute[u];
        int rv = state.StopRoute[v];
        int pu = state.StopPosition[u];
        int pv = state.StopPosition[v];
        int room = state.Routes[ru].Count - pu + 1;
        for (int length = 2; length <= Math.Min(MaxChain, room); length++)
        {
            if (ru == rv && pv >= pu && pv < pu + length)
            {
                continue; // v is inside the chain
            }

            if (TrySegmentMove(ru, pu, length, false, rv, pv) || TrySegmentMove(ru, pu, length, true, rv, pv - 1))
            {
                return true;
            }
        }

        return false;
    }
}
