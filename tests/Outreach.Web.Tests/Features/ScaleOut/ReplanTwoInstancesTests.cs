using System.Diagnostics;
using System.Net;
using System.Text;
using Hangfire;
using Hangfire.States;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain;
using Outreach.Jobs.Replanning;
using Outreach.Web.Features.Bookings;
using Outreach.Web.Features.Audit;
using Outreach.Web.Tests.Features.Jobs;
using Outreach.Web.Tests.Features.RouteSheets;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.ScaleOut;

/// <summary>
/// Issue 15: two app instances (two hosts, each with its own Hangfire servers) on one PostgreSQL database, so one
/// Hangfire job storage. Changes through either instance coalesce into one re-plan request per station and day; one
/// plan version is made per change set, on whichever server takes the job; running the job again makes none.
/// </summary>
[Collection(PostgresWebGroup.Name)]
public sealed class ReplanTwoInstancesTests(PostgresWebFixture fixture) : TwoInstancesOnPostgres(fixture, "outreach_replan_two")
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    protected override void Configure(OutreachAppFactory app)
    {
        // A change set is the changes within 5 s of each other; the servers look for due and queued jobs 5 times a second.
        app.Settings["Outreach:Replan:DelaySeconds"] = Delay.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Outreach:Jobs:PollSeconds"] = "0.2";
        app.Settings["Outreach:Planning:PickupSeconds"] = "0.2";
    }

    [SkippableFact]
    public async Task Replan_ChangesThroughBothInstances_OneVersionPerChangeSetAndRunningTheJobAgainMakesNone()
    {
        Fixture.Server.SkipIfUnavailable();
        var plan = await HandBuiltPlans.XuanHoaAsync(A.Services);
        var station = plan.Station.Id;
        var day = plan.Date;

        // Change set 1: Lan's family cancels on its page served by instance A, Minh's through instance B's desk, at once.
        using var lan = await Replans.FamilyAsync(A, plan.Bookings["Lan"]);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(
            Replans.CancelAsFamilyAsync(A, lan, plan.Bookings["Lan"]),
            B.Services.GetRequiredService<BookingDesk>().CancelAsync(plan.Bookings["Minh"], PersonalDataAudit.Family(plan.Bookings["Minh"].Code), CancellationToken.None));
        var took = Stopwatch.GetElapsedTime(started);
        Assert.True(took < Delay, $"the two cancellations took {took}, longer than the re-plan delay: not one change set");
        var pending = Assert.Single(await Replans.PendingAsync(B));
        Assert.Equal((station, day, 2, ReplanReasons.BookingCancelled), (pending.StationId, pending.PeriodStart, pending.Changes, pending.Reasons));

        Assert.True(await Replans.WaitAsync(async () => (await Replans.VersionsAsync(A, station, day)).Count == 2 && (await Replans.PendingAsync(A)).Count == 0), Replans.Describe(A));
        // Nothing more comes of it: both changes' runs are done, one planned, the other found itself superseded.
        Assert.True(await Replans.WaitAsync(() => Task.FromResult(Replans.FinishedRuns(A).Count == 2)), Replans.Describe(A));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var versions = await Replans.VersionsAsync(B, station, day);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal((ReplanService.JobName, PlanStatus.Draft), (versions[0].CreatedBy, versions[0].Status));
        Assert.Equal(["Planned", "Superseded"], Replans.FinishedRuns(B).Select(r => r.Outcome).Order(StringComparer.Ordinal));
        // The new draft left out the cancelled families.
        var stops = (await A.Services.GetRequiredService<Outreach.Data.Stores.PlanStore>().GetAsync(versions[0].Id))!.Stops;
        Assert.DoesNotContain(stops, s => s.BookingId == plan.Bookings["Lan"].Id || s.BookingId == plan.Bookings["Minh"].Id);

        // Change set 2: the chief changes the unit's settings through instance B: one more version.
        var firstRuns = Replans.FinishedRuns(A).Select(r => r.JobId).ToHashSet(StringComparer.Ordinal);
        using var chief = await B.SignedInAsync(StaffRole.Chief, station);
        using var put = await chief.PutAsync($"/api/stations/{station}/settings", new StringContent(
            """
            {
              "deskCount": 3, "filesPerDeskPerHour": 6, "maxRideMinutes": 40, "bookingSlotMinutes": 60,
              "maxTripsPerVan": 3, "maxBookingsPerTrip": 6, "maxReturnWaitMinutes": 30,
              "openingHours": [ { "day": "tuesday", "opens": "07:00", "closes": "11:00" }, { "day": "tuesday", "opens": "13:00", "closes": "17:00" } ]
            }
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(await Replans.WaitAsync(async () => (await Replans.VersionsAsync(A, station, day)).Count == 3 && (await Replans.PendingAsync(A)).Count == 0), Replans.Describe(A));
        Assert.True(await Replans.WaitAsync(() => Task.FromResult(Replans.FinishedRuns(A).Count == 3)), Replans.Describe(A));
        var planned = Assert.Single(Replans.FinishedRuns(A), r => !firstRuns.Contains(r.JobId));
        Assert.Equal("Planned", planned.Outcome);

        // The same job once more (as a retry or a second delivery would run it), through the other instance.
        var client = B.Services.GetRequiredService<IBackgroundJobClient>();
        Assert.True(client.ChangeState(planned.JobId, new EnqueuedState(ReplanJob.Queue), SucceededState.StateName));
        Assert.True(await Replans.WaitAsync(() => Task.FromResult(Replans.FinishedRuns(A).Any(r => r.JobId == planned.JobId && r.Outcome == "Gone"))), Replans.Describe(A));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await Replans.VersionsAsync(A, station, day)).Count);
    }
}
