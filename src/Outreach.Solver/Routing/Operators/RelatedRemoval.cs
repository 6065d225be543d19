namespace Outreach.Solver.Routing;

/// <summary>
/// Related (Shaw) removal (Shaw 1998; Ropke &amp; Pisinger 2006): start from a random task, then repeatedly take, among
/// the near neighbours of a random already removed task, one related to it by place (both stops), service time and
/// load, chosen at rank floor(y^p x candidates).
/// </summary>
internal sealed partial class Search
{
    /// <summary>Determinism p of the rank choice (Ropke &amp; Pisinger use 6).</summary>
    private const double RelatedPower = 6;

    /// <summary>Nearest stops of each stop considered as related candidates.</summary>
    private const int RelatedCandidates = 30;

    // Weights of distance, time and load in the relatedness (Ropke & Pisinger's 9, 3, 2 on normalised terms).
    private const double RelatedDistance = 9;
    private const double RelatedTime = 3;
    private const double RelatedLoad = 2;

    private void RelatedRemoval()
    {
        int available = RemovableCount();
        if (available == 0)
        {
            return;
        }

        int target = RemovalCount(available);
        int removedCount = 0;
        for (int attempt = 0; attempt < 64 && removedCount == 0; attempt++)
        {
            int task = m.StopTask[rng.Next(m.StopCount)];
            if (CanRemove(task))
            {
                removedCount = MarkRemoved(task, removedCount);
            }
        }

        while (removedCount > 0 && removedCount < target)
        {
            int from = removedTasks[rng.Next(removedCount)];
            int candidates = RelatedCandidatesOf(from);
            if (candidates == 0)
            {
                int task = -1;
                for (int attempt = 0; attempt < 64 && task < 0; attempt++)
                {
                    int t = m.StopTask[rng.Next(m.StopCount)];
                    task = CanRemove(t) ? t : -1;
                }

                if (task < 0)
                {
                    break;
                }

                removedCount = MarkRemoved(task, removedCount);
                continue;
            }

            Array.Sort(ruinKey, ruinTask, 0, candidates);
            int index = (int)(Math.Pow(rng.NextDouble(), RelatedPower) * candidates);
            removedCount = MarkRemoved(ruinTask[index], removedCount);
        }

        FinishRemoval(removedCount);
    }

    /// <summary>Fills ruinTask/ruinKey with removable tasks near <paramref name="task"/> and their relatedness (lower = closer).</summary>
    private int RelatedCandidatesOf(int task)
    {
        relatedStamp++;
        int count = 0;
        int first = m.TaskFirstStop[task];
        int stops = m.TaskIsPair[task] ? 2 : 1;
        for (int k = 0; k < stops; k++)
        {
            var neighbours = m.Neighbours[first + k];
            int n = Math.Min(RelatedCandidates, neighbours.Length);
            for (int i = 0; i < n; i++)
            {
                int other = m.StopTask[neighbours[i]];
                if (relatedSeen[other] == relatedStamp || !CanRemove(other))
                {
                    continue;
                }

                relatedSeen[other] = relatedStamp;
                ruinTask[count] = other;
                ruinKey[count] = Relatedness(task, other);
                count++;
            }
        }

        return count;
    }

    private double Relatedness(int a, int b)
    {
        var cost = m.ArcCost[0];
        int size = m.Size;
        int sa = m.TaskFirstStop[a];
        int sb = m.TaskFirstStop[b];
        double distance = cost[(m.StopLocation[sa] * size) + m.StopLocation[sb]];
        double time = Math.Abs((double)StartOf(sa) - StartOf(sb));
        if (m.TaskIsPair[a] && m.TaskIsPair[b])
        {
            distance += cost[(m.StopLocation[sa + 1] * size) + m.StopLocation[sb + 1]];
            time += Math.Abs((double)StartOf(sa + 1) - StartOf(sb + 1));
        }

        var scales = RelatedScales;
        return (RelatedDistance * distance / scales.Distance) + (RelatedTime * time / scales.Time)
            + (RelatedLoad * Math.Abs(taskDemand[a] - taskDemand[b]) / scales.Load);
    }

    /// <summary>Earliest service start of a served stop in its route.</summary>
    private int StartOf(int stop) => State.Routes[State.StopRoute[stop]].Early[State.StopPosition[stop]];
}
