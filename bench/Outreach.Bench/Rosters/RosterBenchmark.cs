using System.Globalization;
using Outreach.Rostering;
using Outreach.Solver.Rosters;

namespace Outreach.Bench.Rosters;

/// <summary>`outreach bench roster`: the generated province case solved within the limit, every figure printed.</summary>
public static class RosterBenchmark
{
    public static int Run(int officers, int weeks, double seconds, long seed, int workers, TextWriter output)
    {
        var model = ProvinceRosterCase.Generate(officers, weeks, (int)seed);
        output.WriteLine($"province case: {model.OfficerCount} officers, {model.DayCount} days from {model.StartDate:yyyy-MM-dd}, {model.ShiftTypeCount} shift types ({string.Join(", ", model.ShiftTypes.Select(t => t.Id))}), {model.Covers.Count} cover entries, {model.Requests.Count} requests, {model.Officers.Sum(o => o.DaysOff.Count)} leave days");
        var result = RosterSolver.Solve(model, new RosterSolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds), Seed = seed, Workers = workers });
        if (result.Roster is null)
        {
            output.WriteLine($"roster bench: {result.Status}, no roster in {result.Elapsed.TotalSeconds:0.0} s; no row keeps the rules of {string.Join(", ", result.InfeasibleOfficers.Select(o => model.Officers[o].Id))}");
            return 1;
        }

        var evaluation = RosterChecker.Check(model, result.Roster);
        var cost = evaluation.Cost;
        output.WriteLine($"  cover short      {cost.CoverShort,8}");
        output.WriteLine($"  cover over       {cost.CoverOver,8}");
        output.WriteLine($"  requests         {cost.Requests,8}");
        output.WriteLine($"  evening fairness {cost.EveningFairness,8}");
        output.WriteLine($"  holiday fairness {cost.HolidayFairness,8}");
        output.WriteLine($"  total            {cost.Total,8}");
        string bound = result.Bound?.ToString(CultureInfo.InvariantCulture) ?? "none";
        string gap = result.Gap is { } g ? g.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
        output.WriteLine($"  CP-SAT bound     {bound,8}   gap {gap}");
        output.WriteLine($"  first roster (row programme) {result.ConstructionCost} in {result.ConstructionTime.TotalSeconds:0.0} s, after CP-SAT on the whole model {result.FullModelCost}, neighbourhood steps {result.LnsSteps} ({result.LnsImprovements} better), row re-solves {result.DpImprovements}");
        int shortOfficers = evaluation.CoverStaffed.Select((s, c) => Math.Max(0, model.Covers[c].Required - s)).Sum();
        output.WriteLine($"  hard-rule violations {evaluation.Violations.Count}, officers short over all covers {shortOfficers}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"roster bench: {model.OfficerCount} officers x {model.DayCount} days, {result.Status.ToString().ToLowerInvariant()}, cost {cost.Total} (short {cost.CoverShort}, over {cost.CoverOver}, requests {cost.Requests}, fairness {cost.EveningFairness + cost.HolidayFairness}), bound {bound}, gap {gap}, {result.Elapsed.TotalSeconds:0.0} s, violations {evaluation.Violations.Count}"));
        return evaluation.IsFeasible ? 0 : 1;
    }
}
