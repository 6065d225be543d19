using Outreach.Domain;
using Outreach.Solver.Model;
using Outreach.Solver.Solutions;

namespace Outreach.Planning.Visits;

/// <summary>Reads a solved week model back into itineraries, coverage, reasons and figures.</summary>
internal sealed class VisitPlanReader(
    VisitWeek week,
    Station station,
    VisitPlanningOptions options,
    VisitModel model,
    IReadOnlyList<DayCap> caps,
    RoutingSolution solution,
    IReadOnlyList<VisitRequest> requests,
    IReadOnlyDictionary<long, Site> sites,
    IReadOnlyDictionary<long, IReadOnlyList<AxisWindow>> windows,
    IReadOnlyList<TeamDay> teamDays,
    Func<VehicleProfile, DateOnly, (TravelTable Table, string WeatherKey)> travelOf)
{
    public WeekVisitPlan Read(IReadOnlyList<VisitSolverRun> runs, TimeSpan solveTime, string travelSource)
    {
        var served = new bool[model.Sessions.Count];
        foreach (var route in solution.Routes)
        {
            foreach (var v in route.Visits.Where(v => v.Kind == VisitKind.Visit))
            {
                served[model.SessionOfTask[v.Index]] = true;
            }
        }

        // The engine's capture end of every served session (its start on the folded axis), for the repeat links.
        var solverEnd = new Dictionary<int, int>();
        foreach (var route in solution.Routes)
        {
            foreach (var v in route.Visits.Where(v => v.Kind == VisitKind.Visit))
            {
                solverEnd[model.SessionOfTask[v.Index]] = v.StartSeconds;
            }
        }

        var repeatOfFirst = model.Sessions.Where(s => s.RepeatOf is not null).ToDictionary(s => s.RepeatOf!.Value, s => s.Index);

        // Later days first: how late a first visit may end depends on the final time of its repeat on a later day.
        var finalEnd = new Dictionary<int, int>();
        var byRoute = new TeamDayItinerary[solution.Routes.Count];
        foreach (var i in Enumerable.Range(0, solution.Routes.Count)
            .OrderByDescending(i => model.Vehicles[solution.Routes[i].Vehicle].Date).ThenBy(i => solution.Routes[i].Vehicle))
        {
            byRoute[i] = Itinerary(solution.Routes[i], served, solverEnd, repeatOfFirst, finalEnd);
        }

        var itineraries = Enumerable.Range(0, solution.Routes.Count)
            .Select(i => (Route: solution.Routes[i], Itinerary: byRoute[i]))
            .OrderBy(x => model.Vehicles[x.Route.Vehicle].Date).ThenBy(x => model.Vehicles[x.Route.Vehicle].Team.Name, StringComparer.Ordinal)
            .ThenBy(x => x.Route.Vehicle)
            .Select(x => x.Itinerary)
            .ToList();
        var unassignedReason = solution.Unassigned.ToDictionary(u => model.SessionOfTask[u.Task], u => u.Reason);
        var used = itineraries.GroupBy(i => i.TeamId).ToDictionary(g => g.Key, g => (g.Sum(i => i.EveningMinutes), g.Sum(i => i.HolidayMinutes)));
        var reasons = new VisitReasons(week, options, model, caps, teamDays, travelOf, used);
        var coverage = requests.Select(r => Coverage(r, itineraries, served, unassignedReason, reasons)).ToList();

        var weightedTotal = model.Sessions.Where(s => !s.IsRepeat).Sum(s => s.Value);
        var weightedPlanned = model.Sessions.Where(s => served[s.Index] && (!s.IsRepeat || !served[s.RepeatOf!.Value])).Sum(s =>
            s.IsRepeat ? s.Value / Math.Max(1e-9, options.RepeatValueShare) : s.Value);
        var stops = itineraries.SelectMany(i => i.Stops).ToList();
        var figures = new VisitPlanFigures(
            Applicants: coverage.Sum(c => c.Total),
            Planned: coverage.Sum(c => c.Planned),
            WeightedPlanned: weightedPlanned,
            WeightedTotal: weightedTotal,
            Visits: stops.Count(s => s.People > 0),
            RepeatVisits: stops.Count(s => s.RepeatPeople > 0),
            RepeatCaptures: stops.Sum(s => s.RepeatPeople),
            Metres: itineraries.Sum(i => (long)i.Metres),
            TravelSeconds: itineraries.Sum(i => i.TravelSeconds),
            EveningMinutes: itineraries.Sum(i => i.EveningMinutes),
            HolidayMinutes: itineraries.Sum(i => i.HolidayMinutes),
            TeamDaysUsed: itineraries.Count,
            TeamDaysAvailable: model.Vehicles.Count,
            Sessions: model.Sessions.Count,
            Iterations: runs.Sum(r => r.Solution.Iterations),
            SolveTime: solveTime,
            EstimatedTravel: model.Vehicles.Count > 0 && travelOf(model.Vehicles[0].Team.Profile, model.Vehicles[0].Date).Table.IsEstimated,
            TravelSource: travelSource,
            SiteWaitMinutes: itineraries.Sum(i => i.SiteWaitMinutes),
            IdleMinutes: itineraries.Sum(i => i.IdleMinutes),
            StationReturns: itineraries.Sum(i => i.StationReturns.Count),
            StationMinutes: itineraries.Sum(i => i.StationMinutes));
        return new WeekVisitPlan(week, station, itineraries, coverage, teamDays, figures, runs);
    }

    /// <summary>
    /// A team's day: its sessions in the engine's order, re-timed by <see cref="TeamDayTiming"/> (unless
    /// <see cref="VisitPlanningOptions.RetimeTeamDays"/> is off, or the re-timed day would not be shorter in every
    /// hour the week counts), then sessions in a row at one site merged into stops.
    /// </summary>
    private TeamDayItinerary Itinerary(
        RoutePlan route, bool[] served, Dictionary<int, int> solverEnd, Dictionary<int, int> repeatOfFirst, Dictionary<int, int> finalEnd)
    {
        var day = model.Vehicles[route.Vehicle];
        var table = travelOf(day.Team.Profile, day.Date).Table;
        var gap = options.RepeatMinGapHours * 3600;
        var sessions = new List<DaySession>();
        int previousPoint = 0;
        long previousSite = -1;
        foreach (var v in route.Visits.Where(v => v.Kind == VisitKind.Visit))
        {
            var s = model.Sessions[model.SessionOfTask[v.Index]];
            // A repeat whose first session is not in the plan captures those people for the first time.
            var kind = s.IsRepeat && served[s.RepeatOf!.Value] ? ItineraryStopKind.RepeatVisit : ItineraryStopKind.Visit;
            var captureEnd = v.StartSeconds;
            var capture = s.CaptureSeconds(day.KitsInUse);
            // The window the engine used (the merged windows of the request; a faster team still starts in it).
            var window = windows[s.Request.Id].FirstOrDefault(w => w.Start <= captureEnd - capture && captureEnd <= w.End, new AxisWindow(captureEnd - capture, captureEnd));
            sessions.Add(new DaySession(s, kind, s.Point, table.SecondsBetween(previousPoint, s.Point), table.MetresBetween(previousPoint, s.Point),
                previousSite == s.Site.Id, window, capture, captureEnd));
            previousPoint = s.Point;
            previousSite = s.Site.Id;
        }

        var solverTimes = SolverTimes(route, sessions);
        var times = solverTimes;
        if (options.RetimeTeamDays)
        {
            var timed = sessions.Select(x =>
            {
                var setup = Math.Max(0, x.Session.Request.SetupMinutes) * 60;
                // Repeat links (16 h by default) stay true: a repeat ends no earlier than the gap after its first visit's
                // time (the engine's: that day is re-timed later, and never past this bound, see below); a first visit
                // ends no later than the gap before its repeat's final time (its later day is already re-timed), or, with
                // the repeat on the same day, no later than the engine had it.
                var earliest = x.Window.Start;
                if (x.Session.RepeatOf is int first && served[first] && solverEnd.TryGetValue(first, out var firstEnd))
                {
                    earliest = Math.Max(earliest, firstEnd + gap - x.CaptureSeconds);
                }

                var latest = x.Window.End;
                if (repeatOfFirst.TryGetValue(x.Session.Index, out var repeat) && solverEnd.ContainsKey(repeat))
                {
                    latest = Math.Min(latest, finalEnd.TryGetValue(repeat, out var repeatEnd) ? repeatEnd - gap : x.SolverEnd);
                }

                return new TimedSession(x.RoadSeconds, x.SameSite ? 0 : setup, setup, x.CaptureSeconds, earliest, latest,
                    table.SecondsBetween(x.Point, 0), table.SecondsBetween(0, x.Point));
            }).ToList();
            if (TeamDayTiming.Retime(timed, model.ShiftStart(day), solverTimes.Return, options.StationBreakMinutes * 60) is { } retimed
                && NoLonger(retimed, solverTimes, day))
            {
                times = retimed;
            }
        }

        for (int i = 0; i < sessions.Count; i++)
        {
            finalEnd[sessions[i].Session.Index] = times.CaptureEnd[i];
        }

        return Build(day, table, sessions, times);
    }

    /// <summary>The engine's own times: leave and return as scheduled, arrive after the road, wait at the site for capture.</summary>
    private static TeamDayTimes SolverTimes(RoutePlan route, List<DaySession> sessions)
    {
        var arrive = new int[sessions.Count];
        var start = new int[sessions.Count];
        var end = new int[sessions.Count];
        var previousDeparture = route.Visits[0].DepartureSeconds;
        for (int i = 0; i < sessions.Count; i++)
        {
            var x = sessions[i];
            arrive[i] = previousDeparture + x.RoadSeconds;
            var setupEnds = arrive[i] + (x.SameSite ? 0 : x.Session.Request.SetupMinutes * 60);
            start[i] = Math.Max(x.SolverEnd - x.CaptureSeconds, setupEnds);
            end[i] = x.SolverEnd;
            previousDeparture = x.SolverEnd;
        }

        return new TeamDayTimes(route.Visits[0].DepartureSeconds, route.Visits[^1].ArrivalSeconds, arrive, start, end, []);
    }

    /// <summary>
    /// True when the re-timed day leaves no earlier than the shift starts, returns no later than the engine had it, and
    /// counts no more duty, evening or holiday time: so every weekly limit the engine kept still holds.
    /// </summary>
    private bool NoLonger(TeamDayTimes retimed, TeamDayTimes solver, TeamDay day) =>
        retimed.Leave >= model.ShiftStart(day)
        && retimed.Return <= solver.Return
        && retimed.Return - retimed.Leave <= solver.Return - solver.Leave
        && retimed.FieldSeconds <= solver.FieldSeconds
        && retimed.FieldSecondsAfter(model.EveningStart(day)) <= solver.FieldSecondsAfter(model.EveningStart(day));

    private TeamDayItinerary Build(TeamDay day, TravelTable table, List<DaySession> sessions, TeamDayTimes times)
    {
        var breakAfter = times.Breaks.ToDictionary(b => b.AfterSession);
        var stops = new List<ItineraryStop>();
        var returns = new List<StationReturn>();
        AxisWindow currentWindow = default;
        int metres = 0, travel = 0, setupSeconds = 0, captureSeconds = 0;
        for (int i = 0; i < sessions.Count; i++)
        {
            var x = sessions[i];
            var s = x.Session;
            int road = x.RoadSeconds, roadMetres = x.Metres;
            if (i > 0 && breakAfter.TryGetValue(i - 1, out var stationBreak))
            {
                var previous = sessions[i - 1].Point;
                int back = table.SecondsBetween(previous, 0), backMetres = table.MetresBetween(previous, 0);
                road = table.SecondsBetween(0, x.Point);
                roadMetres = table.MetresBetween(0, x.Point);
                returns.Add(new StationReturn(stops.Count, VisitWeek.TimeAt(stationBreak.BackSeconds), VisitWeek.TimeAt(stationBreak.LeaveSeconds),
                    backMetres + roadMetres, back + road));
                metres += backMetres;
                travel += back;
            }

            var sameSite = x.SameSite && !breakAfter.ContainsKey(i - 1);
            metres += roadMetres;
            travel += road;
            captureSeconds += x.CaptureSeconds;
            var repeat = x.Kind == ItineraryStopKind.RepeatVisit;
            // Sessions in a row at the same site and in the same window of the request make one stop, first captures
            // and retries together; a pause between two windows (the centre's lunch break) starts a new stop there.
            if (sameSite && stops.Count > 0 && stops[^1].VisitRequestId == s.Request.Id && x.Window == currentWindow)
            {
                var last = stops[^1];
                stops[^1] = last with
                {
                    Kind = last.People > 0 || !repeat ? ItineraryStopKind.Visit : ItineraryStopKind.RepeatVisit,
                    Leave = VisitWeek.TimeAt(times.CaptureEnd[i]),
                    People = last.People + (repeat ? 0 : s.Count),
                    Captured = repeat ? last.Captured : last.Captured.Add(s.People),
                    RepeatPeople = last.RepeatPeople + (repeat ? s.Count : 0),
                    RepeatCaptured = repeat ? last.RepeatCaptured.Add(s.People) : last.RepeatCaptured,
                    Sessions = last.Sessions + 1,
                };
            }
            else
            {
                var setup = sameSite ? 0 : s.Request.SetupMinutes * 60;
                setupSeconds += setup;
                var setupEnds = times.Arrive[i] + setup;
                stops.Add(new ItineraryStop(
                    stops.Count + 1, x.Kind, s.Request.Id, s.Site.Id, s.Site.Name,
                    VisitWeek.TimeAt(times.Arrive[i]), VisitWeek.TimeAt(setupEnds), VisitWeek.TimeAt(Math.Max(times.CaptureStart[i], setupEnds)),
                    VisitWeek.TimeAt(times.CaptureEnd[i]),
                    repeat ? 0 : s.Count, repeat ? default : s.People, 1, road, roadMetres, sameSite, s.Request.RequiredPresence,
                    repeat ? s.Count : 0, repeat ? s.People : default));
            }

            currentWindow = x.Window;
        }

        var lastPoint = sessions[^1].Point;
        metres += table.MetresBetween(lastPoint, 0);
        travel += table.SecondsBetween(lastPoint, 0);
        // Evening and holiday hours count time away from the station: a team back at the station between two visits
        // is not on a field shift (see TeamDayItinerary).
        var evening = day.IsRestDay ? 0 : times.FieldSecondsAfter(model.EveningStart(day)) / 60;
        var holiday = day.IsRestDay ? times.FieldSeconds / 60 : 0;
        var idle = Math.Max(0, times.FieldSeconds - travel - setupSeconds - captureSeconds) / 60;
        return new TeamDayItinerary(
            day.Team.Id, day.Team.Name, day.Team.Profile, day.Date, day.KitsInUse, day.IsShortHanded, day.IsRestDay, day.PresentOfficerIds,
            VisitWeek.TimeAt(times.Leave), VisitWeek.TimeAt(times.Return), stops, metres, travel, evening, holiday, returns, idle);
    }

    /// <summary>One session of a team-day as the engine placed it: road and metres from the previous point, the window it used.</summary>
    private sealed record DaySession(
        CaptureSession Session, ItineraryStopKind Kind, int Point, int RoadSeconds, int Metres, bool SameSite, AxisWindow Window, int CaptureSeconds,
        int SolverEnd);

    private SiteCoverage Coverage(
        VisitRequest request, IReadOnlyList<TeamDayItinerary> itineraries, bool[] served, IReadOnlyDictionary<int, UnassignedReason> unassigned,
        VisitReasons reasons)
    {
        var site = sites[request.SiteId];
        var visits = itineraries.SelectMany(i => i.Stops.Select(s => (Itinerary: i, Stop: s))).Where(x => x.Stop.VisitRequestId == request.Id).ToList();
        var firsts = visits.Where(x => x.Stop.People > 0).ToList();
        var repeats = visits.Where(x => x.Stop.RepeatPeople > 0).ToList();
        var planned = firsts.Sum(x => x.Stop.People);
        var byCategory = firsts.Aggregate(default(CategoryCounts), (c, x) => c.Add(x.Stop.Captured));
        var expected = (int)Math.Ceiling((Math.Clamp(request.ExpectedFailureShare, 0, 1) * planned) - 1e-9);
        var repeatPlanned = repeats.Sum(x => x.Stop.RepeatPeople);
        var total = request.ApplicantCount;
        var reason = planned >= total && repeatPlanned >= expected
            ? null
            : reasons.Explain(request, windows[request.Id], site, planned, total, expected, repeatPlanned, firsts.Select(x => x.Itinerary.Date).ToList(),
                    [.. model.Sessions.Where(s => s.Request.Id == request.Id)], served, unassigned);
        return new SiteCoverage(
            request, site, total, planned, byCategory, expected, repeatPlanned,
            [.. firsts.Select(x => x.Itinerary.Date).Distinct().Order()],
            [.. repeats.Select(x => x.Itinerary.Date).Distinct().Order()],
            [.. visits.Select(x => x.Itinerary.TeamId).Distinct().Order()],
            reason);
    }
}
