using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Jobs.Telemetry;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Nightly;

/// <summary>What one nightly run found for tomorrow.</summary>
/// <param name="Date">Tomorrow (Vietnam time).</param>
/// <param name="Current">Stations whose latest plan of tomorrow's pickups was made from tomorrow's bookings, vans and weather as they are.</param>
/// <param name="Requested">Stations whose plan was older than those and had no re-plan pending: asked for now.</param>
/// <param name="Pending">Stations whose plan is stale but whose re-plan is already asked for (nothing added).</param>
/// <param name="NotPlanned">Stations with bookings tomorrow and no plan (the chief has not planned the day; the job never plans a day first).</param>
/// <param name="NotOnPublishedPlan">Bookings holding seats tomorrow that the latest published plan does not carry: those
/// families have been told no van time and got no reminder (0 where nothing is published).</param>
public sealed record NightlyReport(DateOnly Date, int Current, int Requested, int Pending, int NotPlanned, int NotOnPublishedPlan);

/// <summary>
/// Prepares tomorrow, each evening: for every station whose pickups of tomorrow have a plan, checks that the latest
/// version was made from tomorrow's bookings (those holding seats), the station's vehicles and tomorrow's weather as they
/// are now, and asks for the day's re-plan (<see cref="ReplanReasons.NightlyStale"/>) when it was not and none is
/// pending. Reminders are the publisher's: publishing a day queues each family's reminder for 18:00 the day before in
/// the outbox (deduplicated), which the sender delivers; this job queues none of its own and counts the families a
/// published plan does not carry yet. Safe to run twice: the second run finds the request pending (or the day planned
/// since) and asks for nothing. Thread-safe.
/// </summary>
public sealed class NightlyService(
    StationStore stations,
    BookingStore bookings,
    FleetStore fleet,
    WeatherStore weather,
    PlanStore plans,
    ReplanRequestStore requests,
    ReplanRequests replans,
    TimeProvider clock,
    ILogger<NightlyService> logger,
    OutreachMetrics? metrics = null)
{
    public const string JobName = "nightly";

    public async Task<NightlyReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Job"] = JobName });
        return metrics is null ? await RunOnceAsync(cancellationToken) : await metrics.TimeJobAsync(JobName, () => RunOnceAsync(cancellationToken));
    }

    private async Task<NightlyReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var tomorrow = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VisitWeek.VietnamOffset).DateTime).AddDays(1);
        var pending = (await requests.ListPendingAsync(cancellationToken))
            .Where(r => r.Kind == PlanKind.Pickups && r.PeriodStart == tomorrow && r.PeriodEnd == tomorrow)
            .Select(r => r.StationId)
            .ToHashSet();
        int current = 0, requested = 0, waiting = 0, notPlanned = 0, notOnPublished = 0;
        foreach (var station in await stations.ListAsync(cancellationToken))
        {
            var dayBookings = (await bookings.ListAsync(station.Id, tomorrow, tomorrow, cancellationToken: cancellationToken))
                .Where(b => Booking.HoldsSeats(b.Status)).Select(b => b.Id).ToHashSet();
            if (await plans.GetLatestAsync(station.Id, PlanKind.Pickups, tomorrow, tomorrow, null, cancellationToken) is not { } latest)
            {
                notPlanned += dayBookings.Count > 0 ? 1 : 0;
                continue;
            }

            if (await plans.GetLatestAsync(station.Id, PlanKind.Pickups, tomorrow, tomorrow, PlanStatus.Published, cancellationToken) is { } published)
            {
                var carried = BookingsOf((await plans.GetAsync(published.Id, cancellationToken))!);
                notOnPublished += dayBookings.Count(id => !carried.Contains(id));
            }

            var why = await StaleAsync(station.Id, tomorrow, latest, dayBookings, cancellationToken);
            if (why is null)
            {
                current++;
            }
            else if (pending.Contains(station.Id))
            {
                waiting++;
            }
            else
            {
                await replans.RecordAsync(station.Id, PlanKind.Pickups, tomorrow, tomorrow, ReplanReasons.NightlyStale, cancellationToken);
                requested++;
                logger.LogInformation("Tomorrow's pickup plan of station {StationId} (version {Version}) is stale ({Why}): re-plan requested", station.Id, latest.Version, why);
            }
        }

        var report = new NightlyReport(tomorrow, current, requested, waiting, notPlanned, notOnPublished);
        logger.LogInformation(
            "Nightly for {Date:yyyy-MM-dd}: {Current} plans current, {Requested} re-plans requested, {Pending} already pending, {NotPlanned} stations with bookings and no plan, {NotOnPublished} bookings not on the published plan",
            tomorrow, current, requested, waiting, notPlanned, notOnPublished);
        return report;
    }

    /// <summary>Why the plan <paramref name="latest"/> no longer fits the day's inputs, or null when it does.</summary>
    private async Task<string?> StaleAsync(long stationId, DateOnly date, Plan latest, HashSet<long> dayBookings, CancellationToken cancellationToken)
    {
        var content = (await plans.GetAsync(latest.Id, cancellationToken))!;
        if (!BookingsOf(content).SetEquals(dayBookings))
        {
            return "bookings";
        }

        var vehicles = (await fleet.ListVehiclesAsync(stationId, cancellationToken)).Select(v => v.Id).ToHashSet();
        if (content.Stops.Any(s => s.ResourceKind == PlanResourceKind.Vehicle && !vehicles.Contains(s.ResourceId)))
        {
            return "vehicles";
        }

        // The weather row is written only when its facts change (PlanInputs.SaveWeatherAsync), so a newer row is news.
        return await weather.GetAsync(stationId, date, cancellationToken) is { } state && state.ObservedAt > latest.CreatedAt ? "weather" : null;
    }

    /// <summary>The bookings a plan decided on: those on its stops and those it left unserved.</summary>
    private static HashSet<long> BookingsOf(PlanContent content) =>
    [
        .. content.Stops.Select(s => s.BookingId).OfType<long>(),
        .. content.Unserved.Where(u => u.ItemKind == UnservedItemKind.Booking).Select(u => u.ItemId),
    ];
}
