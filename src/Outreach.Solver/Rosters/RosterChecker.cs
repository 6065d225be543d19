namespace Outreach.Solver.Rosters;

/// <summary>The hard rules of a roster, as codes (sentences are made in Planning).</summary>
public enum RosterRule
{
    /// <summary>The officer lacks a skill the shift type requires.</summary>
    Skill,

    /// <summary>A day that must be off (leave, exam) has a shift.</summary>
    DayOff,

    /// <summary>A pinned cell holds something else.</summary>
    Pin,

    /// <summary>A shift follows one it may not follow on the next day (too little rest).</summary>
    Rest,
    MaxConsecutiveWorkDays,
    MinConsecutiveWorkDays,
    MinConsecutiveDaysOff,
    MaxWorkingWeekends,
    MaxShiftsOfType,
    MinTotalMinutes,
    MaxTotalMinutes,
    MinWeekMinutes,
    MaxWeekMinutes,
}

/// <summary>A broken hard rule: which officer, from which day (-1 for a rule over the horizon), and the figures.</summary>
public sealed record RosterViolation(RosterRule Rule, int Officer, int Day, string Detail);

/// <summary>The soft costs of a roster by component; <see cref="Total"/> is what the solvers minimise.</summary>
public readonly record struct RosterCost(long CoverShort, long CoverOver, long Requests, long EveningFairness, long HolidayFairness)
{
    public long Total => CoverShort + CoverOver + Requests + EveningFairness + HolidayFairness;

    public override string ToString()
        => $"total {Total} (cover short {CoverShort}, cover over {CoverOver}, requests {Requests}, evening fairness {EveningFairness}, holiday fairness {HolidayFairness})";
}

/// <summary>A checked roster: hard-rule violations, soft costs, and per cover the officers counted.</summary>
public sealed record RosterEvaluation(IReadOnlyList<RosterViolation> Violations, RosterCost Cost, IReadOnlyList<int> CoverStaffed)
{
    public bool IsFeasible => Violations.Count == 0;
}

/// <summary>
/// The independent checker: recomputes every hard rule and soft cost of a roster from the model's specifications,
/// sharing no code with the solvers, so a test can run it on every roster they return. Stateless and thread-safe.
/// </summary>
public static class RosterChecker
{
    public static RosterEvaluation Check(RosterModel model, Roster roster)
    {
        if (roster.OfficerCount != model.OfficerCount || roster.DayCount != model.DayCount)
        {
            throw new ArgumentException($"roster is {roster.OfficerCount}x{roster.DayCount}, model {model.OfficerCount}x{model.DayCount}", nameof(roster));
        }

        var violations = new List<RosterViolation>();
        for (int o = 0; o < model.OfficerCount; o++)
        {
            violations.AddRange(OfficerViolations(model, roster, o));
        }

        var staffed = new int[model.Covers.Count];
        long shortCost = 0, overCost = 0;
        for (int c = 0; c < model.Covers.Count; c++)
        {
            var cover = model.Covers[c];
            for (int o = 0; o < model.OfficerCount; o++)
            {
                int t = roster[o, cover.Day];
                if (t >= 0 && Counts(model, cover, model.ShiftTypes[t]) && (cover.Skill is null || model.Officers[o].Skills.Contains(cover.Skill, StringComparer.Ordinal)))
                {
                    staffed[c]++;
                }
            }

            shortCost += (long)cover.ShortWeight * Math.Max(0, cover.Required - staffed[c]);
            overCost += (long)cover.OverWeight * Math.Max(0, staffed[c] - cover.Required);
        }

        long requestCost = 0;
        foreach (var request in model.Requests)
        {
            int t = roster[model.OfficerIndex(request.OfficerId), request.Day];
            bool works = request.ShiftTypeId is null ? t >= 0 : t >= 0 && model.ShiftTypes[t].Id == request.ShiftTypeId;
            if (works != request.Work)
            {
                requestCost += request.Weight;
            }
        }

        long evening = 0, holiday = 0;
        foreach (var group in model.Officers.Select((x, i) => (x.Group, i)).GroupBy(p => p.Group, StringComparer.Ordinal))
        {
            var members = group.Select(p => p.i).ToList();
            if (members.Count < 2)
            {
                continue;
            }

            var eveningCounts = members.Select(o => Enumerable.Range(0, model.DayCount).Count(d => roster[o, d] >= 0 && model.ShiftTypes[roster[o, d]].Kind is RosterShiftKind.Evening or RosterShiftKind.Night)).ToList();
            var holidayCounts = members.Select(o => Enumerable.Range(0, model.DayCount).Count(d => roster[o, d] >= 0 && (model.IsHoliday(d) || model.ShiftTypes[roster[o, d]].Kind == RosterShiftKind.Holiday))).ToList();
            evening += (long)model.EveningFairnessWeight * (eveningCounts.Max() - eveningCounts.Min());
            holiday += (long)model.HolidayFairnessWeight * (holidayCounts.Max() - holidayCounts.Min());
        }

        return new RosterEvaluation(violations, new RosterCost(shortCost, overCost, requestCost, evening, holiday), staffed);
    }

    /// <summary>True when an officer on <paramref name="type"/> that day counts for <paramref name="cover"/> (skill aside).</summary>
    public static bool Counts(RosterModel model, RosterCoverSpec cover, RosterShiftTypeSpec type)
        => cover.ShiftTypeId is not null
            ? cover.ShiftTypeId == type.Id
            : type.StartMinute <= cover.BlockStartMinute && type.EndMinute >= cover.BlockEndMinute && (cover.Kinds is null || cover.Kinds.Contains(type.Kind));

    /// <summary>Every hard rule one officer's row breaks, in day order within each rule.</summary>
    public static List<RosterViolation> OfficerViolations(RosterModel model, Roster roster, int o)
    {
        var result = new List<RosterViolation>();
        var officer = model.Officers[o];
        int days = model.DayCount;
        string TypeId(int t) => t < 0 ? "off" : model.ShiftTypes[t].Id;

        for (int d = 0; d < days; d++)
        {
            int t = roster[o, d];
            if (t >= 0)
            {
                var type = model.ShiftTypes[t];
                var missing = (type.RequiredSkills ?? []).FirstOrDefault(s => !officer.Skills.Contains(s, StringComparer.Ordinal));
                if (missing is not null)
                {
                    result.Add(new(RosterRule.Skill, o, d, $"{type.Id} needs {missing}"));
                }

                if (officer.DaysOff.Contains(d))
                {
                    result.Add(new(RosterRule.DayOff, o, d, $"{type.Id} on a day off"));
                }
            }
        }

        foreach (var pin in model.Pins.Where(p => p.OfficerId == officer.Id))
        {
            int want = pin.ShiftTypeId is null ? RosterModel.Off : model.TypeIndex[pin.ShiftTypeId];
            if (roster[o, pin.Day] != want)
            {
                result.Add(new(RosterRule.Pin, o, pin.Day, $"pinned {TypeId(want)}, has {TypeId(roster[o, pin.Day])}"));
            }
        }

        // The known sequence: the previous roster's days (negative indices) then the horizon.
        var history = officer.History;
        int h = history.Count;
        var seq = new int[h + days];
        for (int i = 0; i < h; i++)
        {
            seq[i] = history[i] is { } id ? model.TypeIndex[id] : RosterModel.Off;
        }

        for (int d = 0; d < days; d++)
        {
            seq[h + d] = roster[o, d];
        }

        for (int i = Math.Max(1, h); i < seq.Length; i++)
        {
            int a = seq[i - 1], b = seq[i];
            if (a >= 0 && b >= 0)
            {
                var first = model.ShiftTypes[a];
                var next = model.ShiftTypes[b];
                int restMinutes = 1440 + next.StartMinute - first.EndMinute;
                if (restMinutes < model.MinRestMinutes || restMinutes < 0 || model.IsForbiddenSuccession(a, b))
                {
                    result.Add(new(RosterRule.Rest, o, i - h, $"{next.Id} after {first.Id}: {restMinutes} minutes of rest"));
                }
            }
        }

        // Runs of working days and days off over the known sequence.
        int start = 0;
        while (start < seq.Length)
        {
            bool work = seq[start] >= 0;
            int end = start;
            while (end + 1 < seq.Length && (seq[end + 1] >= 0) == work)
            {
                end++;
            }

            int length = end - start + 1;
            bool touchesHorizon = end >= h;
            bool boundedBefore = start > 0;         // the day before the run is known
            bool boundedAfter = end < seq.Length - 1; // the day after the run is in the horizon
            if (touchesHorizon && work && length > officer.MaxConsecutiveWorkDays)
            {
                result.Add(new(RosterRule.MaxConsecutiveWorkDays, o, Math.Max(0, start - h), $"{length} working days in a row"));
            }

            // A run of the previous roster that day 0 ends is this roster's doing too: held to the minimum.
            if (end + 1 >= h && boundedBefore && boundedAfter)
            {
                if (work && length < officer.MinConsecutiveWorkDays)
                {
                    result.Add(new(RosterRule.MinConsecutiveWorkDays, o, Math.Max(0, start - h), $"{length} working days in a row"));
                }
                else if (!work && length < officer.MinConsecutiveDaysOff)
                {
                    result.Add(new(RosterRule.MinConsecutiveDaysOff, o, Math.Max(0, start - h), $"{length} days off in a row"));
                }
            }

            start = end + 1;
        }

        var weekendsWorked = Enumerable.Range(0, days)
            .Where(d => roster[o, d] >= 0 && model.DateOf(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            .Select(d => model.DateOf(d).DayOfWeek == DayOfWeek.Sunday ? model.DateOf(d).AddDays(-1) : model.DateOf(d))
            .Distinct()
            .ToList();
        if (weekendsWorked.Count > officer.MaxWorkingWeekends)
        {
            int firstTooMany = Math.Max(0, weekendsWorked[officer.MaxWorkingWeekends].DayNumber - model.StartDate.DayNumber);
            result.Add(new(RosterRule.MaxWorkingWeekends, o, firstTooMany, $"{weekendsWorked.Count} weekends worked, at most {officer.MaxWorkingWeekends}"));
        }

        for (int t = 0; t < model.ShiftTypeCount; t++)
        {
            var id = model.ShiftTypes[t].Id;
            int count = Enumerable.Range(0, days).Count(d => roster[o, d] == t);
            if (officer.MaxShiftsPerType.TryGetValue(id, out int max) && count > max)
            {
                result.Add(new(RosterRule.MaxShiftsOfType, o, -1, $"{count} shifts {id}, at most {max}"));
            }
        }

        int total = Enumerable.Range(0, days).Sum(d => roster[o, d] >= 0 ? model.ShiftTypes[roster[o, d]].LengthMinutes : 0);
        if (total < officer.MinTotalMinutes)
        {
            result.Add(new(RosterRule.MinTotalMinutes, o, -1, $"{total} minutes, at least {officer.MinTotalMinutes}"));
        }

        if (total > officer.MaxTotalMinutes)
        {
            result.Add(new(RosterRule.MaxTotalMinutes, o, -1, $"{total} minutes, at most {officer.MaxTotalMinutes}"));
        }

        for (int week = 0; week * 7 < days; week++)
        {
            int first = week * 7, last = Math.Min(days - 1, first + 6);
            int minutes = Enumerable.Range(first, last - first + 1).Sum(d => roster[o, d] >= 0 ? model.ShiftTypes[roster[o, d]].LengthMinutes : 0);
            if (minutes > officer.MaxWeekMinutes)
            {
                result.Add(new(RosterRule.MaxWeekMinutes, o, first, $"{minutes} minutes in the week, at most {officer.MaxWeekMinutes}"));
            }

            if (last - first == 6 && minutes < officer.MinWeekMinutes)
            {
                result.Add(new(RosterRule.MinWeekMinutes, o, first, $"{minutes} minutes in the week, at least {officer.MinWeekMinutes}"));
            }
        }

        return result;
    }
}
