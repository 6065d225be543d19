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

        var itineraries = solution.Routes
            .OrderBy(r => model.Vehicles[r.Vehicle].Date).ThenBy(r => model.Vehicles[r.Vehicle].Team.Name, StringComparer.Ordinal).ThenBy(r => r.Vehicle)
            .Select(r => Itinerary(r, served))
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
            TravelSource: travelSource);
        return new WeekVisitPlan(week, station, itineraries, coverage, teamDays, figures, runs);
    }

    private TeamDayItinerary Itinerary(RoutePlan route, bool[] served)
    {
        var day = model.Vehicles[route.Vehicle];
        var table = travelOf(day.Team.Profile, day.Date).Table;
        var stops = new List<ItineraryStop>();
        int previousPoint = 0, previousDeparture = route.Visits[0].DepartureSeconds;
        long previousSite = -1;
        AxisWindow currentWindow = default;
        int metres = 0, travel = 0;
        foreach (var v in route.Visits.Where(v => v.Kind == VisitKind.Visit))
        {
            var s = model.Sessions[model.SessionOfTask[v.Index]];
            // A repeat whose first session is not in the plan captures those people for the first time.
            var kind = s.IsRepeat && served[s.RepeatOf!.Value] ? ItineraryStopKind.RepeatVisit : ItineraryStopKind.Visit;
            var road = table.SecondsBetween(previousPoint, s.Point);
            var roadMetres = table.MetresBetween(previousPoint, s.Point);
            metres += roadMetres;
            travel += road;
            var sameSite = previousSite == s.Site.Id;
            var captureEnd = v.StartSeconds;
            var captureStart = captureEnd - s.CaptureSeconds(day.KitsInUse);
            var arrive = previousDeparture + road;
            // Sessions in a row at the same site and in the same window of the request make one stop, first captures
            // and retries together; a pause between two windows (the centre's lunch break) starts a new stop there.
            var window = windows[s.Request.Id].FirstOrDefault(w => w.Start <= captureStart && captureEnd <= w.End);
            var repeat = kind == ItineraryStopKind.RepeatVisit;
            if (sameSite && stops.Count > 0 && stops[^1].VisitRequestId == s.Request.Id && window == currentWindow)
            {
                var last = stops[^1];
                stops[^1] = last with
                {
                    Kind = last.People > 0 || !repeat ? ItineraryStopKind.Visit : ItineraryStopKind.RepeatVisit,
                    Leave = VisitWeek.TimeAt(captureEnd),
                    People = last.People + (repeat ? 0 : s.Count),
                    Captured = repeat ? last.Captured : last.Captured.Add(s.People),
                    RepeatPeople = last.RepeatPeople + (repeat ? s.Count : 0),
                    RepeatCaptured = repeat ? last.RepeatCaptured.Add(s.People) : last.RepeatCaptured,
                    Sessions = last.Sessions + 1,
                };
            }
            else
            {
                var setupEnds = arrive + (sameSite ? 0 : s.Request.SetupMinutes * 60);
                stops.Add(new ItineraryStop(
                    stops.Count + 1, kind, s.Request.Id, s.Site.Id, s.Site.Name,
                    VisitWeek.TimeAt(arrive), VisitWeek.TimeAt(setupEnds), VisitWeek.TimeAt(Math.Max(captureStart, setupEnds)), VisitWeek.TimeAt(captureEnd),
                    repeat ? 0 : s.Count, repeat ? default : s.People, 1, road, roadMetres, sameSite, s.Request.RequiredPresence,
                    repeat ? s.Count : 0, repeat ? s.People : default));
            }

            previousPoint = s.Point;
            previousSite = s.Site.Id;
            currentWindow = window;
            previousDeparture = v.DepartureSeconds;
        }

        var leave = route.Visits[0].DepartureSeconds;
        var back = route.Visits[^1].ArrivalSeconds;
        metres += table.MetresBetween(previousPoint, 0);
        travel += table.SecondsBetween(previousPoint, 0);
        var evening = day.IsRestDay ? 0 : Math.Max(0, back - Math.Max(leave, model.EveningStart(day))) / 60;
        var holiday = day.IsRestDay ? (back - leave) / 60 : 0;
        return new TeamDayItinerary(
            day.Team.Id, day.Team.Name, day.Team.Profile, day.Date, day.KitsInUse, day.IsShortHanded, day.IsRestDay, day.PresentOfficerIds,
            VisitWeek.TimeAt(leave), VisitWeek.TimeAt(back), stops, metres, travel, evening, holiday);
    }

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
