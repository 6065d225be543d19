using System.Globalization;
using Google.OrTools.Sat;
using Outreach.Solver.Rosters;

namespace Outreach.Rostering;

/// <summary>
/// The roster model as a CP-SAT model: one Boolean per allowed (officer, day, shift type), every hard rule as a
/// constraint, the soft costs as the objective (the same numbers as <see cref="RosterChecker"/>). Built once; a
/// large-neighbourhood step fixes the cells it keeps by narrowing their variables' domains in the proto and restores
/// them afterwards. Not thread-safe.
/// </summary>
internal sealed class CpSatRosterModel
{
    private readonly RosterModel model;
    private readonly CpModel cp = new();
    private readonly BoolVar?[] cell;  // [(o * D + d) * T + t]: the officer works type t that day; null where a cell rule forbids it
    private readonly BoolVar[] works;  // [o * D + d]: the officer works that day
    private readonly List<(int Index, long[] Domain)> narrowed = [];
    private readonly Dictionary<int, (int O, int D, int T)> cellOf = []; // proto index of a cell variable -> its cell
    private readonly List<(IntVar Variable, Func<Roster, long> Value)> derived = []; // auxiliary variables and their value in a roster, for complete hints

    public CpSatRosterModel(RosterModel model)
    {
        this.model = model;
        int officers = model.OfficerCount, days = model.DayCount, types = model.ShiftTypeCount;
        cell = new BoolVar?[officers * days * types];
        works = new BoolVar[officers * days];
        var objective = new List<LinearExpr>();
        long constant = 0;

        for (int o = 0; o < officers; o++)
        {
            var history = model.HistoryOf(o);
            for (int d = 0; d < days; d++)
            {
                var here = new List<ILiteral>();
                for (int t = 0; t < types; t++)
                {
                    bool restOk = d > 0 || history.Length == 0 || !model.IsForbiddenSuccession(history[^1], t);
                    if (model.CellAllows(o, d, t) && restOk)
                    {
                        var x = cp.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"x{o}_{d}_{t}"));
                        cell[Cell(o, d, t)] = x;
                        cellOf[x.GetIndex()] = (o, d, t);
                        here.Add(x);
                    }
                }

                var w = cp.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"w{o}_{d}"));
                works[(o * days) + d] = w;
                int officer = o, day = d;
                derived.Add((w, r => r[officer, day] >= 0 ? 1 : 0));
                cp.Add(LinearExpr.Sum(here.Cast<BoolVar>()) == w);
                if (model.PinOf(o, d) is { } pin && pin >= 0)
                {
                    cp.Add(w == 1); // the pinned type is the only variable left in the cell
                }
            }

            AddRest(o);
            AddRuns(o);
            AddWeekends(o);
            AddMinutesAndCounts(o);
        }

        for (int c = 0; c < model.Covers.Count; c++)
        {
            var cover = model.Covers[c];
            var staffed = new List<BoolVar>();
            for (int o = 0; o < officers; o++)
            {
                if (!model.HasSkill(o, model.CoverSkill(c)))
                {
                    continue;
                }

                for (int t = 0; t < types; t++)
                {
                    if (model.CoverIncludesType(c, t) && cell[Cell(o, cover.Day, t)] is { } x)
                    {
                        staffed.Add(x);
                    }
                }
            }

            var shortBy = cp.NewIntVar(0, cover.Required, $"short{c}");
            var counted = staffed.ToArray();
            long Staffed(Roster r) => counted.Count(x => Value(r, x));
            derived.Add((shortBy, r => Math.Max(0, cover.Required - Staffed(r))));
            if (cover.OverWeight > 0)
            {
                var overBy = cp.NewIntVar(0, Math.Max(0, staffed.Count - cover.Required), $"over{c}");
                derived.Add((overBy, r => Math.Max(0, Staffed(r) - cover.Required)));
                cp.Add(LinearExpr.Sum(staffed) + shortBy - overBy == cover.Required);
                objective.Add(LinearExpr.Term(overBy, cover.OverWeight));
            }
            else
            {
                cp.Add(LinearExpr.Sum(staffed) + shortBy >= cover.Required);
            }

            objective.Add(LinearExpr.Term(shortBy, cover.ShortWeight));
        }

        foreach (var request in model.Requests)
        {
            int o = model.OfficerIndex(request.OfficerId);
            LinearExpr worked = request.ShiftTypeId is null
                ? works[(o * days) + request.Day]
                : (LinearExpr?)cell[Cell(o, request.Day, model.TypeIndex[request.ShiftTypeId])] ?? LinearExpr.Constant(0);
            if (request.Work)
            {
                constant += request.Weight;                           // w * (1 - worked)
                objective.Add(LinearExpr.Term(worked, -request.Weight));
            }
            else
            {
                objective.Add(LinearExpr.Term(worked, request.Weight));
            }
        }

        foreach (var group in model.FairnessGroups())
        {
            AddFairness(group, model.EveningFairnessWeight, (d, t) => model.IsEveningShift(t), objective);
            AddFairness(group, model.HolidayFairnessWeight, model.IsHolidayShift, objective);
        }

        objective.Add(LinearExpr.Constant(constant));
        cp.Minimize(LinearExpr.Sum(objective));
    }

    public int VariableCount => cp.Model.Variables.Count;

    /// <summary>CP-SAT parameters in text form put before the limits (e.g. "log_search_progress:true ").</summary>
    internal string ExtraParameters { get; set; } = "";

    /// <summary>Solves with the given limits, starting from <paramref name="hint"/>; the roster is null when none was found.</summary>
    public (Roster? Roster, CpSolverStatus Status, long Objective, long Bound) Solve(double seconds, long seed, int workers, Roster? hint, bool wholeModel = false)
    {
        cp.ClearHints();
        if (hint is not null)
        {
            for (int o = 0; o < model.OfficerCount; o++)
            {
                for (int d = 0; d < model.DayCount; d++)
                {
                    for (int t = 0; t < model.ShiftTypeCount; t++)
                    {
                        if (cell[Cell(o, d, t)] is { } x)
                        {
                            cp.AddHint(x, hint[o, d] == t);
                        }
                    }
                }
            }

            foreach (var (variable, value) in derived)
            {
                cp.AddHint(variable, value(hint));
            }
        }

        // On the whole model, presolve's repeated loops, probing and symmetry search cost seconds on two cores and gain
        // little here; the linear relaxation with the at-most-one rows (linearization 2) is what gives the bound.
        // A neighbourhood step has most cells fixed: one presolve pass without probing finds that at once.
        string whole = wholeModel
            ? "max_presolve_iterations:1 symmetry_level:0 cp_model_probing_level:1 linearization_level:2 "
            : "max_presolve_iterations:1 symmetry_level:0 cp_model_probing_level:0 ";
        var solver = new CpSolver
        {
            StringParameters = ExtraParameters + whole + string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{Math.Max(0.01, seconds):0.###} num_workers:{Math.Max(1, workers)} random_seed:{seed % int.MaxValue}"),
        };
        var status = solver.Solve(cp);
        // The bound holds whether or not a roster was found (Unknown), as long as the model is not infeasible.
        // Every cost component is non-negative, so 0 is a bound too when the relaxation is weaker.
        long bound = Math.Max(0, (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6));
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return (null, status, 0, bound);
        }

        var roster = new Roster(model.OfficerCount, model.DayCount);
        for (int o = 0; o < model.OfficerCount; o++)
        {
            for (int d = 0; d < model.DayCount; d++)
            {
                for (int t = 0; t < model.ShiftTypeCount; t++)
                {
                    if (cell[Cell(o, d, t)] is { } x && solver.BooleanValue(x))
                    {
                        roster[o, d] = t;
                    }
                }
            }
        }

        return (roster, status, (long)Math.Round(solver.ObjectiveValue), bound);
    }

    /// <summary>Fixes every cell of <paramref name="roster"/> for which <paramref name="keep"/> is true (until <see cref="Release"/>).</summary>
    public void Fix(Roster roster, Func<int, int, bool> keep)
    {
        for (int o = 0; o < model.OfficerCount; o++)
        {
            for (int d = 0; d < model.DayCount; d++)
            {
                if (!keep(o, d))
                {
                    continue;
                }

                for (int t = 0; t < model.ShiftTypeCount; t++)
                {
                    if (cell[Cell(o, d, t)] is { } x)
                    {
                        var proto = cp.Model.Variables[x.GetIndex()];
                        narrowed.Add((x.GetIndex(), [.. proto.Domain]));
                        long value = roster[o, d] == t ? 1 : 0;
                        proto.Domain.Clear();
                        proto.Domain.Add(value);
                        proto.Domain.Add(value);
                    }
                }
            }
        }
    }

    /// <summary>Gives back every domain <see cref="Fix"/> narrowed.</summary>
    public void Release()
    {
        for (int i = narrowed.Count - 1; i >= 0; i--)
        {
            var (index, domain) = narrowed[i];
            var proto = cp.Model.Variables[index];
            proto.Domain.Clear();
            proto.Domain.Add(domain);
        }

        narrowed.Clear();
    }

    /// <summary>True when cell variable <paramref name="x"/> is set in <paramref name="roster"/>.</summary>
    private bool Value(Roster roster, BoolVar x) => cellOf[x.GetIndex()] is var (o, d, t) && roster[o, d] == t;

    private int Cell(int o, int d, int t) => (((o * model.DayCount) + d) * model.ShiftTypeCount) + t;

    private void AddRest(int o)
    {
        for (int d = 1; d < model.DayCount; d++)
        {
            for (int a = 0; a < model.ShiftTypeCount; a++)
            {
                if (cell[Cell(o, d - 1, a)] is not { } first)
                {
                    continue;
                }

                for (int b = 0; b < model.ShiftTypeCount; b++)
                {
                    if (model.IsForbiddenSuccession(a, b) && cell[Cell(o, d, b)] is { } next)
                    {
                        cp.AddBoolOr([first.Not(), next.Not()]);
                    }
                }
            }
        }
    }

    /// <summary>Work (1), off (0) or unknown (-1) on day <paramref name="day"/> (negative: the history).</summary>
    private int Known(int o, int day)
    {
        var history = model.HistoryOf(o);
        if (day >= 0)
        {
            return -1;
        }

        int h = history.Length + day;
        return h < 0 ? int.MinValue : history[h] >= 0 ? 1 : 0;
    }

    private void AddRuns(int o)
    {
        var spec = model.Officers[o];
        int days = model.DayCount, h = model.HistoryOf(o).Length;

        // At most K working days in any K + 1 consecutive known days that reach into the horizon.
        int k = spec.MaxConsecutiveWorkDays;
        if (k < h + days)
        {
            for (int end = 0; end < days; end++)
            {
                var window = new List<BoolVar>();
                int historyWork = 0;
                for (int d = end - k; d <= end; d++)
                {
                    if (d >= 0)
                    {
                        window.Add(works[(o * days) + d]);
                    }
                    else if (Known(o, d) == 1)
                    {
                        historyWork++;
                    }
                }

                cp.Add(LinearExpr.Sum(window) <= k - historyWork);
            }
        }

        ForbidShortRuns(o, spec.MinConsecutiveWorkDays, true);
        ForbidShortRuns(o, spec.MinConsecutiveDaysOff, false);
    }

    /// <summary>
    /// Forbids every run of <paramref name="work"/> shorter than <paramref name="minimum"/> whose day before is known and
    /// whose day after is in the horizon: the clause "day before differs, the run's days are equal, day after differs" is false.
    /// </summary>
    private void ForbidShortRuns(int o, int minimum, bool work)
    {
        int days = model.DayCount, h = model.HistoryOf(o).Length;
        for (int length = 1; length < minimum; length++)
        {
            for (int start = -h + 1; start + length <= days - 1; start++)
            {
                int after = start + length;
                if (after < 0)
                {
                    continue; // wholly in the previous roster
                }

                // Literals that, if any is true, break the pattern.
                var clause = new List<ILiteral>();
                bool broken = false;
                void Want(int day, bool working)
                {
                    int known = Known(o, day);
                    if (known == int.MinValue)
                    {
                        broken = true;
                    }
                    else if (known >= 0)
                    {
                        broken |= (known == 1) != working;
                    }
                    else
                    {
                        var w = works[(o * days) + day];
                        clause.Add(working ? w.Not() : w);
                    }
                }

                Want(start - 1, !work);
                for (int d = start; d < after; d++)
                {
                    Want(d, work);
                }

                Want(after, !work);
                if (!broken)
                {
                    cp.AddBoolOr(clause);
                }
            }
        }
    }

    private void AddWeekends(int o)
    {
        var spec = model.Officers[o];
        if (spec.MaxWorkingWeekends >= model.WeekendCount)
        {
            return;
        }

        var worked = new List<BoolVar>();
        for (int weekend = 0; weekend < model.WeekendCount; weekend++)
        {
            var ww = cp.NewBoolVar($"we{o}_{weekend}");
            int officer = o, index = weekend;
            derived.Add((ww, r => Enumerable.Range(0, model.DayCount).Any(d => model.WeekendOf(d) == index && r[officer, d] >= 0) ? 1 : 0));
            for (int d = 0; d < model.DayCount; d++)
            {
                if (model.WeekendOf(d) == weekend)
                {
                    cp.AddImplication(works[(o * model.DayCount) + d], ww);
                }
            }

            worked.Add(ww);
        }

        cp.Add(LinearExpr.Sum(worked) <= spec.MaxWorkingWeekends);
    }

    private void AddMinutesAndCounts(int o)
    {
        var spec = model.Officers[o];
        int days = model.DayCount, types = model.ShiftTypeCount;
        LinearExpr Minutes(int first, int last)
        {
            var terms = new List<LinearExpr>();
            for (int d = first; d <= last; d++)
            {
                for (int t = 0; t < types; t++)
                {
                    if (cell[Cell(o, d, t)] is { } x)
                    {
                        terms.Add(LinearExpr.Term(x, model.ShiftTypes[t].LengthMinutes));
                    }
                }
            }

            return LinearExpr.Sum(terms);
        }

        if (spec.MinTotalMinutes > 0 || spec.MaxTotalMinutes < int.MaxValue)
        {
            cp.AddLinearConstraint(Minutes(0, days - 1), spec.MinTotalMinutes, spec.MaxTotalMinutes);
        }

        if (spec.MinWeekMinutes > 0 || spec.MaxWeekMinutes < int.MaxValue)
        {
            for (int week = 0; week < model.WeekCount; week++)
            {
                int first = week * 7, last = Math.Min(days - 1, first + 6);
                cp.AddLinearConstraint(Minutes(first, last), model.IsCompleteWeek(week) ? spec.MinWeekMinutes : 0, spec.MaxWeekMinutes);
            }
        }

        for (int t = 0; t < types; t++)
        {
            int max = model.MaxShiftsOfType(o, t);
            if (max < days)
            {
                var ofType = Enumerable.Range(0, days).Select(d => cell[Cell(o, d, t)]).OfType<BoolVar>().ToList();
                cp.Add(LinearExpr.Sum(ofType) <= max);
            }
        }
    }

    private void AddFairness(int[] group, int weight, Func<int, int, bool> counts, List<LinearExpr> objective)
    {
        if (weight == 0)
        {
            return;
        }

        var most = cp.NewIntVar(0, model.DayCount, "most");
        var fewest = cp.NewIntVar(0, model.DayCount, "fewest");
        long Count(Roster r, int o) => Enumerable.Range(0, model.DayCount).Count(d => r[o, d] >= 0 && counts(d, r[o, d]));
        derived.Add((most, r => group.Max(o => Count(r, o))));
        derived.Add((fewest, r => group.Min(o => Count(r, o))));
        foreach (int o in group)
        {
            var terms = new List<BoolVar>();
            for (int d = 0; d < model.DayCount; d++)
            {
                for (int t = 0; t < model.ShiftTypeCount; t++)
                {
                    if (counts(d, t) && cell[Cell(o, d, t)] is { } x)
                    {
                        terms.Add(x);
                    }
                }
            }

            var count = LinearExpr.Sum(terms);
            cp.Add(most >= count);
            cp.Add(fewest <= count);
        }

        cp.Add(most >= fewest); // implied, but it keeps the linear relaxation from paying a negative spread
        objective.Add(LinearExpr.Term(most, weight));
        objective.Add(LinearExpr.Term(fewest, -weight));
    }
}
