using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Replanning;

/// <summary>
/// Where changes ask for a re-plan: records the request in the app's own table (<see cref="ReplanRequestStore"/>, the
/// durable fact) and queues the job for the request's latest change at its due time (<see cref="ReplanSettings.Delay"/>
/// after the change; earlier changes' runs then find themselves superseded, which is the debounce). The triggers
/// (<see cref="BookingCancelledAsync"/>, <see cref="StationSettingsChangedAsync"/>) run after the change committed, so
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
    /// The station's settings changed: every pickup day from today on that has a plan version is re-planned (the
    /// mobile-team weeks do not depend on these settings).
    /// </summary>
    public async Task<IReadOnlyList<ReplanRequest>> StationSettingsChangedAsync(long stationId)
    {
        var cancellationToken = CancellationToken.None;
        try
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VisitWeek.VietnamOffset).DateTime);
            var days = (await plans.ListAsync(stationId, today, today.AddDays(HorizonDays), cancellationToken))
                .Where(p => p.Kind == PlanKind.Pickups && p.PeriodStart >= today)
                .Select(p => p.PeriodStart)
                .Distinct()
                .Order()
                .ToList();
            var recorded = new List<ReplanRequest>(days.Count);
            foreach (var day in days)
            {
                recorded.Add(await RecordAsync(stationId, PlanKind.Pickups, day, day, ReplanReasons.StationSettings, cancellationToken));
            }

            return recorded;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Re-plan requests for the settings change of station {StationId} not recorded", stationId);
            return [];
        }
    }

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
