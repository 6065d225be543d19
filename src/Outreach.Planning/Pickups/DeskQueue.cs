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

    /// <summary>
    /// The desks' plan for a day whose vans are planned: each child's file is taken, on the desk that frees first, from
    /// the families whose files may begin (released) the one whose van home leaves first (earliest deadline first, ties
    /// by priority); a desk with no released family waits for the next. A family's files may begin when it reaches the
    /// desks, and not earlier than <c>NotBefore</c> (the planner passes its van home less one file and the wait limit,
    /// so the wait after the files is within the limit by construction). Returns when each family's last file is done;
    /// a family done after its deadline missed its van (the planner then lengthens its desk time and plans again).
    /// </summary>
    /// <param name="families">Arrival at the point, arrival at the desks, earliest start of its files, deadline (boarding
    /// for home), children and a tie-break order; seconds since midnight.</param>
    public static int[] ScheduleByDeadline(IReadOnlyList<(int ArrivedAt, int AtDesk, int NotBefore, int Deadline, int Children, int Order)> families,
        int desks, int secondsPerChild, IReadOnlyList<(int Open, int Close)> opening)
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(opening);
        var intervals = opening.OrderBy(o => o.Open).ToArray();
        var release = new long[families.Count];
        var byRelease = new int[families.Count];
        for (int f = 0; f < families.Count; f++)
        {
            var family = families[f];
            release[f] = Math.Max(OpenAt(family.ArrivedAt, intervals) + Math.Max(0, family.AtDesk - family.ArrivedAt), family.NotBefore);
            byRelease[f] = f;
        }

        Array.Sort(byRelease, (a, b) => release[a] != release[b] ? release[a].CompareTo(release[b]) : families[a].Order.CompareTo(families[b].Order));
        var free = new long[Math.Max(1, desks)];
        var done = new long[families.Count];
        var left = new int[families.Count];
        var ready = new PriorityQueue<int, (int Deadline, int Order)>();
        int next = 0;
        int files = 0;
        long now = long.MinValue;
        for (int f = 0; f < families.Count; f++)
        {
            left[f] = Math.Max(0, families[f].Children);
            files += left[f];
            done[f] = release[f];
        }

        while (files > 0)
        {
            int desk = 0;
            for (int d = 1; d < free.Length; d++)
            {
                if (free[d] < free[desk])
                {
                    desk = d;
                }
            }

            // The desk that frees first takes the next file, not before the last file was handed out (a desk idle
            // since earlier takes it now).
            long t = Math.Max(free[desk], now);
            if (ready.Count == 0 && next < byRelease.Length && release[byRelease[next]] > t)
            {
                t = release[byRelease[next]]; // the desk waits for the next family it may take
            }

            while (next < byRelease.Length && release[byRelease[next]] <= t)
            {
                int f = byRelease[next++];
                if (left[f] > 0)
                {
                    ready.Enqueue(f, (families[f].Deadline, families[f].Order));
                }
            }

            now = t;
            int family = ready.Peek();
            free[desk] = t + secondsPerChild;
            done[family] = Math.Max(done[family], free[desk]);
            files--;
            if (--left[family] == 0)
            {
                ready.Dequeue();
            }
        }

        return done.Select(d => (int)Math.Min(d, int.MaxValue)).ToArray();
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
