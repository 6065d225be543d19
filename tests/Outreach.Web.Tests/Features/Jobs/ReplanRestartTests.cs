using Microsoft.Data.Sqlite;
using Outreach.Jobs.Replanning;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Jobs;

/// <summary>
/// Issue 15, the embedded default: SQLite and Hangfire's in-memory job storage. A re-plan asked for before the app
/// stopped is in the app's own table, not only in the lost job queue: the next start on the same file runs it.
/// </summary>
public sealed class ReplanRestartTests : IDisposable
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("outreach-replan-restart-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Replan_PendingWhenTheAppStopped_RunsAfterARestartOnTheSameFile()
    {
        HandBuiltPlan plan;
        using (var before = Instance())
        {
            plan = await HandBuiltPlans.XuanHoaAsync(before.Services);
            await Replans.CancelAsFamilyAsync(before, plan.Bookings["Lan"]);

            // Asked for, due in an hour; the app stops before then.
            var pending = Assert.Single(await Replans.PendingAsync(before));
            Assert.Equal((plan.Station.Id, plan.Date, ReplanReasons.BookingCancelled), (pending.StationId, pending.PeriodStart, pending.Reasons));
            Assert.Single(await Replans.VersionsAsync(before, plan.Station.Id, plan.Date));
        }

        // Started again two hours later (by the app's clock) on the same data folder, with a new, empty job queue.
        using var after = Instance();
        after.Clock.Advance(TimeSpan.FromHours(2));

        // The request row leaves inside the job; Hangfire marks the job succeeded just after it returns.
        Assert.True(await Replans.WaitAsync(async () => (await Replans.PendingAsync(after)).Count == 0 && Replans.FinishedRuns(after).Count > 0), Replans.Describe(after));
        var versions = await Replans.VersionsAsync(after, plan.Station.Id, plan.Date);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal(ReplanService.JobName, versions[0].CreatedBy);
        Assert.Equal(["Planned"], Replans.FinishedRuns(after).Select(r => r.Outcome));
    }

    private OutreachAppFactory Instance()
    {
        var app = new OutreachAppFactory { DataFolder = dataFolder };
        app.Settings["Outreach:Replan:DelaySeconds"] = "3600";
        app.Settings["Outreach:Jobs:PollSeconds"] = "0.2";
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.2";
        return app;
    }
}
