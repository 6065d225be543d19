using Microsoft.Extensions.Configuration;

namespace Outreach.Jobs.Hosting;

/// <summary>
/// The job server of each app instance: <c>Outreach:Jobs:Workers</c> (default 2, 1-20) workers for the light jobs
/// (sending messages, retention), <c>Outreach:Jobs:PlanningWorkers</c> (default 1, 1-8) for re-planning, which keeps a
/// core busy while it searches (one leaves the other core of a small machine to the web pages), and
/// <c>Outreach:Jobs:PollSeconds</c> (default 5, 0.1-60): how often a server looks for delayed jobs that came due and,
/// on PostgreSQL, for queued jobs.
/// </summary>
public sealed record JobSettings(int Workers, int PlanningWorkers, TimeSpan Poll)
{
    public const string WorkersKey = "Outreach:Jobs:Workers";
    public const string PlanningWorkersKey = "Outreach:Jobs:PlanningWorkers";
    public const string PollSecondsKey = "Outreach:Jobs:PollSeconds";

    public static JobSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new JobSettings(
            (int)Settings.Number(configuration, WorkersKey, 2, 1, 20),
            (int)Settings.Number(configuration, PlanningWorkersKey, 1, 1, 8),
            TimeSpan.FromSeconds(Settings.Number(configuration, PollSecondsKey, 5, 0.1, 60)));
    }
}
