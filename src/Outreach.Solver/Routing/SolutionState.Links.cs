namespace Outreach.Solver.Routing;

/// <summary>
/// Links between vehicles, and exact undo. A link couples the schedules of the vehicles serving its two tasks: each
/// vehicle's exact schedule reads the published times (<see cref="ScheduleStart"/>, <see cref="ScheduleEnd"/>) of the
/// linked stops on other vehicles, and its own latest-start schedule moves when theirs move. So after a vehicle changes,
/// every vehicle holding a stop linked to another vehicle is re-scheduled, round after round, until a round changes no
/// published time (the state is then a fixed point: re-scheduling any vehicle gives the same times, so the plan read out
/// at the end is the one checked, and the times of both ends of every link agree). A failure or no fixed point within a
/// few rounds makes the changed vehicles infeasible, so the move is refused. Published times and feasibility flags are
/// changed only through an undo log, so refusing a move puts them back exactly instead of re-scheduling (which, with
/// links, could drift to other times or fail).
/// </summary>
internal sealed partial class SolutionState
{
    /// <summary>Rounds over the coupled vehicles before a change is declared infeasible.</summary>
    private const int MaxSettleRounds = 8;

    // Undo log: key >= 0 is a stop whose published start and end were (a, b); key < 0 is vehicle -key - 1 whose
    // feasibility flag was a (0 or 1).
    private int[] undoKey = new int[64];
    private int[] undoA = new int[64];
    private int[] undoB = new int[64];

    // Settle's rounds: vehicles whose published times moved in the round before, and in this one.
    private bool[]? settleMoved;
    private bool[]? settleNext;
    private bool settleFirstRound;

    /// <summary>True when the model has links, so published times matter and vehicles are settled together.</summary>
    public bool Linked => M.InLinkOther.Length > 0;

    /// <summary>Position in the undo log; <see cref="Undo"/> returns to it.</summary>
    public int UndoMark { get; private set; }

    /// <summary>Forgets the undo log (the current state becomes the one nothing goes back past).</summary>
    public void ClearUndo() => UndoMark = 0;

    /// <summary>
    /// Puts back the published times and feasibility flags changed since <paramref name="mark"/>. The caller restores
    /// the routes and calls <see cref="RefreshVehicle"/> on the vehicles whose routes it changed.
    /// </summary>
    public void Undo(int mark)
    {
        for (int i = UndoMark - 1; i >= mark; i--)
        {
            int key = undoKey[i];
            if (key >= 0)
            {
                ScheduleStart[key] = undoA[i];
                ScheduleEnd[key] = undoB[i];
            }
            else
            {
                VehicleFeasible[-key - 1] = undoA[i] != 0;
            }
        }

        UndoMark = Math.Min(UndoMark, mark);
    }

    /// <summary>Publishes one stop's exact service start and end (logged for <see cref="Undo"/>); true when they changed.</summary>
    public bool PublishStop(int stop, int start, int end)
    {
        if (ScheduleStart[stop] == start && ScheduleEnd[stop] == end)
        {
            return false;
        }

        Log(stop, ScheduleStart[stop], ScheduleEnd[stop]);
        ScheduleStart[stop] = start;
        ScheduleEnd[stop] = end;
        return true;
    }

    /// <summary>
    /// Re-schedules the vehicles coupled by links after <paramref name="changed"/> were scheduled (the last one with the
    /// others as they are now), until no published time changes. A vehicle's schedule depends only on its own trips and
    /// the published times of the stops linked to its own, so each round re-schedules only the vehicles linked to one
    /// whose times moved in the round before (at first: the changed ones). Marks the changed vehicles infeasible when a
    /// coupled vehicle fails or the rounds run out.
    /// </summary>
    public void Settle(ReadOnlySpan<int> changed)
    {
        if (!Linked || changed.IsEmpty)
        {
            return;
        }

        foreach (int v in changed)
        {
            if (!VehicleFeasible[v])
            {
                // The move is refused anyway; the coupled vehicles are settled when it is undone or repaired.
                return;
            }
        }

        settleMoved ??= new bool[M.VehicleCount];
        settleNext ??= new bool[M.VehicleCount];
        Array.Clear(settleMoved);
        foreach (int v in changed)
        {
            settleMoved[v] = true;
        }

        for (int round = 0; round < MaxSettleRounds; round++)
        {
            Array.Clear(settleNext);
            settleFirstRound = round == 0;
            bool moved = false;
            for (int w = 0; w < M.VehicleCount; w++)
            {
                if ((round == 0 && w == changed[^1]) || !VehicleUsed[w] || !RouteFeasible[w] || !LinkedToMoved(w))
                {
                    continue;
                }

                if (!Scheduler.Evaluate(this, w, -1, -1, -1, -1, -1))
                {
                    SetFeasible(w, false);
                    MarkInfeasible(changed);
                    return;
                }

                if (Scheduler.Publish(this))
                {
                    settleNext[w] = true;
                    moved = true;
                }

                SetFeasible(w, true);
            }

            if (!moved)
            {
                return;
            }

            (settleMoved, settleNext) = (settleNext, settleMoved);
        }

        MarkInfeasible(changed);
    }

    /// <summary>
    /// Schedules <paramref name="vehicles"/> (whose routes were filled without scheduling, every stop on its vehicle)
    /// together, as a plan given back to the engine: first every vehicle's least schedule with only the lower bounds its
    /// partners' times put on its stops (a link is a pair of difference constraints, so every bound one vehicle puts on
    /// another is also a lower bound on that other: the least times of the linked system are the limit of these rounds),
    /// repeated until no time moves; then each vehicle scheduled in full against the others and settled. True when every
    /// vehicle is then feasible; false (the caller undoes) when a vehicle has no schedule, the rounds run out, or the
    /// full check fails. Scheduling the vehicles one by one instead makes the first ones take their earliest times with
    /// nobody to hold them back, and a later one linked to them may then find no time at all, although the plan it
    /// comes from had one.
    /// </summary>
    public bool SettleTogether(ReadOnlySpan<int> vehicles) => SettleTogether(vehicles, out _);

    /// <summary>As <see cref="SettleTogether(ReadOnlySpan{int})"/>; when false, <paramref name="failing"/> is the vehicle that had no schedule (-1 when none can be named: the rounds ran out).</summary>
    public bool SettleTogether(ReadOnlySpan<int> vehicles, out int failing)
    {
        failing = -1;
        if (!Linked || !M.NeedsFullCheck)
        {
            return false;
        }

        foreach (int v in vehicles)
        {
            if (!RefreshVehicle(v) || M.Breaks[v].Length > 0)
            {
                failing = v;
                return false;
            }
        }

        Scheduler.RelaxPartnerDeadlines = true;
        try
        {
            bool moved = true;
            for (int round = 0; moved && round < MaxTogetherRounds; round++)
            {
                moved = false;
                foreach (int v in vehicles)
                {
                    if (!VehicleUsed[v])
                    {
                        continue;
                    }

                    if (!Scheduler.Evaluate(this, v, -1, -1, -1, -1, -1))
                    {
                        failing = v;
                        return false;
                    }

                    moved |= Scheduler.PublishLeast(this);
                }
            }

            if (moved)
            {
                return false;
            }
        }
        finally
        {
            Scheduler.RelaxPartnerDeadlines = false;
        }

        foreach (int v in vehicles)
        {
            ScheduleVehicle(v);
            if (!VehicleFeasible[v])
            {
                failing = v;
                return false;
            }
        }

        Settle(vehicles);
        foreach (int v in vehicles)
        {
            if (!VehicleFeasible[v])
            {
                failing = v;
                return false;
            }
        }

        return true;
    }

    private const int MaxTogetherRounds = 64;

    private void MarkInfeasible(ReadOnlySpan<int> vehicles)
    {
        foreach (int v in vehicles)
        {
            SetFeasible(v, false);
        }
    }

    private void SetFeasible(int v, bool feasible)
    {
        if (VehicleFeasible[v] != feasible)
        {
            Log(-v - 1, VehicleFeasible[v] ? 1 : 0, 0);
            VehicleFeasible[v] = feasible;
        }
    }

    private void Log(int key, int a, int b)
    {
        if (UndoMark == undoKey.Length)
        {
            Array.Resize(ref undoKey, undoKey.Length * 2);
            Array.Resize(ref undoA, undoA.Length * 2);
            Array.Resize(ref undoB, undoB.Length * 2);
        }

        undoKey[UndoMark] = key;
        undoA[UndoMark] = a;
        undoB[UndoMark] = b;
        UndoMark++;
    }

    /// <summary>True when a stop of vehicle <paramref name="v"/> is linked to a stop served by another vehicle whose times moved.</summary>
    private bool LinkedToMoved(int v)
    {
        for (int r = VehicleFirstRoute[v]; r < VehicleFirstRoute[v + 1]; r++)
        {
            var route = Routes[r];
            for (int p = 1; p <= route.Count; p++)
            {
                int s = route.Stops[p];
                for (int l = M.InLinkOffset[s]; l < M.InLinkOffset[s + 1]; l++)
                {
                    if (OnMovedVehicle(M.InLinkOther[l], v))
                    {
                        return true;
                    }
                }

                for (int l = M.OutLinkOffset[s]; l < M.OutLinkOffset[s + 1]; l++)
                {
                    if (OnMovedVehicle(M.OutLinkOther[l], v))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool OnMovedVehicle(int stop, int v)
    {
        if (StopRoute[stop] < 0)
        {
            // Its partner may have just left a changed vehicle: the bound it gave is gone.
            return settleFirstRound;
        }

        int other = Routes[StopRoute[stop]].Vehicle;
        return other != v && settleMoved![other];
    }

    private bool OnOtherVehicle(int stop, int v) => StopRoute[stop] >= 0 && Routes[StopRoute[stop]].Vehicle != v;
}
