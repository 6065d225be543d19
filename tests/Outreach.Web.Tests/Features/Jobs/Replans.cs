using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Jobs;

/// <summary>What the re-plan tests look at: plan versions, pending requests, the re-plan jobs Hangfire ran, and a
/// family cancelling through its own booking page.</summary>
public static class Replans
{
    public static async Task<IReadOnlyList<Plan>> VersionsAsync(OutreachAppFactory app, long stationId, DateOnly day) =>
        await app.Services.GetRequiredService<PlanStore>().ListVersionsAsync(stationId, PlanKind.Pickups, day, day);

    public static Task<IReadOnlyList<ReplanRequest>> PendingAsync(OutreachAppFactory app) =>
        app.Services.GetRequiredService<ReplanRequestStore>().ListPendingAsync();

    /// <summary>Waits (up to <paramref name="seconds"/>) until <paramref name="done"/> holds; false if it never did.</summary>
    public static async Task<bool> WaitAsync(Func<Task<bool>> done, double seconds = 60)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (TimeProvider.System.GetUtcNow() < until)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await done();
    }

    /// <summary>The re-plan runs Hangfire finished in this app's job storage: job id and what each did ("Planned", "Superseded", ...).</summary>
    public static IReadOnlyList<(string JobId, string Outcome)> FinishedRuns(OutreachAppFactory app) =>
        [.. app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededJobs(0, 1000)
            .Where(j => j.Value.Job?.Type == typeof(ReplanJob))
            .Select(j => (j.Key, Outcome(j.Value.Result?.ToString() ?? "")))];

    /// <summary>Every re-plan job of the storage by state, for a failure's message.</summary>
    public static string Describe(OutreachAppFactory app)
    {
        var api = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var lines = new List<string>();
        lines.AddRange(api.SucceededJobs(0, 1000).Where(j => j.Value.Job?.Type == typeof(ReplanJob)).Select(j => $"succeeded {j.Key} {j.Value.Job?.Args[1]}: {j.Value.Result}"));
        lines.AddRange(api.FailedJobs(0, 1000).Where(j => j.Value.Job?.Type == typeof(ReplanJob)).Select(j => $"failed {j.Key}: {j.Value.ExceptionMessage}"));
        lines.AddRange(api.ScheduledJobs(0, 1000).Where(j => j.Value.Job?.Type == typeof(ReplanJob)).Select(j => $"scheduled {j.Key} at {j.Value.EnqueueAt:o}"));
        lines.AddRange(api.ProcessingJobs(0, 1000).Where(j => j.Value.Job?.Type == typeof(ReplanJob)).Select(j => $"processing {j.Key} on {j.Value.ServerId}"));
        lines.AddRange(api.EnqueuedJobs(ReplanJob.Queue, 0, 1000).Select(j => $"enqueued {j.Key}"));
        return string.Join("; ", lines);
    }

    /// <summary>The family proves code and phone on /booking/find, then cancels on its booking's page (ticked).</summary>
    public static async Task CancelAsFamilyAsync(OutreachAppFactory app, Booking booking)
    {
        using var client = await FamilyAsync(app, booking);
        await CancelAsFamilyAsync(app, client, booking);
    }

    /// <summary>A browser where the family proved its booking's code and phone on /booking/find.</summary>
    public static async Task<HttpClient> FamilyAsync(OutreachAppFactory app, Booking booking)
    {
        var client = app.CreateBrowserLikeClient();
        using var found = await Forms.SubmitAsync(client, "/booking/find", new Dictionary<string, string> { ["code"] = booking.Code, ["phone"] = booking.Phone }, "find-booking");
        Assert.Equal($"/booking/manage/{booking.Code}", Forms.Location(found));
        return client;
    }

    /// <summary>The family (in <paramref name="client"/>, see <see cref="FamilyAsync"/>) cancels on its booking's page (ticked).</summary>
    public static async Task CancelAsFamilyAsync(OutreachAppFactory app, HttpClient client, Booking booking)
    {
        using var cancelled = await Forms.SubmitAsync(client, $"/booking/manage/{booking.Code}", new Dictionary<string, string> { ["confirmCancel"] = "1" }, "cancel-booking");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(BookingStatus.Cancelled, (await app.Services.GetRequiredService<BookingStore>().GetAsync(booking.Id))!.Status);
    }

    private static string Outcome(string result) =>
        Enum.GetNames<ReplanOutcome>().FirstOrDefault(name => result.Contains($"Outcome = {name}", StringComparison.Ordinal)) ?? result;
}
