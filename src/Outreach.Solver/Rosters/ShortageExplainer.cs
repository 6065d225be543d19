namespace Outreach.Solver.Rosters;

/// <summary>Why an officer who has a short cover's skill is not counted for it.</summary>
public enum ShortageReason
{
    /// <summary>Must be off that day (leave, exam) or pinned off.</summary>
    DayOff,

    /// <summary>On another shift that day (one shift per officer per day).</summary>
    OtherShift,

    /// <summary>Lacks a skill every shift of the cover requires.</summary>
    Skill,

    /// <summary>A shift here would break a rule: the first one broken is counted (<see cref="ShortageExplanation.Rules"/>).</summary>
    Rule,

    /// <summary>Could have come without breaking a hard rule (the cost of it was higher elsewhere).</summary>
    Free,
}

/// <summary>
/// A cover that is short: by how many (ShortBy), and for the officers with its skill who do not count, how many for each reason
/// and, among those a hard rule keeps away, how many for each rule.
/// </summary>
public sealed record ShortageExplanation(
    int Cover,
    int ShortBy,
    IReadOnlyDictionary<ShortageReason, int> Reasons,
    IReadOnlyDictionary<RosterRule, int> Rules);

/// <summary>
/// Explains short covers of a roster by trying each absent officer on each shift of the cover and naming the first hard
/// rule the try breaks (codes: Planning turns them into sentences). Stateless and thread-safe.
/// </summary>
public static class ShortageExplainer
{
    public static IReadOnlyList<ShortageExplanation> Explain(RosterModel model, Roster roster)
    {
        var evaluation = RosterChecker.Check(model, roster);
        var result = new List<ShortageExplanation>();
        for (int c = 0; c < model.Covers.Count; c++)
        {
            var cover = model.Covers[c];
            int shortBy = cover.Required - evaluation.CoverStaffed[c];
            if (shortBy <= 0)
            {
                continue;
            }

            var reasons = new Dictionary<ShortageReason, int>();
            var rules = new Dictionary<RosterRule, int>();
            var types = Enumerable.Range(0, model.ShiftTypeCount).Where(t => model.CoverIncludesType(c, t)).ToList();
            for (int o = 0; o < model.OfficerCount; o++)
            {
                if (!model.HasSkill(o, model.CoverSkill(c)))
                {
                    continue;
                }

                int current = roster[o, cover.Day];
                if (current >= 0 && types.Contains(current))
                {
                    continue; // counted
                }

                ShortageReason reason;
                RosterRule? rule = null;
                if (model.IsDayOff(o, cover.Day) || model.PinOf(o, cover.Day) == RosterModel.Off)
                {
                    reason = ShortageReason.DayOff;
                }
                else if (current >= 0)
                {
                    reason = ShortageReason.OtherShift;
                }
                else if (!types.Any(t => model.MayWorkType(o, t)))
                {
                    reason = ShortageReason.Skill;
                }
                else
                {
                    reason = ShortageReason.Free;
                    foreach (int t in types.Where(t => model.MayWorkType(o, t)))
                    {
                        roster[o, cover.Day] = t;
                        var broken = RosterChecker.OfficerViolations(model, roster, o);
                        roster[o, cover.Day] = current;
                        var added = FirstNew(broken, RosterChecker.OfficerViolations(model, roster, o));
                        if (added is null)
                        {
                            reason = ShortageReason.Free;
                            rule = null;
                            break;
                        }

                        reason = ShortageReason.Rule;
                        rule ??= added;
                    }
                }

                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                if (rule is { } r)
                {
                    rules[r] = rules.GetValueOrDefault(r) + 1;
                }
            }

            result.Add(new ShortageExplanation(c, shortBy, reasons, rules));
        }

        return result;
    }

    /// <summary>The rule of the first violation in <paramref name="after"/> that <paramref name="before"/> does not have.</summary>
    private static RosterRule? FirstNew(List<RosterViolation> after, List<RosterViolation> before)
    {
        foreach (var violation in after)
        {
            if (!before.Exists(b => b.Rule == violation.Rule && b.Day == violation.Day))
            {
                return violation.Rule;
            }
        }

        return null;
    }
}
