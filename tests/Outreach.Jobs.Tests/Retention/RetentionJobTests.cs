using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Data;
using Outreach.Data.Stores;
using Outreach.Domain;
using Outreach.Jobs.Hosting;
using Outreach.Jobs.Retention;
using Outreach.Jobs.Tests.Pickups;

namespace Outreach.Jobs.Tests.Retention;

/// <summary>The retention job on the seeded demo week (Monday 9 to Saturday 14 March 2026).</summary>
public sealed class RetentionJobTests : IAsyncLifetime
{
    private DemoDatabase demo = null!;
    private DataStores stores = null!;

    public async Task InitializeAsync()
    {
        demo = await DemoDatabase.CreateAsync();
        stores = new DataStores(demo.Database, demo.Clock);
    }

    public Task DisposeAsync()
    {
        demo.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RetentionJob_RecurringOnAJobServer_AnonymisesOnlyDaysPastTheLimit()
    {
        // 30 days after Wednesday 11 March is 10 April: Monday to Wednesday are due, Thursday to Saturday not yet.
        demo.Clock.Now = new DateTimeOffset(2026, 4, 10, 3, 0, 0, TimeSpan.Zero);
        var settings = new RetentionSettings(true, 30, TimeSpan.FromSeconds(1), 0);
        var job = new RetentionJob(new RetentionService(stores.Bookings, stores.AuditLog, settings, demo.Clock, NullLogger<RetentionService>.Instance));
        var before = await TotalsAsync();
        var storage = new InMemoryStorage();
        new RecurringJobManager(storage).AddOrUpdate<RetentionJob>(RetentionJob.RecurringId, j => j.RunAsync(CancellationToken.None), IntervalCron.Every(settings.Interval));

        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, SchedulePollingInterval = TimeSpan.FromMilliseconds(200), Activator = new OnlyThis(job) }, storage))
        {
            for (var i = 0; i < 300 && (await TotalsAsync()).Anonymous == 0; i++)
            {
                await Task.Delay(50);
            }
        }

        var after = await TotalsAsync();
        Assert.Equal((before.Bookings, before.Children), (after.Bookings, after.Children));
        Assert.True(after.Anonymous > 0 && after.Anonymous < after.Bookings, $"{after.Anonymous} of {after.Bookings} anonymous");
        await using var connection = await demo.Database.OpenAsync();
        var left = await connection.QueryAsync<(string Date, string Phone)>("SELECT date, phone FROM bookings");
        Assert.All(left, b => Assert.Equal(string.CompareOrdinal(b.Date, "2026-03-11") <= 0, b.Phone.Length == 0));
        var entries = await stores.AuditLog.ListAsync(new AuditQuery(null));
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal((AuditActorKind.System, "retention", AuditAction.Anonymise), (e.Actor.Kind, e.Actor.Name, e.Action)));
        Assert.Equal(after.Anonymous, entries.Sum(e => e.BookingCount));
        Assert.Contains(storage.GetMonitoringApi().SucceededJobs(0, 10), j => j.Value.Job.Type == typeof(RetentionJob));
    }

    private async Task<(long Bookings, long Children, long Anonymous)> TotalsAsync()
    {
        await using var connection = await demo.Database.OpenAsync();
        return await connection.QuerySingleAsync<(long, long, long)>(
            "SELECT COUNT(*), SUM(child_count), SUM(CASE WHEN anonymised_at IS NULL THEN 0 ELSE 1 END) FROM bookings");
    }

    private sealed class OnlyThis(object job) : JobActivator
    {
        public override object ActivateJob(Type jobType) => job;
    }
}
