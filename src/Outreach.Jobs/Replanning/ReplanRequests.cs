using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Replanning;

/// <summary>
/// Where changes ask for a re-plan: records the request in the app's own table (<see cref="ReplanRequestStore"/>, the
/// durable fact) and queues the job for the request's latest change at its due time (<see cref="ReplanSettings.Delay"/>
/// after the change; earlier changes' runs then find themselves superseded, which is the debounce). The triggers
/// (<see cref="BookingCancelledAsync"/>, <see cref="PickupDayChangedAsync"/>, <see cref="StationSettingsChangedAsync"/>,
/// <see cref="FleetChangedAsync"/>, <see cref="OfficersChangedAsync"/>, <see cref="VisitRequestsChangedAsync"/>,
/// <see cref="WeatherChangedAsync"/>) run after the change committed, so
/// they are not cancelled with the request that made it (a closed browser must not lose the re-plan) and never throw:
/// a failure is logged, and the change itself stands. Thread-safe.
/// </summary>
public sealed class ReplanRequests(
    ReplanRequestStore requests, PlanStore plans, ReplanScheduler scheduler, ReplanSettings settings, TimeProvider clock, ILogger<ReplanRequests> logger)
{
    /// <summary>How far ahead a settings change looks for planned days.</summary>
    private const int HorizonDays = 366;

    /// <summary>Records a change of the station's period and queues its re-plan.</summary>
    public async Task<ReplanRequest> RecordAsync(
        long stationId, PlanKind kind, DateOnly periodStart, DateOnly periodEnd, string reason, CancellationToken cancellationToken = default)
    {
        var request = await requests.RecordAsync(stationId, kind, periodStart, periodEnd, reason, settings.Delay, settings.MaxDelay, cancellationToken);
        scheduler.Schedule(request);
        logger.LogInformation("Re-plan of {Kind} {Start:yyyy-MM-dd} of station {StationId} requested ({Reason}; change {Changes}, due {DueAt:o})",
            kind, periodStart, stationId, reason, request.Changes, request.DueAt);
        return request;
    }

    /// <summary>A booking was cancelled: its day's pickups are re-planned (if the day has a plan when the job runs).</summary>
    public async Task<ReplanRequest?> BookingCancelledAsync(long stationId, DateOnly date)
    {
        try
        {
            return await RecordAsync(stationId, PlanKind.Pickups, date, date, ReplanReasons.BookingCancelled, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Re-plan request for the cancelled booking of {Date:yyyy-MM-dd} at station {StationId} not recorded", date, stationId);
            return null;
        }
    }

    /// <summary>
    /// A booking of the station's day was made (a family's, or staff's phone-in) or moved to or from it, with the
    /// <paramref name="reason"/> of <see cref="ReplanReasons"/>: the day's pickups are re-planned if the day has a plan.
    /// A day without one asks for nothing: whatever plan the chief makes later reads the booking anyway, and a family's
    /// booking then costs the booking page one read, not a write and a job.
    /// </summary>
    public async Task<ReplanRequest?> PickupDayChangedAsync(long stationId, DateOnly date, string reason) =>
        (await PlannedPeriodsChangedAsync(stationId, PlanKind.Pickups, date, date, reason)).SingleOrDefault();

    /// <summary>
    /// The station's settings changed: every pickup day from today on that has a plan version is re-planned (the
    /// mobile-team weeks do not depend on these settings).
    /// </summary>
    public Task<IReadOnlyList<ReplanRequest>> StationSettingsChangedAsync(long stationId) =>
        PlannedPeriodsChangedAsync(stationId, PlanKind.Pickups, Today(), Today().AddDays(HorizonDays), ReplanReasons.StationSettings);

    /// <summary>
    /// A vehicle or a team of the station changed: every planned pickup day and mobile-team week from today on is
    /// re-planned (pickup vans are the vehicles no team uses, so a team's change can move a van between the two).
    /// </summary>
    public Task<IReadOnlyList<ReplanRequest>> FleetChangedAsync(long stationId) =>
        PlannedPeriodsChangedAsync(stationId, null, Today(), Today().AddDays(HorizonDays), ReplanReasons.FleetChanged);

    /// <summary>
    /// An officer of the station changed (skills, leave) for the days <paramref name="from"/> to <paramref name="to"/>:
    /// the planned mobile-team weeks overlapping them are re-planned (teams are made of officers; the pickup plan uses
    /// none).
    /// </summary>
    public Task<IReadOnlyList<ReplanRequest>> OfficersChangedAsync(long stationId, DateOnly from, DateOnly to) =>
        PlannedPeriodsChangedAsync(stationId, PlanKind.Visits, from, to, ReplanReasons.OfficersChanged);

    /// <summary>
    /// A visit request of the station was added, changed or closed; <paramref name="windowDates"/> are the dates of its
    /// availability windows before and after the change: the planned mobile-team weeks holding them are re-planned
    /// (without dates: every planned week from today on, as the request may be visited in any).
    /// </summary>
    public async Task<IReadOnlyList<ReplanRequest>> VisitRequestsChangedAsync(long stationId, IEnumerable<DateOnly> windowDates)
    {
        ArgumentNullException.ThrowIfNull(windowDates);
        var mondays = windowDates.Select(MondayOf).Distinct().Order().ToList();
        if (mondays.Count == 0)
        {
            return await PlannedPeriodsChangedAsync(stationId, PlanKind.Visits, Today(), Today().AddDays(HorizonDays), ReplanReasons.VisitRequestsChanged);
        }

        var recorded = new List<ReplanRequest>();
        foreach (var monday in mondays)
        {
            recorded.AddRange(await PlannedPeriodsChangedAsync(stationId, PlanKind.Visits, monday, monday.AddDays(6), ReplanReasons.VisitRequestsChanged));
        }

        return recorded;
    }

    /// <summary>
    /// The station's weather of <paramref name="date"/> changed (a forecast, or rain, floods and closures entered): the
    /// day's pickups and the mobile-team week holding it are re-planned where they have a plan.
    /// </summary>
    public Task<IReadOnlyList<ReplanRequest>> WeatherChangedAsync(long stationId, DateOnly date, string reason) =>
        PlannedPeriodsChangedAsync(stationId, null, date, date, reason);

    /// <summary>
    /// Records a change for each period of the station (of <paramref name="kind"/>, or pickups and visits) that has a
    /// plan version, overlaps <paramref name="from"/>..<paramref name="to"/> and is not over. Runs after the change
    /// committed and never throws: a failure is logged, and the change itself stands.
    /// </summary>
    private async Task<IReadOnlyList<ReplanRequest>> PlannedPeriodsChangedAsync(long stationId, PlanKind? kind, DateOnly from, DateOnly to, string reason)
    {
        var cancellationToken = CancellationToken.None;
        try
        {
            var today = Today();
            if (to < today)
            {
                return [];
            }

            var periods = (await plans.ListAsync(stationId, from < today ? today : from, to, cancellationToken))
                .Where(p => p.Kind is PlanKind.Pickups or PlanKind.Visits && (kind is null || p.Kind == kind) && p.PeriodEnd >= today)
                .Select(p => (p.Kind, p.PeriodStart, p.PeriodEnd))
                .Distinct()
                .OrderBy(p => p.PeriodStart)
                .ThenBy(p => p.Kind)
                .ToList();
            var recorded = new List<ReplanRequest>(periods.Count);
            foreach (var (periodKind, start, end) in periods)
            {
                recorded.Add(await RecordAsync(stationId, periodKind, start, end, reason, cancellationToken));
            }

            return recorded;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Re-plan requests of station {StationId} for {From:yyyy-MM-dd}..{To:yyyy-MM-dd} ({Reason}) not recorded", stationId, from, to, reason);
            return [];
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VisitWeek.VietnamOffset).DateTime);

    private static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>
    /// At start-up: queues the run of every pending request's latest change again, at its due time (at once if past).
    /// The in-memory job storage starts empty and a PostgreSQL one may have lost nothing; either way a run too many
    /// finds its change superseded or done.
    /// </summary>
    public async Task<int> RescheduleAllAsync(CancellationToken cancellationToken = default)
    {
        var pending = await requests.ListPendingAsync(cancellationToken);
        foreach (var request in pending)
        {
            scheduler.Schedule(request);
        }

        if (pending.Count > 0)
        {
            logger.LogInformation("Re-plan requests pending at start-up queued again: {Count}", pending.Count);
        }

        return pending.Count;
    }
}
