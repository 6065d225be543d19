using Outreach.Domain;

namespace Outreach.Planning.Visits;

/// <summary>
/// Maps a <see cref="WeekVisitPlan"/> to the stored plan shape (<see cref="PlanContent"/>, kind Visits, period
/// Monday..Sunday) so it is saved, versioned and published like pickup plans, and reads a stored plan back into
/// team days and coverage for the week board. Stops of a team's day: Start (leave the station), one Visit per
/// itinerary stop (arrival = arrive at the site, service start = capture starts after set-up and any wait,
/// departure = leave after capture; repeat visits flagged), a CollectionPoint row wherever the team goes back to the
/// station between two visits (arrival = back, departure = leave again; plans stored before such returns existed
/// have none and read the same), End (back at the station). Times are instants (UTC) of the local Asia/Ho_Chi_Minh times. Stateless.
/// </summary>
public static class VisitPlanContent
{
    public static PlanContent ToPlanContent(WeekVisitPlan plan, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var week = plan.Week;
        var stops = new List<PlanStop>();
        foreach (var day in plan.Itineraries)
        {
            DateTimeOffset At(TimeOnly time) => week.UtcAt(week.Seconds(day.Date, time));
            PlanStop Make(int sequence, StopKind kind, DateTimeOffset arrival, DateTimeOffset departure) =>
                new(0, 0, PlanResourceKind.Team, day.TeamId, day.Date, 0, sequence, kind, null, null, null, arrival, departure, 0, 0, 0, 0);

            var sequence = 0;
            stops.Add(Make(sequence++, StopKind.Start, At(day.LeaveStation), At(day.LeaveStation)));
            var returns = day.StationReturns.ToLookup(r => r.AfterStop);
            foreach (var s in day.Stops)
            {
                // A stop that captures and retries is stored as two rows with the same times: first captures, then retries.
                var visit = Make(0, StopKind.Visit, At(s.Arrive), At(s.Leave)) with
                {
                    SiteId = s.SiteId,
                    VisitRequestId = s.VisitRequestId,
                    ServiceStart = At(s.CaptureStarts),
                };
                if (s.People > 0)
                {
                    stops.Add(visit with { Sequence = sequence++, ServedCount = s.People, ServedByCategory = s.Captured });
                }

                if (s.RepeatPeople > 0)
                {
                    stops.Add(visit with { Sequence = sequence++, ServedCount = s.RepeatPeople, ServedByCategory = s.RepeatCaptured, IsRepeatVisit = true });
                }

                foreach (var r in returns[s.Sequence])
                {
                    stops.Add(Make(sequence++, StopKind.CollectionPoint, At(r.Back), At(r.Leave)));
                }
            }

            stops.Add(Make(sequence, StopKind.End, At(day.ReturnStation), At(day.ReturnStation)));
        }

        var unserved = plan.Coverage.Where(c => c.Reason is not null)
            .Select(c => new UnservedItem(0, 0, UnservedItemKind.VisitRequest, c.Request.Id, c.Reason!.Code, c.Reason.Vi, c.Reason.En))
            .ToList();
        return new PlanContent(
            new Plan(0, plan.Station.Id, PlanKind.Visits, week.Monday, week.Sunday, 0, PlanStatus.Draft, default, null, createdBy),
            stops, [], unserved);
    }

    /// <summary>The stored team days of a Visits plan, by date then team, each with its stops in order.</summary>
    public static IReadOnlyList<SavedTeamDay> TeamDays(PlanContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return [.. content.Stops
            .Where(s => s.ResourceKind == PlanResourceKind.Team)
            .GroupBy(s => (s.ResourceId, s.Date))
            .Select(g =>
            {
                var ordered = g.OrderBy(s => s.Sequence).ToList();
                var start = ordered.FirstOrDefault(s => s.Kind == StopKind.Start);
                var end = ordered.LastOrDefault(s => s.Kind == StopKind.End);
                var visits = ordered.Where(s => s.Kind == StopKind.Visit).ToList();
                return new SavedTeamDay(g.Key.ResourceId, g.Key.Date,
                    (start ?? visits.FirstOrDefault())?.Departure, (end ?? visits.LastOrDefault())?.Arrival, visits,
                    [.. ordered.Where(s => s.Kind == StopKind.CollectionPoint)]);
            })
            .OrderBy(d => d.Date).ThenBy(d => d.TeamId)];
    }

    /// <summary>Coverage of each request of a stored plan: first captures and repeats from its stops, the reason from its unserved item.</summary>
    public static IReadOnlyList<SavedCoverage> Coverage(PlanContent content, IReadOnlyList<VisitRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(requests);
        var stops = content.Stops.Where(s => s.Kind == StopKind.Visit && s.VisitRequestId is not null).ToLookup(s => s.VisitRequestId!.Value);
        var reasons = content.Unserved.Where(u => u.ItemKind == UnservedItemKind.VisitRequest).ToDictionary(u => u.ItemId);
        var planned = stops.Select(g => g.Key).Concat(reasons.Keys).ToHashSet();
        return [.. requests.Where(r => planned.Contains(r.Id)).Select(r =>
        {
            var firsts = stops[r.Id].Where(s => !s.IsRepeatVisit).ToList();
            var repeats = stops[r.Id].Where(s => s.IsRepeatVisit).ToList();
            return new SavedCoverage(r, r.ApplicantCount, firsts.Sum(s => s.ServedCount), repeats.Sum(s => s.ServedCount),
                [.. firsts.Select(s => s.Date).Distinct().Order()], [.. repeats.Select(s => s.Date).Distinct().Order()],
                [.. stops[r.Id].Select(s => s.ResourceId).Distinct().Order()], reasons.GetValueOrDefault(r.Id));
        })];
    }
}

/// <summary>
/// A team's day as stored: leave and return instants (UTC), its visit stops in order and its returns to the station
/// between visits (arrival = back at the station, departure = leave again; none in plans stored before they existed).
/// </summary>
public sealed record SavedTeamDay(
    long TeamId, DateOnly Date, DateTimeOffset? Leave, DateTimeOffset? Return, IReadOnlyList<PlanStop> Visits, IReadOnlyList<PlanStop> StationReturns)
{
    public int People => Visits.Where(v => !v.IsRepeatVisit).Sum(v => v.ServedCount);

    public int RepeatPeople => Visits.Where(v => v.IsRepeatVisit).Sum(v => v.ServedCount);
}

/// <summary>Coverage of one request in a stored plan.</summary>
public sealed record SavedCoverage(
    VisitRequest Request, int Total, int Planned, int RepeatPlanned, IReadOnlyList<DateOnly> VisitDates, IReadOnlyList<DateOnly> RepeatDates,
    IReadOnlyList<long> TeamIds, UnservedItem? Reason);
