using Microsoft.Extensions.Logging;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Telemetry;
using Outreach.Planning.Visits;

namespace Outreach.Jobs.Retention;

/// <summary>What one retention run did.</summary>
public sealed record RetentionReport(DateOnly LastDayAnonymised, int BookingsAnonymised, int AuditEntriesDeleted);

/// <summary>
/// Makes bookings anonymous <see cref="RetentionSettings.DaysAfterCampaignDay"/> days after their day (name, phone,
/// address note and home pin removed; code, counts, needs, slot and status kept for statistics; their messages blanked),
/// in batches, each batch with its audit entries in one transaction, and deletes audit entries older than
/// <see cref="RetentionSettings.AuditLogDays"/>. Idempotent: two app instances may run it at once.
/// </summary>
public sealed class RetentionService(
    BookingStore bookings, AuditLogStore audit, RetentionSettings settings, TimeProvider clock, ILogger<RetentionService> logger, OutreachMetrics? metrics = null)
{
    public const string JobName = "retention";

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default)
    {
        return metrics is null ? await RunOnceAsync(cancellationToken) : await metrics.TimeJobAsync(JobName, () => RunOnceAsync(cancellationToken));
    }

    private async Task<RetentionReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(VisitWeek.VietnamOffset).DateTime);
        var lastDay = today.AddDays(-settings.DaysAfterCampaignDay);
        var total = 0;
        for (int done; (done = await bookings.AnonymiseUpToAsync(lastDay, AuditActor.System(JobName), cancellationToken: cancellationToken)) > 0;)
        {
            total += done;
        }

        var deleted = settings.AuditLogDays > 0 ? await audit.DeleteOlderThanAsync(now.AddDays(-settings.AuditLogDays), cancellationToken) : 0;
        using (logger.BeginScope(new Dictionary<string, object> { ["Job"] = JobName }))
        {
            logger.LogInformation("Retention: {Bookings} bookings of days up to {LastDay:yyyy-MM-dd} made anonymous, {AuditEntries} audit entries older than {AuditDays} days deleted",
                total, lastDay, deleted, settings.AuditLogDays);
        }

        return new RetentionReport(lastDay, total, deleted);
    }
}
