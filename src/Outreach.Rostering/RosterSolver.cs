using Google.OrTools.Sat;
using Outreach.Solver.Rosters;

namespace Outreach.Rostering;

/// <summary>Stop criteria and randomness of a roster solve; both are inputs.</summary>
public sealed record RosterSolveOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);
    public long Seed { get; init; } = 1;

    /// <summary>CP-SAT workers (the machine's two cores by default).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Share of the time limit given to CP-SAT on the whole model before the neighbourhood search (0-1).</summary>
    public double FullModelShare { get; init; } = 0.5;

    /// <summary>Run the large-neighbourhood search around CP-SAT when the whole model is not solved to optimality.</summary>
    public bool UseLns { get; init; } = true;

    /// <summary>A roster to start from (the published one, or the chief's edits); rows breaking a rule are repaired.</summary>
    public Roster? Initial { get; init; }

    /// <summary>
    /// States the one-officer programme keeps per day inside the search: beyond it keeps the cheapest (a fast repair
    /// rather than an exact move). Infeasibility is always decided without a cut.
    /// </summary>
    public int DpLabelsPerDay { get; init; } = 300;

    /// <summary>Extra CP-SAT parameters in its text format, e.g. "log_search_progress:true" to see its log.</summary>
    public string CpSatParameters { get; init; } = "";

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

public enum RosterSolveStatus
{
    /// <summary>CP-SAT proved no cheaper roster exists.</summary>
    Optimal,

    /// <summary>A roster keeping every hard rule; <see cref="RosterSolveResult.Bound"/> says how far it may be from the best.</summary>
    Feasible,

    /// <summary>Some officer has no row that keeps their hard rules (see <see cref="RosterSolveResult.InfeasibleOfficers"/>).</summary>
    Infeasible,

    /// <summary>No roster within the time limit and no proof that none exists.</summary>
    Unknown,
}

/// <summary>A solve's outcome: the roster (null unless Optimal or Feasible), its checked cost, CP-SAT's lower bound and what the search did.</summary>
public sealed record RosterSolveResult(
    Roster? Roster,
    RosterSolveStatus Status,
    RosterCost Cost,
    long? Bound,
    TimeSpan Elapsed,
    long ConstructionCost,
    TimeSpan ConstructionTime,
    long FullModelCost,
    int LnsSteps,
    int LnsImprovements,
    int DpImprovements,
    IReadOnlyList<int> InfeasibleOfficers)
{
    /// <summary>(cost - bound) / cost; 0 when optimal, null without a bound.</summary>
    public double? Gap => Bound is { } b && Roster is not null ? RosterJson.Gap(Cost.Total, b) : null;
}

/// <summary>
/// Solves a <see cref="RosterModel"/>: a first roster from the one-officer dynamic programme (every hard rule is an
/// officer's own, so rows built one after another keep them all), then CP-SAT on the whole model from that hint for a
/// share of the time (its bound is the reported bound), then a large-neighbourhood search until the time limit: free a
/// few officers, a window of days, or the officers sharing a skill; fix the rest; re-solve with CP-SAT from the current
/// roster; keep it when cheaper; between steps, a pass of the dynamic programme over the officers. Thread-safe (each
/// call builds its own state).
/// </summary>
public static class RosterSolver
{
    public static RosterSolveResult Solve(RosterModel model, RosterSolveOptions options)
    {
        var clock = options.Clock;
        long started = clock.GetTimestamp();
        double Remaining() => options.TimeLimit.TotalSeconds - clock.GetElapsedTime(started).TotalSeconds;
        var random = new Random(unchecked((int)options.Seed));
        var dp = new RowDp(model, options.DpLabelsPerDay);
        var wide = new RowDp(model, 20_000); // when the cut lost every row that keeps the rules

        // 1. Construction: each officer's best row given those placed before (repairs an initial roster too).
        var current = options.Initial?.Clone() ?? new Roster(model.OfficerCount, model.DayCount);
        var infeasible = new List<int>();
        for (int o = 0; o < model.OfficerCount; o++)
        {
            if (options.Initial is not null && RosterChecker.OfficerViolations(model, current, o).Count == 0)
            {
                continue;
            }

            current.Row(o).Fill(RosterModel.Off);
            var row = dp.Solve(current, o) ?? (dp.LastSolveWasExact ? null : wide.Solve(current, o));
            if (row is null)
            {
                infeasible.Add(o);
            }
            else
            {
                row.Row.CopyTo(current.Row(o));
            }
        }

        int dpImprovements = DpPass(model, dp, current, random, () => Remaining() > options.TimeLimit.TotalSeconds * 0.9);
        long constructionCost = Cost(model, current);
        var constructionTime = clock.GetElapsedTime(started);

        // Every hard rule belongs to one officer: if the exact programme finds no row for an officer, none exists,
        // unless it had to cut states, in which case CP-SAT decides.
        var cp = new CpSatRosterModel(model) { ExtraParameters = options.CpSatParameters.Length == 0 ? "" : options.CpSatParameters + " " };
        bool exactInfeasible = infeasible.Count > 0 && infeasible.All(o => ExactlyInfeasible(model, o));
        if (exactInfeasible)
        {
            return new(null, RosterSolveStatus.Infeasible, default, null, clock.GetElapsedTime(started), 0, constructionTime, 0, 0, 0, dpImprovements, infeasible);
        }

        // 2. CP-SAT on the whole model: its bound, and often a better roster.
        var hint = infeasible.Count == 0 ? current : null;
        double fullSeconds = Math.Max(0.05, Remaining() * (options.UseLns ? options.FullModelShare : 1.0));
        var (full, status, _, bound) = cp.Solve(fullSeconds, options.Seed, options.Workers, hint, wholeModel: true);
        if (status == CpSolverStatus.Infeasible)
        {
            return new(null, RosterSolveStatus.Infeasible, default, null, clock.GetElapsedTime(started), constructionCost, constructionTime, 0, 0, 0, dpImprovements, infeasible);
        }

        long? proven = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible or CpSolverStatus.Unknown ? bound : null;
        if (full is not null && (infeasible.Count > 0 || Cost(model, full) <= Cost(model, current)))
        {
            current = full;
            infeasible.Clear();
        }

        if (infeasible.Count > 0)
        {
            return new(null, RosterSolveStatus.Unknown, default, null, clock.GetElapsedTime(started), constructionCost, constructionTime, 0, 0, 0, dpImprovements, infeasible);
        }

        long fullCost = Cost(model, current);
        int steps = 0, improvements = 0;
        if (status != CpSolverStatus.Optimal && options.UseLns)
        {
            // 3. Large-neighbourhood search: the share freed adapts to whether CP-SAT closes the sub-problems.
            double officerShare = Math.Clamp(6.0 / model.OfficerCount, 1.0 / model.OfficerCount, 0.5);
            int window = Math.Min(model.DayCount, 7);
            long currentCost = fullCost;
            while (Remaining() > 0.05 && (proven is null || currentCost > proven))
            {
                steps++;
                int kind = steps % 3;
                var freedOfficers = new HashSet<int>();
                int windowStart = -1;
                if (kind == 0)
                {
                    int count = Math.Max(1, (int)Math.Round(officerShare * model.OfficerCount));
                    while (freedOfficers.Count < Math.Min(count, model.OfficerCount))
                    {
                        freedOfficers.Add(random.Next(model.OfficerCount));
                    }
                }
                else if (kind == 1)
                {
                    windowStart = random.Next(Math.Max(1, model.DayCount - window + 1));
                    // A window of days for a share of the officers: all of them on a small case.
                    int count = Math.Max(1, Math.Min(model.OfficerCount, (int)Math.Round(officerShare * 3 * model.OfficerCount)));
                    while (freedOfficers.Count < count)
                    {
                        freedOfficers.Add(random.Next(model.OfficerCount));
                    }
                }
                else
                {
                    // Officers sharing a random skill: they compete for the same cover.
                    var skill = model.Skills.Count == 0 ? -1 : random.Next(model.Skills.Count);
                    var sharing = Enumerable.Range(0, model.OfficerCount).Where(o => model.HasSkill(o, skill)).OrderBy(_ => random.Next()).ToList();
                    int count = Math.Max(1, (int)Math.Round(officerShare * model.OfficerCount));
                    freedOfficers.UnionWith(sharing.Take(count));
                }

                var snapshot = current;
                cp.Fix(snapshot, (o, d) => !freedOfficers.Contains(o) || (windowStart >= 0 && (d < windowStart || d >= windowStart + window)));
                var (candidate, stepStatus, _, _) = cp.Solve(Math.Min(Remaining(), Math.Clamp(options.TimeLimit.TotalSeconds / 20, 0.1, 1.0)), options.Seed + steps, options.Workers, snapshot);
                cp.Release();
                if (candidate is not null)
                {
                    long candidateCost = Cost(model, candidate);
                    if (candidateCost < currentCost)
                    {
                        improvements++;
                        (current, currentCost) = (candidate, candidateCost);
                    }
                }

                officerShare = stepStatus == CpSolverStatus.Optimal ? Math.Min(1.0, officerShare * 1.2) : Math.Max(1.0 / model.OfficerCount, officerShare * 0.7);
                if (steps % 5 == 0 && Remaining() > 0.2)
                {
                    dpImprovements += DpPass(model, dp, current, random, () => Remaining() > 0.1);
                    currentCost = Cost(model, current);
                }
            }
        }

        var cost = RosterChecker.Check(model, current).Cost;
        var final = proven is { } p && cost.Total <= p ? RosterSolveStatus.Optimal : RosterSolveStatus.Feasible;
        return new(current, final, cost, proven, clock.GetElapsedTime(started), constructionCost, constructionTime, fullCost, steps, improvements, dpImprovements, []);
    }

    /// <summary>Re-solves each officer's row given the others, in random order, keeping strict improvements.</summary>
    private static int DpPass(RosterModel model, RowDp dp, Roster roster, Random random, Func<bool> goOn)
    {
        int improvements = 0;
        foreach (int o in Enumerable.Range(0, model.OfficerCount).OrderBy(_ => random.Next()))
        {
            if (!goOn())
            {
                break;
            }

            var result = dp.Solve(roster, o);
            if (result is not null && result.Cost < dp.RowCost(roster, o))
            {
                result.Row.CopyTo(roster.Row(o));
                improvements++;
            }
        }

        return improvements;
    }

    private static bool ExactlyInfeasible(RosterModel model, int officer)
    {
        // Hard rules are per officer: if a wider programme that cut no state finds no row, none exists. When it has to
        // cut, CP-SAT on the whole model decides.
        var alone = new RowDp(model, 100_000);
        return alone.CanSolve(officer) && alone.Solve(new Roster(model.OfficerCount, model.DayCount), officer) is null && alone.LastSolveWasExact;
    }

    private static long Cost(RosterModel model, Roster roster) => RosterChecker.Check(model, roster).Cost.Total;
}
