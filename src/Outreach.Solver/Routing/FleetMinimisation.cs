namespace Outreach.Solver.Routing;

/// <summary>
/// Route minimisation for vehicles-first objectives (SISR fleet minimisation): empty a small route, then ruin and
/// recreate without new vehicles, accepting fewer unserved tasks or tasks that were absent less often.
/// </summary>
internal sealed partial class Search
{
    private void MinimiseFleet(double share)
    {
        if (State.UnassignedCount > 0)
        {
            return;
        }

        long sumAbsence = 0;
        while (Progress() < share)
        {
            if (State.UnassignedCount == 0)
            {
                SaveBest();
                bool removedRoute = false;
                for (int attempt = 0; attempt < 8 && !removedRoute && State.UsedVehicles > 1; attempt++)
                {
                    // Vehicles holding pinned tasks cannot be emptied; try another.
                    removedRoute = RemoveSmallRoute();
                }

                if (!removedRoute)
                {
                    return;
                }

                sumAbsence = AbsenceSum();
            }

            int before = State.UnassignedCount;
            BeginMove();
            StringRemoval();
            Recreate(allowNewVehicles: false, blink: BlinkRate);
            Iterations++;
            long candidateAbsence = AbsenceSum();
            for (int i = 0; i < State.UnassignedCount; i++)
            {
                absence[State.Unassigned[i]]++;
            }

            bool feasible = MoveFeasible();
            if (feasible && (State.UnassignedCount < before || candidateAbsence < sumAbsence))
            {
                sumAbsence = AbsenceSum();
            }
            else
            {
                Rollback();
                sumAbsence = AbsenceSum();
            }
        }
    }

    private long AbsenceSum()
    {
        long sum = 0;
        for (int i = 0; i < State.UnassignedCount; i++)
        {
            sum += absence[State.Unassigned[i]];
        }

        return sum;
    }

    private bool RemoveSmallRoute()
    {
        // The smaller of two random used vehicles: small routes are the easiest to empty.
        int chosen = -1;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            int v = RandomUsedVehicle();
            if (v >= 0 && (chosen < 0 || StopsOf(v) < StopsOf(chosen)))
            {
                chosen = v;
            }
        }

        if (chosen < 0)
        {
            return false;
        }

        for (int r = State.VehicleFirstRoute[chosen]; r < State.VehicleFirstRoute[chosen + 1]; r++)
        {
            var route = State.Routes[r];
            if (route.PinnedPrefix > 0)
            {
                return false;
            }

            for (int p = 1; p <= route.Count; p++)
            {
                if (m.TaskPinVehicle[m.StopTask[route.Stops[p]]] >= 0)
                {
                    return false;
                }
            }
        }

        for (int r = State.VehicleFirstRoute[chosen]; r < State.VehicleFirstRoute[chosen + 1]; r++)
        {
            var route = State.Routes[r];
            for (int p = 1; p <= route.Count; p++)
            {
                removed[route.Stops[p]] = true;
            }
        }

        for (int r = State.VehicleFirstRoute[chosen]; r < State.VehicleFirstRoute[chosen + 1]; r++)
        {
            var route = State.Routes[r];
            for (int p = 1; p <= route.Count; p++)
            {
                State.MarkUnassigned(m.StopTask[route.Stops[p]]);
            }

            State.CompactRoute(r, removed);
        }

        Array.Clear(removed);
        State.UpdateVehicle(chosen);
        if (State.Linked && !State.AllFeasible)
        {
            // Emptying it broke a vehicle linked to its tasks: back to the plan saved just before.
            RestoreBest();
            return false;
        }

        return true;
    }

    private int StopsOf(int v)
    {
        int count = 0;
        for (int r = State.VehicleFirstRoute[v]; r < State.VehicleFirstRoute[v + 1]; r++)
        {
            count += State.Routes[r].Count;
        }

        return count;
    }

    private int RandomUsedVehicle()
    {
        int used = State.UsedVehicles;
        if (used == 0)
        {
            return -1;
        }

        int k = rng.Next(used);
        for (int v = 0; v < m.VehicleCount; v++)
        {
            if (State.VehicleUsed[v] && k-- == 0)
            {
                return v;
            }
        }

        return -1;
    }
}
