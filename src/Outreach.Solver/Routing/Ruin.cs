namespace Outreach.Solver.Routing;

/// <summary>The ruin operators the annealing loop chooses from (one file each under Operators/).</summary>
internal enum RuinOperator
{
    /// <summary>SISR strings of consecutive stops near a random stop: the workhorse.</summary>
    String,

    /// <summary>Tasks picked uniformly at random.</summary>
    Random,

    /// <summary>Tasks whose removal saves the most, with randomisation.</summary>
    Worst,

    /// <summary>Tasks related by place, time and load to those already removed (Shaw).</summary>
    Related,

    /// <summary>Every free task of one small trip.</summary>
    Route,
}

/// <summary>
/// Ruin: removes tasks with the chosen operator, then compacts the touched routes and updates their vehicles.
/// Pinned positions never move; a pair always leaves with both stops.
/// </summary>
internal sealed partial class Search
{
    /// <summary>Fewest tasks the random, worst and related removals take out.</summary>
    private const int MinRemoved = 4;

    internal void Ruin(RuinOperator op)
    {
        switch (op)
        {
            case RuinOperator.Random:
                RandomRemoval();
                break;
            case RuinOperator.Worst:
                WorstRemoval();
                break;
            case RuinOperator.Related:
                RelatedRemoval();
                break;
            case RuinOperator.Route:
                RouteRemoval();
                break;
            default:
                StringRemoval();
                break;
        }
    }

    /// <summary>How many tasks a random, worst or related removal takes: uniform in [4, 2 x SISR's mean], at most 40 % of <paramref name="available"/>.</summary>
    private int RemovalCount(int available)
    {
        int most = Math.Min((int)(2 * AverageRemoved), Math.Max(1, (int)(0.4 * available)));
        int least = Math.Min(MinRemoved, most);
        return Math.Min(available, rng.Next(least, most + 1));
    }

    /// <summary>True when the task is served, not yet removed and not pinned to its position.</summary>
    private bool CanRemove(int task)
    {
        int first = m.TaskFirstStop[task];
        return !m.TaskPinnedPosition[task] && State.StopRoute[first] >= 0 && !removed[first];
    }

    /// <summary>Flags a task's stops for removal (its route is backed up first); returns the new removed count.</summary>
    private int MarkRemoved(int task, int removedCount)
    {
        int first = m.TaskFirstStop[task];
        Touch(State.StopRoute[first]);
        removed[first] = true;
        if (m.TaskIsPair[task])
        {
            removed[first + 1] = true;
        }

        removedTasks[removedCount] = task;
        return removedCount + 1;
    }

    /// <summary>Takes the flagged stops out of the touched routes, marks their tasks unassigned and updates the vehicles.</summary>
    private void FinishRemoval(int removedCount)
    {
        for (int i = 0; i < touchedCount; i++)
        {
            State.CompactRoute(touched[i], removed);
        }

        for (int i = 0; i < removedCount; i++)
        {
            int task = removedTasks[i];
            int first = m.TaskFirstStop[task];
            removed[first] = false;
            if (m.TaskIsPair[task])
            {
                removed[first + 1] = false;
            }

            State.MarkUnassigned(task);
        }

        // Scheduled one by one, then settled once: with links each vehicle reads the others' times.
        int vehicles = 0;
        for (int i = 0; i < touchedCount; i++)
        {
            int v = State.Routes[touched[i]].Vehicle;
            if (i == 0 || !VehicleTouchedBefore(v, i))
            {
                State.ScheduleVehicle(v);
                touchedVehicles[vehicles++] = v;
            }
        }

        State.Settle(touchedVehicles.AsSpan(0, vehicles));
    }

    /// <summary>Number of served tasks that are not pinned to their position.</summary>
    private int RemovableCount()
    {
        int count = 0;
        foreach (var route in State.Routes)
        {
            for (int p = route.PinnedPrefix + 1; p <= route.Count; p++)
            {
                if (!m.StopIsDelivery[route.Stops[p]])
                {
                    count++;
                }
            }
        }

        return count;
    }

    private bool VehicleTouchedBefore(int v, int index)
    {
        for (int i = 0; i < index; i++)
        {
            if (State.Routes[touched[i]].Vehicle == v)
            {
                return true;
            }
        }

        return false;
    }
}
