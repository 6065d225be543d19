namespace Outreach.Solver.Rosters;

/// <summary>The best row found for one officer, its cost given the others, and whether the search was exhaustive.</summary>
public sealed record RowResult(int[] Row, long Cost, bool Exact);

/// <summary>
/// The best row for one officer given everyone else's: a dynamic programme over the days whose states carry the
/// resources the officer's hard rules need (last shift for rest, current run of work or rest, weekends, minutes in total
/// and in the week, shifts of limited types, evening and holiday counts for fairness). Cover and request costs are
/// separable by day given the others, so a state's cost is exact; fairness is added at the end from the counts. Exact
/// while each day keeps at most <see cref="MaxLabelsPerDay"/> states; beyond that it keeps the cheapest (a beam) and
/// says so. Also the repair: it honours pins and days off, so it mends a row broken by an edit. Not thread-safe (one
/// instance per thread); allocation per call is proportional to the states kept.
/// </summary>
public sealed class RowDp
{
    private readonly RosterModel model;
    private readonly long[] cellCost;   // [d * (T + 1) + t + 1]: cover and request cost of the officer on type t (or off) that day
    private readonly int[] staffed;     // [c]: officers counted for cover c, the officer being re-solved excluded

    public RowDp(RosterModel model, int maxLabelsPerDay = 20_000)
    {
        this.model = model;
        MaxLabelsPerDay = maxLabelsPerDay;
        cellCost = new long[model.DayCount * (model.ShiftTypeCount + 1)];
        staffed = new int[model.Covers.Count];
    }

    public int MaxLabelsPerDay { get; }

    /// <summary>True when the last <see cref="Solve"/> kept every state (its answer, a row or none, is exact).</summary>
    public bool LastSolveWasExact { get; private set; }

    /// <summary>The cost of the officer's current row given the others (the number <see cref="Solve"/> minimises).</summary>
    public long RowCost(Roster roster, int officer)
    {
        Prepare(roster, officer, out var fairness);
        long cost = 0;
        int evening = 0, holiday = 0;
        int stride = model.ShiftTypeCount + 1;
        for (int d = 0; d < model.DayCount; d++)
        {
            int t = roster[officer, d];
            cost += cellCost[(d * stride) + t + 1];
            if (t >= 0)
            {
                evening += model.IsEveningShift(t) ? 1 : 0;
                holiday += model.IsHolidayShift(d, t) ? 1 : 0;
            }
        }

        return cost + fairness.Cost(evening, holiday);
    }

    /// <summary>
    /// False when the officer's limits on shift types exceed what the states pack (more than 10 limited types, or a
    /// limit above 63 below the horizon's length): <see cref="Solve"/> then returns null without searching.
    /// </summary>
    public bool CanSolve(int officer)
    {
        int limited = 0;
        for (int t = 0; t < model.ShiftTypeCount; t++)
        {
            int max = model.MaxShiftsOfType(officer, t);
            if (max < model.DayCount && max > 0 && (++limited > 10 || max > 63))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The cheapest row for <paramref name="officer"/> that keeps every hard rule, or null if none exists (or <see cref="CanSolve"/> is false).</summary>
    public RowResult? Solve(Roster roster, int officer)
    {
        LastSolveWasExact = false;
        if (!CanSolve(officer))
        {
            return null;
        }

        Prepare(roster, officer, out var fairness);
        var spec = model.Officers[officer];
        int days = model.DayCount, types = model.ShiftTypeCount, stride = types + 1;
        int maxLength = model.ShiftTypes.Max(s => s.LengthMinutes);

        // Which resources this officer's rules need; the others stay 0 in every state so states merge.
        bool trackTotal = spec.MinTotalMinutes > 0 || spec.MaxTotalMinutes < days * maxLength;
        bool trackWeek = spec.MinWeekMinutes > 0 || spec.MaxWeekMinutes < 7 * maxLength;
        bool trackEvening = fairness.EveningWeight > 0;
        bool trackHoliday = fairness.HolidayWeight > 0;
        var history = model.HistoryOf(officer);
        bool maxWorkFinite = spec.MaxConsecutiveWorkDays < history.Length + days;
        var limitedSlot = new int[types];
        int limited = 0;
        for (int t = 0; t < types; t++)
        {
            int max = model.MaxShiftsOfType(officer, t);
            limitedSlot[t] = max < days && max > 0 ? limited++ : -1;
        }

        var start = new State(Unknown, 0, false, true, 0, 0, 0, 0, 0, 0);
        if (history.Length > 0)
        {
            bool work = history[^1] >= 0;
            int run = 0;
            while (run < history.Length && (history[history.Length - 1 - run] >= 0) == work)
            {
                run++;
            }

            int cap = work ? (maxWorkFinite ? spec.MaxConsecutiveWorkDays : spec.MinConsecutiveWorkDays) : spec.MinConsecutiveDaysOff;
            start = start with { Last = history[^1], Run = Math.Min(run, Math.Max(cap, 1)), RunWork = work, RunOpen = run == history.Length };
        }

        var layer = new Dictionary<State, int> { [start] = 0 };
        var labels = new List<Label> { new(start, 0, -1, Unknown) };
        bool exact = true;
        for (int d = 0; d < days; d++)
        {
            var next = new Dictionary<State, int>();
            bool weekStart = d % 7 == 0 && d > 0;
            int weekend = model.WeekendOf(d);
            int weekEnd = Math.Min(days - 1, ((d / 7) * 7) + 6);
            bool weekComplete = model.IsCompleteWeek(d / 7);
            foreach (var (state0, index) in layer)
            {
                var state = state0;
                if (weekStart)
                {
                    if (trackWeek && state.Week < spec.MinWeekMinutes)
                    {
                        continue;
                    }

                    state = state with { Week = 0 };
                }

                long baseCost = labels[index].Cost;
                for (int t = RosterModel.Off; t < types; t++)
                {
                    if (!model.CellAllows(officer, d, t) || (state.Last != Unknown && model.IsForbiddenSuccession(state.Last, t)))
                    {
                        continue;
                    }

                    bool work = t >= 0;
                    int run;
                    bool open;
                    if (state.Run == 0)
                    {
                        (run, open) = (1, true);
                    }
                    else if (work == state.RunWork)
                    {
                        if (work && maxWorkFinite && state.Run + 1 > spec.MaxConsecutiveWorkDays)
                        {
                            continue;
                        }

                        int cap = work ? (maxWorkFinite ? spec.MaxConsecutiveWorkDays : spec.MinConsecutiveWorkDays) : spec.MinConsecutiveDaysOff;
                        (run, open) = (Math.Min(state.Run + 1, Math.Max(cap, 1)), state.RunOpen);
                    }
                    else
                    {
                        if (!state.RunOpen && (state.RunWork ? state.Run < spec.MinConsecutiveWorkDays : state.Run < spec.MinConsecutiveDaysOff))
                        {
                            continue;
                        }

                        (run, open) = (1, false);
                    }

                    int weekends = state.Weekends;
                    if (work && weekend >= 0 && !(d > 0 && model.WeekendOf(d - 1) == weekend && state.Last >= 0))
                    {
                        if (++weekends > spec.MaxWorkingWeekends)
                        {
                            continue;
                        }
                    }

                    int length = work ? model.ShiftTypes[t].LengthMinutes : 0;
                    int total = trackTotal ? state.Total + length : 0;
                    int week = trackWeek ? state.Week + length : 0;
                    if (total > spec.MaxTotalMinutes || week > spec.MaxWeekMinutes
                        || (trackTotal && total + ((long)(days - 1 - d) * maxLength) < spec.MinTotalMinutes)
                        || (trackWeek && weekComplete && week + ((long)(weekEnd - d) * maxLength) < spec.MinWeekMinutes))
                    {
                        continue;
                    }

                    long counts = state.Counts;
                    if (work && limitedSlot[t] >= 0)
                    {
                        int shift = limitedSlot[t] * 6;
                        long count = ((counts >> shift) & 63) + 1;
                        if (count > model.MaxShiftsOfType(officer, t))
                        {
                            continue;
                        }

                        counts = (counts & ~(63L << shift)) | (count << shift);
                    }

                    var after = new State(
                        t, run, work, open, weekends, total, week,
                        trackEvening && work && model.IsEveningShift(t) ? state.Evening + 1 : state.Evening,
                        trackHoliday && work && model.IsHolidayShift(d, t) ? state.Holiday + 1 : state.Holiday,
                        counts);
                    long cost = baseCost + cellCost[(d * stride) + t + 1];
                    if (next.TryGetValue(after, out int existing))
                    {
                        if (cost < labels[existing].Cost)
                        {
                            labels[existing] = new(after, cost, index, t);
                        }
                    }
                    else
                    {
                        next[after] = labels.Count;
                        labels.Add(new(after, cost, index, t));
                    }
                }
            }

            if (next.Count > MaxLabelsPerDay)
            {
                // The cut keeps the cheapest state of each (minutes in 4-hour steps, last shift, run) first, so rows that must still reach
                // a minimum of minutes or a run length survive it, then the cheapest of the rest.
                exact = false;
                var ordered = next.OrderBy(p => labels[p.Value].Cost).ToList();
                var kept = new Dictionary<State, int>();
                var represented = new HashSet<(int, int, int, bool)>();
                foreach (var (state, index) in ordered)
                {
                    if (represented.Add((state.Total / 240, state.Last, state.Run, state.RunWork)))
                    {
                        kept[state] = index;
                    }
                }

                foreach (var (state, index) in ordered)
                {
                    if (kept.Count >= MaxLabelsPerDay)
                    {
                        break;
                    }

                    kept.TryAdd(state, index);
                }

                next = kept;
            }

            layer = next;
            if (layer.Count == 0)
            {
                LastSolveWasExact = exact;
                return null;
            }
        }

        int best = -1;
        long bestCost = long.MaxValue;
        bool lastWeekComplete = model.IsCompleteWeek((days - 1) / 7);
        foreach (var (state, index) in layer)
        {
            if ((trackTotal && state.Total < spec.MinTotalMinutes) || (trackWeek && lastWeekComplete && state.Week < spec.MinWeekMinutes))
            {
                continue;
            }

            long cost = labels[index].Cost + fairness.Cost(state.Evening, state.Holiday);
            if (cost < bestCost || (cost == bestCost && index < best))
            {
                (best, bestCost) = (index, cost);
            }
        }

        LastSolveWasExact = exact;
        if (best < 0)
        {
            return null;
        }

        var row = new int[days];
        for (int d = days - 1, i = best; d >= 0; d--)
        {
            row[d] = labels[i].Choice;
            i = labels[i].Previous;
        }

        return new RowResult(row, bestCost, exact);
    }

    private const int Unknown = -3;

    /// <summary>Fills cellCost and staffed for the officer given the others, and the others' fairness extremes.</summary>
    private void Prepare(Roster roster, int officer, out Fairness fairness)
    {
        int days = model.DayCount, types = model.ShiftTypeCount, stride = types + 1;
        Array.Clear(staffed);
        for (int o = 0; o < model.OfficerCount; o++)
        {
            if (o == officer)
            {
                continue;
            }

            for (int d = 0; d < days; d++)
            {
                int t = roster[o, d];
                if (t < 0)
                {
                    continue;
                }

                foreach (int c in model.CoversOf(d, t))
                {
                    if (model.HasSkill(o, model.CoverSkill(c)))
                    {
                        staffed[c]++;
                    }
                }
            }
        }

        Array.Clear(cellCost);
        for (int d = 0; d < days; d++)
        {
            for (int t = 0; t < types; t++)
            {
                long cost = 0;
                foreach (int c in model.CoversOf(d, t))
                {
                    if (model.HasSkill(officer, model.CoverSkill(c)))
                    {
                        cost += CoverCost(c, staffed[c] + 1) - CoverCost(c, staffed[c]);
                    }
                }

                cellCost[(d * stride) + t + 1] = cost;
            }
        }

        foreach (var request in model.Requests)
        {
            if (model.OfficerIndex(request.OfficerId) != officer)
            {
                continue;
            }

            int wanted = request.ShiftTypeId is null ? -1 : model.TypeIndex[request.ShiftTypeId];
            for (int t = RosterModel.Off; t < types; t++)
            {
                bool works = wanted < 0 ? t >= 0 : t == wanted;
                if (works != request.Work)
                {
                    cellCost[(request.Day * stride) + t + 1] += request.Weight;
                }
            }
        }

        fairness = new Fairness(0, 0, int.MinValue, int.MaxValue, int.MinValue, int.MaxValue);
        var group = model.Officers[officer].Group;
        bool anyOther = false;
        int maxEvening = int.MinValue, minEvening = int.MaxValue, maxHoliday = int.MinValue, minHoliday = int.MaxValue;
        for (int o = 0; o < model.OfficerCount; o++)
        {
            if (o == officer || !string.Equals(model.Officers[o].Group, group, StringComparison.Ordinal))
            {
                continue;
            }

            anyOther = true;
            int evening = 0, holiday = 0;
            for (int d = 0; d < days; d++)
            {
                int t = roster[o, d];
                if (t >= 0)
                {
                    evening += model.IsEveningShift(t) ? 1 : 0;
                    holiday += model.IsHolidayShift(d, t) ? 1 : 0;
                }
            }

            (maxEvening, minEvening) = (Math.Max(maxEvening, evening), Math.Min(minEvening, evening));
            (maxHoliday, minHoliday) = (Math.Max(maxHoliday, holiday), Math.Min(minHoliday, holiday));
        }

        if (anyOther)
        {
            fairness = new Fairness(model.EveningFairnessWeight, model.HolidayFairnessWeight, maxEvening, minEvening, maxHoliday, minHoliday);
        }
    }

    private long CoverCost(int c, int count)
    {
        var cover = model.Covers[c];
        return ((long)cover.ShortWeight * Math.Max(0, cover.Required - count)) + ((long)cover.OverWeight * Math.Max(0, count - cover.Required));
    }

    /// <summary>The fairness cost of the officer's group, others' extremes given, as a function of the officer's counts.</summary>
    private readonly record struct Fairness(int EveningWeight, int HolidayWeight, int MaxEvening, int MinEvening, int MaxHoliday, int MinHoliday)
    {
        public long Cost(int evening, int holiday)
            => (EveningWeight == 0 ? 0 : (long)EveningWeight * (Math.Max(MaxEvening, evening) - Math.Min(MinEvening, evening)))
             + (HolidayWeight == 0 ? 0 : (long)HolidayWeight * (Math.Max(MaxHoliday, holiday) - Math.Min(MinHoliday, holiday)));
    }

    /// <summary>A DP state after a day. Run is the length of the current run (0 before any day is known), capped where the rules stop caring.</summary>
    private readonly record struct State(int Last, int Run, bool RunWork, bool RunOpen, int Weekends, int Total, int Week, int Evening, int Holiday, long Counts);

    private readonly record struct Label(State State, long Cost, int Previous, int Choice);
}
