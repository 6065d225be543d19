namespace Outreach.Planning.Visits;

/// <summary>
/// One capture session of a team-day as <see cref="TeamDayTiming"/> sees it, in visiting order. Seconds on the week
/// axis (or durations in seconds).
/// </summary>
/// <param name="RoadSeconds">Road from the previous session's point (the station for the first session).</param>
/// <param name="SetupSeconds">Set-up on arrival; 0 when the team goes on at the site where its kit is already set up.</param>
/// <param name="SetupAfterStationSeconds">Set-up when the team comes from the station instead (the request's set-up).</param>
/// <param name="CaptureSeconds">Capture time with the team's kits.</param>
/// <param name="EarliestStart">Capture starts no earlier: the window opens (and, for a repeat, the gap after its first visit).</param>
/// <param name="LatestEnd">Capture ends no later: the window closes (and, for a first visit, the gap before its repeat).</param>
/// <param name="ToStationSeconds">Road from the session's point to the station, or negative when there is no road.</param>
/// <param name="FromStationSeconds">Road from the station to the session's point, or negative when there is no road.</param>
internal readonly record struct TimedSession(
    int RoadSeconds,
    int SetupSeconds,
    int SetupAfterStationSeconds,
    int CaptureSeconds,
    int EarliestStart,
    int LatestEnd,
    int ToStationSeconds,
    int FromStationSeconds);

/// <summary>The team goes back to the station after session <paramref name="AfterSession"/> (0-based) and leaves again.</summary>
internal readonly record struct StationBreak(int AfterSession, int BackSeconds, int LeaveSeconds)
{
    public int Seconds => LeaveSeconds - BackSeconds;
}

/// <summary>
/// The times of a team-day, by session index: arrival at the site (= start of set-up, or of capture when the team goes
/// on where it is), capture start and end; leaving the station, coming back, and the returns to the station in
/// between. Axis seconds.
/// </summary>
internal sealed record TeamDayTimes(
    int Leave, int Return, IReadOnlyList<int> Arrive, IReadOnlyList<int> CaptureStart, IReadOnlyList<int> CaptureEnd, IReadOnlyList<StationBreak> Breaks)
{
    /// <summary>The stretches away from the station: (leave, back) for each, in order.</summary>
    public IReadOnlyList<(int Leave, int Back)> FieldSpans
    {
        get
        {
            var spans = new List<(int, int)>();
            var leave = Leave;
            foreach (var b in Breaks)
            {
                spans.Add((leave, b.BackSeconds));
                leave = b.LeaveSeconds;
            }

            spans.Add((leave, Return));
            return spans;
        }
    }

    /// <summary>Seconds away from the station in the field (station breaks excluded).</summary>
    public int FieldSeconds => FieldSpans.Sum(s => s.Back - s.Leave);

    /// <summary>Seconds away from the station after <paramref name="eveningStart"/> (axis seconds).</summary>
    public int FieldSecondsAfter(int eveningStart) => FieldSpans.Sum(s => Math.Max(0, s.Back - Math.Max(s.Leave, eveningStart)));
}

/// <summary>
/// Re-times a team-day after the solve, keeping its sessions and their order. The engine costs travel only and
/// starts every stop as early as its predecessors allow, so waiting lands at the sites with the kit set up. Here:
/// <list type="number">
/// <item>A forward pass from the earliest departure finds the earliest the day can end (each capture starts when the
/// team is set up or the window opens, whichever is later).</item>
/// <item>A backward pass from that end makes every departure as late as the later fixed times allow: each capture
/// ends as late as the next one allows (never after its window), the team arrives and sets up just before capture
/// starts, and leaves the station as late as possible. Where people are there already when the team arrives,
/// nothing moves: the day's end stays the earliest, so no capture is delayed for its own sake. Given its sessions,
/// this schedule has the earliest return and, for that return, the latest departure: the shortest day there is, so
/// evening, holiday and duty hours never grow.</item>
/// <item>Between two sessions, when the team would be at least <c>minStationSeconds</c> at the station after
/// leaving one site right after capture and before it must leave for the next one (set-up again included), it goes
/// back to the station and leaves again (a <see cref="StationBreak"/>).</item>
/// </list>
/// What is left of a short gap is time between the end of one capture and the latest departure to the next site,
/// spent where the team likes: nobody waits with the kit set up. Pure; O(n).
/// </summary>
internal static class TeamDayTiming
{
    /// <summary>
    /// The re-timed day, or null when the sessions cannot be timed within the bounds (the caller keeps the solver's
    /// times). <paramref name="earliestLeave"/> and <paramref name="latestReturn"/> are the team's window that day.
    /// </summary>
    public static TeamDayTimes? Retime(IReadOnlyList<TimedSession> sessions, int earliestLeave, int latestReturn, int minStationSeconds)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        int n = sessions.Count;
        if (n == 0)
        {
            return null;
        }

        // Forward: the earliest end of the day.
        long t = earliestLeave;
        foreach (var s in sessions)
        {
            var start = Math.Max(t + s.RoadSeconds + s.SetupSeconds, s.EarliestStart);
            t = start + s.CaptureSeconds;
            if (t > s.LatestEnd)
            {
                return null;
            }
        }

        var back = t + sessions[^1].ToStationSeconds;
        if (sessions[^1].ToStationSeconds < 0 || back > latestReturn)
        {
            return null;
        }

        // Backward from that end: every capture as late as the next allows, arrive and set up just before it.
        var arrive = new int[n];
        var captureStart = new int[n];
        var captureEnd = new int[n];
        long latestDeparture = back - sessions[^1].ToStationSeconds;
        for (int i = n - 1; i >= 0; i--)
        {
            var s = sessions[i];
            captureEnd[i] = (int)Math.Min(s.LatestEnd, latestDeparture);
            captureStart[i] = captureEnd[i] - s.CaptureSeconds;
            arrive[i] = captureStart[i] - s.SetupSeconds;
            latestDeparture = arrive[i] - s.RoadSeconds;
            if (captureStart[i] < s.EarliestStart)
            {
                return null;
            }
        }

        var leave = (int)latestDeparture;
        if (leave < earliestLeave)
        {
            return null;
        }

        // Long gaps: back to the station right after capture, out again in time to set up for the next session.
        var breaks = new List<StationBreak>();
        for (int i = 0; i + 1 < n && minStationSeconds > 0; i++)
        {
            var next = sessions[i + 1];
            if (sessions[i].ToStationSeconds < 0 || next.FromStationSeconds < 0)
            {
                continue;
            }

            var atStation = captureEnd[i] + sessions[i].ToStationSeconds;
            var leaveAgain = captureStart[i + 1] - next.SetupAfterStationSeconds - next.FromStationSeconds;
            if (leaveAgain - atStation >= minStationSeconds)
            {
                breaks.Add(new StationBreak(i, atStation, leaveAgain));
                arrive[i + 1] = captureStart[i + 1] - next.SetupAfterStationSeconds;
            }
        }

        return new TeamDayTimes(leave, (int)back, arrive, captureStart, captureEnd, breaks);
    }
}
