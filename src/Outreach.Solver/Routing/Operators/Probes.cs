namespace Outreach.Solver.Routing;

/// <summary>
/// Probes (<see cref="SearchOptions.Probes"/>): each group of tasks tried alone into the constructed plan and the plan put
/// back exactly as it was, so one model answers "would it fit?" for many variants of a request.
/// </summary>
internal sealed partial class Search
{
    /// <summary>
    /// Per probe group: whether its tasks fit into the current plan, inserted one after the other at their cheapest
    /// feasible positions (the order given, then the reverse, as a construction may take either leg first), with every
    /// vehicle (and every vehicle linked to it) still feasible. The plan is unchanged afterwards.
    /// </summary>
    /// <returns>Per group: whether it fits, and when it does, the service start of each of its stops (per task in the
    /// group's order: its pickup, then its delivery) in the exact schedule with the group in (models with links; else empty).</returns>
    public (bool[] Fits, int[][] Starts) Probe()
    {
        var fits = new bool[options.Probes.Count];
        var starts = new int[fits.Length][];
        var applied = new List<int>(4);
        for (int g = 0; g < fits.Length; g++)
        {
            var group = options.Probes[g];
            starts[g] = [];
            // The other order only when the first task went in and a later one did not: a task that fits nowhere alone
            // fits nowhere with the others in either (they only add constraints).
            fits[g] = TryGroup(group, reverse: false, applied, ref starts[g])
                || (group.Count > 1 && applied.Count > 0 && TryGroup(group, reverse: true, applied, ref starts[g]));
        }

        return (fits, starts);
    }

    private bool TryGroup(IReadOnlyList<int> group, bool reverse, List<int> applied, ref int[] starts)
    {
        int mark = State.UndoMark;
        applied.Clear();
        bool fits = true;
        for (int i = 0; i < group.Count; i++)
        {
            int task = group[reverse ? group.Count - 1 - i : i];
            var insertion = State.FindBest(task, allowNewVehicles: true, ref rng, 0);
            if (!insertion.Found || insertion.Delta >= m.TaskPenalty[task] || !State.TryApply(insertion, task))
            {
                fits = false;
                break;
            }

            applied.Add(task);
        }

        if (fits && State.Linked)
        {
            var times = new List<int>(2 * group.Count);
            foreach (int task in group)
            {
                int s = m.TaskFirstStop[task];
                times.Add(State.ScheduleStart[s]);
                if (m.TaskIsPair[task])
                {
                    times.Add(State.ScheduleStart[s + 1]);
                }
            }

            starts = [.. times];
        }

        // Back as it was: the stops out (last inserted first), each vehicle's cached data refreshed, and the exact
        // times and feasibility flags the insertions published restored from the undo log. (The tasks that went in stay
        // listed in applied for the caller.)
        for (int i = applied.Count - 1; i >= 0; i--)
        {
            int task = applied[i];
            int s = m.TaskFirstStop[task];
            var route = State.Routes[State.StopRoute[s]];
            if (m.TaskIsPair[task])
            {
                route.RemoveAt(State.StopPosition[s + 1]);
            }

            route.RemoveAt(State.StopPosition[s]);
            State.MarkUnassigned(task);
            State.RefreshVehicle(route.Vehicle);
        }

        State.Undo(mark);
        return fits;
    }
}
