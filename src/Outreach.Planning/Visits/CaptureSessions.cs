using Outreach.Domain;

namespace Outreach.Planning.Visits;

/// <summary>How much serving one applicant is worth: priority, then bedridden and deadline first.</summary>
public static class VisitValue
{
    /// <summary>Drop penalty per unit of value: far above any travel a week can save, so serving people always wins.</summary>
    public const long PenaltyPerValue = 10_000_000;

    /// <summary>
    /// (1 + priority) x category factor x deadline factor. Category: bedridden or disabled 5 (they take longer, yet come
    /// first: nobody else can reach them), care-centre resident 2,
    /// elderly 1.5, others 1 (they can come to the collection point or a pickup van). Deadline: 2 when it falls in
    /// (or before) this week, 1.5 in the week after, 1 otherwise or without one.
    /// </summary>
    public static double PerPerson(VisitRequest request, ApplicantCategory category, VisitWeek week)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(week);
        return (1 + Math.Max(0, request.Priority)) * CategoryFactor(category) * DeadlineFactor(request.Deadline, week);
    }

    public static double CategoryFactor(ApplicantCategory category) => category switch
    {
        ApplicantCategory.BedriddenOrDisabled => 5,
        ApplicantCategory.CareCentreResident => 2,
        ApplicantCategory.Elderly => 1.5,
        _ => 1,
    };

    public static double DeadlineFactor(DateOnly? deadline, VisitWeek week)
    {
        ArgumentNullException.ThrowIfNull(week);
        return deadline switch
        {
            null => 1,
            { } d when d <= week.Sunday => 2,
            { } d when d <= week.Sunday.AddDays(7) => 1.5,
            _ => 1,
        };
    }
}

/// <summary>
/// One capture session: a group of applicants of one request captured in one go, the unit the solver schedules.
/// A first session captures people for the first time; a repeat session retries the expected failures of the first
/// session <see cref="RepeatOf"/> on a later day. Seconds throughout.
/// </summary>
/// <param name="Index">Dense session index; the session's solver location is Index + 1 (0 is the station).</param>
/// <param name="Request">The request it belongs to.</param>
/// <param name="Site">Where.</param>
/// <param name="Point">Index of the site in the travel tables' point list (0 is the station).</param>
/// <param name="People">Who, by category.</param>
/// <param name="OneKitSeconds">Capture time of everyone with one kit (sum over people).</param>
/// <param name="LongestPersonSeconds">The slowest single capture (a lower bound whatever the kits).</param>
/// <param name="RepeatOf">For repeats, the index of the first session whose failures this retries.</param>
/// <param name="Value">Weighted people (see <see cref="VisitValue"/>), repeats scaled by the repeat share.</param>
public sealed record CaptureSession(
    int Index, VisitRequest Request, Site Site, int Point, CategoryCounts People, int OneKitSeconds, int LongestPersonSeconds,
    int? RepeatOf, double Value)
{
    public bool IsRepeat => RepeatOf is not null;

    public int Count => People.Total;

    /// <summary>Capture time with <paramref name="kits"/> kits working in parallel: one kit per person at a time.</summary>
    public int CaptureSeconds(int kits) => Math.Max(LongestPersonSeconds, (OneKitSeconds + Math.Max(1, kits) - 1) / Math.Max(1, kits));

    public long DropPenalty => Math.Clamp((long)Math.Round(Value * VisitValue.PenaltyPerValue), 1, 900_000_000_000);
}

/// <summary>Splits requests into capture sessions (first and repeat). Pure and deterministic.</summary>
public static class CaptureSessions
{
    /// <summary>
    /// Sessions of every plannable request, in request order. People are ordered by value (bedridden first), then
    /// taken in order into sessions of about <see cref="VisitPlanningOptions.SessionMinutes"/> of capture
    /// per kit of the team with most kits (at least one person per kit, so every kit has someone to capture), so
    /// partial service captures the most valuable people first. A request with an
    /// expected failure share f gets repeat sessions: after first sessions holding n people in total,
    /// ceil(f x n) people are retried, each repeat taking its people from its own first session, most valuable
    /// (and most likely to fail) first. When the week would need more than <see cref="VisitPlanningOptions.MaxSessions"/>
    /// sessions, sessions grow by half until it fits, but never beyond half the request's longest window (with the
    /// fewest kits of the week), so two sessions always fit in it.
    /// </summary>
    public static IReadOnlyList<CaptureSession> Build(
        IReadOnlyList<(VisitRequest Request, Site Site, int Point)> requests, VisitWeek week, VisitPlanningOptions options, int maxKits = 1,
        int minKits = 1)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(options);
        maxKits = Math.Max(1, maxKits);
        var sessionSeconds = Math.Max(60, options.SessionMinutes * 60) * maxKits;
        while (true)
        {
            var sessions = BuildWith(requests, week, options, sessionSeconds, maxKits, Math.Max(1, minKits));
            if (sessions.Count <= options.MaxSessions || sessionSeconds > 24 * 3600)
            {
                return sessions;
            }

            sessionSeconds += sessionSeconds / 2;
        }
    }

    private static List<CaptureSession> BuildWith(
        IReadOnlyList<(VisitRequest Request, Site Site, int Point)> requests, VisitWeek week, VisitPlanningOptions options, int targetSeconds, int minPeople,
        int minKits)
    {
        var sessions = new List<CaptureSession>();
        foreach (var (request, site, point) in requests)
        {
            // Never so long that the slowest team cannot fit two sessions in the request's longest window this week.
            var longestWindow = WeekVisitPlanner.WindowsInWeek(request, week).Select(w => w.Length).DefaultIfEmpty(0).Max();
            var sessionSeconds = longestWindow > 0 ? Math.Min(targetSeconds, Math.Max(60, longestWindow * minKits / 2)) : targetSeconds;
            var people = request.Applicants
                .Where(g => g.Count > 0)
                .OrderByDescending(g => VisitValue.CategoryFactor(g.Category))
                .ThenBy(g => g.Category)
                .SelectMany(g => Enumerable.Repeat((g.Category, Seconds: g.CaptureMinutesPerPerson * 60), g.Count))
                .ToList();
            var firsts = new List<CaptureSession>();
            var i = 0;
            while (i < people.Count)
            {
                var counts = default(CategoryCounts);
                int total = 0, longest = 0;
                double value = 0;
                while (i < people.Count && (counts.Total < minPeople || total + people[i].Seconds <= sessionSeconds))
                {
                    counts = counts.Add(people[i].Category, 1);
                    total += people[i].Seconds;
                    longest = Math.Max(longest, people[i].Seconds);
                    value += VisitValue.PerPerson(request, people[i].Category, week);
                    i++;
                }

                var session = new CaptureSession(sessions.Count, request, site, point, counts, total, longest, null, value);
                sessions.Add(session);
                firsts.Add(session);
            }

            var share = Math.Clamp(request.ExpectedFailureShare, 0, 1);
            if (share <= 0)
            {
                continue;
            }

            var before = 0;
            var retried = 0;
            foreach (var first in firsts)
            {
                before += first.Count;
                // A tiny epsilon keeps 0.3 x 10 = 3.0000000000000004 from rounding up to 4.
                var due = (int)Math.Ceiling((share * before) - 1e-9);
                var take = due - retried;
                if (take <= 0)
                {
                    continue;
                }

                retried = due;
                var counts = default(CategoryCounts);
                int total = 0, longest = 0;
                double value = 0;
                foreach (var (category, count) in first.People.NonZero().OrderByDescending(c => VisitValue.CategoryFactor(c.Category)).ThenBy(c => c.Category))
                {
                    var n = Math.Min(count, take);
                    if (n == 0)
                    {
                        continue;
                    }

                    var seconds = request.Applicants.First(g => g.Category == category).CaptureMinutesPerPerson * 60;
                    counts = counts.Add(category, n);
                    total += n * seconds;
                    longest = Math.Max(longest, seconds);
                    value += n * VisitValue.PerPerson(request, category, week) * options.RepeatValueShare;
                    take -= n;
                }

                sessions.Add(new CaptureSession(sessions.Count, request, site, point, counts, total, longest, first.Index, value));
            }
        }

        return sessions;
    }
}
