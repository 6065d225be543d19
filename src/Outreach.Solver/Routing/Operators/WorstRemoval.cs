namespace Outreach.Solver.Routing;

/// <summary>
/// Worst removal (Ropke &amp; Pisinger 2006): rank served tasks by what removing them saves (arcs of their route), then
/// take the task at rank floor(y^p x remaining) for uniform y, so the costliest go first but not always.
/// </summary>
internal sealed partial class Search
{
    /// <summary>Determinism p of the rank choice (Ropke &amp; Pisinger use 3).</summary>
    private const double WorstPower = 3;

    private void WorstRemoval()
    {
        int size = m.Size;
        int candidates = 0;
        foreach (var route in State.Routes)
        {
            var cost = route.Cost;
            var at = route.Location;
            for (int p = route.PinnedPrefix + 1; p <= route.Count; p++)
            {
                int s = route.Stops[p];
                if (m.StopIsDelivery[s])
                {
                    continue;
                }

                long saving = cost[(at[p - 1] * size) + at[p]] + cost[(at[p] * size) + at[p + 1]] - cost[(at[p - 1] * size) + at[p + 1]];
                int sibling = m.StopSibling[s];
                if (sibling >= 0)
                {
                    int q = State.StopPosition[sibling];
                    saving = q == p + 1
                        ? cost[(at[p - 1] * size) + at[p]] + cost[(at[p] * size) + at[q]] + cost[(at[q] * size) + at[q + 1]] - cost[(at[p - 1] * size) + at[q + 1]]
                        : saving + cost[(at[q - 1] * size) + at[q]] + cost[(at[q] * size) + at[q + 1]] - cost[(at[q - 1] * size) + at[q + 1]];
                }

                ruinTask[candidates] = m.StopTask[s];
                ruinKey[candidates] = -saving;
                candidates++;
            }
        }

        if (candidates == 0)
        {
            return;
        }

        Array.Sort(ruinKey, ruinTask, 0, candidates);
        int target = RemovalCount(candidates);
        int removedCount = 0;
        for (int k = 0; k < target; k++)
        {
            int index = (int)(Math.Pow(rng.NextDouble(), WorstPower) * candidates);
            removedCount = MarkRemoved(ruinTask[index], removedCount);
            candidates--;
            Array.Copy(ruinTask, index + 1, ruinTask, index, candidates - index);
        }

        FinishRemoval(removedCount);
    }
}
