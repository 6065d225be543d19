using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Jobs.Nightly;
using Outreach.Jobs.Notifications;
using Outreach.Jobs.Weather;
using Outreach.Web.Tests.Support;

namespace Outreach.Web.Tests.Features.Jobs;

/// <summary>Which recurring jobs the app puts on Hangfire's schedule, and when.</summary>
public sealed class RecurringJobsTests
{
    [Fact]
    public void Start_Default_NoWeatherPoll()
    {
        using var app = new OutreachAppFactory();
        _ = app.Server;

        var ids = Recurring(app).Select(j => j.Id).ToList();

        Assert.Contains(OutboxDispatchJob.RecurringId, ids);
        Assert.DoesNotContain(WeatherPollJob.RecurringId, ids);
        Assert.False(app.Services.GetRequiredService<WeatherSettings>().Enabled);
    }

    [Fact]
    public void Start_WeatherEnabledAndNightlyAt1730_BothScheduledNothingPolledAtStart()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:Weather:Enabled"] = "true";
        // Nothing listens there: a poll at start-up would only log its failure, but none is made.
        app.Settings["Outreach:Weather:Endpoint"] = "http://127.0.0.1:9/v1/forecast";
        app.Settings["Outreach:Weather:IntervalHours"] = "3";
        app.Settings["Outreach:Nightly:Enabled"] = "true";
        app.Settings["Outreach:Nightly:LocalTime"] = "17:30";
        _ = app.Server;

        var jobs = Recurring(app).ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("0 */3 * * *", jobs[WeatherPollJob.RecurringId]);
        // 17:30 in Vietnam (UTC+7 all year) is 10:30 UTC.
        Assert.Equal("30 10 * * *", jobs[NightlyJob.RecurringId]);
    }

    [Fact]
    public void Start_NightlyTimeNotATime_StartStopsNamingKeyAndValue()
    {
        using var app = new OutreachAppFactory();
        app.Settings["Outreach:Nightly:LocalTime"] = "6pm";

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Outreach:Nightly:LocalTime = '6pm'", error.ToString(), StringComparison.Ordinal);
    }

    private static List<RecurringJobDto> Recurring(OutreachAppFactory app)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}
