using Outreach.Planning.Pickups;

namespace Outreach.Web.Features.Bookings;

/// <summary>What <see cref="LivePlanImprover.ImproveAsync"/> did.</summary>
public enum LivePlanImprovement
{
    /// <summary>Nothing to do: a past day, an unknown station, or no (readable) live plan.</summary>
    Skipped,

    /// <summary>The search found no plan better than the live plan that keeps every promise.</summary>
    NoBetterPlan,

    /// <summary>The better plan is the day's live plan now (a new version).</summary>
    Replaced,

    /// <summary>A booking, move or cancellation committed meanwhile; the better plan was dropped (the change asks again).</summary>
    LostRace,
}

/// <summary>
/// Improves one station day's live plan (issue 13): re-plans the day from the stored live plan with the same request the
/// booking transaction builds (<see cref="StationDesk.LiveDayRequest"/>), for at most
/// <see cref="LivePlanSettings.ImproveTime"/> on a thread-pool thread, and stores the result only when
/// <see cref="LiveBooking.Improve"/> finds it better without leaving out anyone the live plan serves, and the store finds
/// the plan unchanged since it was read (<see cref="Data.Stores.BookingStore.TryReplaceLivePlanAsync"/>). The search pauses
/// while families wait for an answer anywhere in the app (<see cref="BookingTraffic"/>). A plain class:
/// the hosted service (<see cref="LivePlanImprovementService"/>), or a Hangfire job later, only decides when. Logs ids,
/// dates and figures, never a family's name, phone or code. Thread-safe.
/// </summary>
public sealed partial class LivePlanImprover(BookingDesk desk, LivePlanSettings settings, ILogger<LivePlanImprover> logger)
{
    /// <summary>
    /// The longest an improvement waits, in all, for families to be answered (<see cref="YieldingClock"/>): a burst is
    /// over in seconds; a stream of families longer than this gets the improvement beside it.
    /// </summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    public async Task<LivePlanImprovement> ImproveAsync(long stationId, DateOnly date, CancellationToken cancellationToken)
    {
        // Past days are done: the vans drove that plan.
        if (date < desk.Today || await desk.OpenAsync(stationId, cancellationToken) is not { } station)
        {
            return LivePlanImprovement.Skipped;
        }

        // Taken before the day is read: a booking committed from then on ends the search, whose plan could not be stored.
        // The search makes way for families waiting for an answer anywhere in the app (it only improves a plan).
        var clock = new YieldingClock(desk.UntilChanged(stationId, date), () => desk.Traffic.Any, MaxPause);
        var day = await desk.Bookings.GetLiveDayAsync(stationId, date, cancellationToken);
        if (desk.LivePlan(stationId, date, day.Plan) is not { } live)
        {
            return LivePlanImprovement.Skipped;
        }

        await station.LoadPublishedAsync([date], cancellationToken);
        // The search holds a core for its time limit: off the caller's thread, and not awaited past a shutdown. On a thread
        // of its own, not the pool's: while families wait its clock sleeps (YieldingClock), up to half a minute, and a pool
        // thread asleep is one the families' own requests lack (on two cores the pool has two to start with).
        var better = await Task.Factory.StartNew(() => LiveBooking.Improve(station.LiveDayRequest(date, day.Bookings, live, settings.ImproveTime, clock)),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(cancellationToken);
        if (better is null)
        {
            LogNoBetterPlan(logger, stationId, date, day.Version);
            return LivePlanImprovement.NoBetterPlan;
        }

        var served = LiveBooking.Served(better);
        if (!await desk.Bookings.TryReplaceLivePlanAsync(stationId, date, day.Version, desk.Written(stationId, date, better), served,
                plan => desk.LivePlan(stationId, date, plan) is { } read ? LiveBooking.Served(read) : [], cancellationToken))
        {
            LogLostRace(logger, stationId, date, day.Version);
            return LivePlanImprovement.LostRace;
        }

        // A better plan may have room where the last searches found none.
        desk.RoomFreed(stationId, date);

        LogReplaced(logger, stationId, date, day.Version + 1, served.Count, better.Unserved.Count, live.Figures.Metres, better.Figures.Metres);
        return LivePlanImprovement.Replaced;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live plan of station {StationId} on {Date} (version {Version}): no better plan found")]
    private static partial void LogNoBetterPlan(ILogger logger, long stationId, DateOnly date, int version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live plan of station {StationId} on {Date} changed since version {Version}; the improvement is dropped")]
    private static partial void LogLostRace(ILogger logger, long stationId, DateOnly date, int version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Live plan of station {StationId} on {Date} improved to version {Version}: {Served} bookings served, {Unserved} not, {MetresBefore} m driven before, {MetresAfter} m now")]
    private static partial void LogReplaced(ILogger logger, long stationId, DateOnly date, int version, int served, int unserved, long metresBefore, long metresAfter);
}
