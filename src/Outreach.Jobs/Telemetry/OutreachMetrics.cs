using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outreach.Jobs.Telemetry;

/// <summary>
/// The app's own instruments on the .NET metrics API (the OpenTelemetry metrics API in .NET), meter "Outreach"
/// (exported as outreach_plan_solve_duration, outreach_job_duration, outreach_bookings, outreach_messages):
/// plan solve times and outcomes, background job runs and durations, bookings made or refused by reason, messages sent
/// or failed. Request rates and latency come from ASP.NET Core's own meter (http.server.request.duration). The host
/// chooses the exporter (Outreach.Web: a Prometheus scrape endpoint). Tags never hold personal data. Thread-safe.
/// </summary>
public sealed class OutreachMetrics
{
    public const string MeterName = "Outreach";

    private readonly Histogram<double> _planSeconds;
    private readonly Histogram<double> _jobSeconds;
    private readonly Counter<long> _bookings;
    private readonly Counter<long> _messages;

    public OutreachMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _planSeconds = meter.CreateHistogram<double>("plan.solve.duration", "s", "Time to plan a day of pickups or a week of mobile-team visits, by kind and outcome.");
        _jobSeconds = meter.CreateHistogram<double>("job.duration", "s", "Background job runs (the count) and their duration, by job and outcome.");
        _bookings = meter.CreateCounter<long>("bookings", "{booking}", "Bookings made or refused, by channel, outcome and the slot rule's reason.");
        _messages = meter.CreateCounter<long>("messages", "{message}", "Messages handed to the gateway, retried, given up or withdrawn, by channel.");
    }

    /// <param name="kind">"pickups" or "visits".</param>
    /// <param name="outcome">"saved", "rejected" (failed the checker) or "error".</param>
    public void PlanSolved(string kind, TimeSpan elapsed, string outcome, int unserved = 0) =>
        _planSeconds.Record(elapsed.TotalSeconds, new("kind", kind), new("outcome", outcome), new("has_unserved", unserved > 0));

    public void JobRan(string job, TimeSpan elapsed, bool succeeded) =>
        _jobSeconds.Record(elapsed.TotalSeconds, new("job", job), new("outcome", succeeded ? "ok" : "failed"));

    /// <param name="channel">"family", "phone-in" or "move".</param>
    /// <param name="reason">The slot rule's refusal ("SeatsFull", ...), null when booked.</param>
    public void Booking(string channel, bool booked, string? reason = null, int count = 1) =>
        _bookings.Add(count, new("channel", channel), new("outcome", booked ? "booked" : "refused"), new("reason", reason ?? "none"));

    /// <param name="outcome">"sent", "retrying", "failed" or "withdrawn".</param>
    public void Message(string channel, string outcome) =>
        _messages.Add(1, new("channel", channel), new("outcome", outcome));

    /// <summary>Runs a plan solve and records its time and outcome (an exception is "error" and goes on up).</summary>
    public async Task<T> TimeSolveAsync<T>(string kind, Func<Task<T>> solve, Func<T, int>? unserved = null)
    {
        ArgumentNullException.ThrowIfNull(solve);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await solve();
            PlanSolved(kind, Stopwatch.GetElapsedTime(started), "saved", unserved?.Invoke(result) ?? 0);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PlanSolved(kind, Stopwatch.GetElapsedTime(started), e is InvalidOperationException ? "rejected" : "error");
            throw;
        }
    }

    /// <summary>Runs one job run and records its time and outcome (an exception goes on up).</summary>
    public async Task<T> TimeJobAsync<T>(string job, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await run();
            succeeded = true;
            return result;
        }
        finally
        {
            JobRan(job, Stopwatch.GetElapsedTime(started), succeeded);
        }
    }
}
