namespace Outreach.Solver.Routing;

/// <summary>Random removal (Ropke &amp; Pisinger 2006): tasks picked uniformly among the served, unpinned ones.</summary>
internal sealed partial class Search
{
    private void RandomRemoval()
    {
        int available = RemovableCount();
        if (available == 0)
        {
            return;
        }

        int target = RemovalCount(available);
        int removedCount = 0;
        for (int attempt = 0; attempt < 20 * target && removedCount < target; attempt++)
        {
            int task = m.StopTask[rng.Next(m.StopCount)];
            if (CanRemove(task))
            {
                removedCount = MarkRemoved(task, removedCount);
            }
        }

        FinishRemoval(removedCount);
    }
}
