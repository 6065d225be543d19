namespace Outreach.Planning.Pickups;

/// <summary>
/// The collection point's desk queue over a day, simulated family by family: families join the queue when they
/// reach the desks (in order of arrival; ties by priority), each child is one file of <c>secondsPerChild</c> on the
/// desk that frees first, so a family's children spread over free desks in parallel, and a family is done when its
/// last child's file is. Staff finish every family that reached the point while it was open, even past closing (as
/// the campaigns did, working late); a family arriving while the point is closed waits for the next opening. The result is an estimate: real files vary (10-15 min a child), which is why the planner uses it for the
/// earliest return, never as a promise to families.
/// Stateless and thread-safe.
/// </summary>
internal static class DeskQueue
{
    /// <summary>Done time (seconds since midnight) of each family, in the order given.</summary>
    /// <param name="families">
    /// Arrival at the point (the van's), arrival at the desks (after getting off and checking in), children, and a
    /// tie-break order; seconds since midnight.
    /// </param>
    public static int[] Simulate(IReadOnlyList<(int ArrivedAt, int AtDesk, int Children, int Order)> families, int desks, int secondsPerChild,
        IReadOnlyList<(int Open, int Close)> opening)
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(opening);
        var free = new long[Math.Max(1, desks)];
        var done = new int[families.Count];
        var intervals = opening.OrderBy(o => o.Open).ToArray();
        foreach (int f in Enumerable.Range(0, families.Count).OrderBy(f => families[f].AtDesk).ThenBy(f => families[f].Order))
        {
            var family = families[f];
            long from = OpenAt(family.ArrivedAt, intervals) + Math.Max(0, family.AtDesk - family.ArrivedAt);
            long last = from;
            for (int c = 0; c < family.Children; c++)
            {
                int desk = 0;
                for (int d = 1; d < free.Length; d++)
                {
                    if (free[d] < free[desk])
                    {
                        desk = d;
                    }
                }

                long start = Math.Max(from, free[desk]);
                free[desk] = start + secondsPerChild;
                last = Math.Max(last, free[desk]);
            }

            done[f] = (int)Math.Min(last, int.MaxValue);
        }

        return done;
    }

    /// <summary>The first moment at or after <paramref name="t"/> when the point is open.</summary>
    private static long OpenAt(long t, (int Open, int Close)[] intervals)
    {
        foreach (var (open, close) in intervals)
        {
            if (t < close)
            {
                return Math.Max(t, open);
            }
        }

        // After the last closing: nobody should arrive then; staff take them anyway.
        return t;
    }
}
