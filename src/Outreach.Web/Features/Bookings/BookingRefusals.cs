using Outreach.Data.Stores;
using Outreach.Jobs.Telemetry;
using Outreach.Planning.Pickups.Slots;

namespace Outreach.Web.Features.Bookings;

/// <summary>
/// Counts a refused booking request, once for every page that refuses one (family booking, move, phone-in): the
/// OpenTelemetry counter, and the station's day count by reason and channel that the chief reads on the pickup day
/// page (<see cref="RefusalStore"/>: a reason code and a channel, nothing about the family). Stateless; thread-safe.
/// </summary>
public sealed partial class BookingRefusals(RefusalStore store, OutreachMetrics metrics, ILogger<BookingRefusals> logger)
{
    /// <summary>Prefix of a capacity rule's refusal code ("Slot.SeatsFull": the <see cref="SlotRefusal"/> name).</summary>
    public const string SlotPrefix = "Slot.";

    /// <summary>Prefix of a live plan's refusal code ("Plan.TripFull": the live refusal's code, a PickupUnservedReason name).</summary>
    public const string PlanPrefix = "Plan.";

    /// <summary>
    /// Counts one refused request of <paramref name="stationId"/> for <paramref name="date"/>: the live plan's reason when it
    /// refused, else the capacity rule's (seats full when the rule, asked again, has none: the slot filled meanwhile).
    /// A failure to store the count is logged and swallowed: it must never fail the family's request.
    /// </summary>
    /// <param name="channel">One of <see cref="RefusalChannels"/>.</param>
    public async Task RecordAsync(
        string channel, long stationId, DateOnly date, SlotRefusal? slot, LiveRefusal? live, CancellationToken cancellationToken)
    {
        var refusal = slot ?? SlotRefusal.SeatsFull;
        // The counter keeps its tags as before (dashboards use them); the stored code says which check refused, since
        // the rule's and the plan's reason names overlap ("NoWheelchairPlace" means different things in each).
        metrics.Booking(channel, booked: false, live?.Code ?? refusal.ToString());
        var code = live is not null ? PlanPrefix + live.Code : SlotPrefix + refusal;
        try
        {
            await store.RecordAsync(stationId, date, code, channel, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotRecorded(logger, e, stationId, date, code, channel);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused booking request not counted (station {StationId}, {Date:yyyy-MM-dd}, {Reason}, {Channel}); the family's answer is unchanged")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, long stationId, DateOnly date, string reason, string channel);
}
